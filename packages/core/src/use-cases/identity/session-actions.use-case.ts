/**
 * What a signed-in user does with their session: resolve it on each request, see who they are,
 * sign out, switch org, change their password.
 */
import type { RequestContext } from '../../context.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { isSessionUsable, type AuthSession, type Membership, type UserAccount } from '../../domain/identity/identity.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { AppError } from '../../errors/app-error.js';
import { checkNewPassword, passwordContext, reserveAttempt, signInBudgets, type IdentityOptions } from './identity-policy.js';
import { issueSession, type IssuedSession } from './session-issuer.js';
import type { CredentialDeps } from './sign-in.use-case.js';

export interface ResolvedSession {
  readonly session: AuthSession;
  readonly user: UserAccount;
  readonly membership: Membership;
}

const ended = () => new AppError('auth.session_revoked', 'The session has ended; sign in again');

/**
 * Ends the user's sessions in their other orgs after a change to how they sign in (password,
 * second factor): the account is one across orgs, so a session opened elsewhere with the old
 * credentials must end too. One unit of work per org, each under that org's row level security.
 */
export async function endSessionsInOtherOrgs(deps: Pick<CredentialDeps, 'users' | 'uow' | 'ids'>, ctx: RequestContext, userId: string, reason: string): Promise<number> {
  const others = (await deps.users.membershipsOf(userId)).filter((m) => m.orgId !== ctx.orgId);
  let total = 0;
  for (const m of others) {
    const there: RequestContext = { orgId: m.orgId, actor: { kind: 'staff', id: userId, role: m.role }, requestId: ctx.requestId, now: ctx.now };
    total += await deps.uow.run(there, async (repos) => {
      const count = await repos.sessions.revokeAllOfUser(userId, ctx.now, reason);
      if (count > 0) {
        await repos.audit.append(
          auditEntry(there, deps.ids, { action: 'auth.sessions_ended', resourceType: 'user', resourceId: userId, metadata: { reason, sessions_ended: count, changed_in_org_id: ctx.orgId } }),
        );
      }
      return count;
    });
  }
  return total;
}

/**
 * Step-up: the signed-in holder proves the current password before changing how the account
 * signs in (a stolen 15-minute access token must not be enough). A wrong password counts as a
 * failed sign-in, spent before the hash like every sign-in; it is a field error (422), not 401:
 * the session itself is fine.
 */
export async function proveCurrentPassword(
  deps: Pick<CredentialDeps, 'limiter' | 'hasher'>,
  user: UserAccount,
  password: unknown,
  clientIp: string | null,
  pointer = '/currentPassword',
): Promise<void> {
  if (typeof password !== 'string' || password === '') {
    throw new AppError('validation.failed', 'Confirm with your current password', { errors: [{ pointer, detail: 'is required' }] });
  }
  const reserved = await reserveAttempt(deps.limiter, signInBudgets(user.email, clientIp));
  if (!(await deps.hasher.verify(user.passwordHash, password))) {
    throw new AppError('validation.failed', 'The current password is not correct', { errors: [{ pointer, detail: 'is not correct' }] });
  }
  await reserved.passed();
}

/** The session of a request: `ctx.actor.id` is the user, `sessionId` from the access token. */
async function loadSession(deps: Pick<CredentialDeps, 'uow' | 'sessionLookup'>, ctx: RequestContext, sessionId: string): Promise<ResolvedSession> {
  const found =
    deps.sessionLookup !== null ? await deps.sessionLookup.findWithAccount(ctx.orgId, sessionId) : await deps.uow.run(ctx, (repos) => repos.sessions.findWithAccount(sessionId));
  if (found === null || found.session.userId !== ctx.actor.id || !isSessionUsable(found.session, ctx.now) || found.membership.deactivatedAt !== null) throw ended();
  const proof = ctx.session?.sessionId === sessionId ? ctx.session : null;
  // The token's claims must still be true: a token whose role or second-factor state no longer
  // matches the live membership and session (or that was forged with a leaked key) is refused.
  if (proof !== null && (proof.role !== found.membership.role || proof.mfaVerified !== found.session.mfaVerified)) throw ended();
  if (proof !== null) proof.confirmed = true;
  return found;
}

/**
 * Checks on every request that the access token's session is still live: a revoked session's
 * token stops working at once, whatever its expiry.
 * @throws auth.session_revoked — revoked, expired, unknown, or the membership was deactivated.
 */
export class ResolveSession {
  constructor(private readonly deps: Pick<CredentialDeps, 'uow' | 'sessionLookup'>) {}

  execute(ctx: RequestContext, input: { sessionId: string }): Promise<ResolvedSession> {
    return loadSession(this.deps, ctx, input.sessionId);
  }
}

