import type { RequestContext } from '../../context.js';
import { personalDataView, searchableFields } from '../../access/personal-data.js';
import { LEAD_STATUSES, type Lead, type LeadStatus } from '../../domain/leads/lead.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { parseCommonList, type CommonListInput } from '../../domain/shared/list-input.js';
import { pageFrom, type Page } from '../../domain/shared/pagination.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { SearchAdmission } from '../shared/search-admission.js';

export interface ListLeadsDeps {
  readonly uow: UnitOfWork;
  readonly searches: SearchAdmission;
}

export interface ListLeadsInput extends CommonListInput {
  readonly statuses?: readonly string[];
}

/**
 * Leads of the caller's org, newest first, a page at a time. Filters: statuses, created range
 * (from inclusive, to exclusive), `q` (at least 3 characters; name, email or phone digits — for
 * a role that sees email and phone masked, the name only), archived (excluded by default).
 * @throws validation.failed — unknown status, bad dates, bad cursor, limit outside 1..200, q shorter than 3 characters.
 * @throws search.busy — too many searches running (in this process or for this org); retry shortly.
 * @throws search.too_broad — the search ran past its time budget.
 */
export class ListLeads {
  constructor(private readonly deps: ListLeadsDeps) {}

  async execute(ctx: RequestContext, input: ListLeadsInput): Promise<Page<Lead>> {
    const checks = new InputChecks();
    const common = parseCommonList(checks, input, searchableFields(personalDataView(ctx.actor)));
    let statuses: LeadStatus[] | null = null;
    if (input.statuses !== undefined && input.statuses.length > 0) {
      statuses = [];
      input.statuses.forEach((s, i) => {
        const status = checks.oneOf(`/statuses/${i}`, s, LEAD_STATUSES);
        if (status !== undefined) statuses!.push(status);
      });
    }
    checks.throwIfAny();
    const list = () => this.deps.uow.run(ctx, (repos) => repos.leads.list({ ...common, statuses, limit: common.limit + 1 }));
    const rows = common.search === null ? await list() : await this.deps.searches.run(ctx.orgId, list);
    return pageFrom(rows, common.limit);
  }
}
