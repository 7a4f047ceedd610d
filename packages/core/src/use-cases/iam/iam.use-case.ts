/**
 * Staff management inside one org (`/v1/iam/users`): list, reset a password, change a role,
 * deactivate, end sessions. Rules: an ADMIN cannot make or change an OWNER; the last active
 * OWNER can be neither demoted nor deactivated; every change is audited, and a change of role,
 * password or status ends the user's sessions in this org. Credentials (password, second
 * factor) are reset only on accounts this org manages (ADR 13); adding members is in
 * invitations.use-case.ts.
 */
import type { RequestContext } from '../../context.js';
import type { Role } from '../../access/roles.js';
import { ROLES } from '../../access/roles.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import { orgManagesCredentials, type Membership, type UserAccount } from '../../domain/identity/identity.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { AppError } from '../../errors/app-error.js';
import type { AccountMailer } from '../../ports/account-mailer.port.js';
import type { PasswordHasher, SecretTokens } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UserAccounts } from '../../ports/identity-repositories.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { PasswordStrength } from '../../ports/password-strength.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import { selfManagedAccount, temporaryPassword, type IdentityOptions } from '../identity/identity-policy.js';
import { endSessionsInOtherOrgs } from '../identity/session-actions.use-case.js';

export interface IamDeps {
  readonly uow: UnitOfWork;
  readonly users: UserAccounts;
  readonly hasher: PasswordHasher;
  readonly tokens: SecretTokens;
  readonly ids: IdGenerator;
  readonly options: IdentityOptions;
  readonly mailer: AccountMailer;
  readonly orgs: OrgDirectory;
  readonly strength: PasswordStrength;
}

export interface Member {
  readonly user: UserAccount;
  readonly membership: Membership;
}

const notFound = (userId: string) => new AppError('identity.user_not_found', `No user ${userId} in this organisation`, { details: { user_id: userId } });

/** What the audit keeps of a member: the org's own view (its name for them, their role here). */
export function memberView(m: Member) {
  return {
    user_id: m.user.id,
    email: m.user.email,
    display_name: m.membership.displayName,
    role: m.membership.role,
    deactivated_at: m.membership.deactivatedAt?.toISOString() ?? null,
  };
}

async function loadMember(repos: TenantRepositories, userId: string): Promise<Member> {
  const membership = await repos.memberships.findByUser(userId);
  const user = membership === null ? null : await repos.users.findById(userId);
  if (membership === null || user === null) throw notFound(userId);
  return { user, membership };
}

/** ADMINs manage everyone but owners; only an OWNER touches an OWNER or grants OWNER. */
export function assertMayManage(ctx: RequestContext, target: Membership | null, newRole: Role | null): void {
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

/** What would be emailed once the outbox exists (recorded now, sent later). */
export function notificationIntent(options: IdentityOptions, hasTemporaryPassword: boolean) {
  if (!hasTemporaryPassword) return { notification: 'membership_notice' };
  return { notification: options.emailTempPasswords ? 'temporary_password_email' : 'password_set_notice' };
}

/** Members of the org with their role and status, oldest first. */
export class ListUsers {
  constructor(private readonly deps: Pick<IamDeps, 'uow'>) {}

  execute(ctx: RequestContext): Promise<readonly Member[]> {
    return this.deps.uow.run(ctx, (repos) => repos.memberships.list());
  }
}

/**
 * Sets a new temporary password (returned once; must be changed at next sign-in) and ends the
 * user's sessions. Only on an account this org manages: an account that belongs to another org
 * too, or whose holder took it over, is reset by its holder alone (emailed link).
 * @throws identity.user_not_found / iam.owner_only / iam.self_managed_account
 */
export class ResetUserPassword {
  constructor(private readonly deps: IamDeps) {}

  async execute(ctx: RequestContext, input: { userId: unknown }): Promise<{ temporaryPassword: string }> {
    const userId = checkUserId(input);
    const temporary = temporaryPassword(this.deps.tokens);
    const passwordHash = await this.deps.hasher.hash(temporary);
    await this.deps.uow.run(ctx, async (repos) => {
      const target = await loadMember(repos, userId);
      assertMayManage(ctx, target.membership, null);
      if (!orgManagesCredentials(target.user, ctx.orgId)) throw selfManagedAccount(userId);
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
    // A managed account has no other org; should one exist, its sessions end too.
    await endSessionsInOtherOrgs(this.deps, ctx, userId, 'password_reset');
    return { temporaryPassword: temporary };
  }
}

/**
 * Changes a member's role and ends their sessions here (tokens carry the role).
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
 * Deactivates a member: they can no longer sign in to this org; their sessions here end.
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
