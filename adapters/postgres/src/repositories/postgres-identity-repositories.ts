/**
 * Identity repositories inside a tenant unit of work. RLS decides visibility: a user through a
 * membership in the bound org, sessions and tokens by their org.
 */
import {
  AppError,
  type AuthSession,
  type BreakGlassRepository,
  type BreakGlassToken,
  type CredentialResetPurpose,
  type Invitation,
  type InvitationRepository,
  type Membership,
  type MembershipRepository,
  type RefreshTokenRecord,
  type Role,
  type SessionRepository,
  type UserAccount,
  type SessionWithAccount,
  type UserChanges,
  type UserRepository,
} from '@cws/core';
import { translatingErrors, updateOne } from '../pg-errors.js';
import type { Knex } from 'knex';
import type { TenantDb } from '../tenant-transaction.js';

type Row = Record<string, unknown>;

const SESSION_COLUMNS = ['id', 'org_id', 'user_id', 'role', 'mfa_verified', 'created_at', 'expires_at', 'last_seen_at', 'revoked_at', 'revoked_reason'];
const USER_COLUMNS = [
  'id',
  'email',
  'display_name',
  'password_hash',
  'must_change_password',
  'password_changed_at',
  'totp_secret_sealed',
  'totp_pending_secret_sealed',
  'totp_enabled_at',
  'totp_last_step',
  'recovery_code_hashes',
  'managed_by_org_id',
  'email_verified_at',
  'reset_token_hash',
  'reset_token_purpose',
  'reset_token_expires_at',
  'created_at',
  'updated_at',
];
const MEMBERSHIP_COLUMNS = ['id', 'org_id', 'user_id', 'role', 'display_name', 'deactivated_at', 'created_at', 'updated_at'];

/**
 * One joined read of a session, its user and the membership in its org (every signed-in request
 * runs it). Each table's own row level security still applies to its side of the join.
 * `sessions` is `auth_sessions as s` on whatever connection the caller runs it.
 */
export function selectSessionWithAccount(sessions: Knex.QueryBuilder, id: string): Knex.QueryBuilder {
  return sessions
    .join('users as u', 'u.id', 's.user_id')
    .join('memberships as m', (on) => on.on('m.org_id', 's.org_id').andOn('m.user_id', 's.user_id'))
    .where('s.id', id)
    .first([...prefixed('s', SESSION_COLUMNS), ...prefixed('u', USER_COLUMNS), ...prefixed('m', MEMBERSHIP_COLUMNS)]);
}

export function toSessionWithAccount(row: Row): SessionWithAccount {
  return { session: toSession(unprefixed(row, 's')), user: toUser(unprefixed(row, 'u')), membership: toMembership(unprefixed(row, 'm')) };
}

/** `s.id as s__id`, …: the columns of one side of a join, kept apart from the others'. */
const prefixed = (alias: string, columns: readonly string[]) => columns.map((c) => `${alias}.${c} as ${alias}__${c}`);

function unprefixed(row: Row, alias: string): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) if (key.startsWith(`${alias}__`)) out[key.slice(alias.length + 2)] = value;
  return out;
}

export function toUser(r: Row): UserAccount {
  return {
    id: r['id'] as string,
    email: r['email'] as string,
    displayName: r['display_name'] as string,
    passwordHash: r['password_hash'] as string,
    mustChangePassword: r['must_change_password'] as boolean,
    passwordChangedAt: r['password_changed_at'] as Date,
    totpSecretSealed: r['totp_secret_sealed'] as string | null,
    totpPendingSecretSealed: r['totp_pending_secret_sealed'] as string | null,
    totpEnabledAt: r['totp_enabled_at'] as Date | null,
    totpLastStep: r['totp_last_step'] === null ? null : Number(r['totp_last_step']),
    recoveryCodeHashes: r['recovery_code_hashes'] as string[],
    managedByOrgId: (r['managed_by_org_id'] as string | null) ?? null,
    emailVerifiedAt: (r['email_verified_at'] as Date | null) ?? null,
    resetTokenHash: (r['reset_token_hash'] as string | null) ?? null,
    resetTokenPurpose: (r['reset_token_purpose'] as CredentialResetPurpose | null) ?? null,
    resetTokenExpiresAt: (r['reset_token_expires_at'] as Date | null) ?? null,
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
  };
}

