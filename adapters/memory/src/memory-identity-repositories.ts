/**
 * Identity repositories in memory, bound to one org like their PostgreSQL counterparts: a user is
 * visible only through a membership in the bound org; sessions, refresh tokens and break-glass
 * tokens belong to one org.
 */
import {
  AppError,
  type AuthSession,
  type BreakGlassRepository,
  type BreakGlassToken,
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
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  private visible(id: string): boolean {
    return [...this.t.memberships.values()].some((m) => m.userId === id && m.orgId === this.orgId);
  }

  async insert(user: UserAccount): Promise<void> {
    const email = user.email.toLowerCase();
    if ([...this.t.users.values()].some((u) => u.email.toLowerCase() === email) || this.t.users.has(user.id)) {
      throw new AppError('storage.conflict', 'A user with that email exists');
    }
    this.t.users.set(user.id, copy(user));
  }

  // Units of work run one at a time here, so a row lock has nothing to add.
  async findById(id: string, _options: { forUpdate?: boolean } = {}): Promise<UserAccount | null> {
    const user = this.t.users.get(id);
    return user !== undefined && this.visible(id) ? copy(user) : null;
  }

  async patch(id: string, changes: UserChanges): Promise<void> {
    const current = this.t.users.get(id);
    if (current === undefined || !this.visible(id)) throw userNotFound(id);
    this.t.users.set(id, copy({ ...current, ...changes }));
  }
}

class MemoryMembershipRepository implements MembershipRepository {
  constructor(private readonly orgId: string, private readonly t: TenantTables) {}

  async insert(m: Membership): Promise<void> {
    assertOwnOrg(this.orgId, m.orgId);
    if (!this.t.users.has(m.userId)) throw new AppError('identity.user_not_found', `No user ${m.userId}`);
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

export function identityRepositories(orgId: string, t: TenantTables) {
  return {
    users: new MemoryUserRepository(orgId, t),
    memberships: new MemoryMembershipRepository(orgId, t),
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
