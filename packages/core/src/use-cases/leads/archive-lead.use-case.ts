import type { RequestContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { Lead } from '../../domain/leads/lead.js';
import { Type } from '@sinclair/typebox';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { NullableText, Uuid } from '../../contracts/schema-vocabulary.js';
import { LeadView } from '../../domain/leads/lead-schemas.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { leadNotFound } from './get-lead.use-case.js';

export interface ArchiveLeadDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

/**
 * Archives a lead: hidden from default lists, frozen against edits. Archiving an archived lead
 * returns it unchanged and writes no audit row, so retries are safe.
 * @throws validation.failed — the id is not a UUID.
 * @throws lead.not_found — no such lead in this org.
 */
const contract = defineContract({
  name: 'ArchiveLead',
  input: Type.Object({ id: Uuid(), reason: Type.Optional(NullableText(500, { description: 'Kept in the audit log' })) }, { additionalProperties: false }),
  output: LeadView,
});

export type ArchiveLeadInput = ContractInput<typeof contract>;

export class ArchiveLead {
  static readonly contract = contract;

  constructor(private readonly deps: ArchiveLeadDeps) {}

  async execute(ctx: RequestContext, input: ArchiveLeadInput): Promise<Lead> {
    const checked = checkInput(contract, input);
    const id = checked.id;
    const reason = checked.reason ?? null;
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.leads.findById(id, { forUpdate: true });
      if (before === null) throw leadNotFound(id);
      if (before.archivedAt !== null) return before;
      const after: Lead = { ...before, archivedAt: ctx.now, updatedAt: ctx.now };
      await repos.leads.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'lead.archive',
          resourceType: 'lead',
          resourceId: id,
          before: snapshot(before),
          after: snapshot(after),
          metadata: reason === null ? {} : { reason },
        }),
      );
      return after;
    });
  }
}
