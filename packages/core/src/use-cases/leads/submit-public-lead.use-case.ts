import type { RequestContext } from '../../context.js';
import { AppError } from '../../errors/app-error.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { Type } from '@sinclair/typebox';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Text } from '../../contracts/schema-vocabulary.js';
import { LeadFields, LeadName } from '../../domain/leads/lead-schemas.js';
import type { Lead } from '../../domain/leads/lead.js';
import type { SystemAuditLog } from '../../ports/audit-log.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { RateBucket, RateLimiter } from '../../ports/rate-limiter.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { buildNewLead } from './create-lead.use-case.js';

export interface SubmitPublicLeadDeps {
  readonly uow: UnitOfWork;
  readonly orgs: OrgDirectory;
  readonly ids: IdGenerator;
  readonly limiter: RateLimiter;
  readonly systemAudit: SystemAuditLog;
}

const contract = defineContract({
  name: 'SubmitPublicLead',
  input: Type.Object({ orgSlug: Text(63, { description: 'The org the form belongs to' }), name: LeadName, ...LeadFields }, { additionalProperties: false }),
  output: Type.Object(
    { id: Type.String({ format: 'uuid' }), status: Type.Literal('received') },
    { additionalProperties: false, $id: 'PublicLeadReceipt', description: 'The same answer whether or not the org exists' },
  ),
});

export type SubmitPublicLeadInput = ContractInput<typeof contract>;

/** At most 30 intake submissions per client address an hour, whichever org (known or not) they name. */
export const PUBLIC_INTAKE_BY_IP: RateBucket = { name: 'public-intake-ip', points: 30, windowSeconds: 3600 };

export interface PublicSubmitter {
  readonly requestId: string;
  readonly now: Date;
  /** The submitter's address, for the intake limit; null when unknown (embedding without one). */
  readonly clientIp?: string | null;
}

/**
 * An anonymous intake form submission: picks the org by slug, records a `new` lead with source
 * `public_form` unless given. Status cannot be set from outside. An unknown slug gets the same
 * answer (a fresh id, nothing stored in any org), spends the same intake budget and does a
 * comparable write — a system-audit row, so probes are visible — so neither the answer nor its
 * timing tells which orgs exist.
 * @throws validation.failed — bad slug or lead fields.
 * @throws request.rate_limited — too many submissions from the address.
 */
export class SubmitPublicLead {
  static readonly contract = contract;

  constructor(private readonly deps: SubmitPublicLeadDeps) {}

  async execute(submitter: PublicSubmitter, input: SubmitPublicLeadInput): Promise<{ lead: Lead; orgId: string | null }> {
    const { orgSlug, ...fields } = checkInput(contract, input);
    const slug = orgSlug.toLowerCase();
    const clientIp = submitter.clientIp ?? null;
    const given = fields.source ?? 'public_form';
    const actor = { kind: 'public' as const, id: 'public-intake', role: null };
    // Validated before the org is looked up: a bad submission is refused the same way for any slug.
    const draft = (orgId: string): Lead => buildNewLead({ orgId, now: submitter.now }, this.deps.ids.next(), { ...fields, source: given });
    const probe = draft('00000000-0000-0000-0000-000000000000');
    if (clientIp !== null) {
      const decision = await this.deps.limiter.hit(PUBLIC_INTAKE_BY_IP, clientIp);
      if (!decision.allowed) throw new AppError('request.rate_limited', 'Too many submissions from this address; try again later', { retryAfterSeconds: decision.retryAfterSeconds });
    }
    const org = await this.deps.orgs.findBySlug(slug);
    if (org === null) {
      await this.deps.systemAudit.append({
        id: this.deps.ids.next(),
        actorId: actor.id,
        action: 'lead.public_submit_unknown_org',
        reason: 'intake for an unknown org slug (answered as received, nothing stored)',
        metadata: { org_slug: slug, client_ip: clientIp },
        requestId: submitter.requestId,
        createdAt: submitter.now,
      });
      return { lead: probe, orgId: null };
    }
    const ctx: RequestContext = { orgId: org.id, actor, requestId: submitter.requestId, now: submitter.now };
    const lead = { ...probe, orgId: org.id };
    await this.deps.uow.run(ctx, async (repos) => {
      await repos.leads.insert(lead);
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'lead.create', resourceType: 'lead', resourceId: lead.id, after: snapshot(lead) }));
    });
    return { lead, orgId: org.id };
  }
}
