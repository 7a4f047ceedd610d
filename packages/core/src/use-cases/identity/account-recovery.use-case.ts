/**
 * Self-service recovery by the holder of an account (ADR 13): a single-use token emailed to the
 * account's address, then
 * - a new password (the second factor, when on, is still asked for), or
 * - the second factor cleared, with the current password (a lost device without recovery codes).
 * Only the holder resets an account that belongs to several orgs (or that joined one by
 * invitation); an org resets only accounts it manages (iam.use-case.ts). The request answers
 * the same whether or not the address has an account.
 */
import type { RequestContext } from '../../context.js';
import { auditEntry } from '../../domain/audit/audit-builder.js';
import type { CredentialResetPurpose, UserAccount } from '../../domain/identity/identity.js';
import { normaliseEmail } from '../../domain/shared/contact.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { AppError } from '../../errors/app-error.js';
import type { UserChanges } from '../../ports/identity-repositories.port.js';
import {
  EMAILED_RESETS_BY_ACCOUNT,
  EMAILED_RESETS_BY_IP,
  TOKEN_REDEMPTIONS_BY_IP,
  checkNewPassword,
  minutes,
  parseScopedToken,
  passwordContext,
  reserveAttempt,
} from './identity-policy.js';
import { endSessionsInOtherOrgs, proveCurrentPassword } from './session-actions.use-case.js';
import { proveSecondFactor, type Attempt, type CredentialDeps } from './sign-in.use-case.js';

const tokenInvalid = () => new AppError('auth.token_invalid', 'The reset link is not valid: it may have expired or been used already (request a new one)');

const CLEARED_TOKEN = { resetTokenHash: null, resetTokenPurpose: null, resetTokenExpiresAt: null } as const;

/**
 * The unit of work an account-level change of the holder's runs in: the org of one of their
 * memberships (any — the account row is one across orgs), acting as the holder.
 */
async function holderContext(deps: Pick<CredentialDeps, 'users'>, user: UserAccount, attempt: Attempt): Promise<RequestContext | null> {
  const memberships = await deps.users.membershipsOf(user.id);
  const home = memberships.find((m) => m.deactivatedAt === null) ?? memberships[0];
  if (home === undefined) return null;
  return { orgId: home.orgId, actor: { kind: 'staff', id: user.id, role: home.role }, requestId: attempt.requestId, now: attempt.now };
}

/**
 * Emails a reset token to the address when it has an account (one outstanding token per account;
 * a new request replaces it). Answers the same either way; at most 5 requests per address and 20
 * per client address an hour.
 * @throws validation.failed — not an email address, or an unknown purpose.
 * @throws request.rate_limited — too many requests.
 */
export class RequestCredentialReset {
  constructor(private readonly deps: CredentialDeps) {}

  async execute(attempt: Attempt, input: { email: unknown; purpose: CredentialResetPurpose; clientIp: string | null }): Promise<void> {
    const checks = new InputChecks();
    const email = normaliseEmail(checks, '/email', input.email);
    if (email === null || email === undefined) checks.fail('/email', 'is required');
    checks.throwIfAny();
    const { deps } = this;
    // Every request spends (each may send mail), known address or not.
    await reserveAttempt(deps.limiter, [
      { bucket: EMAILED_RESETS_BY_ACCOUNT, key: email!, onSuccess: 'refund' },
      ...(input.clientIp === null ? [] : [{ bucket: EMAILED_RESETS_BY_IP, key: input.clientIp, onSuccess: 'refund' as const }]),
    ]);
    const user = await deps.users.findByEmail(email!);
    const ctx = user === null ? null : await holderContext(deps, user, attempt);
    if (user === null || ctx === null) return;
    const secret = deps.tokens.random(32);
    const expiresAt = new Date(attempt.now.getTime() + minutes(deps.options.credentialResetTtlMinutes));
    await deps.uow.run(ctx, (repos) =>
      repos.users.patch(user.id, { resetTokenHash: deps.tokens.hash(secret), resetTokenPurpose: input.purpose, resetTokenExpiresAt: expiresAt, updatedAt: attempt.now }),
    );
    await deps.systemAudit.append({
      id: deps.ids.next(),
      actorId: 'anonymous',
      action: 'auth.credential_reset_requested',
      reason: input.purpose,
      metadata: { user_id: user.id, client_ip: input.clientIp, email_hmac: deps.tokens.fingerprint(email!) },
      requestId: attempt.requestId,
      createdAt: attempt.now,
    });
    const kind = input.purpose === 'password' ? 'password_reset' : 'second_factor_reset';
    await deps.mailer.send({ kind, to: user.email, token: `${user.id}.${secret}`, expiresAt }).catch(() => ({ delivered: false }));
  }
}

