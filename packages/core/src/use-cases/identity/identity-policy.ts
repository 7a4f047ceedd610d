/**
 * What the identity use cases share: their options (from configuration), the brute-force
 * buckets, the password rule, and the shapes of the secrets they hand out.
 */
import { InputChecks } from '../../domain/shared/input-checks.js';
import type { Role } from '../../access/roles.js';
import type { RateBucket } from '../../ports/rate-limiter.port.js';
import type { SecretTokens } from '../../ports/credentials.port.js';
import { AppError } from '../../errors/app-error.js';
import type { RateLimiter } from '../../ports/rate-limiter.port.js';

export interface IdentityOptions {
  readonly accessTokenTtlMinutes: number;
  /** Absolute lifetime of a session, whatever the refreshes. */
  readonly sessionTtlMinutes: number;
  readonly refreshTokenTtlMinutes: number;
  /** OWNER/ADMIN sessions without a proven second factor may not use the admin API. */
  readonly adminMfaRequired: boolean;
  /** Whether a reset email may carry the temporary password (else it only says one was set). */
  readonly emailTempPasswords: boolean;
  readonly breakGlassMaxTtlMinutes: number;
  /** Shown in authenticator apps. */
  readonly totpIssuer: string;
}

export const DEFAULT_IDENTITY_OPTIONS: IdentityOptions = {
  accessTokenTtlMinutes: 15,
  sessionTtlMinutes: 720,
  refreshTokenTtlMinutes: 20160,
  adminMfaRequired: false,
  emailTempPasswords: false,
  breakGlassMaxTtlMinutes: 60,
  totpIssuer: 'CleanWithSnapshot',
};

const FIFTEEN_MINUTES = 15 * 60;

/** At most 10 failed sign-ins per account, and per client address, in 15 minutes. */
export const LOGIN_FAILURES_BY_ACCOUNT: RateBucket = { name: 'login-failures-account', points: 10, windowSeconds: FIFTEEN_MINUTES, blockSeconds: FIFTEEN_MINUTES };
export const LOGIN_FAILURES_BY_IP: RateBucket = { name: 'login-failures-ip', points: 10, windowSeconds: FIFTEEN_MINUTES, blockSeconds: FIFTEEN_MINUTES };
/** At most 10 wrong one-time codes per account in 15 minutes. */
export const TOTP_FAILURES_BY_ACCOUNT: RateBucket = { name: 'totp-failures-account', points: 10, windowSeconds: FIFTEEN_MINUTES, blockSeconds: FIFTEEN_MINUTES };

export const MFA_ROLES: readonly Role[] = ['owner', 'admin'];

/** Refuses with 429 when any of the buckets is spent for its key. */
export async function assertNotThrottled(limiter: RateLimiter, checks: ReadonlyArray<readonly [RateBucket, string]>): Promise<void> {
  for (const [bucket, key] of checks) {
    const decision = await limiter.peek(bucket, key);
    if (!decision.allowed) {
      throw new AppError('request.rate_limited', 'Too many failed attempts; wait before trying again', { retryAfterSeconds: decision.retryAfterSeconds });
    }
  }
}

const WEAK = ['password', 'change-me', 'changeme', 'secret', 'qwerty', '123456', 'letmein', 'welcome', 'admin'];

/** A password people choose: 12 to 256 characters, not a known weak one, not the email. */
export function checkNewPassword(checks: InputChecks, pointer: string, value: unknown, email: string): string {
  if (typeof value !== 'string') {
    checks.fail(pointer, 'must be a string');
    return '';
  }
  if (value.length < 12) checks.fail(pointer, 'must have at least 12 characters');
  else if (value.length > 256) checks.fail(pointer, 'must have at most 256 characters');
  else if (WEAK.some((w) => value.toLowerCase().includes(w)) || value.toLowerCase() === email.toLowerCase()) {
    checks.fail(pointer, 'is too easy to guess');
  }
  return value;
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
  if (typeof token !== 'string' || token.length > 200) return null;
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{32,})$/i.exec(token);
  return match === null ? null : { orgId: match[1]!.toLowerCase(), secret: match[2]! };
}

/** Break-glass tokens: `bg_` + 256 random bits; only their hash is kept. */
export function breakGlassToken(tokens: SecretTokens): string {
  return `bg_${tokens.random(32)}`;
}

export const minutes = (n: number) => n * 60_000;
