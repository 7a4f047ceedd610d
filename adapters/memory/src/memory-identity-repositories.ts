/**
 * Identity repositories in memory, bound to one org like their PostgreSQL counterparts (and with
 * the same rules as the database's policies, migration 0008): an account is visible through a
 * membership in the bound org, when the org manages it, or to its own holder acting; only the
 * managing org and the holder write it; an org inserts only accounts it manages and links only
 * those (or the acting holder). Sessions, refresh tokens, invitations and break-glass tokens
 * belong to one org.
 */
import {
  AppError,
  type AuthSession,
  type BreakGlassRepository,
  type BreakGlassToken,
  type Invitation,
  type InvitationRepository,
  type Membership,
  type MembershipRepository,
  type RefreshTokenRecord,
  type SessionRepository,
  type UserAccount,
  type UserAccounts,
  type UserChanges,
  type UserRepository,
} from '@cws/core';
import { copy, type MemoryState, type TenantTables } from './memory-state.js';

function assertOwnOrg(boundOrgId: string, rowOrgId: string): void {
  if (rowOrgId !== boundOrgId) throw new AppError('tenant.cross_org_write', 'A row cannot be written into another organisation');
}

const userNotFound = (id: string) => new AppError('identity.user_not_found', `No user ${id} in this organisation`, { details: { user_id: id } });

class MemoryUserRepository implements UserRepository {
  constructor(
    private readonly orgId: string,
    private readonly t: TenantTables,
    private readonly actingUserId: string | null,
  ) {}

  private visible(user: UserAccount): boolean {
    return user.id === this.actingUserId || user.managedByOrgId === this.orgId || [...this.t.memberships.values()].some((m) => m.userId === user.id && m.orgId === this.orgId);
  }

  async insert(user: UserAccount): Promise<void> {
    // An org creates only accounts it manages, their address not yet proven (checked first, as
    // the database checks its policy before its unique index).
    if (user.managedByOrgId !== this.orgId || user.emailVerifiedAt !== null) throw new AppError('tenant.cross_org_write', 'An org may only create accounts it manages');
    const email = user.email.toLowerCase();
    if ([...this.t.users.values()].some((u) => u.email.toLowerCase() === email) || this.t.users.has(user.id)) {
      throw new AppError('storage.conflict', 'A user with that email exists');
    }
    this.t.users.set(user.id, copy(user));
  }

  private writable(user: UserAccount): boolean {
    return this.visible(user) && (user.managedByOrgId === this.orgId || user.id === this.actingUserId);
  }

  // Units of work run one at a time here, so a row lock has nothing to add — but, as in the
  // database, a locked read needs the row to be writable.
  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<UserAccount | null> {
    const user = this.t.users.get(id);
    if (user === undefined || !(options.forUpdate ? this.writable(user) : this.visible(user))) return null;
    return copy(user);
  }

  async patch(id: string, changes: UserChanges): Promise<void> {
    const current = this.t.users.get(id);
    if (current === undefined || !this.writable(current)) throw userNotFound(id);
    const next = { ...current, ...changes };
    // As the database's WITH CHECK: managed by this org, or the holder's own (then managed by no org).
    if (!(next.managedByOrgId === this.orgId || (next.managedByOrgId === null && id === this.actingUserId))) {
      throw new AppError('tenant.cross_org_write', 'Custody of an account passes only to its holder');
    }
    this.t.users.set(id, copy(next));
  }
}

class MemoryMembershipRepository implements MembershipRepository {
  constructor(
    private readonly orgId: string,
    private readonly t: TenantTables,
    private readonly actingUserId: string | null,
  ) {}

  async insert(m: Membership): Promise<void> {
    assertOwnOrg(this.orgId, m.orgId);
    const user = this.t.users.get(m.userId);
    if (user === undefined) throw new AppError('identity.user_not_found', `No user ${m.userId}`);
    // A link into an org: an account the org manages, or its holder accepting.
    if (user.managedByOrgId !== this.orgId && m.userId !== this.actingUserId) throw new AppError('tenant.cross_org_write', 'An account joins an org only by its holder accepting');
    if ([...this.t.memberships.values()].some((x) => x.orgId === m.orgId && x.userId === m.userId)) {
      throw new AppError('storage.conflict', 'The user is already a member');
    }
    this.t.memberships.set(m.id, copy(m));
  }

