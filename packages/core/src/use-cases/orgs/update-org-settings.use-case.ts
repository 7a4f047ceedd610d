import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { Currency, disabledAfter, DunningDays, LeadAutoArchiveDays, Locale, NotificationSwitches, OrgSettingsView, TimeZone } from '../../domain/orgs/org-schemas.js';
import type { OrgSettings } from '../../domain/orgs/org.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { orgSettingsMissing } from './get-org-settings.use-case.js';

export interface UpdateOrgSettingsDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
}

const contract = defineContract({
  name: 'UpdateOrgSettings',
  input: Type.Object(
    {
      timeZone: Type.Optional(TimeZone),
      currency: Type.Optional(Currency),
      leadAutoArchiveDays: Type.Optional(LeadAutoArchiveDays),
      locale: Type.Optional(Locale),
      notifications: Type.Optional(NotificationSwitches),
      dunningDays: Type.Optional(DunningDays),
    },
    { additionalProperties: false, minProperties: 1, description: 'At least one setting' },
  ),
  output: OrgSettingsView,
});

export type UpdateOrgSettingsInput = ContractInput<typeof contract>;

/**
 * Changes the given settings (time zone, currency, lead auto-archive days — null turns it off —,
 * locale, notifications: each one named is turned on or off, the others keep their setting —,
 * and the overdue reminder schedule `dunningDays`, stored ascending).
 * @throws validation.failed — no setting given, unknown zone, malformed currency, days outside
 *   1..3650, a locale that is not a BCP 47 tag, an unknown notification or none named, a
 *   dunning schedule that is empty, longer than 10, repeats a day or has a day outside 1..365.
 * @throws org.not_found — the org has no settings row.
 */
export class UpdateOrgSettings {
  static readonly contract = contract;

  constructor(private readonly deps: UpdateOrgSettingsDeps) {}

  async execute(ctx: RequestContext, input: UpdateOrgSettingsInput): Promise<OrgSettings> {
    const checked = checkInput(contract, input);
    const changes: { timeZone?: string; currency?: string; leadAutoArchiveDays?: number | null; locale?: string; dunningDays?: number[] } = {};
    if (checked.timeZone !== undefined) changes.timeZone = checked.timeZone;
    if (checked.currency !== undefined) changes.currency = checked.currency;
    if (checked.leadAutoArchiveDays !== undefined) changes.leadAutoArchiveDays = checked.leadAutoArchiveDays;
    if (checked.locale !== undefined) changes.locale = checked.locale;
    if (checked.dunningDays !== undefined) changes.dunningDays = checked.dunningDays;
    const switches = checked.notifications;
    return this.deps.uow.run(ctx, async (repos) => {
      const before = await repos.orgSettings.get();
      if (before === null) throw orgSettingsMissing(ctx.orgId);
      const after: OrgSettings = {
        ...before,
        ...changes,
        ...(switches === undefined ? {} : { notificationsDisabled: disabledAfter(before.notificationsDisabled, switches) }),
        updatedAt: ctx.now,
      };
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
