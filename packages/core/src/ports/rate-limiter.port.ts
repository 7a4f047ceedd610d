/**
 * Counting attempts per key in a time window, shared by every replica when the adapter is
 * shared (Redis). Used for the API rate limit per client IP, admin writes, and login/TOTP
 * brute-force limits per account and per IP.
 */

/** A named budget: at most `points` hits per key in any `windowSeconds`. */
export interface RateBucket {
  /** Namespaces keys; stable (`login-failures-account`, `api-ip`, ...). */
  readonly name: string;
  readonly points: number;
  readonly windowSeconds: number;
  /**
   * Once a hit is refused (the budget is spent), refuse this key for this many seconds from then
   * (default: until the window ends). Brute-force limits block for the whole window.
   */
  readonly blockSeconds?: number;
}

export interface RateDecision {
  /** False when this hit (or, for `peek`, the next one) is over the budget. */
  readonly allowed: boolean;
  /** Hits left in the window after this one (0 when refused). */
  readonly remaining: number;
  /** Seconds until a hit would be allowed again; 0 when allowed. */
  readonly retryAfterSeconds: number;
}

export interface RateLimiter {
  /**
   * Spends one point of `key` atomically; refused (allowed false) when the budget is gone. Checks
   * that must not race (password guesses) spend first and refund on success, so N concurrent
   * attempts check at most `points` of them.
   */
  hit(bucket: RateBucket, key: string): Promise<RateDecision>;
  /** Whether a hit would be allowed now, spending nothing (never a guard: it races). */
  peek(bucket: RateBucket, key: string): Promise<RateDecision>;
  /**
   * Gives back one point a hit spent (an attempt that turned out well). It never lifts a block
   * a refused hit started, and does nothing once the key's window has ended.
   */
  refund(bucket: RateBucket, key: string): Promise<void>;
  /** Forgets `key` in this bucket (e.g. the failures of an account after a good login). */
  reset(bucket: RateBucket, key: string): Promise<void>;
}
