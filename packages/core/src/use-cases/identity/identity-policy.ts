/**
 * What the identity use cases share: their options (from configuration), the brute-force
 * buckets, the password rule, and the shapes of the secrets they hand out.
 */
import type { Role } from '../../access/roles.js';
import { schemaErrors } from '../../contracts/use-case-contract.js';
import { NewPassword } from '../../domain/identity/identity-schemas.js';
import type { RateBucket, RateLimiter } from '../../ports/rate-limiter.port.js';
import type { SecretTokens } from '../../ports/credentials.port.js';
import type { PasswordStrength, PasswordVerdict } from '../../ports/password-strength.port.js';
import { AppError } from '../../errors/app-error.js';

export interface IdentityOptions {
  readonly accessTokenTtlMinutes: number;
  /** Absolute lifetime of a session, whatever the refreshes. */
  readonly sessionTtlMinutes: number;
  readonly refreshTokenTtlMinutes: number;
  /** OWNER/ADMIN sessions without a proven second factor may not use the admin API. */
  readonly adminMfaRequired: boolean;
  readonly breakGlassMaxTtlMinutes: number;
  /** Shown in authenticator apps. */
  readonly totpIssuer: string;
  /** How long an invitation's emailed token can be accepted. */
  readonly invitationTtlHours: number;
  /** How long an emailed reset token works. */
  readonly credentialResetTtlMinutes: number;
}

export const DEFAULT_IDENTITY_OPTIONS: IdentityOptions = {
  accessTokenTtlMinutes: 15,
  sessionTtlMinutes: 720,
  refreshTokenTtlMinutes: 20160,
  adminMfaRequired: false,
  breakGlassMaxTtlMinutes: 60,
  totpIssuer: 'CleanWithSnapshot',
  invitationTtlHours: 168,
  credentialResetTtlMinutes: 30,
};

const FIFTEEN_MINUTES = 15 * 60;

/** At most 10 failed sign-ins per account, and per client address, in 15 minutes. */
export const LOGIN_FAILURES_BY_ACCOUNT: RateBucket = { name: 'login-failures-account', points: 10, windowSeconds: FIFTEEN_MINUTES, blockSeconds: FIFTEEN_MINUTES };
export const LOGIN_FAILURES_BY_IP: RateBucket = { name: 'login-failures-ip', points: 10, windowSeconds: FIFTEEN_MINUTES, blockSeconds: FIFTEEN_MINUTES };
/** At most 10 wrong one-time codes per account in 15 minutes. */
export const TOTP_FAILURES_BY_ACCOUNT: RateBucket = { name: 'totp-failures-account', points: 10, windowSeconds: FIFTEEN_MINUTES, blockSeconds: FIFTEEN_MINUTES };

export const MFA_ROLES: readonly Role[] = ['owner', 'admin'];

/** At most 5 emailed resets per address, and 20 per client address, an hour (each sends mail). */
export const EMAILED_RESETS_BY_ACCOUNT: RateBucket = { name: 'emailed-resets-account', points: 5, windowSeconds: 3600 };
export const EMAILED_RESETS_BY_IP: RateBucket = { name: 'emailed-resets-ip', points: 20, windowSeconds: 3600 };

/** An attempt that spent its points before the check it guards; settle it once the check is done. */
export interface ReservedAttempt {
  /** The check passed: give back what each budget's `onSuccess` says. */
  passed(): Promise<void>;
}

export interface AttemptBudget {
  readonly bucket: RateBucket;
  readonly key: string;
  /** On a passed check: `refund` the one point (a per-address bucket) or `reset` the key (the account's failures). */
  readonly onSuccess: 'refund' | 'reset';
}

/**
 * Spends one point of every budget BEFORE the guarded check (a password hash, a one-time code),
 * so N concurrent attempts run at most `points` checks: a limit that is peeked, checked, then
 * spent is no limit. A failed check keeps its points (they are the failure record); a passed one
 * gives them back. Refused (429) when any budget is spent; the points it took from the others
 * are given back, since no check ran.
 */
export async function reserveAttempt(limiter: RateLimiter, budgets: readonly AttemptBudget[]): Promise<ReservedAttempt> {
  const decisions = await Promise.all(budgets.map((b) => limiter.hit(b.bucket, b.key)));
  const refused = decisions.filter((d) => !d.allowed);
  if (refused.length > 0) {
    await Promise.all(budgets.map((b, i) => (decisions[i]!.allowed ? limiter.refund(b.bucket, b.key) : undefined)));
    throw new AppError('request.rate_limited', 'Too many failed attempts; wait before trying again', {
      retryAfterSeconds: Math.max(...refused.map((d) => d.retryAfterSeconds)),
    });
  }
  return {
    async passed() {
      await Promise.all(budgets.map((b) => (b.onSuccess === 'reset' ? limiter.reset(b.bucket, b.key) : limiter.refund(b.bucket, b.key))));
    },
  };
}

/** The sign-in budgets: the account (by its lower-cased email or login) and the client address. */
export function signInBudgets(account: string, clientIp: string | null, buckets = { account: LOGIN_FAILURES_BY_ACCOUNT, ip: LOGIN_FAILURES_BY_IP }): AttemptBudget[] {
  const budgets: AttemptBudget[] = [{ bucket: buckets.account, key: account.toLowerCase(), onSuccess: 'reset' }];
  if (clientIp !== null) budgets.push({ bucket: buckets.ip, key: clientIp, onSuccess: 'refund' });
  return budgets;
}

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../domain/identity/identity-schemas.js';

