/**
 * Staff management inside one org (`/v1/iam/users`): list, invite, reset a password, change a
 * role, deactivate, end sessions. Rules: an ADMIN cannot make or change an OWNER; the last
 * active OWNER can be neither demoted nor deactivated; every change is audited, and a change of
 * role, password or status ends the user's sessions in this org.
 */
import type { RequestContext } from '../../context.js';
import { ROLES, type Role } from '../../access/roles.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { Membership, UserAccount } from '../../domain/identity/identity.js';
import { normaliseEmail } from '../../domain/shared/contact.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { AppError } from '../../errors/app-error.js';
import type { PasswordHasher, SecretTokens } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UserAccounts } from '../../ports/identity-repositories.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import { temporaryPassword, type IdentityOptions } from '../identity/identity-policy.js';

export interface IamDeps {
  readonly uow: UnitOfWork;
  readonly users: UserAccounts;
  readonly hasher: PasswordHasher;
  readonly tokens: SecretTokens;
  readonly ids: IdGenerator;
  readonly options: IdentityOptions;
}

export interface Member {
  readonly user: UserAccount;
  readonly membership: Membership;
}

const notFound = (userId: string) => new AppError('identity.user_not_found', `No user ${userId} in this organisation`, { details: { user_id: userId } });

function memberView(m: Member) {
  return { user_id: m.user.id, email: m.user.email, role: m.membership.role, deactivated_at: m.membership.deactivatedAt?.toISOString() ?? null };
}

async function loadMember(repos: TenantRepositories, userId: string): Promise<Member> {
  const membership = await repos.memberships.findByUser(userId);
  const user = membership === null ? null : await repos.users.findById(userId);
  if (membership === null || user === null) throw notFound(userId);
  return { user, membership };
}

/** ADMINs manage everyone but owners; only an OWNER touches an OWNER or grants OWNER. */
function assertMayManage(ctx: RequestContext, target: Membership | null, newRole: Role | null): void {
  if (ctx.actor.role === 'owner') return;
  if (target?.role === 'owner' || newRole === 'owner') throw new AppError('iam.owner_only', 'Only an owner may manage owners');
}

async function assertNotLastOwner(repos: TenantRepositories, target: Membership): Promise<void> {
  if (target.role === 'owner' && target.deactivatedAt === null && (await repos.memberships.countActiveOwners()) <= 1) {
    throw new AppError('iam.last_owner', 'The organisation would have no owner left', { details: { user_id: target.userId } });
  }
}

/** Stores a changed membership, ends the member's sessions here, and audits before and after. */
async function changeMembership(
  repos: TenantRepositories,
  ctx: RequestContext,
  ids: IdGenerator,
  target: Member,
  membership: Membership,
  action: string,
  revokeReason: string,
): Promise<Member> {
  await repos.memberships.update(membership);
  const ended = await repos.sessions.revokeAllOfUser(target.user.id, ctx.now, revokeReason);
  const changed = { user: target.user, membership };
  await repos.audit.append(
    auditEntry(ctx, ids, {
      action,
      resourceType: 'user',
      resourceId: target.user.id,
      before: snapshot(memberView(target)),
      after: snapshot(memberView(changed)),
      metadata: { sessions_ended: ended },
    }),
  );
  return changed;
}

function checkUserId(input: { userId: unknown }): string {
  const checks = new InputChecks();
  const userId = checks.uuid('/userId', input.userId);
  checks.throwIfAny();
  return userId;
}

/** Members of the org with their role and status, oldest first. */
export class ListUsers {
  constructor(private readonly deps: Pick<IamDeps, 'uow'>) {}

  execute(ctx: RequestContext): Promise<readonly Member[]> {
    return this.deps.uow.run(ctx, (repos) => repos.memberships.list());
  }
}

