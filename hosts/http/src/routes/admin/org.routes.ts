import { Type } from '@sinclair/typebox';
import { GetOrgSettings, ListAuditLogs, UpdateOrgSettings } from '@cws/core';
import { defineContractRoute, defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { auditJson, orgSettingsJson, pageJson } from '../../presenters/presenters.js';
import { Uuid } from '../../schemas/common.schemas.js';
import { commonErrors } from '../route-helpers.js';

const ProfileView = Type.Object({
  user_id: Type.String(),
  username: Type.String(),
  role: Type.String(),
  org_id: Uuid,
  auth_method: Type.String(),
  mfa_verified: Type.Boolean(),
});

export function orgRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/v1/admin/profile',
      operationId: 'getProfile',
      summary: 'Who you are: user, role and the org you act in',
      description: 'The caller as the server sees them: user id, username, role in the org the request acts in, how they authenticated (token or basic) and whether a second factor was proven in this session.',
      tags: ['Identity'],
      audience: 'staff',
      permission: 'profile.view',
      responses: { 200: { description: 'The caller', schema: ProfileView }, ...commonErrors },
      async handler({ identity: caller }) {
        const identity = caller!;
        return {
          status: 200,
          body: {
            user_id: identity.actor.id,
            username: identity.username,
            role: identity.actor.role,
            org_id: identity.orgId,
            auth_method: identity.method,
            mfa_verified: identity.mfaVerified,
          },
        };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/org/settings',
      operationId: 'getOrgSettings',
      summary: 'Settings of your org (time zone, currency, lead auto-archive, locale, notifications)',
      description:
        'The time zone every per-day view is computed in, the currency of money amounts, after how many idle days leads are archived (null: never), the locale messages format dates in, and which notifications are on (every one by default).',
      tags: ['Organisation'],
      audience: 'staff',
      permission: 'org.view',
      contract: GetOrgSettings.contract,
      responses: { 200: { description: 'The settings', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: orgSettingsJson(await runtime.core.orgs.getSettings.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'PATCH',
      path: '/v1/admin/org/settings',
      operationId: 'updateOrgSettings',
      summary: 'Change settings of your org (lead_auto_archive_days: null turns auto-archive off)',
      description:
        'Absent settings keep their value; at least one is required. time_zone must be an IANA zone (stored under its canonical name, e.g. europe/london → Europe/London); currency an ISO 4217 code (stored upper-case); lead_auto_archive_days 1 to 3650 or null; locale a BCP 47 tag (stored canonical, e.g. EN-gb → en-GB). notifications turns the named ones on (true) or off (false), e.g. {"booking_reminder": false} (invoice_reminder: the overdue reminders); those left out keep their setting. dunning_days: the days after an invoice’s due date an overdue reminder goes, 1 to 10 distinct whole days from 1 to 365 (default [3, 7, 14]; stored ascending). Audited as org.settings_update.',
      tags: ['Organisation'],
      audience: 'staff',
      permission: 'org.manage',
      contract: UpdateOrgSettings.contract,
      responses: { 200: { description: 'The updated settings', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: orgSettingsJson(await runtime.core.orgs.updateSettings.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/audit-logs',
      operationId: 'listAuditLogs',
      summary: 'Audit log of your org, newest first',
      description:
        'Every change made in your org, with before and after snapshots. Filters (exact matches; blank means none): resource_type, resource_id, action, actor_id; created_from (inclusive) and created_to (exclusive, after created_from). Cursor pagination.',
      tags: ['Audit'],
      audience: 'staff',
      permission: 'audit.view',
      contract: ListAuditLogs.contract,
      responses: { 200: { description: 'A page of audit entries', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: pageJson(await runtime.core.audit.list.execute(ctx, input), auditJson) };
      },
    }),
  ];
}
