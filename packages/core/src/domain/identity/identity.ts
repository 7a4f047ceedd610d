/**
 * Staff identity. A user is one person with one email across orgs; a membership gives that
 * user one role in one org; a session is one sign-in to one org, renewed by rotating refresh
 * tokens; a break-glass token permits writes while the admin API is read-only.
 *
 * Custody of credentials (ADR 13): an account created by an org's invite is managed by that
 * org — its admins may reset its password or second factor — until another org links it. A
 * link needs the holder to accept an invitation by proving the address; accepting replaces the
 * credentials the managing org could know, and from then on the holder alone manages them.
 */
import type { Role } from '../../access/roles.js';

/** What an emailed single-use token lets its holder reset. */
export type CredentialResetPurpose = 'password' | 'second_factor';

export interface UserAccount {
  readonly id: string;
  /** Lower-cased; unique across the whole installation. */
  readonly email: string;
  /** The account's own name (shown to its holder); each org names its member on the membership. */
  readonly displayName: string;
  /**
   * The org whose admins may set or clear this account's credentials: the org that created it
   * by invite, while no other org has linked it. Null once the holder manages it alone.
   */
  readonly managedByOrgId: string | null;
  /** When the holder last proved control of the address (an emailed token). */
  readonly emailVerifiedAt: Date | null;
  /** SHA-256 of the outstanding emailed reset token (one at a time), its purpose and its end. */
  readonly resetTokenHash: string | null;
  readonly resetTokenPurpose: CredentialResetPurpose | null;
  readonly resetTokenExpiresAt: Date | null;
  /** A self-describing KDF hash (scrypt parameters and salt included). */
  readonly passwordHash: string;
  /** Set by a temporary password: only changing it is allowed until then. */
  readonly mustChangePassword: boolean;
  readonly passwordChangedAt: Date;
  /** The TOTP secret, encrypted; null until verified. */
  readonly totpSecretSealed: string | null;
  /** A secret enrolled but not yet verified. */
  readonly totpPendingSecretSealed: string | null;
  readonly totpEnabledAt: Date | null;
  /** The last TOTP time step accepted: a code of that step or earlier is refused (replay). */
  readonly totpLastStep: number | null;
  /** Hashes of the unused recovery codes. */
  readonly recoveryCodeHashes: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface Membership {
  readonly id: string;
  readonly orgId: string;
  readonly userId: string;
  readonly role: Role;
  /** How this org names its member (set by the org; never the account holder's or another org's). */
  readonly displayName: string;
  readonly deactivatedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface AuthSession {
  readonly id: string;
  readonly orgId: string;
  readonly userId: string;
  /** The role when the session started; role changes end the user's sessions. */
  readonly role: Role;
  /** True when a TOTP (or recovery) code was proven for this session. */
  readonly mfaVerified: boolean;
  readonly createdAt: Date;
  /** Absolute end (AUTH_SESSION_TTL_MINUTES): refreshing never goes past it. */
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
  readonly revokedAt: Date | null;
  readonly revokedReason: string | null;
}

export interface RefreshTokenRecord {
  readonly id: string;
  readonly orgId: string;
  readonly sessionId: string;
  /** SHA-256 of the token; the token itself is only ever in the client's hands. */
  readonly tokenHash: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  /** When it was exchanged for a new one; presenting it again is reuse. */
  readonly rotatedAt: Date | null;
}

export interface BreakGlassToken {
  readonly id: string;
  readonly orgId: string;
  readonly tokenHash: string;
  readonly reason: string;
  /** The actor id of who started it. */
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

/**
 * An org's offer of a role to an address that already has an account. It links nothing until
 * the holder accepts it with the emailed token (proving the address).
 */
export interface Invitation {
  readonly id: string;
  readonly orgId: string;
  /** As the inviting org typed it, lower-cased. */
  readonly email: string;
  readonly role: Role;
  readonly displayName: string;
  /** SHA-256 of the secret part of the emailed token; the token is `<org id>.<secret>`. */
  readonly tokenHash: string;
  /** The actor id of who invited. */
  readonly invitedBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly expiresAt: Date;
  readonly acceptedAt: Date | null;
  readonly acceptedUserId: string | null;
  readonly revokedAt: Date | null;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export function invitationStatus(invitation: Invitation, now: Date): InvitationStatus {
  if (invitation.acceptedAt !== null) return 'accepted';
  if (invitation.revokedAt !== null) return 'revoked';
  return invitation.expiresAt <= now ? 'expired' : 'pending';
}

/** Whether `orgId`'s admins may set or clear this account's credentials (see the file's note). */
export function orgManagesCredentials(user: Pick<UserAccount, 'managedByOrgId'>, orgId: string): boolean {
  return user.managedByOrgId !== null && user.managedByOrgId === orgId;
}

export function isSessionUsable(session: AuthSession, now: Date): boolean {
  return session.revokedAt === null && session.expiresAt > now;
}
