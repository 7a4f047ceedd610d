import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { PageFields, PageOf } from '../../contracts/schema-vocabulary.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { AuditEntryView, FilterText } from '../../domain/audit/audit-schemas.js';
import { ListFilterFields, listQueryFrom } from '../../domain/shared/list-input.js';
import { pageFrom, type Page } from '../../domain/shared/pagination.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface ListAuditLogsDeps {
  readonly uow: UnitOfWork;
}

const contract = defineContract({
  name: 'ListAuditLogs',
  input: Type.Object(
    {
      resourceType: Type.Optional(FilterText(64, { description: 'lead, client, booking, …' })),
      resourceId: Type.Optional(FilterText(200)),
      action: Type.Optional(FilterText(100, { description: 'e.g. lead.create' })),
      actorId: Type.Optional(FilterText(200)),
      createdFrom: ListFilterFields.createdFrom,
      createdTo: ListFilterFields.createdTo,
      ...PageFields,
    },
    { additionalProperties: false },
  ),
  output: PageOf(AuditEntryView, { $id: 'AuditEntryPage' }),
});

export type ListAuditLogsInput = ContractInput<typeof contract>;

/**
 * The caller's org audit log, newest first, filtered by resource, action, actor (exact matches;
 * blank means no filter) and created range (from inclusive, to exclusive).
 * @throws validation.failed — bad dates or range, cursor or limit.
 */
export class ListAuditLogs {
  static readonly contract = contract;

  constructor(private readonly deps: ListAuditLogsDeps) {}

  async execute(ctx: RequestContext, input: ListAuditLogsInput): Promise<Page<AuditEntry>> {
    const checked = checkInput(contract, input);
    const { createdFrom, createdTo, after, limit } = listQueryFrom(checked, []);
    const query = {
      resourceType: checked.resourceType ?? null,
      resourceId: checked.resourceId ?? null,
      action: checked.action ?? null,
      actorId: checked.actorId ?? null,
      createdFrom,
      createdTo,
      after,
      limit: limit + 1,
    };
    const rows = await this.deps.uow.run(ctx, (repos) => repos.audit.list(query));
    return pageFrom(rows, limit);
  }
}
