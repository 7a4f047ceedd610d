import type { RequestContext } from '../../context.js';
import { LEAD_STATUSES, type Lead, type LeadStatus } from '../../domain/leads/lead.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { parseCommonList, type CommonListInput } from '../../domain/shared/list-input.js';
import { pageFrom, type Page } from '../../domain/shared/pagination.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface ListLeadsDeps {
  readonly uow: UnitOfWork;
}

export interface ListLeadsInput extends CommonListInput {
  readonly statuses?: readonly string[];
}

/**
 * Leads of the caller's org, newest first, a page at a time. Filters: statuses, created range
 * (from inclusive, to exclusive), `q` (name, email or phone), archived (excluded by default).
 * @throws validation.failed — unknown status, bad dates, bad cursor, limit outside 1..200.
 */
export class ListLeads {
  constructor(private readonly deps: ListLeadsDeps) {}

  async execute(ctx: RequestContext, input: ListLeadsInput): Promise<Page<Lead>> {
    const checks = new InputChecks();
    const common = parseCommonList(checks, input);
    let statuses: LeadStatus[] | null = null;
    if (input.statuses !== undefined && input.statuses.length > 0) {
      statuses = [];
      input.statuses.forEach((s, i) => {
        const status = checks.oneOf(`/statuses/${i}`, s, LEAD_STATUSES);
        if (status !== undefined) statuses!.push(status);
      });
    }
    checks.throwIfAny();
    const rows = await this.deps.uow.run(ctx, (repos) => repos.leads.list({ ...common, statuses, limit: common.limit + 1 }));
    return pageFrom(rows, common.limit);
  }
}
