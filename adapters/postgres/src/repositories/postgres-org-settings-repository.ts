import { AppError, NOTIFICATION_KINDS, type NotificationKind, type OrgSettings, type OrgSettingsRepository } from '@cws/core';
import type { TenantDb } from '../tenant-transaction.js';
import { OrgSettingsModel } from '../models.js';
import { updateOne } from '../pg-errors.js';

export function toSettings(row: OrgSettingsModel): OrgSettings {
  return {
    orgId: row.org_id,
    timeZone: row.time_zone,
    currency: row.currency,
    leadAutoArchiveDays: row.lead_auto_archive_days,
    locale: row.locale,
    // Kinds this build no longer knows are dropped rather than trusted.
    notificationsDisabled: row.notifications_disabled.filter((k): k is NotificationKind => (NOTIFICATION_KINDS as readonly string[]).includes(k)),
    dunningDays: row.dunning_days.map(Number),
    updatedAt: row.updated_at,
  };
}

export function settingsColumns(s: OrgSettings) {
  return { time_zone: s.timeZone, currency: s.currency, lead_auto_archive_days: s.leadAutoArchiveDays,
    locale: s.locale,
    notifications_disabled: [...s.notificationsDisabled],
    dunning_days: [...s.dunningDays],
    updated_at: s.updatedAt,
  };
}

export class PostgresOrgSettingsRepository implements OrgSettingsRepository {
  constructor(private readonly db: TenantDb, private readonly orgId: string) {}

  async get(): Promise<OrgSettings | null> {
    // No org filter on purpose: the policy is the filter. More than one row means it is not.
    const rows = await this.db.query(OrgSettingsModel).limit(2);
    if (rows.length > 1) throw new Error('org_settings returned rows of several orgs: row level security is not in force');
    const row = rows[0];
    return row === undefined ? null : toSettings(row);
  }

  async update(settings: OrgSettings): Promise<void> {
    await updateOne(
      () => this.db.table('org_settings').where({ org_id: settings.orgId }).update(settingsColumns(settings)),
      () => new AppError('org.not_found', `Organisation ${this.orgId} has no settings`, { details: { org_id: settings.orgId } }),
    );
  }
}
