import type { RequestContext } from '../../context.js';
import { personalDataView, searchableFields } from '../../access/personal-data.js';
import { Type } from '@sinclair/typebox';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { OneOf, PageOf } from '../../contracts/schema-vocabulary.js';
import { LEAD_STATUSES, type Lead } from '../../domain/leads/lead.js';
import { LeadView } from '../../domain/leads/lead-schemas.js';
import { ListFilterFields, listQueryFrom } from '../../domain/shared/list-input.js';
import { pageFrom, type Page } from '../../domain/shared/pagination.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { SearchAdmission } from '../shared/search-admission.js';

export interface ListLeadsDeps {
  readonly uow: UnitOfWork;
  readonly searches: SearchAdmission;
}

const contract = defineContract({
  name: 'ListLeads',
  input: Type.Object(
    { ...ListFilterFields, status: Type.Optional(Type.Array(OneOf(LEAD_STATUSES), { maxItems: LEAD_STATUSES.length, description: 'Leads in any of these statuses (repeat the parameter)' })) },
    { additionalProperties: false },
  ),
  output: PageOf(LeadView, { $id: 'LeadPage' }),
});

export type ListLeadsInput = ContractInput<typeof contract>;

/**
 * Leads of the caller's org, newest first, a page at a time. Filters: statuses, created range
 * (from inclusive, to exclusive), `q` (at least 3 characters; name, email or phone digits — for
 * a role that sees email and phone masked, the name only), archived (excluded by default).
 * @throws validation.failed — unknown status, bad dates, bad cursor, limit outside 1..200, q shorter than 3 characters.
 * @throws search.busy — too many searches running (in this process or for this org); retry shortly.
 * @throws search.too_broad — the search ran past its time budget.
 */
export class ListLeads {
  static readonly contract = contract;

  constructor(private readonly deps: ListLeadsDeps) {}

  async execute(ctx: RequestContext, input: ListLeadsInput): Promise<Page<Lead>> {
    const checked = checkInput(contract, input);
    const common = listQueryFrom(checked, searchableFields(personalDataView(ctx.actor)));
    const statuses = checked.status !== undefined && checked.status.length > 0 ? [...checked.status] : null;
    const list = () => this.deps.uow.run(ctx, (repos) => repos.leads.list({ ...common, statuses, limit: common.limit + 1 }), { readOnly: true });
    const rows = common.search === null ? await list() : await this.deps.searches.run(ctx.orgId, list);
    return pageFrom(rows, common.limit);
  }
}
