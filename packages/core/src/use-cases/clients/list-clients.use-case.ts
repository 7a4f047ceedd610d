import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { personalDataView, searchableFields } from '../../access/personal-data.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { PageOf } from '../../contracts/schema-vocabulary.js';
import { ClientView } from '../../domain/clients/client-schemas.js';
import type { Client } from '../../domain/clients/client.js';
import { ListFilterFields, listQueryFrom } from '../../domain/shared/list-input.js';
import { pageFrom, type Page } from '../../domain/shared/pagination.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { SearchAdmission } from '../shared/search-admission.js';

export interface ListClientsDeps {
  readonly uow: UnitOfWork;
  readonly searches: SearchAdmission;
}

const contract = defineContract({
  name: 'ListClients',
  input: Type.Object({ ...ListFilterFields }, { additionalProperties: false }),
  output: PageOf(ClientView, { $id: 'ClientPage' }),
});

export type ListClientsInput = ContractInput<typeof contract>;

/**
 * Clients of the caller's org, newest first, with their addresses. Filters: created range
 * (from inclusive, to exclusive), `q` (at least 3 characters; name, email or phone digits — for
 * a role that sees email and phone masked, the name only), archived (excluded by default).
 * @throws validation.failed — bad dates, bad cursor, limit outside 1..200, q shorter than 3 characters.
 * @throws search.busy — too many searches running (in this process or for this org); retry shortly.
 * @throws search.too_broad — the search ran past its time budget.
 */
export class ListClients {
  static readonly contract = contract;

  constructor(private readonly deps: ListClientsDeps) {}

  async execute(ctx: RequestContext, input: ListClientsInput): Promise<Page<Client>> {
    const common = listQueryFrom(checkInput(contract, input), searchableFields(personalDataView(ctx.actor)));
    const list = () => this.deps.uow.run(ctx, (repos) => repos.clients.list({ ...common, limit: common.limit + 1 }));
    const rows = common.search === null ? await list() : await this.deps.searches.run(ctx.orgId, list);
    return pageFrom(rows, common.limit);
  }
}
