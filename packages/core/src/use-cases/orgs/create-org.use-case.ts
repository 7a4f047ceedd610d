import type { SystemContext } from '../../context.js';
import { checkCurrency, checkSlug, checkTimeZone, type Org, type OrgSettings } from '../../domain/orgs/org.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';

export interface CreateOrgDeps {
  readonly orgs: OrgDirectory;
  readonly ids: IdGenerator;
}

export interface CreateOrgInput {
  readonly name: unknown;
  readonly slug: unknown;
  readonly timeZone?: unknown;
  readonly currency?: unknown;
  readonly leadAutoArchiveDays?: unknown;
  /** Use this id instead of a new one (operators pinning `DEFAULT_ORG_ID`). */
  readonly id?: unknown;
}

/**
 * Creates an org and its settings, with a system audit row, atomically (bootstrap, demo seed,
 * platform operators). Defaults: time zone UTC, currency USD, auto-archive off.
 * @throws validation.failed — bad name, slug, zone, currency or id.
 * @throws org.slug_taken — the slug is in use.
 */
export class CreateOrg {
  constructor(private readonly deps: CreateOrgDeps) {}

  async execute(sys: SystemContext, input: CreateOrgInput): Promise<{ org: Org; settings: OrgSettings }> {
    const checks = new InputChecks();
    const id = input.id === undefined ? this.deps.ids.next() : checks.uuid('/id', input.id);
    const org: Org = { id, name: checks.text('/name', input.name, { max: 200 }), slug: checkSlug(checks, '/slug', input.slug), createdAt: sys.now };
    const settings: OrgSettings = {
      orgId: id,
      timeZone: input.timeZone === undefined ? 'UTC' : checkTimeZone(checks, '/timeZone', input.timeZone),
      currency: input.currency === undefined ? 'USD' : checkCurrency(checks, '/currency', input.currency),
      leadAutoArchiveDays:
        input.leadAutoArchiveDays === undefined || input.leadAutoArchiveDays === null
          ? null
          : (checks.integer('/leadAutoArchiveDays', input.leadAutoArchiveDays, { min: 1, max: 3650 }) ?? null),
      updatedAt: sys.now,
    };
    checks.throwIfAny();
    await this.deps.orgs.create(org, settings, {
      id: this.deps.ids.next(),
      actorId: sys.actor.id,
      action: 'org.create',
      reason: sys.reason,
      metadata: { org_id: org.id, slug: org.slug },
      requestId: sys.requestId,
      createdAt: sys.now,
    });
    return { org, settings };
  }
}