/** Only the columns of the fields present in `changes`. */
function userChangeColumns(c: UserChanges): Record<string, unknown> {
  const columns: Record<string, unknown> = { updated_at: c.updatedAt };
  if (c.displayName !== undefined) columns['display_name'] = c.displayName;
  if (c.passwordHash !== undefined) columns['password_hash'] = c.passwordHash;
  if (c.mustChangePassword !== undefined) columns['must_change_password'] = c.mustChangePassword;
  if (c.passwordChangedAt !== undefined) columns['password_changed_at'] = c.passwordChangedAt;
  if (c.totpSecretSealed !== undefined) columns['totp_secret_sealed'] = c.totpSecretSealed;
  if (c.totpPendingSecretSealed !== undefined) columns['totp_pending_secret_sealed'] = c.totpPendingSecretSealed;
  if (c.totpEnabledAt !== undefined) columns['totp_enabled_at'] = c.totpEnabledAt;
  if (c.totpLastStep !== undefined) columns['totp_last_step'] = c.totpLastStep;
  if (c.recoveryCodeHashes !== undefined) columns['recovery_code_hashes'] = JSON.stringify(c.recoveryCodeHashes);
  if (c.managedByOrgId !== undefined) columns['managed_by_org_id'] = c.managedByOrgId;
  if (c.emailVerifiedAt !== undefined) columns['email_verified_at'] = c.emailVerifiedAt;
  if (c.resetTokenHash !== undefined) columns['reset_token_hash'] = c.resetTokenHash;
  if (c.resetTokenPurpose !== undefined) columns['reset_token_purpose'] = c.resetTokenPurpose;
  if (c.resetTokenExpiresAt !== undefined) columns['reset_token_expires_at'] = c.resetTokenExpiresAt;
  return columns;
}

function userColumns(u: UserAccount) {
  return {
    email: u.email.toLowerCase(),
    display_name: u.displayName,
    password_hash: u.passwordHash,
    must_change_password: u.mustChangePassword,
    password_changed_at: u.passwordChangedAt,
    totp_secret_sealed: u.totpSecretSealed,
    totp_pending_secret_sealed: u.totpPendingSecretSealed,
    totp_enabled_at: u.totpEnabledAt,
    totp_last_step: u.totpLastStep,
    recovery_code_hashes: JSON.stringify(u.recoveryCodeHashes),
    managed_by_org_id: u.managedByOrgId,
    email_verified_at: u.emailVerifiedAt,
    reset_token_hash: u.resetTokenHash,
    reset_token_purpose: u.resetTokenPurpose,
    reset_token_expires_at: u.resetTokenExpiresAt,
    updated_at: u.updatedAt,
  };
}

export function toMembership(r: Row): Membership {
  return {
    id: r['id'] as string,
    orgId: r['org_id'] as string,
    userId: r['user_id'] as string,
    role: r['role'] as Role,
    displayName: r['display_name'] as string,
    deactivatedAt: r['deactivated_at'] as Date | null,
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
  };
}

export function toSession(r: Row): AuthSession {
  return {
    id: r['id'] as string,
    orgId: r['org_id'] as string,
    userId: r['user_id'] as string,
    role: r['role'] as Role,
    mfaVerified: r['mfa_verified'] as boolean,
    createdAt: r['created_at'] as Date,
    expiresAt: r['expires_at'] as Date,
    lastSeenAt: r['last_seen_at'] as Date,
    revokedAt: r['revoked_at'] as Date | null,
    revokedReason: r['revoked_reason'] as string | null,
  };
}

function toRefreshToken(r: Row): RefreshTokenRecord {
  return {
    id: r['id'] as string,
    orgId: r['org_id'] as string,
    sessionId: r['session_id'] as string,
    tokenHash: r['token_hash'] as string,
    createdAt: r['created_at'] as Date,
    expiresAt: r['expires_at'] as Date,
    rotatedAt: r['rotated_at'] as Date | null,
  };
}

const userNotFound = (id: string) => new AppError('identity.user_not_found', `No user ${id} in this organisation`, { details: { user_id: id } });

export class PostgresUserRepository implements UserRepository {
  constructor(private readonly db: TenantDb) {}

  async insert(u: UserAccount): Promise<void> {
    await translatingErrors(() => this.db.table('users').insert({ id: u.id, created_at: u.createdAt, ...userColumns(u) }));
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<UserAccount | null> {
    const qb = this.db.table('users').where({ id }).first();
    if (options.forUpdate) qb.forUpdate();
    const row = (await qb) as Row | undefined;
    return row === undefined ? null : toUser(row);
  }

  async patch(id: string, changes: UserChanges): Promise<void> {
    await updateOne(() => this.db.table('users').where({ id }).update(userChangeColumns(changes)), () => userNotFound(id));
  }
}

export class PostgresMembershipRepository implements MembershipRepository {
  constructor(private readonly db: TenantDb) {}

  async insert(m: Membership): Promise<void> {
    await translatingErrors(() =>
      this.db.table('memberships').insert({
        org_id: m.orgId,
        id: m.id,
        user_id: m.userId,
        role: m.role,
        display_name: m.displayName,
        deactivated_at: m.deactivatedAt,
        created_at: m.createdAt,
        updated_at: m.updatedAt,
      }),
    );
  }

