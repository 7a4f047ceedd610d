/**
 * What the invoice lifecycle use cases share: lines and their snapshot from what staff typed,
 * the bookings an invoice may bill (completed, the org's, in its currency, on no live invoice),
 * the deposits those bookings already took, and the invoice with its client as answered.
 */
import type { RequestContext } from '../../context.js';
import type { Client } from '../../domain/clients/client.js';
import { MAX_INVOICE_LINES, MAX_INVOICE_TOTAL_MINOR, invoiceTotals, lineFigures, type InvoiceTotals } from '../../domain/billing/invoice-totals.js';
import type { Invoice, InvoiceLine } from '../../domain/billing/invoice.js';
import type { Booking } from '../../domain/scheduling/booking.js';
import { localDateOf } from '../../domain/scheduling/zoned-time.js';
import { AppError, type FieldError } from '../../errors/app-error.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';

/** A line as the use cases take it (quantity already in thousandths). */
export interface LineRequest {
  readonly description: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
  readonly taxRateBasis: number;
  readonly bookingId?: string | null | undefined;
}

/** The client as an invoice shows it. */
export interface InvoiceClient {
  readonly id: string;
  readonly name: string;
  readonly email: string | null;
}

/** An invoice and its client: what the invoice use cases answer. */
export interface InvoiceDetails {
  readonly invoice: Invoice;
  readonly client: InvoiceClient;
}

export const clientOf = (client: Pick<Client, 'id' | 'name' | 'email'>): InvoiceClient => ({ id: client.id, name: client.name, email: client.email });

/** A client that has since gone (it cannot be deleted today; kept safe for a later retention sweep). */
const goneClient = (id: string): InvoiceClient => ({ id, name: '', email: null });

/** The invoices with their clients, read in one go. */
export async function withClients(repos: TenantRepositories, invoices: readonly Invoice[]): Promise<InvoiceDetails[]> {
  const ids = [...new Set(invoices.map((i) => i.clientId))];
  const clients = ids.length === 0 ? [] : await repos.clients.findContacts(ids);
  const byId = new Map(clients.map((c) => [c.id, clientOf(c)]));
  return invoices.map((invoice) => ({ invoice, client: byId.get(invoice.clientId) ?? goneClient(invoice.clientId) }));
}

export async function withClient(repos: TenantRepositories, invoice: Invoice): Promise<InvoiceDetails> {
  return (await withClients(repos, [invoice]))[0]!;
}

/** The stored lines and snapshot of `requests`, in order. @throws validation.failed past the total cap or line count */
export function priceLines(ids: IdGenerator, requests: readonly LineRequest[], pointer = '/lines'): { lines: InvoiceLine[]; totals: InvoiceTotals } {
  if (requests.length === 0) throw AppError.validation([{ pointer, detail: 'must have at least one line (or bookings to bill)' }]);
  if (requests.length > MAX_INVOICE_LINES) throw AppError.validation([{ pointer, detail: `must have at most ${MAX_INVOICE_LINES} lines (bookings without a line of their own add one each)` }]);
  const capDetail = `make a total of at most ${MAX_INVOICE_TOTAL_MINOR} minor units; split the work over several invoices`;
  const errors: FieldError[] = [];
  const lines: InvoiceLine[] = [];
  requests.forEach((r, position) => {
    const amounts = { quantityMilli: r.quantity, unitPriceCents: r.unitPriceCents, taxRateBasis: r.taxRateBasis };
    try {
      lines.push({ id: ids.next(), position, description: r.description, ...amounts, ...lineFigures(amounts), bookingId: r.bookingId ?? null });
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      errors.push({ pointer: `${pointer}/${position}`, detail: capDetail });
    }
  });
  if (errors.length > 0) throw AppError.validation(errors);
  let totals: InvoiceTotals;
  try {
    totals = invoiceTotals(lines);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw AppError.validation([{ pointer, detail: capDetail }]);
  }
  return { lines, totals };
}

