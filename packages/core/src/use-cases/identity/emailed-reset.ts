/**
 * Self-service recovery by the holder of an account (ADR 13) — what its use cases share: a
 * single-use token emailed to the account's address (RequestCredentialReset), then
 * - a new password (ConfirmPasswordReset; the second factor, when on, is still asked for), or
 * - the second factor cleared, with the current password (ConfirmSecondFactorReset: a lost
 *   device without recovery codes).
 * Only the holder resets an account that belongs to several orgs (or that joined one by
 * invitation); an org resets only accounts it manages (the IAM use cases). The request answers
 * the same whether or not the address has an account.
 */
import type { RequestContext } from '../../context.js';
import type { CredentialResetPurpose, UserAccount } from '../../domain/identity/identity.js';
import { AppError } from '../../errors/app-error.js';
import { TOKEN_REDEMPTIONS_BY_IP, parseScopedToken, reserveAttempt } from './identity-policy.js';
import type { Attempt, CredentialDeps } from './sign-in.use-case.js';

export const resetTokenInvalid = () => new AppError('auth.token_invalid', 'The reset link is not valid: it may have expired or been used already (request a new one)');

/** What a redeemed reset token's account is patched with. */
export const CLEARED_RESET_TOKEN = { resetTokenHash: null, resetTokenPurpose: null, resetTokenExpiresAt: null } as const;

/**
 * The unit of work an account-level change of the holder's runs in: the org of one of their
 * memberships (any — the account row is one across orgs), acting as the holder.
 */
export async function holderContext(deps: Pick<CredentialDeps, 'users'>, user: UserAccount, attempt: Attempt): Promise<RequestContext | null> {
  const memberships = await deps.users.membershipsOf(user.id);
  const home = memberships.find((m) => m.deactivatedAt === null) ?? memberships[0];
  if (home === undefined) return null;
  return { orgId: home.orgId, actor: { kind: 'staff', id: user.id, role: home.role }, requestId: attempt.requestId, now: attempt.now };
}

/**
 * The account a reset token is for, when the token is its outstanding one for `purpose`.
 * @throws auth.token_invalid — malformed, unknown, expired or used token.
 * @throws request.rate_limited — too many redemptions from the client address.
 */
export async function redeemResetToken(
  deps: CredentialDeps,
  token: string,
  purpose: CredentialResetPurpose,
  attempt: Attempt,
): Promise<{ user: UserAccount; tokenHash: string; ctx: RequestContext }> {
  const parsed = parseScopedToken(token);
  if (parsed === null) throw resetTokenInvalid();
  const clientIp = attempt.clientIp ?? null;
  const redemption = await reserveAttempt(deps.limiter, clientIp === null ? [] : [{ bucket: TOKEN_REDEMPTIONS_BY_IP, key: clientIp, onSuccess: 'refund' }]);
  const user = await deps.users.findById(parsed.scopeId);
  const tokenHash = deps.tokens.hash(parsed.secret);
  if (user === null || !resetTokenMatches(user, tokenHash, purpose, attempt.now)) throw resetTokenInvalid();
  const ctx = await holderContext(deps, user, attempt);
  if (ctx === null) throw resetTokenInvalid();
  await redemption.passed();
  return { user, tokenHash, ctx };
}

export function resetTokenMatches(user: UserAccount, tokenHash: string, purpose: CredentialResetPurpose, now: Date): boolean {
  return user.resetTokenHash === tokenHash && user.resetTokenPurpose === purpose && user.resetTokenExpiresAt !== null && user.resetTokenExpiresAt > now;
}
