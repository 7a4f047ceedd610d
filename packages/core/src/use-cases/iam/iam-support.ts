/**
 * What the staff-management use cases share (`/v1/iam/users`). Rules: an ADMIN cannot make or
 * change an OWNER; the last active OWNER can be neither demoted nor deactivated; every change is
 * audited, and a change of role, password or status ends the user's sessions in this org.
 * Credentials (password, second factor) are reset only on accounts this org manages (ADR 13).
 */
import type { RequestContext } from '../../context.js';
import type { Role } from '../../access/roles.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { Membership, UserAccount } from '../../domain/identity/identity.js';
import { AppError } from '../../errors/app-error.js';
import type { AccountMailer } from '../../ports/account-mailer.port.js';
import type { PasswordHasher, SecretTokens } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UserAccounts } from '../../ports/identity-repositories.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { PasswordStrength } from '../../ports/password-strength.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { IdentityOptions } from '../identity/identity-policy.js';

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

export async function loadMember(repos: TenantRepositories, userId: string): Promise<Member> {
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

export async function assertNotLastOwner(repos: TenantRepositories, target: Membership): Promise<void> {
  if (target.role === 'owner' && target.deactivatedAt === null && (await repos.memberships.countActiveOwners()) <= 1) {
    throw new AppError('iam.last_owner', 'The organisation would have no owner left', { details: { user_id: target.userId } });
  }
}

/** Stores a changed membership, ends the member's sessions here, and audits before and after. */
export async function changeMembership(
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

/** What would be emailed once the outbox exists (recorded now, sent later). */
export function notificationIntent(options: IdentityOptions, hasTemporaryPassword: boolean) {
  if (!hasTemporaryPassword) return { notification: 'membership_notice' };
  return { notification: options.emailTempPasswords ? 'temporary_password_email' : 'password_set_notice' };
}
