import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { isSessionUsable, type AuthSession, type Membership, type UserAccount } from '../../domain/identity/identity.js';
import { RefreshToken, SecondFactorFields, SessionTokensView } from '../../domain/identity/identity-schemas.js';
import { AppError } from '../../errors/app-error.js';
import { MFA_ROLES, parseRefreshToken } from './identity-policy.js';
import { issueRefreshToken } from './session-issuer.js';
import { proveSecondFactor, type Attempt, type CredentialDeps } from './sign-in.use-case.js';
import { noticeTotpReplay, replayedTotpStep } from './totp-replay-notice.js';

export interface RefreshResult {
  readonly session: AuthSession;
  readonly refreshToken: string;
  readonly refreshExpiresAt: Date;
  readonly user: UserAccount;
  readonly membership: Membership;
}

const contract = defineContract({
  name: 'RefreshSession',
  input: Type.Object(
    {
      refreshToken: RefreshToken,
      ...SecondFactorFields,
    },
    { additionalProperties: false },
  ),
  output: SessionTokensView,
});

export type RefreshSessionInput = ContractInput<typeof contract>;

const revokedError = () => new AppError('auth.session_revoked', 'The session has ended; sign in again');

/**
 * Exchanges a refresh token for a new one (rotation) and a fresh session view. A token that was
 * already exchanged is reuse — someone else has a copy — so the whole session is revoked.
 * With ADMIN_MFA_REQUIRED, an OWNER/ADMIN session not yet proven needs a code to refresh, and
 * a valid one upgrades it.
 * @throws validation.failed — a field the contract refuses.
 * @throws auth.token_invalid — malformed or unknown token.
 * @throws auth.session_revoked — revoked or expired session, or reuse detected (now revoked).
 * @throws auth.mfa_required — the code the session needs is missing or wrong.
 * @throws request.rate_limited — too many wrong codes.
 */
export class RefreshSession {
  static readonly contract = contract;

  constructor(private readonly deps: CredentialDeps) {}

  async execute(attempt: Attempt, input: RefreshSessionInput): Promise<RefreshResult> {
    const checked = checkInput(contract, input);
    const parsed = parseRefreshToken(checked.refreshToken);
    if (parsed === null) throw new AppError('auth.token_invalid', 'The refresh token is not valid');
    const { deps } = this;
    const system = { kind: 'system' as const, id: 'auth:refresh', role: null };
    const tokenHash = deps.tokens.hash(parsed.secret);
    // Whose session is it? Then the exchange runs as that user (who alone may write their account).
    const owner = await deps.uow.run({ orgId: parsed.orgId, actor: system, requestId: attempt.requestId, now: attempt.now }, async (repos) => {
      const record = await repos.sessions.findRefreshToken(tokenHash);
      return record === null ? null : repos.sessions.findById(record.sessionId);
    });
    if (owner === null) throw new AppError('auth.token_invalid', 'The refresh token is not valid');
    const ctx: RequestContext = { orgId: parsed.orgId, actor: { kind: 'staff', id: owner.userId, role: owner.role }, requestId: attempt.requestId, now: attempt.now };
    const outcome = await deps.uow.run(ctx, async (repos) => {
      const record = await repos.sessions.findRefreshToken(tokenHash, { forUpdate: true });
      if (record === null) return { kind: 'invalid' as const };
      const session = await repos.sessions.findById(record.sessionId, { forUpdate: true });
      if (session === null || session.userId !== owner.userId) return { kind: 'invalid' as const };
      const staffCtx: RequestContext = { ...ctx, actor: { kind: 'staff', id: session.userId, role: session.role } };
      if (record.rotatedAt !== null) {
        // Reuse: revoke and keep the revocation (returning, not throwing, so it commits).
        await repos.sessions.revoke(session.id, attempt.now, 'refresh_token_reuse');
        await repos.audit.append(
          auditEntry(staffCtx, deps.ids, {
            action: 'auth.refresh_reuse',
            resourceType: 'session',
            resourceId: session.id,
            metadata: { client_ip: attempt.clientIp ?? null, rotated_at: record.rotatedAt.toISOString() },
          }),
        );
        return { kind: 'reused' as const };
      }
      if (!isSessionUsable(session, attempt.now) || record.expiresAt <= attempt.now) return { kind: 'revoked' as const };

      // Locked: a code proven here is spent once, whatever else runs at the same time.
      const [found, membership] = await Promise.all([repos.users.findById(session.userId, { forUpdate: true }), repos.memberships.findByUser(session.userId)]);
      if (found === null || membership === null || membership.deactivatedAt !== null) return { kind: 'revoked' as const };
      let user = found;
      let current = session;
      if (deps.options.adminMfaRequired && MFA_ROLES.includes(session.role) && !session.mfaVerified && user.totpEnabledAt !== null) {
        const changes = await proveSecondFactor(deps, user, attempt.now, checked);
        await repos.users.patch(user.id, changes);
        user = { ...user, ...changes };
        await repos.sessions.markMfaVerified(session.id);
        current = { ...session, mfaVerified: true };
      }
      await repos.sessions.markRefreshTokenRotated(record.id, attempt.now);
      await repos.sessions.touch(current.id, attempt.now);
      const next = await issueRefreshToken(repos, deps, staffCtx, current);
      return { kind: 'ok' as const, session: { ...current, lastSeenAt: attempt.now }, user, membership, ...next };
    }).catch(async (err: unknown) => {
      // A replayed code is told to its holder once the refusing unit of work has rolled back.
      if (replayedTotpStep(err) !== null) {
        const holder = await deps.users.findById(owner.userId);
        if (holder !== null) await noticeTotpReplay(deps, ctx, holder, err, attempt.clientIp ?? null);
      }
      throw err;
    });
    if (outcome.kind === 'invalid') throw new AppError('auth.token_invalid', 'The refresh token is not valid');
    if (outcome.kind !== 'ok') throw revokedError();
    const { session, refreshToken, refreshExpiresAt, user, membership } = outcome;
    return { session, refreshToken, refreshExpiresAt, user, membership };
  }
}
