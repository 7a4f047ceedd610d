/**
 * `/v1/iam/users` (guide 000 "IAM onboarding operations"): an org's OWNERs and ADMINs manage
 * its staff. Temporary passwords appear in the response once and nowhere else; every change is
 * audited by the core and ends the member's sessions where the change affects them.
 */
import { Type } from '@sinclair/typebox';
import { ROLES, type Member } from '@cws/core';
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { DateTime, IdParams, Nullable, Page, Uuid } from '../../schemas/common.schemas.js';
import { NO_STORE, commonErrors } from '../route-helpers.js';

const tags = ['IAM'];

const RoleSchema = Type.Union(
  ROLES.map((r) => Type.Literal(r)),
  { description: 'owner, admin, finance, dispatcher or viewer' },
);

const MemberView = Type.Object({
  id: Uuid,
  email: Type.String(),
  display_name: Type.String(),
  role: Type.String(),
  mfa_enabled: Type.Boolean(),
  must_change_password: Type.Boolean(),
  deactivated_at: Nullable(DateTime),
  created_at: DateTime,
  updated_at: DateTime,
});

function memberJson(m: Member) {
  return {
    id: m.user.id,
    email: m.user.email,
    display_name: m.user.displayName,
    role: m.membership.role,
    mfa_enabled: m.user.totpEnabledAt !== null,
    must_change_password: m.user.mustChangePassword,
    deactivated_at: m.membership.deactivatedAt?.toISOString() ?? null,
    created_at: m.membership.createdAt.toISOString(),
    updated_at: m.membership.updatedAt.toISOString(),
  };
}


export function iamRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/v1/iam/users',
      operationId: 'listUsers',
      summary: 'Members of your org with role and status, oldest first',
      description: 'The whole staff list in one page (an org has tens of members, not thousands); next_cursor is always null.',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      responses: { 200: { description: 'The members', schema: Page(MemberView) }, ...commonErrors },
      async handler({ runtime, ctx }) {
        const members = await runtime.core.iam.listUsers.execute(ctx);
        return { status: 200, body: { items: members.map(memberJson), next_cursor: null } };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/iam/users',
      operationId: 'inviteUser',
      summary: 'Add a member; a new account gets a temporary password, shown in this response only',
      description: 'An ADMIN cannot add an OWNER. An email that already has an account (in another org) just gains the membership and keeps its password.',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      body: Type.Object(
        { email: Type.String({ maxLength: 254 }), display_name: Type.Optional(Type.String({ maxLength: 200 })), role: RoleSchema },
        { additionalProperties: false },
      ),
      responses: {
        201: {
          description: 'The member, with temporary_password when a new account was created',
          schema: Type.Composite([MemberView, Type.Object({ temporary_password: Nullable(Type.String()) })]),
        },
        ...commonErrors,
      },
      async handler({ runtime, ctx, body }) {
        const added = await runtime.core.iam.inviteUser.execute(ctx, { email: body['email'], displayName: body['displayName'], role: body['role'] });
        return {
          status: 201,
          body: { ...memberJson(added), temporary_password: added.temporaryPassword },
          headers: { ...NO_STORE, Location: `/v1/iam/users/${added.user.id}` },
        };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/iam/users/:id/reset-password',
      operationId: 'resetUserPassword',
      summary: "Set a new temporary password (shown once) and end the member's sessions",
      description: 'Refused (409 iam.user_shared) for an account that signs in to other orgs too. EMAIL_TEMP_PASSWORDS decides whether the notification email carries the password.',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      params: IdParams,
      responses: {
        200: { description: 'The temporary password', schema: Type.Object({ id: Uuid, temporary_password: Type.String(), must_change_password: Type.Literal(true) }) },
        ...commonErrors,
      },
      async handler({ runtime, ctx, params }) {
        const { temporaryPassword } = await runtime.core.iam.resetPassword.execute(ctx, { userId: params.id });
        return { status: 200, body: { id: params.id, temporary_password: temporaryPassword, must_change_password: true }, headers: NO_STORE };
      },
    }),
    defineRoute({
      method: 'PATCH',
      path: '/v1/iam/users/:id',
      operationId: 'changeUserRole',
      summary: "Change a member's role (their sessions end; tokens carry the role)",
      description: 'Only an OWNER may grant OWNER or change an OWNER; the last OWNER cannot be demoted (409 iam.last_owner).',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      params: IdParams,
      body: Type.Object({ role: RoleSchema }, { additionalProperties: false }),
      responses: { 200: { description: 'The member', schema: MemberView }, ...commonErrors },
      async handler({ runtime, ctx, params, body }) {
        return { status: 200, body: memberJson(await runtime.core.iam.changeRole.execute(ctx, { userId: params.id, role: body['role'] })) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/iam/users/:id/deactivate',
      operationId: 'deactivateUser',
      summary: 'Deactivate a member: no more sign-ins to this org, sessions end (idempotent)',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      params: IdParams,
      responses: { 200: { description: 'The member', schema: MemberView }, ...commonErrors },
      async handler({ runtime, ctx, params }) {
        return { status: 200, body: memberJson(await runtime.core.iam.deactivate.execute(ctx, { userId: params.id })) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/iam/users/:id/logout',
      operationId: 'logoutUser',
      summary: "End every session of a member in this org (a suspected credential leak)",
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      params: IdParams,
      responses: { 200: { description: 'How many sessions ended', schema: Type.Object({ id: Uuid, sessions_ended: Type.Integer() }) }, ...commonErrors },
      async handler({ runtime, ctx, params }) {
        const { sessionsEnded } = await runtime.core.iam.logoutUser.execute(ctx, { userId: params.id });
        return { status: 200, body: { id: params.id, sessions_ended: sessionsEnded } };
      },
    }),
  ];
}
