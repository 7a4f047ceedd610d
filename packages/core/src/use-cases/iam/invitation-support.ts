/**
 * What the invitation use cases share (ADR 13): an address that already has an account is
 * invited, never linked; the holder accepts with the token emailed to that address. Only the
 * token's hash is stored; the inviting org's audit keeps what the org itself typed.
 */
import type { Invitation, InvitationStatus, UserAccount } from '../../domain/identity/identity.js';
import { AppError } from '../../errors/app-error.js';
import type { RequestContext } from '../../context.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { enqueueMessage } from '../outbox/enqueue-message.js';
import { minutes } from '../identity/identity-policy.js';
import type { IamDeps, Member } from './iam-support.js';

/** The token's mail: queued in the outbox with the invitation, or not at all (no email channel: it stays pending). */
export type Delivery = 'queued' | 'no_mail_transport';

export type InviteOutcome =
  | { readonly kind: 'member'; readonly member: Member; readonly temporaryPassword: string | null; readonly reactivated: boolean }
  | { readonly kind: 'invitation'; readonly invitation: Invitation; readonly delivery: Delivery };

export interface InvitationView {
  readonly invitation: Invitation;
  readonly status: InvitationStatus;
}

export const invitationNotFound = (id: string) =>
  new AppError('iam.invitation_not_found', `No invitation ${id} in this organisation`, { details: { invitation_id: id } });

/** What the org's audit keeps of an invitation: what the org itself typed. */
export function invitationAudit(i: Invitation) {
  return { invitation_id: i.id, email: i.email, role: i.role, display_name: i.displayName, expires_at: i.expiresAt.toISOString() };
}

/** A fresh token for `invitation` (new secret, new expiry); only the hash is stored. */
export function withNewToken(deps: Pick<IamDeps, 'tokens' | 'options'>, invitation: Invitation, now: Date): { invitation: Invitation; token: string } {
  const secret = deps.tokens.random(32);
  return {
    token: `${invitation.orgId}.${secret}`,
    invitation: { ...invitation, tokenHash: deps.tokens.hash(secret), updatedAt: now, expiresAt: new Date(now.getTime() + minutes(deps.options.invitationTtlHours * 60)) },
  };
}

/**
 * Enqueues the mail carrying `token`, in the unit of work that stores its hash: the invitation
 * and its mail commit together or not at all. The key holds the token hash's prefix, so each
 * resend (a new token) mails again while one token is mailed once. Without an email channel
 * nothing is enqueued and the invitation stays pending (resend once there is one).
 */
export async function enqueueInvitation(
  deps: Pick<IamDeps, 'messaging' | 'ids'>,
  repos: TenantRepositories,
  ctx: RequestContext,
  orgName: string,
  invitation: Invitation,
  token: string,
): Promise<Delivery> {
  const outcome = await enqueueMessage(deps, repos, ctx, {
    channel: 'email',
    dedupeKey: `invitation:${invitation.id}:${invitation.tokenHash.slice(0, 16)}`,
    template: 'invitation',
    to: invitation.email,
    toName: invitation.displayName,
    data: { orgName, role: invitation.role, expiresAt: invitation.expiresAt.toISOString() },
    secret: token,
  });
  return outcome.queued ? 'queued' : 'no_mail_transport';
}

/** A new account `orgId` manages: its address unproven, its password a temporary one (or chosen at bootstrap). */
export function newManagedAccount(orgId: string, id: string, email: string, displayName: string, passwordHash: string, now: Date, mustChangePassword = true): UserAccount {
  return {
    id,
    email,
    displayName,
    managedByOrgId: orgId,
    emailVerifiedAt: null,
    resetTokenHash: null,
    resetTokenPurpose: null,
    resetTokenExpiresAt: null,
    passwordHash,
    mustChangePassword,
    passwordChangedAt: now,
    totpSecretSealed: null,
    totpPendingSecretSealed: null,
    totpEnabledAt: null,
    totpLastStep: null,
    recoveryCodeHashes: [],
    createdAt: now,
    updatedAt: now,
  };
}