  async findByUser(userId: string): Promise<Membership | null> {
    const m = [...this.t.memberships.values()].find((x) => x.orgId === this.orgId && x.userId === userId);
    return m === undefined ? null : copy(m);
  }

  async update(m: Membership): Promise<void> {
    assertOwnOrg(this.orgId, m.orgId);
    const current = this.t.memberships.get(m.id);
    if (current === undefined || current.orgId !== this.orgId) throw userNotFound(m.userId);
    this.t.memberships.set(m.id, copy({ ...m, createdAt: current.createdAt }));
  }

  async list(): Promise<ReadonlyArray<{ membership: Membership; user: UserAccount }>> {
    return [...this.t.memberships.values()]
      .filter((m) => m.orgId === this.orgId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .map((m) => ({ membership: copy(m), user: copy(this.t.users.get(m.userId)!) }));
  }

  async countActiveOwners(): Promise<number> {
    return [...this.t.memberships.values()].filter((m) => m.orgId === this.orgId && m.role === 'owner' && m.deactivatedAt === null).length;
  }
}

const isOpen = (i: Invitation) => i.acceptedAt === null && i.revokedAt === null;

class MemoryInvitationRepository implements InvitationRepository {
  constructor(
    private readonly orgId: string,
    private readonly t: TenantTables,
  ) {}

  private mine(): Invitation[] {
    return [...this.t.invitations.values()].filter((i) => i.orgId === this.orgId);
  }

  async insert(invitation: Invitation): Promise<void> {
    assertOwnOrg(this.orgId, invitation.orgId);
    const email = invitation.email.toLowerCase();
    if (this.mine().some((i) => isOpen(i) && i.email.toLowerCase() === email)) throw new AppError('storage.conflict', 'An open invitation for that address exists');
    this.t.invitations.set(invitation.id, copy({ ...invitation, email }));
  }

  async findById(id: string): Promise<Invitation | null> {
    const found = this.t.invitations.get(id);
    return found !== undefined && found.orgId === this.orgId ? copy(found) : null;
  }

  async findByTokenHash(tokenHash: string): Promise<Invitation | null> {
    const found = this.mine().find((i) => i.tokenHash === tokenHash);
    return found === undefined ? null : copy(found);
  }

  async findOpenByEmail(email: string): Promise<Invitation | null> {
    const lower = email.toLowerCase();
    const found = this.mine().find((i) => isOpen(i) && i.email.toLowerCase() === lower);
    return found === undefined ? null : copy(found);
  }

  async list(): Promise<readonly Invitation[]> {
    return this.mine()
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map(copy);
  }

  async update(invitation: Invitation): Promise<void> {
    const current = this.t.invitations.get(invitation.id);
    if (current === undefined || current.orgId !== this.orgId || invitation.orgId !== this.orgId) throw new AppError('iam.invitation_not_found', `No invitation ${invitation.id}`);
    this.t.invitations.set(invitation.id, copy({ ...invitation, email: invitation.email.toLowerCase(), createdAt: current.createdAt }));
  }
}

class MemorySessionRepository implements SessionRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  async insert(session: AuthSession): Promise<void> {
    assertOwnOrg(this.orgId, session.orgId);
    this.t.sessions.set(session.id, copy(session));
  }

  async findById(id: string): Promise<AuthSession | null> {
    const s = this.t.sessions.get(id);
    return s !== undefined && s.orgId === this.orgId ? copy(s) : null;
  }

  async findWithAccount(id: string): Promise<{ session: AuthSession; user: UserAccount; membership: Membership } | null> {
    const session = await this.findById(id);
    if (session === null) return null;
    const user = this.t.users.get(session.userId);
    const membership = [...this.t.memberships.values()].find((m) => m.userId === session.userId && m.orgId === this.orgId);
    return user === undefined || membership === undefined ? null : { session, user: copy(user), membership: copy(membership) };
  }

