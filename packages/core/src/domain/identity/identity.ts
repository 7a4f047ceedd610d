/**
 * Staff identity. A user is one person with one email across orgs; a membership gives that
 * user one role in one org; a session is one sign-in to one org, renewed by rotating refresh
 * tokens; a break-glass token permits writes while the admin API is read-only.
 */
import type { Role } from '../../access/roles.js';

export interface UserAccount {
  readonly id: string;
  /** Lower-cased; unique across the whole installation. */
  readonly email: string;
  readonly displayName: string;
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

export function isSessionUsable(session: AuthSession, now: Date): boolean {
  return session.revokedAt === null && session.expiresAt > now;
}
