/**
 * What the use cases acting on a signed-in user's session share: loading the live session,
 * proving the current password (step-up), and ending the user's sessions in their other orgs.
 */
import type { RequestContext } from '../../context.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { isSessionUsable, type AuthSession, type Membership, type UserAccount } from '../../domain/identity/identity.js';
import { AppError } from '../../errors/app-error.js';
import { reserveAttempt, signInBudgets } from './identity-policy.js';
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
  // The contracts of this area require it (`CurrentPassword`); callers not yet on a contract may pass anything.
  if (typeof password !== 'string' || password === '') {
    throw new AppError('validation.failed', 'Confirm with your current password', { errors: [{ pointer, detail: 'is required' }] });
  }
  const reserved = await reserveAttempt(deps.limiter, signInBudgets(user.email, clientIp));
  if (!(await deps.hasher.verify(user.passwordHash, password))) {
    throw new AppError('validation.failed', 'The current password is not correct', { errors: [{ pointer, detail: 'is not correct' }] });
  }
  await reserved.passed();
}

/**
 * The session of a request, live: `ctx.actor.id` is the user, `sessionId` from the access token.
 * @throws auth.session_revoked — revoked, expired, unknown, or the membership was deactivated.
 */
export async function loadSession(deps: Pick<CredentialDeps, 'uow' | 'sessionLookup'>, ctx: RequestContext, sessionId: string): Promise<ResolvedSession> {
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