  async findByUser(userId: string): Promise<Membership | null> {
    // The org filter matters here: in a user scope the policy also shows the user's other orgs.
    const row = (await this.db.table('memberships').where({ user_id: userId }).whereRaw("org_id = nullif(current_setting('app.current_org_id', true), '')::uuid").first()) as
      | Row
      | undefined;
    return row === undefined ? null : toMembership(row);
  }

  async update(m: Membership): Promise<void> {
    await updateOne(
      () =>
        this.db.table('memberships').where({ id: m.id, org_id: m.orgId }).update({ role: m.role, display_name: m.displayName, deactivated_at: m.deactivatedAt, updated_at: m.updatedAt }),
      () => userNotFound(m.userId),
    );
  }

  async list(): Promise<ReadonlyArray<{ membership: Membership; user: UserAccount }>> {
    const rows = (await this.db
      .table('memberships as m')
      .join('users as u', 'u.id', 'm.user_id')
      .select('m.*', this.db.raw('row_to_json(u.*) as user_row'))
      .orderBy([{ column: 'm.created_at' }, { column: 'm.id' }])) as Row[];
    return rows.map((r) => {
      const u = r['user_row'] as Row;
      // row_to_json gives timestamps as strings: back to Dates for the domain.
      for (const k of ['password_changed_at', 'totp_enabled_at', 'email_verified_at', 'reset_token_expires_at', 'created_at', 'updated_at']) {
        if (typeof u[k] === 'string') u[k] = new Date(u[k] as string);
      }
      return { membership: toMembership(r), user: toUser(u) };
    });
  }

  async countActiveOwners(): Promise<number> {
    const [row] = (await this.db.table('memberships').where({ role: 'owner' }).whereNull('deactivated_at').count({ n: '*' })) as Array<{ n: string }>;
    return Number(row?.n ?? 0);
  }
}

export class PostgresSessionRepository implements SessionRepository {
  constructor(private readonly db: TenantDb) {}

  async insert(s: AuthSession): Promise<void> {
    await translatingErrors(() =>
      this.db.table('auth_sessions').insert({
        org_id: s.orgId,
        id: s.id,
        user_id: s.userId,
        role: s.role,
        mfa_verified: s.mfaVerified,
        created_at: s.createdAt,
        updated_at: s.createdAt,
        expires_at: s.expiresAt,
        last_seen_at: s.lastSeenAt,
        revoked_at: s.revokedAt,
        revoked_reason: s.revokedReason,
      }),
    );
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<AuthSession | null> {
    const qb = this.db.table('auth_sessions').where({ id }).first();
    if (options.forUpdate) qb.forUpdate();
    const row = (await qb) as Row | undefined;
    return row === undefined ? null : toSession(row);
  }

  async findWithAccount(id: string): Promise<SessionWithAccount | null> {
    const row = (await selectSessionWithAccount(this.db.table('auth_sessions as s'), id)) as Row | undefined;
    return row === undefined ? null : toSessionWithAccount(row);
  }

  async revoke(id: string, at: Date, reason: string): Promise<void> {
    await translatingErrors(() => this.db.table('auth_sessions').where({ id }).whereNull('revoked_at').update({ revoked_at: at, revoked_reason: reason, updated_at: at }));
  }

  async revokeAllOfUser(userId: string, at: Date, reason: string, exceptId: string | null = null): Promise<number> {
    return translatingErrors(() => {
      const qb = this.db.table('auth_sessions').where({ user_id: userId }).whereNull('revoked_at');
      if (exceptId !== null) qb.whereNot({ id: exceptId });
      return qb.update({ revoked_at: at, revoked_reason: reason, updated_at: at });
    });
  }

  async touch(id: string, at: Date): Promise<void> {
    await translatingErrors(() => this.db.table('auth_sessions').where({ id }).update({ last_seen_at: at }));
  }

  async markMfaVerified(id: string): Promise<void> {
    await translatingErrors(() => this.db.table('auth_sessions').where({ id }).update({ mfa_verified: true }));
  }

  async insertRefreshToken(t: RefreshTokenRecord): Promise<void> {
    await translatingErrors(() =>
      this.db.table('auth_refresh_tokens').insert({
        org_id: t.orgId,
        id: t.id,
        session_id: t.sessionId,
        token_hash: t.tokenHash,
        created_at: t.createdAt,
        expires_at: t.expiresAt,
        rotated_at: t.rotatedAt,
      }),
    );
  }

  async findRefreshToken(tokenHash: string, options: { forUpdate?: boolean } = {}): Promise<RefreshTokenRecord | null> {
    const qb = this.db.table('auth_refresh_tokens').where({ token_hash: tokenHash }).first();
    if (options.forUpdate) qb.forUpdate();
    const row = (await qb) as Row | undefined;
    return row === undefined ? null : toRefreshToken(row);
  }

  async markRefreshTokenRotated(id: string, at: Date): Promise<void> {
    await translatingErrors(() => this.db.table('auth_refresh_tokens').where({ id }).update({ rotated_at: at }));
  }
}

const INVITATION_COLUMNS = ['id', 'org_id', 'email', 'role', 'display_name', 'token_hash', 'invited_by', 'created_at', 'updated_at', 'expires_at', 'accepted_at', 'accepted_user_id', 'revoked_at'];

function toInvitation(r: Row): Invitation {
  return {
    id: r['id'] as string,
    orgId: r['org_id'] as string,
    email: r['email'] as string,
    role: r['role'] as Role,
    displayName: r['display_name'] as string,
    tokenHash: r['token_hash'] as string,
    invitedBy: r['invited_by'] as string,
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
    expiresAt: r['expires_at'] as Date,
    acceptedAt: r['accepted_at'] as Date | null,
    acceptedUserId: r['accepted_user_id'] as string | null,
    revokedAt: r['revoked_at'] as Date | null,
  };
}

const invitationColumns = (i: Invitation) => ({
  email: i.email.toLowerCase(),
  role: i.role,
  display_name: i.displayName,
  token_hash: i.tokenHash,
  invited_by: i.invitedBy,
  updated_at: i.updatedAt,
  expires_at: i.expiresAt,
  accepted_at: i.acceptedAt,
  accepted_user_id: i.acceptedUserId,
  revoked_at: i.revokedAt,
});

export class PostgresInvitationRepository implements InvitationRepository {
  constructor(private readonly db: TenantDb) {}

