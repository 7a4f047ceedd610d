import type { RequestContext } from '../../context.js';
import { AppError } from '../../errors/app-error.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { LeadFieldsInput } from '../../domain/leads/lead-input.js';
import type { Lead } from '../../domain/leads/lead.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { buildNewLead } from './create-lead.use-case.js';

export interface SubmitPublicLeadDeps {
  readonly uow: UnitOfWork;
  readonly orgs: OrgDirectory;
  readonly ids: IdGenerator;
}

export interface SubmitPublicLeadInput extends Omit<LeadFieldsInput, 'status'> {
  readonly orgSlug: unknown;
}

export interface PublicSubmitter {
  readonly requestId: string;
  readonly now: Date;
}

/**
 * An anonymous intake form submission: picks the org by slug, records a `new` lead with source
 * `public_form` unless given. Status cannot be set from outside.
 * @throws validation.failed — bad slug or lead fields.
 * @throws org.not_found — no org has that slug.
 */
export class SubmitPublicLead {
  constructor(private readonly deps: SubmitPublicLeadDeps) {}

  async execute(submitter: PublicSubmitter, input: SubmitPublicLeadInput): Promise<{ lead: Lead; orgId: string }> {
    const checks = new InputChecks();
    const slug = checks.text('/orgSlug', input.orgSlug, { max: 63 }).toLowerCase();
    checks.throwIfAny();
    const org = await this.deps.orgs.findBySlug(slug);
    if (org === null) throw new AppError('org.not_found', `No organisation has the slug ${slug}`, { details: { org_slug: slug } });
    const ctx: RequestContext = { orgId: org.id, actor: { kind: 'public', id: 'public-intake', role: null }, requestId: submitter.requestId, now: submitter.now };
    const { orgSlug: _slug, ...fields } = input;
    const given = typeof fields.source === 'string' && fields.source.trim() !== '' ? fields.source : 'public_form';
    const lead = buildNewLead(ctx, this.deps.ids.next(), { ...fields, status: undefined, source: given });
    await this.deps.uow.run(ctx, async (repos) => {
      await repos.leads.insert(lead);
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'lead.create', resourceType: 'lead', resourceId: lead.id, after: snapshot(lead) }));
    });
    return { lead, orgId: org.id };
  }
}
