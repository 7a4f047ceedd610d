/**
 * The Idempotency-Key step every create-like use case shares: claim the key for the resource it
 * is about to make, in the caller's unit. Null when the key is new (go on and make it); the id of
 * the resource an earlier call made when the key was used before for the same request.
 * @throws idempotency.key_reused — the key was used for a different request body.
 */
import type { RequestContext } from '../../context.js';
import { IDEMPOTENCY_KEY_TTL_HOURS } from '../../domain/shared/idempotency.js';
import { AppError } from '../../errors/app-error.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { IDEMPOTENCY_KEY_FIELD } from '../bookings/booking-support.js';

export async function claimIdempotencyKey(
  repos: TenantRepositories,
  ctx: RequestContext,
  claim: { readonly scope: string; readonly key: string; readonly fingerprint: string; readonly resourceId: string; readonly what: string },
): Promise<string | null> {
  const held = await repos.idempotency.claim({
    scope: claim.scope,
    key: claim.key,
    fingerprint: claim.fingerprint,
    resourceId: claim.resourceId,
    createdAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000),
  });
  if (held === null) return null;
  if (held.fingerprint !== claim.fingerprint) {
    throw new AppError('idempotency.key_reused', 'This Idempotency-Key was used with a different request body', {
      errors: [{ ...IDEMPOTENCY_KEY_FIELD, detail: `was used with a different request body; use a new key for a new ${claim.what}` }],
    });
  }
  return held.resourceId;
}