/**
 * The signed-in user, their role here, and every org they may switch to.
 * @throws auth.session_revoked — the session ended.
 */
export class GetMe {
  constructor(private readonly deps: Pick<CredentialDeps, 'uow' | 'users' | 'sessionLookup'>) {}

  async execute(ctx: RequestContext, input: { sessionId: string }): Promise<ResolvedSession & { orgs: readonly Membership[] }> {
    const resolved = await loadSession(this.deps, ctx, input.sessionId);
    const orgs = (await this.deps.users.membershipsOf(resolved.user.id)).filter((m) => m.deactivatedAt === null);
    return { ...resolved, orgs };
  }
}

/** Ends the session (idempotent) and audits it. */
export class SignOut {
  constructor(private readonly deps: Pick<CredentialDeps, 'uow' | 'ids'>) {}

  async execute(ctx: RequestContext, input: { sessionId: string }): Promise<void> {
    await this.deps.uow.run(ctx, async (repos) => {
      const session = await repos.sessions.findById(input.sessionId);
      // Only one's own session: anything else answers as if already signed out.
      if (session === null || session.revokedAt !== null || session.userId !== ctx.actor.id) return;
      await repos.sessions.revoke(session.id, ctx.now, 'logout');
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'auth.logout', resourceType: 'session', resourceId: session.id }));
    });
  }
}

/**
 * A new session in another of the user's orgs. A second factor proven in this session counts
 * there too (it is the same person, moments later).
 * @throws validation.failed — org id not a UUID.
 * @throws auth.session_revoked — the current session ended.
 * @throws auth.forbidden — not an active member of that org.
 */
export class SwitchOrg {
  constructor(private readonly deps: CredentialDeps) {}

  async execute(ctx: RequestContext, input: { sessionId: string; orgId: unknown }): Promise<IssuedSession & { membership: Membership }> {
    const checks = new InputChecks();
    const orgId = checks.uuid('/orgId', input.orgId);
    checks.throwIfAny();
    const current = await loadSession(this.deps, ctx, input.sessionId);
    const target = (await this.deps.users.membershipsOf(current.user.id)).find((m) => m.orgId === orgId && m.deactivatedAt === null);
    if (target === undefined) throw new AppError('auth.forbidden', 'You are not a member of that organisation');
    const there: RequestContext = { orgId, actor: { kind: 'staff', id: current.user.id, role: target.role }, requestId: ctx.requestId, now: ctx.now };
    const issued = await this.deps.uow.run(there, async (repos) => {
      const session = await issueSession(repos, this.deps, there, target, current.session.mfaVerified);
      await repos.audit.append(
        auditEntry(there, this.deps.ids, { action: 'auth.switch_org', resourceType: 'session', resourceId: session.session.id, metadata: { from_org_id: ctx.orgId } }),
      );
      return session;
    });
    return { ...issued, membership: target };
  }
}

/**
 * Changes the user's own password (required after a temporary one), then ends their other
 * sessions, in this org and in every other org of theirs.
 * @throws validation.failed — current password wrong, or new one too short, too guessable, or
 *   equal to the old one.
 * @throws request.rate_limited — too many failed sign-ins or wrong current passwords.
 * @throws auth.session_revoked — the session ended.
 */
export class ChangePassword {
  constructor(private readonly deps: CredentialDeps & { options: IdentityOptions }) {}

  async execute(ctx: RequestContext, input: { sessionId: string; currentPassword: unknown; newPassword: unknown; clientIp?: string | null }): Promise<void> {
    const { user } = await loadSession(this.deps, ctx, input.sessionId);
    // The current password first (rate limited): judging a new one costs CPU, so only its holder may ask.
    await proveCurrentPassword(this.deps, user, input.currentPassword, input.clientIp ?? null);
    const checks = new InputChecks();
    const org = await this.deps.orgs.findById(ctx.orgId);
    const next = checkNewPassword(checks, '/newPassword', input.newPassword, this.deps.strength, passwordContext(user.email, user.displayName, org?.name));
    if (next !== '' && next === input.currentPassword) checks.fail('/newPassword', 'must differ from the current password');
    checks.throwIfAny();
    const passwordHash = await this.deps.hasher.hash(next);
    await this.deps.uow.run(ctx, async (repos) => {
      await repos.users.patch(user.id, { passwordHash, mustChangePassword: false, passwordChangedAt: ctx.now, updatedAt: ctx.now });
      const ended = await repos.sessions.revokeAllOfUser(user.id, ctx.now, 'password_changed', input.sessionId);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'auth.password_change', resourceType: 'user', resourceId: user.id, metadata: { other_sessions_ended: ended } }),
      );
    });
    await endSessionsInOtherOrgs(this.deps, ctx, user.id, 'password_changed');
  }
}
