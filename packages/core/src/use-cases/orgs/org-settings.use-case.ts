import type { RequestContext } from '../../context.js';
import { AppError } from '../../errors/app-error.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { checkCurrency, checkTimeZone, type OrgSettings } from '../../domain/orgs/org.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';

export interface OrgSettingsDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

function missing(orgId: string): AppError {
  return new AppError('org.not_found', `Organisation ${orgId} has no settings`, { details: { org_id: orgId } });
}

/**
 * The settings of the caller's org.
 * @throws org.not_found — the org has no settings row (it does not exist).
 */
export class GetOrgSettings {
  constructor(private readonly deps: Pick<OrgSettingsDeps, 'uow'>) {}

  async execute(ctx: RequestContext): Promise<OrgSettings> {
    const settings = await this.deps.uow.run(ctx, (repos) => repos.orgSettings.get());
    if (settings === null) throw missing(ctx.orgId);
    return settings;
  }
}

/**
 * Changes the given settings (time zone, currency, lead auto-archive days; null turns it off).
 * @throws validation.failed — unknown zone, malformed currency, days outside 1..3650.
 * @throws org.not_found — the org has no settings row.
 */
export class UpdateOrgSettings {
  constructor(private readonly deps: OrgSettingsDeps) {}

  async execute(
    ctx: RequestContext,
    input: { timeZone?: unknown; currency?: unknown; leadAutoArchiveDays?: unknown },
  ): Promise<OrgSettings> {
    const checks = new InputChecks();
    const changes: { timeZone?: string; currency?: string; leadAutoArchiveDays?: number | null } = {};
    if (input.timeZone !== undefined) changes.timeZone = checkTimeZone(checks, '/timeZone', input.timeZone);
    if (input.currency !== undefined) changes.currency = checkCurrency(checks, '/currency', input.currency);
    if (input.leadAutoArchiveDays === null) changes.leadAutoArchiveDays = null;
    else if (input.leadAutoArchiveDays !== undefined) {
      const days = checks.integer('/leadAutoArchiveDays', input.leadAutoArchiveDays, { min: 1, max: 3650 });
      if (days !== undefined) changes.leadAutoArchiveDays = days;
    }
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.orgSettings.get();
      if (before === null) throw missing(ctx.orgId);
      const after: OrgSettings = { ...before, ...changes, updatedAt: ctx.now };
      await repos.orgSettings.update(after);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'org.settings_update',
          resourceType: 'org',
          resourceId: ctx.orgId,
          before: snapshot(before),
          after: snapshot(after),
        }),
      );
      return after;
    });
  }
}