/**
 * Adds a member. A new email gets an account with a temporary password, returned once and
 * usable only to set a new one; an existing account (a member of another org) just gains the
 * membership and keeps its password; a deactivated member of this org is reactivated.
 * @throws validation.failed — bad email, name or role.
 * @throws iam.owner_only — an ADMIN inviting an OWNER.
 * @throws storage.conflict — already an active member here (a deactivated one is reactivated).
 */
export class InviteUser {
  constructor(private readonly deps: IamDeps) {}

  async execute(ctx: RequestContext, input: { email: unknown; displayName?: unknown; role: unknown }): Promise<Member & { temporaryPassword: string | null }> {
    const checks = new InputChecks();
    const email = normaliseEmail(checks, '/email', input.email);
    if (email === null || email === undefined) checks.fail('/email', 'is required');
    const role = checks.oneOf('/role', input.role, ROLES);
    const displayName = input.displayName === undefined ? null : checks.text('/displayName', input.displayName, { max: 200 });
    checks.throwIfAny();
    assertMayManage(ctx, null, role!);
    const existing = await this.deps.users.findByEmail(email!);
    let temporary: string | null = null;
    let user: UserAccount;
    if (existing !== null) {
      user = existing;
    } else {
      temporary = temporaryPassword(this.deps.tokens);
      user = {
        id: this.deps.ids.next(),
        email: email!,
        displayName: displayName ?? email!.split('@')[0]!,
        passwordHash: await this.deps.hasher.hash(temporary),
        mustChangePassword: true,
        passwordChangedAt: ctx.now,
        totpSecretSealed: null,
        totpPendingSecretSealed: null,
        totpEnabledAt: null,
        totpLastStep: null,
        recoveryCodeHashes: [],
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
    }
    const fresh: Membership = { id: this.deps.ids.next(), orgId: ctx.orgId, userId: user.id, role: role!, deactivatedAt: null, createdAt: ctx.now, updatedAt: ctx.now };
    const membership = await this.deps.uow.run(ctx, async (repos) => {
      const prior = existing === null ? null : await repos.memberships.findByUser(user.id);
      if (prior !== null) {
        if (prior.deactivatedAt === null) throw new AppError('storage.conflict', 'This person is already a member of the organisation', { details: { user_id: user.id } });
        // A former member comes back: the same membership, active again, with the role asked for.
        assertMayManage(ctx, prior, role!);
        const back: Membership = { ...prior, role: role!, deactivatedAt: null, updatedAt: ctx.now };
        await repos.memberships.update(back);
        await repos.audit.append(
          auditEntry(ctx, this.deps.ids, {
            action: 'iam.user_reactivate',
            resourceType: 'user',
            resourceId: user.id,
            before: snapshot(memberView({ user, membership: prior })),
            after: snapshot(memberView({ user, membership: back })),
            metadata: { notification: 'membership_notice' },
          }),
        );
        return back;
      }
      const membership = fresh;
      if (existing === null) await repos.users.insert(user);
      await repos.memberships.insert(membership);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'iam.user_invite',
          resourceType: 'user',
          resourceId: user.id,
          after: memberView({ user, membership }),
          metadata: { existing_account: existing !== null, ...notificationIntent(this.deps.options, temporary !== null) },
        }),
      );
      return membership;
    });
    return { user, membership, temporaryPassword: temporary };
  }
}

/** What would be emailed once the outbox exists (recorded now, sent later). */
function notificationIntent(options: IdentityOptions, hasTemporaryPassword: boolean) {
  if (!hasTemporaryPassword) return { notification: 'membership_notice' };
  return { notification: options.emailTempPasswords ? 'temporary_password_email' : 'password_set_notice' };
}

/**
 * Sets a new temporary password (returned once; must be changed at next sign-in) and ends the
 * user's sessions. Refused for an account that signs in to other orgs too: one org's admin
 * must not change how someone signs in elsewhere.
 * @throws identity.user_not_found / iam.owner_only / iam.user_shared
 */
export class ResetUserPassword {
  constructor(private readonly deps: IamDeps) {}

