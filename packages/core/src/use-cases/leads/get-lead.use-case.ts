import type { RequestContext } from '../../context.js';
import { AppError } from '../../errors/app-error.js';
import type { Lead } from '../../domain/leads/lead.js';
import { Type } from '@sinclair/typebox';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { LeadView } from '../../domain/leads/lead-schemas.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface GetLeadDeps {
  readonly uow: UnitOfWork;
}

/**
 * One lead of the caller's org.
 * @throws validation.failed — the id is not a UUID.
 * @throws lead.not_found — no such lead in this org (also for another org's lead).
 */
const contract = defineContract({ name: 'GetLead', input: Type.Object({ id: Uuid() }, { additionalProperties: false }), output: LeadView });

export class GetLead {
  static readonly contract = contract;

  constructor(private readonly deps: GetLeadDeps) {}

  async execute(ctx: RequestContext, input: ContractInput<typeof contract>): Promise<Lead> {
    const { id } = checkInput(contract, input);
    const lead = await this.deps.uow.run(ctx, (repos) => repos.leads.findById(id), { readOnly: true });
    if (lead === null) throw leadNotFound(id);
    return lead;
  }
}

export function leadNotFound(id: string): AppError {
  return new AppError('lead.not_found', `No lead ${id} in this organisation`, { details: { lead_id: id } });
}
