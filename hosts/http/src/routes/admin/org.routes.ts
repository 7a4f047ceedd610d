import { Type } from '@sinclair/typebox';
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { auditJson, orgSettingsJson, pageJson } from '../../presenters/presenters.js';
import { DateTime, Nullable, Page, PageQueryFields, Uuid } from '../../schemas/common.schemas.js';
import { AuditEntryView } from '../../schemas/audit.schemas.js';
import { commonErrors, listInput } from '../route-helpers.js';

const OrgSettingsView = Type.Object({
  org_id: Uuid,
  time_zone: Type.String(),
  currency: Type.String(),
  lead_auto_archive_days: Nullable(Type.Integer()),
  updated_at: DateTime,
});

const UpdateOrgSettingsBody = Type.Object(
  {
    time_zone: Type.Optional(Type.String({ maxLength: 64, description: 'IANA zone, e.g. Europe/London' })),
    currency: Type.Optional(Type.String({ minLength: 3, maxLength: 3, description: 'ISO 4217 code' })),
    lead_auto_archive_days: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 3650 }))),
  },
  { additionalProperties: false, minProperties: 1 },
);

const AuditQuery = Type.Object(
  {
    ...PageQueryFields,
    resource_type: Type.Optional(Type.String({ maxLength: 64 })),
    resource_id: Type.Optional(Type.String({ maxLength: 200 })),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    actor_id: Type.Optional(Type.String({ maxLength: 200 })),
    created_from: Type.Optional(DateTime),
    created_to: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);

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
    defineRoute({
      method: 'GET',
      path: '/v1/admin/org/settings',
      operationId: 'getOrgSettings',
      summary: 'Settings of your org (time zone, currency, lead auto-archive)',
      tags: ['Organisation'],
      audience: 'staff',
      permission: 'org.view',
      responses: { 200: { description: 'The settings', schema: OrgSettingsView }, ...commonErrors },
      async handler({ runtime, ctx }) {
        return { status: 200, body: orgSettingsJson(await runtime.core.orgs.getSettings.execute(ctx)) };
      },
    }),
    defineRoute({
      method: 'PATCH',
      path: '/v1/admin/org/settings',
      operationId: 'updateOrgSettings',
      summary: 'Change settings of your org (lead_auto_archive_days: null turns auto-archive off)',
      tags: ['Organisation'],
      audience: 'staff',
      permission: 'org.manage',
      body: UpdateOrgSettingsBody,
      responses: { 200: { description: 'The updated settings', schema: OrgSettingsView }, ...commonErrors },
      async handler({ runtime, ctx, body }) {
        return { status: 200, body: orgSettingsJson(await runtime.core.orgs.updateSettings.execute(ctx, body)) };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/admin/audit-logs',
      operationId: 'listAuditLogs',
      summary: 'Audit log of your org, newest first',
      tags: ['Audit'],
      audience: 'staff',
      permission: 'audit.view',
      query: AuditQuery,
      inputIn: 'query',
      responses: { 200: { description: 'A page of audit entries', schema: Page(AuditEntryView) }, ...commonErrors },
      async handler({ runtime, ctx, query }) {
        const page = await runtime.core.audit.list.execute(ctx, {
          ...(query.resource_type !== undefined ? { resourceType: query.resource_type } : {}),
          ...(query.resource_id !== undefined ? { resourceId: query.resource_id } : {}),
          ...(query.action !== undefined ? { action: query.action } : {}),
          ...(query.actor_id !== undefined ? { actorId: query.actor_id } : {}),
          ...listInput(query),
        });
        return { status: 200, body: pageJson(page, auditJson) };
      },
    }),
  ];
}
