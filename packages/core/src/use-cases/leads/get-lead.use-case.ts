import type { RequestContext } from '../../context.js';
import { AppError } from '../../errors/app-error.js';
import type { Lead } from '../../domain/leads/lead.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface GetLeadDeps {
  readonly uow: UnitOfWork;
}

/**
 * One lead of the caller's org.
 * @throws validation.failed — the id is not a UUID.
 * @throws lead.not_found — no such lead in this org (also for another org's lead).
 */
export class GetLead {
  constructor(private readonly deps: GetLeadDeps) {}

  async execute(ctx: RequestContext, input: { id: string }): Promise<Lead> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    checks.throwIfAny();
    const lead = await this.deps.uow.run(ctx, (repos) => repos.leads.findById(id));
    if (lead === null) throw leadNotFound(id);
    return lead;
  }
}

export function leadNotFound(id: string): AppError {
  return new AppError('lead.not_found', `No lead ${id} in this organisation`, { details: { lead_id: id } });
}
