import type { AuthSession, BreakGlassToken, Membership, RefreshTokenRecord, UserAccount } from '../domain/identity/identity.js';

/**
 * Users as seen from the bound org: members of the org (and, in a user scope, the user). New
 * users can be inserted from any org; their membership makes them visible.
 */
/**
 * The fields of an account that change after it is created. Writes name only what they change,
 * so two requests touching different fields (a password reset, a TOTP sign-in) cannot undo each
 * other with a stale copy of the row.
 */
export type UserChanges = Partial<
  Pick<
    UserAccount,
    'displayName' | 'passwordHash' | 'mustChangePassword' | 'passwordChangedAt' | 'totpSecretSealed' | 'totpPendingSecretSealed' | 'totpEnabledAt' | 'totpLastStep' | 'recoveryCodeHashes'
  >
> & { readonly updatedAt: Date };

/** A session with its user and the user's membership in the session's org. */
export interface SessionWithAccount {
  readonly session: AuthSession;
  readonly user: UserAccount;
  readonly membership: Membership;
}

/**
 * Is this session live, and whose is it — answered under the org's row level security like
 * `sessions.findWithAccount`, but outside a unit of work so a store can answer it faster
 * (PostgreSQL: one round trip instead of three). Asked by the session routes and by signed-in
 * requests that run no unit of work (which would otherwise confirm the session themselves).
 */
export interface SessionLookup {
  findWithAccount(orgId: string, sessionId: string): Promise<SessionWithAccount | null>;
}

export interface UserRepository {
  /** `storage.conflict` when the email is taken. */
  insert(user: UserAccount): Promise<void>;
  /** `forUpdate` locks the row until the unit of work ends (checks that must not race: one-time codes). */
  findById(id: string, options?: { forUpdate?: boolean }): Promise<UserAccount | null>;
  /** Writes only the named fields. `identity.user_not_found` when the user is not visible here. */
  patch(id: string, changes: UserChanges): Promise<void>;
}

export interface MembershipRepository {
  /** `storage.conflict` when the user is already a member; `tenant.cross_org_write` for another org. */
  insert(membership: Membership): Promise<void>;
  findByUser(userId: string): Promise<Membership | null>;
  /** `identity.user_not_found` when absent from the bound org. */
  update(membership: Membership): Promise<void>;
  /** Members of the bound org with their user, oldest first. */
  list(): Promise<ReadonlyArray<{ membership: Membership; user: UserAccount }>>;
  /** Active owners of the bound org (for the last-owner rule). */
  countActiveOwners(): Promise<number>;
}

export interface SessionRepository {
  insert(session: AuthSession): Promise<void>;
  findById(id: string, options?: { forUpdate?: boolean }): Promise<AuthSession | null>;
  /**
   * The session with its user and the user's membership in the bound org, in one read (every
   * signed-in request asks this); null when any of the three is missing. Liveness is the
   * caller's to judge.
   */
  findWithAccount(id: string): Promise<SessionWithAccount | null>;
  /** Marks the session revoked (no-op when already revoked). */
  revoke(id: string, at: Date, reason: string): Promise<void>;
  /** Revokes every live session of `userId` in the bound org except `exceptId`; returns how many. */
  revokeAllOfUser(userId: string, at: Date, reason: string, exceptId?: string | null): Promise<number>;
  touch(id: string, at: Date): Promise<void>;
  /** Records that the session's user proved a second factor. */
  markMfaVerified(id: string): Promise<void>;
  insertRefreshToken(token: RefreshTokenRecord): Promise<void>;
  findRefreshToken(tokenHash: string, options?: { forUpdate?: boolean }): Promise<RefreshTokenRecord | null>;
  markRefreshTokenRotated(id: string, at: Date): Promise<void>;
}

export interface BreakGlassRepository {
  insert(token: BreakGlassToken): Promise<void>;
  findByHash(tokenHash: string): Promise<BreakGlassToken | null>;
}

/**
 * Identity lookups that no single org may answer: a user by email before sign-in, and — in the
 * user's own scope, after their password was verified — their memberships in every org.
 */
export interface UserAccounts {
  findByEmail(email: string): Promise<UserAccount | null>;
  findById(id: string): Promise<UserAccount | null>;
  membershipsOf(userId: string): Promise<readonly Membership[]>;
}
