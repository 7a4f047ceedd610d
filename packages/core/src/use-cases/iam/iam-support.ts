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
import type { PasswordHasher, SecretTokens } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { UserAccounts } from '../../ports/identity-repositories.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { PasswordStrength } from '../../ports/password-strength.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { IdentityOptions } from '../identity/identity-policy.js';
import { enqueueMessage } from '../outbox/enqueue-message.js';
import type { Messaging } from '../outbox/messaging.js';

export interface IamDeps {
  readonly uow: UnitOfWork;
  readonly users: UserAccounts;
  readonly hasher: PasswordHasher;
  readonly tokens: SecretTokens;
  readonly ids: IdGenerator;
  readonly options: IdentityOptions;
  readonly messaging: Messaging;
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

/** The org's name as its mail shows it; read before a unit of work (the directory is not part of it). */
export async function orgNameOf(deps: Pick<IamDeps, 'orgs'>, orgId: string): Promise<string> {
  return (await deps.orgs.findById(orgId))?.name ?? '';
}

export type TemporaryPasswordMail = {
  readonly user: UserAccount;
  readonly toName: string;
  readonly orgName: string;
  readonly temporaryPassword: string;
} & ({ readonly template: 'account_created'; readonly role: Role } | { readonly template: 'password_reset_by_admin' });

/**
 * Mails a member that an admin set them a temporary password (a new account, or a reset), in the
 * unit of work that sets it. The password itself rides (sealed) only with EMAIL_TEMP_PASSWORDS;
 * otherwise the mail only says one was set (guide 000). Returns what the audit records of it.
 */
export async function enqueueTemporaryPasswordMail(
  deps: Pick<IamDeps, 'messaging' | 'ids'>,
  repos: TenantRepositories,
  ctx: RequestContext,
  mail: TemporaryPasswordMail,
): Promise<{ notification: 'temporary_password_email' | 'password_set_notice' | 'none' }> {
  const includesPassword = deps.messaging.options.emailTemporaryPasswords;
  const common = { channel: 'email', to: mail.user.email, toName: mail.toName, secret: includesPassword ? mail.temporaryPassword : null } as const;
  const outcome =
    mail.template === 'account_created'
      ? await enqueueMessage(deps, repos, ctx, { ...common, template: 'account_created', dedupeKey: `account:${mail.user.id}:created`, data: { orgName: mail.orgName, role: mail.role, includesPassword } })
      : // Every reset sets a new password: one mail each (the id only makes the key unique).
        await enqueueMessage(deps, repos, ctx, {
          ...common,
          template: 'password_reset_by_admin',
          dedupeKey: `account:${mail.user.id}:admin_reset:${deps.ids.next()}`,
          data: { orgName: mail.orgName, includesPassword },
        });
  if (!outcome.queued) return { notification: 'none' };
  return { notification: includesPassword ? 'temporary_password_email' : 'password_set_notice' };
}