/**
 * Words of the email (its local part split on punctuation, the domain's first label) and of the
 * names given: a password built on them is easy to guess for anyone who knows the person.
 */
export function passwordContext(email: string, ...names: ReadonlyArray<string | null | undefined>): string[] {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length >= 3) words.add(w);
  };
  const lower = email.toLowerCase();
  if (lower !== '') words.add(lower);
  const [local = '', domain = ''] = lower.split('@');
  add(local);
  add(domain.split('.')[0] ?? '');
  for (const n of names) if (n) add(n);
  return [...words];
}

/**
 * Why a password of an allowed length (`NewPassword`) would be easy to guess, or null: only
 * spaces, or judged weak by the strength estimator given the person's email and names (and the
 * org's) as context. The refusal says which rule failed and what would pass.
 */
export function passwordRefusal(password: string, strength: PasswordStrength, context: readonly string[]): string | null {
  if (password.trim() === '') return 'must not be only spaces';
  const verdict = strength.assess(password, context);
  return verdict.acceptable ? null : [verdict.problem ?? 'is too easy to guess', ...verdict.suggestions].join('. ');
}

/**
 * The rule of a chosen password that its schema cannot say: hard to guess.
 * @throws validation.failed at `pointer` otherwise.
 */
export function assertHardToGuess(pointer: string, password: string, strength: PasswordStrength, context: readonly string[]): void {
  const refusal = passwordRefusal(password, strength, context);
  if (refusal !== null) throw AppError.validation([{ pointer, detail: refusal }], `${pointer} ${refusal}`);
}

/**
 * Why `value` cannot be a new password, or null: the `NewPassword` schema (length) first, then
 * hard to guess with `context`. For callers that judge a password outside a contract (the
 * strength adapter's tests, tools).
 */
export function newPasswordRefusal(value: unknown, strength: PasswordStrength, context: readonly string[]): string | null {
  const errors = schemaErrors(NewPassword, value);
  if (errors.length > 0) return errors[0]!.detail;
  return passwordRefusal(value as string, strength, context);
}

const FALLBACK_WEAK = ['password', 'passw0rd', 'change-me', 'changeme', 'secret', 'qwerty', 'letmein', 'welcome', 'admin', 'iloveyou', 'summer', 'winter', 'spring', 'autumn', '123456'];

/**
 * The core's own rule, for embedders that wire no estimator: refuses few distinct characters,
 * digits only, known weak words and the context. The composition wires zxcvbn instead.
 */
export const BASIC_PASSWORD_STRENGTH: PasswordStrength = {
  assess(password: string, context: readonly string[]): PasswordVerdict {
    const lower = password.toLowerCase();
    const refuse = (problem: string): PasswordVerdict => ({ acceptable: false, problem, suggestions: ['Use a few unrelated words, or a password manager'] });
    if (new Set(lower.replace(/\s/g, '')).size <= 3) return refuse('It uses too few different characters');
    if (/^[\d\s]+$/.test(password)) return refuse('It is only digits');
    if (FALLBACK_WEAK.some((w) => lower.includes(w))) return refuse('It contains a commonly used password');
    if (context.some((w) => w.length >= 3 && lower.includes(w))) return refuse("It contains your email, your name or your organisation's name");
    return { acceptable: true, problem: null, suggestions: [] };
  },
};

/** An org's admin may not touch the credentials of an account it does not manage. */
export function selfManagedAccount(userId: string): AppError {
  return new AppError(
    'iam.self_managed_account',
    'This account is managed by its holder (it belongs to another organisation too, or joined by accepting an invitation): only they can reset its password or second factor, with a recovery code or an emailed reset link',
    { details: { user_id: userId } },
  );
}

/** A temporary password: 20 characters from a CSPRNG (120 bits), valid until changed. */
export function temporaryPassword(tokens: SecretTokens): string {
  return tokens.random(15);
}

/** Ten single-use recovery codes like `7K3Q-9XWD-4MPA`, shown once. */
export function recoveryCodes(tokens: SecretTokens): string[] {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 10 }, () => {
    const raw = Buffer.from(tokens.random(12), 'base64url');
    const chars = [...raw].map((b) => alphabet[b % alphabet.length]!).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

export function normaliseRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * Refresh tokens are `<orgId>.<secret>`: the org says which tenant to look in (the lookup itself
 * runs under that org's row level security); only the secret's hash is stored.
 */
export function formatRefreshToken(orgId: string, secret: string): string {
  return `${orgId}.${secret}`;
}

export function parseRefreshToken(token: unknown): { orgId: string; secret: string } | null {
  const parsed = parseScopedToken(token);
  return parsed === null ? null : { orgId: parsed.scopeId, secret: parsed.secret };
}

/**
 * Tokens of the form `<uuid>.<secret>` (refresh tokens, invitations: the org; emailed resets:
 * the account): the uuid says where to look, only the secret's hash is stored.
 */
export function parseScopedToken(token: unknown): { scopeId: string; secret: string } | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{32,})$/i.exec(token);
  return match === null ? null : { scopeId: match[1]!.toLowerCase(), secret: match[2]! };
}

/** At most 30 emailed tokens (invitations, resets) redeemed per client address an hour; refunded when valid. */
export const TOKEN_REDEMPTIONS_BY_IP: RateBucket = { name: 'token-redemptions-ip', points: 30, windowSeconds: 3600 };

/** Break-glass tokens: `bg_` + 256 random bits; only their hash is kept. */
export function breakGlassToken(tokens: SecretTokens): string {
  return `bg_${tokens.random(32)}`;
}

export const minutes = (n: number) => n * 60_000;