  async execute(ctx: RequestContext, input: { userId: unknown }): Promise<{ temporaryPassword: string }> {
    const userId = checkUserId(input);
    const elsewhere = (await this.deps.users.membershipsOf(userId)).filter((m) => m.orgId !== ctx.orgId && m.deactivatedAt === null);
    const temporary = temporaryPassword(this.deps.tokens);
    const passwordHash = await this.deps.hasher.hash(temporary);
    await this.deps.uow.run(ctx, async (repos) => {
      const target = await loadMember(repos, userId);
      assertMayManage(ctx, target.membership, null);
      if (elsewhere.length > 0) throw new AppError('iam.user_shared', 'This account signs in to other organisations: they must reset it themselves', { details: { user_id: userId } });
      await repos.users.patch(userId, { passwordHash, mustChangePassword: true, passwordChangedAt: ctx.now, updatedAt: ctx.now });
      const ended = await repos.sessions.revokeAllOfUser(userId, ctx.now, 'password_reset');
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, {
          action: 'iam.password_reset',
          resourceType: 'user',
          resourceId: userId,
          metadata: { sessions_ended: ended, ...notificationIntent(this.deps.options, true) },
        }),
      );
    });
    return { temporaryPassword: temporary };
  }
}

/**
 * Changes a member's role and ends their sessions (tokens carry the role).
 * @throws validation.failed / identity.user_not_found / iam.owner_only / iam.last_owner
 */
export class ChangeUserRole {
  constructor(private readonly deps: Pick<IamDeps, 'uow' | 'ids'>) {}

  async execute(ctx: RequestContext, input: { userId: unknown; role: unknown }): Promise<Member> {
    const checks = new InputChecks();
    const userId = checks.uuid('/userId', input.userId);
    const role = checks.oneOf('/role', input.role, ROLES);
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const target = await loadMember(repos, userId);
      assertMayManage(ctx, target.membership, role!);
      if (target.membership.role === role) return target;
      if (role !== 'owner') await assertNotLastOwner(repos, target.membership);
      return changeMembership(repos, ctx, this.deps.ids, target, { ...target.membership, role: role!, updatedAt: ctx.now }, 'iam.role_change', 'role_changed');
    });
  }
}

/**
 * Deactivates a member: they can no longer sign in to this org; their sessions end.
 * Idempotent. @throws identity.user_not_found / iam.owner_only / iam.last_owner
 */
export class DeactivateUser {
  constructor(private readonly deps: Pick<IamDeps, 'uow' | 'ids'>) {}

  async execute(ctx: RequestContext, input: { userId: unknown }): Promise<Member> {
    const userId = checkUserId(input);
    return this.deps.uow.run(ctx, async (repos) => {
      const target = await loadMember(repos, userId);
      assertMayManage(ctx, target.membership, null);
      if (target.membership.deactivatedAt !== null) return target;
      await assertNotLastOwner(repos, target.membership);
      return changeMembership(repos, ctx, this.deps.ids, target, { ...target.membership, deactivatedAt: ctx.now, updatedAt: ctx.now }, 'iam.user_deactivate', 'deactivated');
    });
  }
}

/** Ends every session of a member in this org (a suspected credential leak). */
export class LogoutUser {
  constructor(private readonly deps: Pick<IamDeps, 'uow' | 'ids'>) {}

  async execute(ctx: RequestContext, input: { userId: unknown }): Promise<{ sessionsEnded: number }> {
    const userId = checkUserId(input);
    return this.deps.uow.run(ctx, async (repos) => {
      const target = await loadMember(repos, userId);
      assertMayManage(ctx, target.membership, null);
      const ended = await repos.sessions.revokeAllOfUser(userId, ctx.now, 'logout_by_admin');
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'iam.user_logout', resourceType: 'user', resourceId: userId, metadata: { sessions_ended: ended } }));
      return { sessionsEnded: ended };
    });
  }
}