/** The account a reset token is for, when the token is its outstanding one for `purpose`. */
async function redeem(deps: CredentialDeps, token: unknown, purpose: CredentialResetPurpose, attempt: Attempt, clientIp: string | null): Promise<{ user: UserAccount; tokenHash: string; ctx: RequestContext }> {
  const parsed = parseScopedToken(token);
  if (parsed === null) throw tokenInvalid();
  const redemption = await reserveAttempt(deps.limiter, clientIp === null ? [] : [{ bucket: TOKEN_REDEMPTIONS_BY_IP, key: clientIp, onSuccess: 'refund' }]);
  const user = await deps.users.findById(parsed.scopeId);
  const tokenHash = deps.tokens.hash(parsed.secret);
  if (user === null || !tokenMatches(user, tokenHash, purpose, attempt.now)) throw tokenInvalid();
  const ctx = await holderContext(deps, user, attempt);
  if (ctx === null) throw tokenInvalid();
  await redemption.passed();
  return { user, tokenHash, ctx };
}

function tokenMatches(user: UserAccount, tokenHash: string, purpose: CredentialResetPurpose, now: Date): boolean {
  return user.resetTokenHash === tokenHash && user.resetTokenPurpose === purpose && user.resetTokenExpiresAt !== null && user.resetTokenExpiresAt > now;
}

/**
 * Sets a new password with an emailed token. The second factor, when on, is still required. The
 * address is proven; every session of the account, in every org, ends.
 * @throws auth.token_invalid — unknown, expired or used token.
 * @throws validation.failed — the new password is too weak.
 * @throws auth.mfa_required — the account has a second factor and no valid code was sent.
 * @throws request.rate_limited — too many attempts.
 */
export class ConfirmPasswordReset {
  constructor(private readonly deps: CredentialDeps) {}

  async execute(attempt: Attempt, input: { token: unknown; newPassword: unknown; totpCode?: unknown; recoveryCode?: unknown; clientIp: string | null }): Promise<void> {
    const { deps } = this;
    const { user, tokenHash, ctx } = await redeem(deps, input.token, 'password', attempt, input.clientIp);
    const checks = new InputChecks();
    const org = await deps.orgs.findById(ctx.orgId);
    const password = checkNewPassword(checks, '/newPassword', input.newPassword, deps.strength, passwordContext(user.email, user.displayName, org?.name));
    checks.throwIfAny();
    const passwordHash = await deps.hasher.hash(password);
    await deps.uow.run(ctx, async (repos) => {
      const fresh = await repos.users.findById(user.id, { forUpdate: true });
      if (fresh === null || !tokenMatches(fresh, tokenHash, 'password', attempt.now)) throw tokenInvalid();
      let changes: UserChanges = { ...CLEARED_TOKEN, passwordHash, mustChangePassword: false, passwordChangedAt: attempt.now, emailVerifiedAt: attempt.now, updatedAt: attempt.now };
      if (fresh.totpEnabledAt !== null) changes = { ...changes, ...(await proveSecondFactor(deps, fresh, attempt.now, input)) };
      await repos.users.patch(user.id, changes);
      const ended = await repos.sessions.revokeAllOfUser(user.id, attempt.now, 'password_reset_by_holder');
      await repos.audit.append(auditEntry(ctx, deps.ids, { action: 'auth.password_reset_by_email', resourceType: 'user', resourceId: user.id, metadata: { sessions_ended: ended } }));
    });
    await endSessionsInOtherOrgs(deps, ctx, user.id, 'password_reset_by_holder');
  }
}

/**
 * Clears the second factor (TOTP and recovery codes) with an emailed token and the current
 * password — the holder's way back after losing the device and the recovery codes. Every session
 * of the account ends; the holder enrols again after signing in.
 * @throws auth.token_invalid — unknown, expired or used token.
 * @throws validation.failed — the password is missing or wrong (counts as a failed sign-in).
 * @throws request.rate_limited — too many attempts.
 */
export class ConfirmSecondFactorReset {
  constructor(private readonly deps: CredentialDeps) {}

  async execute(attempt: Attempt, input: { token: unknown; password: unknown; clientIp: string | null }): Promise<void> {
    const { deps } = this;
    const { user, tokenHash, ctx } = await redeem(deps, input.token, 'second_factor', attempt, input.clientIp);
    await proveCurrentPassword(deps, user, input.password, input.clientIp, '/password');
    await deps.uow.run(ctx, async (repos) => {
      const fresh = await repos.users.findById(user.id, { forUpdate: true });
      if (fresh === null || fresh.passwordHash !== user.passwordHash || !tokenMatches(fresh, tokenHash, 'second_factor', attempt.now)) throw tokenInvalid();
      await repos.users.patch(user.id, {
        ...CLEARED_TOKEN,
        totpSecretSealed: null,
        totpPendingSecretSealed: null,
        totpEnabledAt: null,
        totpLastStep: null,
        recoveryCodeHashes: [],
        emailVerifiedAt: attempt.now,
        updatedAt: attempt.now,
      });
      const ended = await repos.sessions.revokeAllOfUser(user.id, attempt.now, 'mfa_reset_by_holder');
      await repos.audit.append(auditEntry(ctx, deps.ids, { action: 'auth.mfa_reset_by_email', resourceType: 'user', resourceId: user.id, metadata: { sessions_ended: ended } }));
    });
    await endSessionsInOtherOrgs(deps, ctx, user.id, 'mfa_reset_by_holder');
  }
}
