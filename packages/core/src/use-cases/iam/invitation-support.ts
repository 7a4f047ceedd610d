/**
 * What the invitation use cases share (ADR 13): an address that already has an account is
 * invited, never linked; the holder accepts with the token emailed to that address. Only the
 * token's hash is stored; the inviting org's audit keeps what the org itself typed.
 */
import type { Invitation, InvitationStatus, UserAccount } from '../../domain/identity/identity.js';
import { AppError } from '../../errors/app-error.js';
import type { AccountMessage } from '../../ports/account-mailer.port.js';
import { minutes } from '../identity/identity-policy.js';
import type { IamDeps, Member } from './iam-support.js';

/** How the emailed token fared: sent, no mail transport configured (it stays pending), or the transport failed (resend). */
export type Delivery = 'sent' | 'no_mail_transport' | 'failed';

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

/** Emails the token; a store without a transport (or a failing one) leaves the invitation pending. */
export async function deliver(deps: Pick<IamDeps, 'mailer' | 'orgs'>, invitation: Invitation, token: string): Promise<Delivery> {
  const org = await deps.orgs.findById(invitation.orgId);
  const message: AccountMessage = {
    kind: 'invitation',
    to: invitation.email,
    orgId: invitation.orgId,
    orgName: org?.name ?? '',
    role: invitation.role,
    token,
    expiresAt: invitation.expiresAt,
  };
  try {
    return (await deps.mailer.send(message)).delivered ? 'sent' : 'no_mail_transport';
  } catch {
    return 'failed';
  }
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
