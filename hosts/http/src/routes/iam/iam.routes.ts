/**
 * `/v1/iam/users` (guide 000 "IAM onboarding operations") and `/v1/iam/invitations`: an org's
 * OWNERs and ADMINs manage its staff. Temporary passwords appear in the response once and nowhere
 * else; every change is audited by the core and ends the member's sessions where the change
 * affects them. An address that already has an account is invited, never linked (ADR 13).
 */
import { Type } from '@sinclair/typebox';
import { ROLES, type InvitationView, type Member } from '@cws/core';
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { DateTime, IdParams, Nullable, Page, Uuid } from '../../schemas/common.schemas.js';
import { NO_STORE, commonErrors } from '../route-helpers.js';

const tags = ['IAM'] as const;

const RoleSchema = Type.Union(
  ROLES.map((r) => Type.Literal(r)),
  { description: 'owner, admin, finance, dispatcher or viewer' },
);

const MemberView = Type.Object({
  id: Uuid,
  email: Type.String(),
  display_name: Type.String({ description: "This org's name for the member" }),
  role: Type.String(),
  mfa_enabled: Type.Boolean(),
  must_change_password: Type.Boolean(),
  credentials_managed_here: Type.Boolean({
    description: 'Whether this org may reset the password and second factor (an account it created, not linked by another org); otherwise only the holder can',
  }),
  deactivated_at: Nullable(DateTime),
  created_at: DateTime,
  updated_at: DateTime,
});

function memberJson(m: Member) {
  return {
    id: m.user.id,
    email: m.user.email,
    display_name: m.membership.displayName,
    role: m.membership.role,
    mfa_enabled: m.user.totpEnabledAt !== null,
    must_change_password: m.user.mustChangePassword,
    credentials_managed_here: m.user.managedByOrgId === m.membership.orgId,
    deactivated_at: m.membership.deactivatedAt?.toISOString() ?? null,
    created_at: m.membership.createdAt.toISOString(),
    updated_at: m.membership.updatedAt.toISOString(),
  };
}

const InvitationJson = Type.Object({
  id: Uuid,
  email: Type.String({ description: 'As the org typed it' }),
  display_name: Type.String(),
  role: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('revoked'), Type.Literal('expired')]),
  invited_by: Type.String(),
  expires_at: DateTime,
  accepted_at: Nullable(DateTime),
  revoked_at: Nullable(DateTime),
  created_at: DateTime,
  updated_at: DateTime,
});

const DeliveryField = Type.Union([Type.Literal('sent'), Type.Literal('no_mail_transport'), Type.Literal('failed')], {
  description: 'sent; no_mail_transport (EMAIL_MODE=off: the invitation stays pending until a transport exists, then resend); failed (resend)',
});

function invitationJson({ invitation: i, status }: InvitationView) {
  return {
    id: i.id,
    email: i.email,
    display_name: i.displayName,
    role: i.role,
    status,
    invited_by: i.invitedBy,
    expires_at: i.expiresAt.toISOString(),
    accepted_at: i.acceptedAt?.toISOString() ?? null,
    revoked_at: i.revokedAt?.toISOString() ?? null,
    created_at: i.createdAt.toISOString(),
    updated_at: i.updatedAt.toISOString(),
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
      summary: 'Add a member: a new address gets an account and a temporary password (shown in this response only); an existing account gets an emailed invitation',
      description:
        'An ADMIN cannot add an OWNER. 201: a new account this org manages, with temporary_password; or a deactivated member reactivated. ' +
        '202: the address already has an account, so nothing is linked: an invitation is emailed to it and its holder accepts (POST /v1/auth/invitations/accept). ' +
        'The 202 says nothing of that account (not its name, second factor or other orgs); that an account exists is the one thing it reveals, because only a new account can be given a temporary password.',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      body: Type.Object(
        { email: Type.String({ maxLength: 254 }), display_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), role: RoleSchema },
        { additionalProperties: false },
      ),
      responses: {
        201: {
          description: 'The member, with temporary_password when a new account was created',
          schema: Type.Composite([MemberView, Type.Object({ temporary_password: Nullable(Type.String()), reactivated: Type.Boolean() })]),
        },
        202: { description: 'An invitation to an existing account; nothing linked until its holder accepts', schema: Type.Object({ invitation: InvitationJson, delivery: DeliveryField }) },
        ...commonErrors,
      },
      async handler({ runtime, ctx, body }) {
        const added = await runtime.core.iam.inviteUser.execute(ctx, { email: body['email'], displayName: body['displayName'], role: body['role'] });
        if (added.kind === 'invitation') {
          return {
            status: 202,
            body: { invitation: invitationJson({ invitation: added.invitation, status: 'pending' }), delivery: added.delivery },
            headers: { Location: `/v1/iam/invitations/${added.invitation.id}` },
          };
        }
        return {
          status: 201,
          body: { ...memberJson(added.member), temporary_password: added.temporaryPassword, reactivated: added.reactivated },
          headers: { ...NO_STORE, Location: `/v1/iam/users/${added.member.user.id}` },
        };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/iam/invitations',
      operationId: 'listInvitations',
      summary: "The org's invitations to existing accounts, newest first, with their status",
      description: 'The whole list in one page; next_cursor is always null.',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      responses: { 200: { description: 'The invitations', schema: Page(InvitationJson) }, ...commonErrors },
      async handler({ runtime, ctx }) {
        return { status: 200, body: { items: (await runtime.core.iam.listInvitations.execute(ctx)).map(invitationJson), next_cursor: null } };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/iam/invitations/:id/resend',
      operationId: 'resendInvitation',
      summary: 'Email a fresh token for an open invitation (the old one stops working), valid 7 days again',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      params: IdParams,
      responses: { 200: { description: 'The invitation', schema: Type.Object({ invitation: InvitationJson, delivery: DeliveryField }) }, ...commonErrors },
      async handler({ runtime, ctx, params }) {
        const resent = await runtime.core.iam.resendInvitation.execute(ctx, { invitationId: params.id });
        return { status: 200, body: { invitation: invitationJson(resent), delivery: resent.delivery } };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/iam/invitations/:id/revoke',
      operationId: 'revokeInvitation',
      summary: 'Withdraw an invitation that was not accepted: its token stops working (idempotent)',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      params: IdParams,
      responses: { 200: { description: 'The invitation', schema: InvitationJson }, ...commonErrors },
      async handler({ runtime, ctx, params }) {
        return { status: 200, body: invitationJson(await runtime.core.iam.revokeInvitation.execute(ctx, { invitationId: params.id })) };
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/v1/iam/users/:id/reset-password',
      operationId: 'resetUserPassword',
      summary: "Set a new temporary password (shown once) and end the member's sessions",
      description:
        'Only for an account this org manages (credentials_managed_here): any other account — one that belongs to another org too, or joined by accepting an invitation — is 409 iam.self_managed_account, and its holder resets it (POST /v1/auth/password-reset/request). EMAIL_TEMP_PASSWORDS decides whether the notification email carries the password.',
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
