/**
 * `/v1/iam/users` (guide 000 "IAM onboarding operations") and `/v1/iam/invitations`: an org's
 * OWNERs and ADMINs manage its staff. Temporary passwords appear in the response once and nowhere
 * else; every change is audited by the core and ends the member's sessions where the change
 * affects them. An address that already has an account is invited, never linked (ADR 13).
 */
import {
  AddedMemberView,
  ChangeUserRole,
  DeactivateUser,
  InvitationSentView,
  InviteUser,
  ListInvitations,
  ListUsers,
  LogoutUser,
  ResendInvitation,
  ResetUserPassword,
  RevokeInvitation,
  type InvitationView,
  type Member,
} from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { wireSchema } from '../../routing/wire-schema.js';
import { NO_STORE } from '../route-helpers.js';

const tags = ['IAM'] as const;

/** A member as the API shows it (`MemberView` of the core, in wire form). */
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

/** An invitation as the API shows it (`InvitationStatusView` of the core, in wire form). */
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
    defineContractRoute({
      method: 'GET',
      path: '/v1/iam/users',
      operationId: 'listUsers',
      summary: 'Members of your org with role and status, oldest first',
      description: 'The whole staff list in one page (an org has tens of members, not thousands), deactivated members included; next_cursor is always null.',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      contract: ListUsers.contract,
      responses: { 200: { description: 'The members', schema: 'output' }, 422: { description: 'A query parameter was sent: this list takes none' } },
      async handler({ runtime, ctx, input }) {
        const page = await runtime.core.iam.listUsers.execute(ctx, input);
        return { status: 200, body: { items: page.items.map(memberJson), next_cursor: page.nextCursor } };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/iam/users',
      operationId: 'inviteUser',
      summary: 'Add a member: a new address gets an account and a temporary password (shown in this response only); an existing account gets an emailed invitation',
      description:
        'An ADMIN cannot add an OWNER (403 iam.owner_only); an active member of this org cannot be added again (409 storage.conflict). ' +
        '201: a new account this org manages, with temporary_password; or a deactivated member reactivated (temporary_password null, reactivated true). ' +
        '202: the address already has an account, so nothing is linked: an invitation is queued for mail to it (delivery queued; no_mail_transport without an email channel) and its holder accepts (POST /v1/auth/invitations/accept). ' +
        'The 202 says nothing of that account (not its name, second factor or other orgs); that an account exists is the one thing it reveals, because only a new account can be given a temporary password.',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      contract: InviteUser.contract,
      responses: {
        201: { description: 'The member, with temporary_password when a new account was created', schema: wireSchema(AddedMemberView), headers: ['Location', 'Cache-Control'] },
        202: { description: 'An invitation to an existing account; nothing linked until its holder accepts', schema: wireSchema(InvitationSentView), headers: ['Location'] },
      },
      async handler({ runtime, ctx, input }) {
        const added = await runtime.core.iam.inviteUser.execute(ctx, input);
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
    defineContractRoute({
      method: 'GET',
      path: '/v1/iam/invitations',
      operationId: 'listInvitations',
      summary: "The org's invitations to existing accounts, newest first, with their status",
      description: 'The whole list in one page; next_cursor is always null. Status is pending, accepted, revoked or expired (a token is valid 7 days from when it was emailed).',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      contract: ListInvitations.contract,
      responses: { 200: { description: 'The invitations', schema: 'output' }, 422: { description: 'A query parameter was sent: this list takes none' } },
      async handler({ runtime, ctx, input }) {
        const page = await runtime.core.iam.listInvitations.execute(ctx, input);
        return { status: 200, body: { items: page.items.map(invitationJson), next_cursor: page.nextCursor } };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/iam/invitations/:id/resend',
      operationId: 'resendInvitation',
      summary: 'Email a fresh token for an open invitation (the old one stops working), valid 7 days again',
      description:
        'Only an open invitation can be resent: an accepted or revoked one answers 409 iam.invitation_closed (invite again instead). Only an OWNER resends an invitation to become OWNER. ' +
        'The mail with the new token is queued in the outbox with it (delivery queued), or not at all without an email channel (delivery no_mail_transport; EMAIL_MODE=off). No request body.',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      contract: ResendInvitation.contract,
      // The id is the whole input: the request has no body (one sent is ignored).
      inputIn: 'query',
      responses: { 200: { description: 'The invitation, with its new expiry', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const resent = await runtime.core.iam.resendInvitation.execute(ctx, input);
        return { status: 200, body: { invitation: invitationJson(resent), delivery: resent.delivery } };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/iam/invitations/:id/revoke',
      operationId: 'revokeInvitation',
      summary: 'Withdraw an invitation that was not accepted: its token stops working (idempotent)',
      description:
        'Revoking a revoked invitation answers it unchanged. An accepted invitation answers 409 iam.invitation_closed: deactivate the member instead. Only an OWNER revokes an invitation to become OWNER. No body.',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      contract: RevokeInvitation.contract,
      // The id is the whole input: the request has no body (one sent is ignored).
      inputIn: 'query',
      responses: { 200: { description: 'The invitation', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: invitationJson(await runtime.core.iam.revokeInvitation.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/iam/users/:id/reset-password',
      operationId: 'resetUserPassword',
      summary: "Set a new temporary password (shown once) and end the member's sessions",
      description:
        'Only for an account this org manages (credentials_managed_here): any other account — one that belongs to another org too, or joined by accepting an invitation — is 409 iam.self_managed_account, and its holder resets it (POST /v1/auth/password-reset/request). ' +
        'An ADMIN cannot reset an OWNER (403 iam.owner_only). EMAIL_TEMP_PASSWORDS decides whether the notification email carries the password. No body.',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      contract: ResetUserPassword.contract,
      // The id is the whole input: the request has no body (one sent is ignored).
      inputIn: 'query',
      responses: { 200: { description: 'The temporary password', schema: 'output', headers: ['Cache-Control'] } },
      async handler({ runtime, ctx, input }) {
        const reset = await runtime.core.iam.resetPassword.execute(ctx, input);
        return { status: 200, body: { id: reset.id, temporary_password: reset.temporaryPassword, must_change_password: reset.mustChangePassword }, headers: NO_STORE };
      },
    }),
    defineContractRoute({
      method: 'PATCH',
      path: '/v1/iam/users/:id',
      operationId: 'changeUserRole',
      summary: "Change a member's role (their sessions end; tokens carry the role)",
      description:
        'Only an OWNER may grant OWNER or change an OWNER (403 iam.owner_only); the last OWNER cannot be demoted (409 iam.last_owner). The same role again changes nothing and ends no session.',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      contract: ChangeUserRole.contract,
      responses: { 200: { description: 'The member', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: memberJson(await runtime.core.iam.changeRole.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/iam/users/:id/deactivate',
      operationId: 'deactivateUser',
      summary: 'Deactivate a member: no more sign-ins to this org, sessions end (idempotent)',
      description:
        'Deactivating a deactivated member answers it unchanged. The last active OWNER cannot be deactivated (409 iam.last_owner); an ADMIN cannot deactivate an OWNER (403 iam.owner_only). ' +
        'Inviting the address again reactivates the member. No body.',
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      contract: DeactivateUser.contract,
      // The id is the whole input: the request has no body (one sent is ignored).
      inputIn: 'query',
      responses: { 200: { description: 'The member', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: memberJson(await runtime.core.iam.deactivate.execute(ctx, input)) };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/iam/users/:id/logout',
      operationId: 'logoutUser',
      summary: 'End every session of a member in this org (a suspected credential leak)',
      description: "The member's sessions in other orgs live on. An ADMIN cannot sign out an OWNER (403 iam.owner_only). No body.",
      tags,
      audience: 'staff',
      permission: 'iam.manage',
      contract: LogoutUser.contract,
      // The id is the whole input: the request has no body (one sent is ignored).
      inputIn: 'query',
      responses: { 200: { description: 'How many sessions ended', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        const { id, sessionsEnded } = await runtime.core.iam.logoutUser.execute(ctx, input);
        return { status: 200, body: { id, sessions_ended: sessionsEnded } };
      },
    }),
  ];
}
