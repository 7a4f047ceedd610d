/**
 * A remembered request: the first call with an `Idempotency-Key` stores which resource it made,
 * and a retry with the same key and the same input gets that resource back instead of a second
 * one. A fingerprint of the input catches a key reused for a different request.
 */
export interface IdempotencyRecord {
  /** What kind of call the key belongs to, e.g. `booking.create`. */
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly resourceId: string;
  readonly createdAt: Date;
  /** After this the key may be used afresh (kept at least 24 hours). */
  readonly expiresAt: Date;
}

export const IDEMPOTENCY_KEY_TTL_HOURS = 48;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