  async revoke(id: string, at: Date, reason: string): Promise<void> {
    const s = this.t.sessions.get(id);
    if (s !== undefined && s.orgId === this.orgId && s.revokedAt === null) this.t.sessions.set(id, { ...s, revokedAt: at, revokedReason: reason });
  }

  async revokeAllOfUser(userId: string, at: Date, reason: string, exceptId: string | null = null): Promise<number> {
    let revoked = 0;
    for (const s of this.t.sessions.values()) {
      if (s.orgId === this.orgId && s.userId === userId && s.revokedAt === null && s.id !== exceptId) {
        this.t.sessions.set(s.id, { ...s, revokedAt: at, revokedReason: reason });
        revoked += 1;
      }
    }
    return revoked;
  }

  async touch(id: string, at: Date): Promise<void> {
    const s = this.t.sessions.get(id);
    if (s !== undefined && s.orgId === this.orgId) this.t.sessions.set(id, { ...s, lastSeenAt: at });
  }

  async markMfaVerified(id: string): Promise<void> {
    const s = this.t.sessions.get(id);
    if (s !== undefined && s.orgId === this.orgId) this.t.sessions.set(id, { ...s, mfaVerified: true });
  }

  async insertRefreshToken(token: RefreshTokenRecord): Promise<void> {
    assertOwnOrg(this.orgId, token.orgId);
    const session = this.t.sessions.get(token.sessionId);
    if (session === undefined || session.orgId !== this.orgId) throw new AppError('auth.session_revoked', 'No such session');
    if ([...this.t.refreshTokens.values()].some((r) => r.orgId === this.orgId && r.tokenHash === token.tokenHash)) {
      throw new AppError('storage.conflict', 'Duplicate refresh token');
    }
    this.t.refreshTokens.set(token.id, copy(token));
  }

  async findRefreshToken(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const r = [...this.t.refreshTokens.values()].find((x) => x.orgId === this.orgId && x.tokenHash === tokenHash);
    return r === undefined ? null : copy(r);
  }

  async markRefreshTokenRotated(id: string, at: Date): Promise<void> {
    const r = this.t.refreshTokens.get(id);
    if (r !== undefined && r.orgId === this.orgId) this.t.refreshTokens.set(id, { ...r, rotatedAt: at });
  }
}

class MemoryBreakGlassRepository implements BreakGlassRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  async insert(token: BreakGlassToken): Promise<void> {
    assertOwnOrg(this.orgId, token.orgId);
    this.t.breakGlass.set(token.id, copy(token));
  }

  async findByHash(tokenHash: string): Promise<BreakGlassToken | null> {
    const b = [...this.t.breakGlass.values()].find((x) => x.orgId === this.orgId && x.tokenHash === tokenHash);
    return b === undefined ? null : copy(b);
  }
}

export function identityRepositories(orgId: string, t: TenantTables, actingUserId: string | null) {
  return {
    users: new MemoryUserRepository(orgId, t, actingUserId),
    memberships: new MemoryMembershipRepository(orgId, t, actingUserId),
    invitations: new MemoryInvitationRepository(orgId, t),
    sessions: new MemorySessionRepository(orgId, t),
    breakGlass: new MemoryBreakGlassRepository(orgId, t),
  };
}

export class MemoryUserAccounts implements UserAccounts {
  constructor(private readonly state: MemoryState) {}

  async findByEmail(email: string): Promise<UserAccount | null> {
    const lower = email.toLowerCase();
    const user = [...this.state.tables.users.values()].find((u) => u.email.toLowerCase() === lower);
    return user === undefined ? null : copy(user);
  }

  async findById(id: string): Promise<UserAccount | null> {
    const user = this.state.tables.users.get(id);
    return user === undefined ? null : copy(user);
  }

  async membershipsOf(userId: string): Promise<readonly Membership[]> {
    return [...this.state.tables.memberships.values()]
      .filter((m) => m.userId === userId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map(copy);
  }
}
