import type { RequestContext } from '../../context.js';
import { personalDataView, searchableFields } from '../../access/personal-data.js';
import type { Client } from '../../domain/clients/client.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { parseCommonList, type CommonListInput } from '../../domain/shared/list-input.js';
import { pageFrom, type Page } from '../../domain/shared/pagination.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { SearchAdmission } from '../shared/search-admission.js';

export interface ListClientsDeps {
  readonly uow: UnitOfWork;
  readonly searches: SearchAdmission;
}

export type ListClientsInput = CommonListInput;

/**
 * Clients of the caller's org, newest first, with their addresses. Filters: created range,
 * `q` (at least 3 characters; name, email or phone digits — for a role that sees email and phone
 * masked, the name only), archived (excluded by default).
 * @throws validation.failed — bad dates, bad cursor, limit outside 1..200, q shorter than 3 characters.
 * @throws search.busy — too many searches running (in this process or for this org); retry shortly.
 * @throws search.too_broad — the search ran past its time budget.
 */
export class ListClients {
  constructor(private readonly deps: ListClientsDeps) {}

  async execute(ctx: RequestContext, input: ListClientsInput): Promise<Page<Client>> {
    const checks = new InputChecks();
    const common = parseCommonList(checks, input, searchableFields(personalDataView(ctx.actor)));
    checks.throwIfAny();
    const list = () => this.deps.uow.run(ctx, (repos) => repos.clients.list({ ...common, limit: common.limit + 1 }));
    const rows = common.search === null ? await list() : await this.deps.searches.run(ctx.orgId, list);
    return pageFrom(rows, common.limit);
  }
}