  async insert(i: Invitation): Promise<void> {
    await translatingErrors(() => this.db.table('iam_invitations').insert({ org_id: i.orgId, id: i.id, created_at: i.createdAt, ...invitationColumns(i) }));
  }

  private async one(where: (qb: Knex.QueryBuilder) => Knex.QueryBuilder, forUpdate = false): Promise<Invitation | null> {
    const qb = where(this.db.table('iam_invitations').first(INVITATION_COLUMNS));
    if (forUpdate) qb.forUpdate();
    const row = (await translatingErrors(() => qb)) as Row | undefined;
    return row === undefined ? null : toInvitation(row);
  }

  findById(id: string, options: { forUpdate?: boolean } = {}): Promise<Invitation | null> {
    return this.one((qb) => qb.where({ id }), options.forUpdate);
  }

  findByTokenHash(tokenHash: string, options: { forUpdate?: boolean } = {}): Promise<Invitation | null> {
    return this.one((qb) => qb.where({ token_hash: tokenHash }), options.forUpdate);
  }

  findOpenByEmail(email: string): Promise<Invitation | null> {
    return this.one((qb) => qb.whereRaw('lower(email) = ?', [email.toLowerCase()]).whereNull('accepted_at').whereNull('revoked_at'));
  }

  async list(): Promise<readonly Invitation[]> {
    const rows = (await translatingErrors(() =>
      this.db.table('iam_invitations').select(INVITATION_COLUMNS).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(1000),
    )) as Row[];
    return rows.map(toInvitation);
  }

  async update(i: Invitation): Promise<void> {
    await updateOne(
      () => this.db.table('iam_invitations').where({ id: i.id, org_id: i.orgId }).update(invitationColumns(i)),
      () => new AppError('iam.invitation_not_found', `No invitation ${i.id}`, { details: { invitation_id: i.id } }),
    );
  }
}

export class PostgresBreakGlassRepository implements BreakGlassRepository {
  constructor(private readonly db: TenantDb) {}

  async insert(b: BreakGlassToken): Promise<void> {
    await translatingErrors(() =>
      this.db.table('break_glass_tokens').insert({
        org_id: b.orgId,
        id: b.id,
        token_hash: b.tokenHash,
        reason: b.reason,
        created_by: b.createdBy,
        created_at: b.createdAt,
        expires_at: b.expiresAt,
      }),
    );
  }

  async findByHash(tokenHash: string): Promise<BreakGlassToken | null> {
    const r = (await this.db.table('break_glass_tokens').where({ token_hash: tokenHash }).first()) as Row | undefined;
    if (r === undefined) return null;
    return {
      id: r['id'] as string,
      orgId: r['org_id'] as string,
      tokenHash: r['token_hash'] as string,
      reason: r['reason'] as string,
      createdBy: r['created_by'] as string,
      createdAt: r['created_at'] as Date,
      expiresAt: r['expires_at'] as Date,
    };
  }
}
