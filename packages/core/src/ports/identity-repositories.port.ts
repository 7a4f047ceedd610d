import type { AuthSession, BreakGlassToken, Invitation, Membership, RefreshTokenRecord, UserAccount } from '../domain/identity/identity.js';

/**
 * The fields of an account that change after it is created. Writes name only what they change,
 * so two requests touching different fields (a password reset, a TOTP sign-in) cannot undo each
 * other with a stale copy of the row.
 */
export type UserChanges = Partial<
  Pick<
    UserAccount,
    | 'displayName'
    | 'passwordHash'
    | 'mustChangePassword'
    | 'passwordChangedAt'
    | 'totpSecretSealed'
    | 'totpPendingSecretSealed'
    | 'totpEnabledAt'
    | 'totpLastStep'
    | 'recoveryCodeHashes'
    | 'emailVerifiedAt'
    | 'resetTokenHash'
    | 'resetTokenPurpose'
    | 'resetTokenExpiresAt'
  > & {
    /** Only ever to null: the holder takes over (an org never takes custody of an account). */
    readonly managedByOrgId?: null;
  }
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

/**
 * Accounts as the bound org may touch them (the store enforces it, whatever the caller checked):
 * - visible: members of the org, accounts the org manages, and the acting user's own account
 *   (`ctx.actor` when it is a signed-in staff user, or the holder acting by an emailed token);
 * - insertable: only as a new account managed by the bound org, address not yet proven;
 * - writable: accounts the bound org manages, and the acting user's own account.
 */
export interface UserRepository {
  /**
   * `storage.conflict` when the email is taken; `tenant.cross_org_write` unless the account is
   * managed by the bound org and its address unproven.
   */
  insert(user: UserAccount): Promise<void>;
  /**
   * `forUpdate` locks the row until the unit of work ends (checks that must not race: one-time
   * codes); a locked read also needs the row to be writable here, else it answers null.
   */
  findById(id: string, options?: { forUpdate?: boolean }): Promise<UserAccount | null>;
  /**
   * Writes only the named fields. `identity.user_not_found` when the account is not writable
   * here (not visible, or neither managed by the bound org nor the acting user's own).
   */
  patch(id: string, changes: UserChanges): Promise<void>;
}

export interface MembershipRepository {
  /**
   * `storage.conflict` when the user is already a member; `tenant.cross_org_write` for another
   * org, or for an account that is neither managed by the bound org nor the acting user's own
   * (a link into an org needs its holder: they accept an invitation).
   */
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

/** Invitations of the bound org. */
export interface InvitationRepository {
  /** `storage.conflict` when a pending invitation for that address exists in the org. */
  insert(invitation: Invitation): Promise<void>;
  findById(id: string, options?: { forUpdate?: boolean }): Promise<Invitation | null>;
  /** By the hash of the token's secret; `forUpdate` so a token is spent once. */
  findByTokenHash(tokenHash: string, options?: { forUpdate?: boolean }): Promise<Invitation | null>;
  /** The open (not accepted, not revoked) invitation for an address, expired or not. */
  findOpenByEmail(email: string): Promise<Invitation | null>;
  /** The org's invitations, newest first (an org sends tens, not thousands). */
  list(): Promise<readonly Invitation[]>;
  /** `iam.invitation_not_found` when absent from the bound org. */
  update(invitation: Invitation): Promise<void>;
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
