/**
 * TOTP enrolment (step-up: the current password), verification (which turns it on), and removal
 * by an OWNER for a lost device — only on an account the org manages (ADR 13).
 */
import type { RequestContext } from '../../context.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import { orgManagesCredentials } from '../../domain/identity/identity.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { AppError } from '../../errors/app-error.js';
import { recoveryCodes, normaliseRecoveryCode, selfManagedAccount } from './identity-policy.js';
import { proveSecondFactor, type CredentialDeps } from './sign-in.use-case.js';
import { ResolveSession, endSessionsInOtherOrgs, proveCurrentPassword, type ResolvedSession } from './session-actions.use-case.js';

/**
 * Starts TOTP enrolment: a new secret (stored encrypted, pending) and the otpauth:// URI to scan.
 * Needs the current password: a stolen access token alone must not be able to enrol a second
 * factor and lock the holder out. Enrolling again replaces a pending secret.
 * @throws validation.failed — the current password is missing or wrong (counts as a failed sign-in).
 * @throws request.rate_limited — too many failed sign-ins.
 * @throws identity.mfa_already_enabled — TOTP is on; an owner must disable it first.
 * @throws auth.session_revoked — the session ended.
 */
export class EnrollTotp {
  constructor(private readonly deps: CredentialDeps) {}

  async execute(ctx: RequestContext, input: { sessionId: string; currentPassword: unknown; clientIp?: string | null }): Promise<{ secret: string; otpauthUri: string }> {
    const { user } = await new ResolveSession(this.deps).execute(ctx, input);
    if (user.totpEnabledAt !== null) throw new AppError('identity.mfa_already_enabled', 'Two-factor sign-in is already on for this account');
    await proveCurrentPassword(this.deps, user, input.currentPassword, input.clientIp ?? null);
    const secret = this.deps.totp.generateSecret();
    await this.deps.uow.run(ctx, async (repos) => {
      await repos.users.patch(user.id, { totpPendingSecretSealed: this.deps.sealer.seal(secret), updatedAt: ctx.now });
      await repos.audit.append(auditEntry(ctx, this.deps.ids, { action: 'auth.mfa_enroll', resourceType: 'user', resourceId: user.id }));
    });
    return { secret, otpauthUri: this.deps.totp.keyUri(secret, user.email, this.deps.options.totpIssuer) };
  }
}

/**
 * Proves the pending secret with a code: TOTP is then on, this session counts as verified, the
 * user's other sessions end (in every org of theirs), and ten single-use recovery codes are
 * returned — once — with the session as it now is (its access token must say it was proven).
 * @throws identity.mfa_not_enrolled — no pending enrolment.
 * @throws validation.failed — the code is missing, wrong or replayed.
 * @throws request.rate_limited — too many wrong codes.
 */
export class VerifyTotp {
  constructor(private readonly deps: CredentialDeps) {}

  async execute(ctx: RequestContext, input: { sessionId: string; code: unknown }): Promise<ResolvedSession & { recoveryCodes: string[] }> {
    const resolved = await new ResolveSession(this.deps).execute(ctx, input);
    const { user } = resolved;
    const codes = recoveryCodes(this.deps.tokens);
    const stored = await this.deps.uow.run(ctx, async (repos) => {
      // Under a row lock: the pending secret is the one stored now, and its code is spent once.
      const fresh = await repos.users.findById(user.id, { forUpdate: true });
      if (fresh?.totpEnabledAt != null) throw new AppError('identity.mfa_already_enabled', 'Two-factor sign-in is already on for this account');
      const pending = fresh?.totpPendingSecretSealed ?? null;
      if (fresh === null || pending === null) throw new AppError('identity.mfa_not_enrolled', 'Start enrolment first (POST /v1/auth/2fa/enroll)');
      // A wrong code here is a field error (422), not 401: the session itself is fine.
      const proven = await proveSecondFactor(this.deps, fresh, ctx.now, { totpCode: input.code }, pending).catch((err: unknown) => {
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
      await repos.sessions.markMfaVerified(input.sessionId);
      const ended = await repos.sessions.revokeAllOfUser(user.id, ctx.now, 'mfa_enabled', input.sessionId);
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'auth.mfa_enable', resourceType: 'user', resourceId: user.id, metadata: { other_sessions_ended: ended } }),
      );
      return { ...fresh, ...changes };
    });
    await endSessionsInOtherOrgs(this.deps, ctx, user.id, 'mfa_enabled');
    return { session: { ...resolved.session, mfaVerified: true }, user: stored, membership: resolved.membership, recoveryCodes: codes };
  }
}

/**
 * Turns a member's TOTP off (an OWNER acting, e.g. after a lost device): secret and recovery
 * codes cleared, every session of that user ended. Only for an account this org manages: the
 * second factor of an account that belongs to another org too (or whose holder took it over)
 * is reset by its holder alone.
 * @throws validation.failed — user id not a UUID.
 * @throws iam.owner_only — the caller is not an owner.
 * @throws identity.user_not_found — not a member of this org.
 * @throws iam.self_managed_account — the org does not manage this account's credentials.
 */
export class DisableTotp {
  constructor(private readonly deps: Pick<CredentialDeps, 'uow' | 'ids' | 'users'>) {}

  async execute(ctx: RequestContext, input: { userId: unknown }): Promise<void> {
    const checks = new InputChecks();
    const userId = checks.uuid('/userId', input.userId);
    checks.throwIfAny();
    if (ctx.actor.role !== 'owner') throw new AppError('iam.owner_only', 'Only an owner may turn off two-factor sign-in');
    await this.deps.uow.run(ctx, async (repos) => {
      const user = await repos.users.findById(userId);
      if (user === null || (await repos.memberships.findByUser(userId)) === null) {
        throw new AppError('identity.user_not_found', `No user ${userId} in this organisation`, { details: { user_id: userId } });
      }
      if (!orgManagesCredentials(user, ctx.orgId)) throw selfManagedAccount(userId);
      await repos.users.patch(userId, { totpSecretSealed: null, totpPendingSecretSealed: null, totpEnabledAt: null, totpLastStep: null, recoveryCodeHashes: [], updatedAt: ctx.now });
      const ended = await repos.sessions.revokeAllOfUser(userId, ctx.now, 'mfa_disabled');
      await repos.audit.append(
        auditEntry(ctx, this.deps.ids, { action: 'auth.mfa_disable', resourceType: 'user', resourceId: userId, metadata: { sessions_ended: ended } }),
      );
    });
  }
}
