import type { RequestContext } from '../../context.js';
import { AppError } from '../../errors/app-error.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { Type } from '@sinclair/typebox';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { assertReachable, leadChanges } from '../../domain/leads/lead-input.js';
import { LeadFields, LeadName, LeadView, SettableLeadStatus } from '../../domain/leads/lead-schemas.js';
import type { Lead } from '../../domain/leads/lead.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { leadNotFound } from './get-lead.use-case.js';

export interface UpdateLeadDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'UpdateLead',
  input: Type.Object(
    { id: Uuid(), name: Type.Optional(LeadName), ...LeadFields, status: Type.Optional(SettableLeadStatus) },
    { additionalProperties: false, minProperties: 2, description: 'At least one field besides the id' },
  ),
  output: LeadView,
});

export type UpdateLeadInput = ContractInput<typeof contract>;

/**
 * Changes the given fields of a lead (absent fields keep their value, null clears).
 * @throws validation.failed — malformed field, or the change leaves neither email nor phone.
 * @throws lead.not_found — no such lead in this org.
 * @throws lead.archived — archived leads are frozen.
 * @throws lead.already_converted — converted leads are frozen.
 */
export class UpdateLead {
  static readonly contract = contract;

  constructor(private readonly deps: UpdateLeadDeps) {}

  async execute(ctx: RequestContext, input: UpdateLeadInput): Promise<Lead> {
    const { id, ...fields } = checkInput(contract, input);
    const changes = leadChanges(fields);

    return this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.leads.findById(id, { forUpdate: true });
      if (before === null) throw leadNotFound(id);
      assertEditable(before);
      const after: Lead = { ...before, ...changes, updatedAt: ctx.now };
      assertReachable(after.email, after.phone);
      await repos.leads.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: changes.status !== undefined && changes.status !== before.status ? 'lead.status_change' : 'lead.update',
          resourceType: 'lead',
          resourceId: id,
          before: snapshot(before),
          after: snapshot(after),
        }),
      );
      return after;
    });
  }
}

export function assertEditable(lead: Lead): void {
  if (lead.archivedAt !== null) {
    throw new AppError('lead.archived', `Lead ${lead.id} is archived`, { details: { lead_id: lead.id } });
  }
  if (lead.status === 'converted') {
    throw new AppError('lead.already_converted', `Lead ${lead.id} was converted`, {
      details: { lead_id: lead.id, client_id: lead.convertedClientId },
    });
  }
}
