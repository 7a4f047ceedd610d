import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { SessionId, TotpCode, TotpEnabledView } from '../../domain/identity/identity-schemas.js';
import { AppError } from '../../errors/app-error.js';
import { normaliseRecoveryCode, recoveryCodes } from './identity-policy.js';
import { endSessionsInOtherOrgs, loadSession, type ResolvedSession } from './session-support.js';
import { proveSecondFactor, type CredentialDeps } from './sign-in.use-case.js';

const contract = defineContract({
  name: 'VerifyTotp',
  input: Type.Object({ sessionId: SessionId, code: TotpCode }, { additionalProperties: false }),
  // Answered over HTTP with the recovery codes and a new access token saying the session is proven.
  output: TotpEnabledView,
});

export type VerifyTotpInput = ContractInput<typeof contract>;

/**
 * Proves the pending secret with a code: TOTP is then on, this session counts as verified, the
 * user's other sessions end (in every org of theirs), and ten single-use recovery codes are
 * returned — once — with the session as it now is (its access token must say it was proven).
 * @throws identity.mfa_not_enrolled — no pending enrolment.
 * @throws validation.failed — the code is missing, wrong or replayed.
 * @throws request.rate_limited — too many wrong codes.
 */
export class VerifyTotp {
  static readonly contract = contract;

  constructor(private readonly deps: CredentialDeps) {}

  async execute(ctx: RequestContext, input: VerifyTotpInput): Promise<ResolvedSession & { recoveryCodes: string[] }> {
    const { sessionId, code } = checkInput(contract, input);
    const resolved = await loadSession(this.deps, ctx, sessionId);
    const { user } = resolved;
    const codes = recoveryCodes(this.deps.tokens);
    const stored = await this.deps.uow.run(ctx, async (repos) => {
      // Under a row lock: the pending secret is the one stored now, and its code is spent once.
      const fresh = await repos.users.findById(user.id, { forUpdate: true });
      if (fresh?.totpEnabledAt != null) throw new AppError('identity.mfa_already_enabled', 'Two-factor sign-in is already on for this account');
      const pending = fresh?.totpPendingSecretSealed ?? null;
      if (fresh === null || pending === null) throw new AppError('identity.mfa_not_enrolled', 'Start enrolment first (POST /v1/auth/2fa/enroll)');
      // A wrong code here is a field error (422), not 401: the session itself is fine. No replay
      // notice (cf. sign-in): an account being enrolled has no last accepted step (never enabled, or
      // cleared when TOTP was turned off or reset), so no code of it can be refused as replayed.
      const proven = await proveSecondFactor(this.deps, fresh, ctx.now, { totpCode: code }, pending).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'auth.mfa_required') {
          throw new AppError('validation.failed', err.message, { errors: [{ pointer: '/code', detail: err.details['reason'] === 'code_already_used' ? 'was already used; wait for the next code' : 'is not valid' }] });
        }
        throw err;
      });
      const changes = {
        ...proven,
        totpSecretSealed: pending,
        totpPendingSecretSealed: null,
        totpEnabledAt: ctx.now,
        recoveryCodeHashes: codes.map((c) => this.deps.tokens.hash(normaliseRecoveryCode(c))),
        updatedAt: ctx.now,
      };
      await repos.users.patch(user.id, changes);
      await repos.sessions.markMfaVerified(sessionId);
      const ended = await repos.sessions.revokeAllOfUser(user.id, ctx.now, 'mfa_enabled', sessionId);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'auth.mfa_enable', resourceType: 'user', resourceId: user.id, metadata: { other_sessions_ended: ended } }),
      );
      return { ...fresh, ...changes };
    });
    await endSessionsInOtherOrgs(this.deps, ctx, user.id, 'mfa_enabled');
    return { session: { ...resolved.session, mfaVerified: true }, user: stored, membership: resolved.membership, recoveryCodes: codes };
  }
}