/** Lines that name a booking must name one of the invoice's. */
export function assertLineBookings(requests: readonly LineRequest[], bookingIds: readonly string[], pointer = '/lines'): void {
  const errors: FieldError[] = [];
  requests.forEach((r, i) => {
    if (r.bookingId != null && !bookingIds.includes(r.bookingId)) errors.push({ pointer: `${pointer}/${i}/bookingId`, detail: 'must be one of the invoice’s booking_ids' });
  });
  if (errors.length > 0) throw AppError.validation(errors);
}

export const notInvoiceable = (bookingId: string, why: string) =>
  new AppError('invoice.booking_not_invoiceable', `Booking ${bookingId} cannot be invoiced: ${why}`, { details: { booking_id: bookingId, reason: why } });

/**
 * The bookings, each the org's, completed, not on a live invoice and in `currency`.
 * @throws invoice.booking_not_invoiceable, invoice.currency_mismatch, booking.not_found
 */
export async function invoiceableBookings(repos: TenantRepositories, clientId: string, bookingIds: readonly string[], currency: string): Promise<Booking[]> {
  const bookings: Booking[] = [];
  for (const id of bookingIds) {
    const booking = await repos.bookings.findById(id);
    if (booking === null) throw new AppError('booking.not_found', `No booking ${id} in this organisation`, { details: { booking_id: id } });
    if (booking.clientId !== clientId) throw notInvoiceable(id, 'it is another client’s booking');
    if (booking.status !== 'completed') throw notInvoiceable(id, `it is ${booking.status}, not completed`);
    if (booking.currency !== currency) {
      throw new AppError('invoice.currency_mismatch', `Booking ${id} is in ${booking.currency}, the invoice in ${currency}`, { details: { booking_id: id, currency: booking.currency } });
    }
    bookings.push(booking);
  }
  const taken = await repos.invoices.invoicedBookingIds(bookingIds);
  const first = bookingIds.find((id) => taken.has(id));
  if (first !== undefined) throw notInvoiceable(first, 'it is already on an invoice that is not void');
  return bookings;
}

/**
 * A line for each booking no given line names: its service's name (or "Visit on <date>") at the
 * booking's agreed price — its estimate, which defaults to the service's price when booked —
 * else the service's current price, else 0 for staff to fill in on the draft. Tax 0: the org has
 * no tax settings; staff set the rate on the draft.
 */
export async function bookingLines(repos: TenantRepositories, bookings: readonly Booking[], given: readonly LineRequest[]): Promise<LineRequest[]> {
  const named = new Set(given.map((l) => l.bookingId).filter((id) => id != null));
  const lines: LineRequest[] = [];
  for (const booking of bookings) {
    if (named.has(booking.id)) continue;
    const service = booking.serviceId === null ? null : await repos.services.findById(booking.serviceId);
    const day = localDateOf(booking.startsAt, booking.timeZone);
    lines.push({
      description: service === null ? `Visit on ${day}` : `${service.name} (${day})`,
      quantity: 1000,
      unitPriceCents: booking.priceEstimateMinor ?? service?.priceMinor ?? 0,
      taxRateBasis: 0,
      bookingId: booking.id,
    });
  }
  return lines;
}

/** Deposits the bookings took that no invoice has yet (succeeded, not applied): applied to `invoiceId`. */
export async function applyDeposits(ctx: RequestContext, repos: TenantRepositories, invoiceId: string, bookingIds: readonly string[]): Promise<string[]> {
  const applied: string[] = [];
  for (const bookingId of bookingIds) {
    for (const payment of await repos.payments.listByBooking(bookingId)) {
      if (payment.purpose !== 'deposit' || payment.invoiceId !== null || payment.status !== 'succeeded') continue;
      await repos.payments.update({ ...payment, invoiceId, updatedAt: ctx.now });
      applied.push(payment.id);
    }
  }
  return applied;
}

/** What audits record of an invoice's figures. */
export function totalsOf(invoice: Pick<Invoice, 'subtotalCents' | 'taxableSubtotalCents' | 'taxCents' | 'taxRateBasis' | 'totalCents' | 'currency'>) {
  return {
    currency: invoice.currency,
    subtotal_cents: invoice.subtotalCents,
    taxable_subtotal_cents: invoice.taxableSubtotalCents,
    tax_cents: invoice.taxCents,
    tax_rate_basis: invoice.taxRateBasis,
    total_cents: invoice.totalCents,
  };
}
