/** What the deposit use cases share: the switch, which bookings take one, and what is still due. */
import type { RequestContext } from '../../context.js';
import { depositAmountCents } from '../../domain/billing/deposit.js';
import { settledCents } from '../../domain/billing/invoice.js';
import type { Booking } from '../../domain/scheduling/booking.js';
import { AppError } from '../../errors/app-error.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { notFound } from '../scheduling/scheduling-support.js';
import type { BillingDeps } from './billing-support.js';

/** @throws deposit.disabled */
export function assertDepositsEnabled(deps: Pick<BillingDeps, 'options'>): void {
  if (!deps.options.depositsEnabled) throw new AppError('deposit.disabled', 'Deposits are turned off (DEPOSITS_ENABLED)', { retryable: false });
}

/**
 * The booking a deposit is taken for: pending or confirmed, and not yet started. The booking is
 * looked up before the switch is read, so another org's id is a 404 whatever the switch says.
 * @throws booking.not_found, deposit.disabled, booking.not_plannable
 */
export async function depositBooking(deps: Pick<BillingDeps, 'options'>, repos: TenantRepositories, ctx: RequestContext, bookingId: string, options: { forUpdate?: boolean } = {}): Promise<Booking> {
  const booking = await repos.bookings.findById(bookingId, options);
  if (booking === null) throw notFound.booking(bookingId);
  assertDepositsEnabled(deps);
  if ((booking.status !== 'pending' && booking.status !== 'confirmed') || booking.startsAt.getTime() <= ctx.now.getTime()) {
    throw new AppError('booking.not_plannable', 'A deposit is taken on a pending or confirmed booking before it starts', { details: { booking_id: booking.id, status: booking.status } });
  }
  return booking;
}

/** The service's deposit for the booking less what deposits already settled; null when it asks none. */
export async function depositDue(repos: TenantRepositories, booking: Booking): Promise<{ readonly rule: number | null; readonly due: number; readonly serviceName: string | null }> {
  const service = booking.serviceId === null ? null : await repos.services.findById(booking.serviceId);
  const rule = depositAmountCents(service, booking.priceEstimateMinor);
  const taken = (await repos.payments.listByBooking(booking.id)).filter((p) => p.purpose === 'deposit').reduce((sum, p) => sum + settledCents(p), 0);
  return { rule, due: rule === null ? 0 : Math.max(0, rule - taken), serviceName: service?.name ?? null };
}

export const depositNotApplicable = (bookingId: string, why: string) => new AppError('deposit.not_applicable', `No deposit is due on booking ${bookingId}: ${why}`, { details: { booking_id: bookingId } });
