/** What a booking's deposit is, from its service's rule and the booking's price. */
import type { Service } from '../scheduling/workforce.js';

/**
 * The deposit of a booking priced `priceCents`: a percent rule is rounded half up to a whole minor
 * unit (integer arithmetic: price ≤ 10^8 and basis ≤ 10^4 stay far below 2^53); a fixed amount is
 * capped at the price. Null when the service asks none or the booking has no price to take it from.
 */
export function depositAmountCents(service: Pick<Service, 'depositPercentBasis' | 'depositCents'> | null, priceCents: number | null): number | null {
  if (service === null || priceCents === null || priceCents <= 0) return null;
  if (service.depositPercentBasis !== null) {
    const amount = Math.floor((priceCents * service.depositPercentBasis + 5_000) / 10_000);
    return amount > 0 ? amount : null;
  }
  if (service.depositCents !== null) return Math.min(service.depositCents, priceCents);
  return null;
}
