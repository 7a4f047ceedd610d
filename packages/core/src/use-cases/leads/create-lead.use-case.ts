import type { RequestContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { checkLeadFields, checkReachable, type LeadFieldsInput } from '../../domain/leads/lead-input.js';
import type { Lead } from '../../domain/leads/lead.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface CreateLeadDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

export type CreateLeadInput = LeadFieldsInput;

/**
 * Records a new lead in the caller's org, status `new` unless given.
 * @throws validation.failed — missing name, no email and no phone, or a malformed field.
 */
export class CreateLead {
  constructor(private readonly deps: CreateLeadDeps) {}

  async execute(ctx: RequestContext, input: CreateLeadInput): Promise<Lead> {
    const lead = buildNewLead(ctx, this.deps.ids.next(), input);
    return this.deps.uow.run(ctx, async (repos) => {
      await repos.leads.insert(lead);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'lead.create', resourceType: 'lead', resourceId: lead.id, after: snapshot(lead) }),
      );
      return lead;
    });
  }
}

/** Validates `input` into a new lead owned by `ctx.orgId` (shared with public intake). */
export function buildNewLead(ctx: RequestContext, id: string, input: LeadFieldsInput): Lead {
  const checks = new InputChecks();
  const fields = checkLeadFields(checks, { ...input, name: input.name ?? '' });
  checkReachable(checks, fields.email ?? null, fields.phone ?? null);
  checks.throwIfAny();
  return {
    id,
    orgId: ctx.orgId,
    name: fields.name ?? '',
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
