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
   * Once the budget is spent, refuse this key for this many seconds (default: until the window
   * ends). Brute-force limits block for the whole window.
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
  /** Spends one point of `key`; refused (allowed false) when the budget is gone. */
  hit(bucket: RateBucket, key: string): Promise<RateDecision>;
  /** Whether a hit would be allowed now, spending nothing. */
  peek(bucket: RateBucket, key: string): Promise<RateDecision>;
  /** Forgets `key` in this bucket (e.g. the failures of an account after a good login). */
  reset(bucket: RateBucket, key: string): Promise<void>;
}
