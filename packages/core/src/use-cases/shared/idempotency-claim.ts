/**
 * The Idempotency-Key step every create-like use case shares: claim the key for the resource it
 * is about to make, in the caller's unit. Null when the key is new (go on and make it); the id of
 * the resource an earlier call made when the key was used before for the same request.
 * @throws idempotency.key_reused — the key was used for a different request body.
 */
import type { RequestContext } from '../../context.js';
import { IDEMPOTENCY_KEY_TTL_HOURS, type IdempotencyRecord } from '../../domain/shared/idempotency.js';
import { AppError } from '../../errors/app-error.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { IDEMPOTENCY_KEY_FIELD } from '../bookings/booking-support.js';

export interface KeyClaim {
  readonly scope: string;
  readonly key: string;
  readonly fingerprint: string;
  readonly resourceId: string;
  readonly what: string;
}

/** The record that claims `claim.key` for `claim.resourceId` at `ctx.now`, kept IDEMPOTENCY_KEY_TTL_HOURS. */
export function keyRecord(ctx: RequestContext, claim: KeyClaim): IdempotencyRecord {
  return {
    scope: claim.scope,
    key: claim.key,
    fingerprint: claim.fingerprint,
    resourceId: claim.resourceId,
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000),
  };
}

/**
 * What a claim's answer means: null when the key is now this request's; the earlier resource's
 * id when `held` (the live record) was made for the same request.
 * @throws idempotency.key_reused
 */
export function heldResourceId(held: IdempotencyRecord | null, claim: KeyClaim): string | null {
  if (held === null) return null;
  if (held.fingerprint !== claim.fingerprint) {
    throw new AppError('idempotency.key_reused', 'This Idempotency-Key was used with a different request body', {
      errors: [{ ...IDEMPOTENCY_KEY_FIELD, detail: `was used with a different request body; use a new key for a new ${claim.what}` }],
    });
  }
  return held.resourceId;
}

export async function claimIdempotencyKey(repos: TenantRepositories, ctx: RequestContext, claim: KeyClaim): Promise<string | null> {
  return heldResourceId(await repos.idempotency.claim(keyRecord(ctx, claim)), claim);
}
