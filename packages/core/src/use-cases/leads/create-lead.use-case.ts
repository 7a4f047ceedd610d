import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { assertReachable, leadChanges, type CheckedLeadFields } from '../../domain/leads/lead-input.js';
import { LeadFields, LeadName, LeadView, SettableLeadStatus } from '../../domain/leads/lead-schemas.js';
import type { Lead } from '../../domain/leads/lead.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface CreateLeadDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'CreateLead',
  input: Type.Object({ name: LeadName, ...LeadFields, status: Type.Optional(SettableLeadStatus) }, { additionalProperties: false }),
  output: LeadView,
});

export type CreateLeadInput = ContractInput<typeof contract>;

/**
 * Records a new lead in the caller's org, status `new` unless given.
 * @throws validation.failed — a field the contract refuses, or neither email nor phone.
 */
export class CreateLead {
  static readonly contract = contract;

  constructor(private readonly deps: CreateLeadDeps) {}

  async execute(ctx: RequestContext, input: CreateLeadInput): Promise<Lead> {
    const lead = buildNewLead(ctx, this.deps.ids.next(), checkInput(contract, input));
    return this.deps.uow.run(ctx, async (repos) => {
      await repos.leads.insert(lead);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'lead.create', resourceType: 'lead', resourceId: lead.id, after: snapshot(lead) }),
      );
      return lead;
    });
  }
}

/** A new lead owned by `ctx.orgId` from checked fields (shared with public intake). */
export function buildNewLead(ctx: Pick<RequestContext, 'orgId' | 'now'>, id: string, input: CheckedLeadFields & { readonly name: string }): Lead {
  const fields = leadChanges(input);
  assertReachable(fields.email ?? null, fields.phone ?? null);
  return {
    id,
    orgId: ctx.orgId,
    name: input.name,
    email: fields.email ?? null,
    phone: fields.phone ?? null,
    source: fields.source ?? null,
    status: fields.status ?? 'new',
    notes: fields.notes ?? null,
    serviceRequested: fields.serviceRequested ?? null,
    address: fields.address ?? null,
    convertedClientId: null,
    convertedAt: null,
    archivedAt: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
}
