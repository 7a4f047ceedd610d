/**
 * Invoices, payments, processor events and public links (ports/billing-repositories.port.ts): what
 * every storage adapter must keep, find and refuse. The store, not the caller, guarantees that a
 * booking is on one live invoice even when two units race, that invoice numbers have no gaps
 * (a rolled-back unit gives its number back, racing issuers get consecutive numbers), that a
 * processor payment id is stored once per org and an event id once; and the reconcile report's
 * mismatch filter agrees exactly with the core's `isMismatch`. Another org's rows are invisible
 * and untouchable, as in the rest of the storage contract.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import {
  MAX_INVOICE_TOTAL_MINOR,
  MAX_UNIT_PRICE_MINOR,
  invoiceTotals,
  isMismatch,
  lineFigures,
  settledCents,
  type Invoice,
  type InvoiceLine,
  type InvoiceListQuery,
  type InvoicePayment,
  type InvoicePublicLink,
  type InvoiceStatus,
  type RequestContext,
  type StripeEventRecord,
  type TenantRepositories,
} from '@cws/core';
import { aBooking, aClient, at, caught, createOrg } from './fixtures.js';
import type { StorageHarness, StorageHarnessFactory } from './harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CREATED = at('2026-05-01T09:00:00.000Z');
const later = (d: Date, ms: number) => new Date(d.getTime() + ms);
let invoiceSeq = 0;

/** A line with its figures computed the core's way. */
export function anInvoiceLine(overrides: Partial<Omit<InvoiceLine, 'lineTotalCents' | 'lineTaxCents'>> = {}): InvoiceLine {
  const base = { id: randomUUID(), position: 0, description: 'Deep clean, 3 bedrooms', quantityMilli: 2500, unitPriceCents: 4000, taxRateBasis: 2000, bookingId: null, ...overrides };
  return { ...base, ...lineFigures(base) };
}

/** A draft invoice of one line; `issued` gives it a number and dates with status SENT unless overridden. */
export function anInvoice(orgId: string, clientId: string, overrides: Partial<Invoice> = {}, options: { issued?: boolean } = {}): Invoice {
  const lines = overrides.lines ?? [anInvoiceLine()];
  invoiceSeq += 1;
  const issued =
    options.issued === true
      ? { number: `INV-2026-${String(invoiceSeq).padStart(6, '0')}`, status: 'SENT' as const, issueDate: '2026-05-01', dueDate: '2026-05-15', sentAt: CREATED }
      : {};
  return {
    id: randomUUID(),
    orgId,
    clientId,
    number: null,
    status: 'DRAFT',
    currency: 'GBP',
    issueDate: null,
    dueDate: null,
    paymentTermsDays: 14,
    notes: null,
    bookingIds: [],
    paidCents: 0,
    sentAt: null,
    paidAt: null,
    voidedAt: null,
    voidReason: null,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...invoiceTotals(lines),
    ...issued,
    ...overrides,
    lines,
  };
}

export function aPayment(orgId: string, clientId: string, invoiceId: string | null, overrides: Partial<InvoicePayment> = {}): InvoicePayment {
  return {
    id: randomUUID(),
    orgId,
    invoiceId,
    bookingId: null,
    clientId,
    provider: 'manual',
    method: 'bank_transfer',
    purpose: 'balance',
    status: 'succeeded',
    amountCents: 1000,
    refundedCents: 0,
    refundPendingCents: 0,
    refundPendingKey: null,
    currency: 'GBP',
    reference: 'BACS 0001',
    providerReference: null,
    checkoutSessionId: null,
    failureMessage: null,
    receivedAt: CREATED,
    providerUpdatedAt: null,
    recordedBy: 'basic:contract-admin',
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

export function aStripeEvent(orgId: string, overrides: Partial<StripeEventRecord> = {}): StripeEventRecord {
  return {
    eventId: `evt_${randomUUID().replace(/-/g, '')}`,
    orgId,
    type: 'payment_intent.succeeded',
    invoiceId: null,
    bookingId: null,
    processedStatus: 'received',
    lastError: null,
    createdAt: CREATED,
    receivedAt: later(CREATED, 1000),
    processedAt: null,
    ...overrides,
  };
}

export function anInvoiceLink(orgId: string, invoiceId: string, overrides: Partial<InvoicePublicLink> = {}): InvoicePublicLink {
  return { id: randomUUID(), orgId, invoiceId, tokenHash: randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, ''), createdAt: CREATED, revokedAt: null, ...overrides };
}

const allInvoices = (overrides: Partial<InvoiceListQuery> = {}): InvoiceListQuery => ({
  statuses: null,
  clientId: null,
  issuedFrom: null,
  issuedTo: null,
  after: null,
  limit: 100,
  ...overrides,
});

const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id);
const newestFirst = (a: Invoice, b: Invoice) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);

export function billingRepositoriesContract(name: string, factory: StorageHarnessFactory): void {
  describe(`${name}: billing repositories`, function () {
    let h: StorageHarness;
    before(async () => {
      h = await factory();
    });
    after(async () => h.dispose());

    const run = <T>(ctx: RequestContext, work: (r: TenantRepositories) => Promise<T>) => h.uow.run(ctx, work);

    /** A fresh org with a client and `bookings` completed bookings of that client. */
    async function anOrg(bookings = 0): Promise<{ ctx: RequestContext; clientId: string; bookingIds: string[] }> {
      const { ctx } = await createOrg(h);
      const client = aClient(ctx.orgId, {}, 0);
      const made = Array.from({ length: bookings }, (_, i) =>
        aBooking(ctx.orgId, client.id, { status: 'completed', startsAt: at(`2026-05-0${(i % 9) + 1}T09:00:00.000Z`), endsAt: at(`2026-05-0${(i % 9) + 1}T11:00:00.000Z`) }),
      );
      await run(ctx, async (r) => {
        await r.clients.insert(client);
        for (const b of made) await r.bookings.insert(b);
      });
      return { ctx, clientId: client.id, bookingIds: made.map((b) => b.id) };
    }

    describe('invoices', function () {
      it('stores an invoice with its lines and bookings exactly, amounts near the caps included', async () => {
        const { ctx, clientId, bookingIds } = await anOrg(2);
        // 890 units at the unit price cap, untaxed, and 5 more at 20 %: a total just under the invoice cap.
        const lines = [
          anInvoiceLine({ position: 0, quantityMilli: 890_000, unitPriceCents: MAX_UNIT_PRICE_MINOR, taxRateBasis: 0, bookingId: bookingIds[1]! }),
          anInvoiceLine({ position: 1, description: 'Windows — "inside & out" 🪟', quantityMilli: 5_000, unitPriceCents: MAX_UNIT_PRICE_MINOR, taxRateBasis: 2000, bookingId: null }),
        ];
        const totals = invoiceTotals(lines);
        expect(totals.totalCents).to.be.greaterThan(2 ** 46).and.at.most(MAX_INVOICE_TOTAL_MINOR);
        const invoice = anInvoice(ctx.orgId, clientId, {
          ...totals,
          lines,
          // Not in id order: the store keeps the order given.
          bookingIds: [...bookingIds].sort().reverse(),
          number: 'INV-2026-000042',
          status: 'PARTIAL',
          issueDate: '2026-05-01',
          dueDate: '2026-05-15',
          paymentTermsDays: 14,
          notes: 'Gate code 1234',
          paidCents: totals.totalCents - 1,
          sentAt: at('2026-05-01T09:30:00.123Z'),
          paidAt: null,
          updatedAt: at('2026-05-02T10:00:00.456Z'),
        });
        await run(ctx, (r) => r.invoices.insert(invoice));
        expect(await run(ctx, (r) => r.invoices.findById(invoice.id))).to.deep.equal(invoice);
        expect(await run(ctx, (r) => r.invoices.findById(invoice.id, { forUpdate: true }))).to.deep.equal(invoice);
        expect(await run(ctx, (r) => r.invoices.findById(randomUUID()))).to.equal(null);
      });

      it('replaces the lines and booking links on update, keeps createdAt, and refuses an unknown id', async () => {
        const { ctx, clientId, bookingIds } = await anOrg(3);
        const draft = anInvoice(ctx.orgId, clientId, {
          lines: [anInvoiceLine({ position: 0, bookingId: bookingIds[0]! }), anInvoiceLine({ position: 1, bookingId: bookingIds[1]! })],
          bookingIds: [bookingIds[0]!, bookingIds[1]!],
        });
        await run(ctx, (r) => r.invoices.insert(draft));
        const lines = [anInvoiceLine({ position: 0, description: 'Oven', quantityMilli: 1000, unitPriceCents: 9999, taxRateBasis: 500, bookingId: bookingIds[2]! })];
        const changed: Invoice = { ...draft, ...invoiceTotals(lines), lines, bookingIds: [bookingIds[2]!], notes: 'changed', updatedAt: later(CREATED, 60_000) };
        await run(ctx, (r) => r.invoices.update(changed));
        expect(await run(ctx, (r) => r.invoices.findById(draft.id))).to.deep.equal(changed);
        // The bookings it no longer bills are free again; the new one is taken.
        expect([...(await run(ctx, (r) => r.invoices.invoicedBookingIds(bookingIds)))]).to.deep.equal([bookingIds[2]]);
        await run(ctx, (r) => r.invoices.update({ ...changed, createdAt: later(CREATED, 999_000) }));
        expect((await run(ctx, (r) => r.invoices.findById(draft.id)))!.createdAt).to.deep.equal(CREATED);
        const unknown = await caught(() => run(ctx, (r) => r.invoices.update(anInvoice(ctx.orgId, clientId))));
        expect(unknown.code).to.equal('invoice.not_found');
      });

      it('stores a settlement (status, paid, paid at, updated) and nothing else; refuses an unknown id and another org', async () => {
        const { ctx, clientId, bookingIds } = await anOrg(1);
        const sent = anInvoice(ctx.orgId, clientId, { status: 'SENT', issueDate: '2026-05-01', dueDate: '2026-05-15', lines: [anInvoiceLine({ position: 0, bookingId: bookingIds[0]! })], bookingIds: [bookingIds[0]!] }, { issued: true });
        await run(ctx, (r) => r.invoices.insert(sent));
        const paidAt = later(CREATED, 120_000);
        // Lines and notes given here differ from the stored ones: a settlement must not write them.
        await run(ctx, (r) => r.invoices.updateSettlement({ ...sent, notes: 'ignored', lines: [], status: 'PAID', paidCents: sent.totalCents, paidAt, updatedAt: paidAt } as Invoice));
        expect(await run(ctx, (r) => r.invoices.findById(sent.id))).to.deep.equal({ ...sent, status: 'PAID', paidCents: sent.totalCents, paidAt, updatedAt: paidAt });
        expect([...(await run(ctx, (r) => r.invoices.invoicedBookingIds(bookingIds)))]).to.deep.equal(bookingIds);
        const unknown = await caught(() => run(ctx, (r) => r.invoices.updateSettlement({ ...sent, id: randomUUID() })));
        expect(unknown.code).to.equal('invoice.not_found');
        const other = await anOrg();
        const foreign = await caught(() => run(other.ctx, (r) => r.invoices.updateSettlement({ ...sent, status: 'SENT', paidCents: 0 })));
        expect(['invoice.not_found', 'tenant.cross_org_write']).to.include(foreign.code);
        expect((await run(ctx, (r) => r.invoices.findById(sent.id)))!.status).to.equal('PAID');
      });

      it("lists newest first with filters and keyset pages, and shows another org nothing", async () => {
        const { ctx, clientId } = await anOrg();
        const other = aClient(ctx.orgId, {}, 0);
        await run(ctx, (r) => r.clients.insert(other));
        const specs: Array<[InvoiceStatus, string, string | null, number]> = [
          ['DRAFT', clientId, null, 0],
          ['SENT', clientId, '2026-05-01', 1],
          ['SENT', other.id, '2026-05-03', 2],
          ['PAID', clientId, '2026-05-05', 3],
          ['VOID', other.id, '2026-05-07', 3], // same instant as the one before: ties go by id
          ['OVERDUE', clientId, '2026-04-20', 4],
        ];
        const invoices = specs.map(([status, client, issued, minute]) =>
          anInvoice(
            ctx.orgId,
            client,
            { status, createdAt: later(CREATED, minute * 60_000), ...(issued === null ? {} : { issueDate: issued, dueDate: '2026-06-01' }) },
            { issued: issued !== null },
          ),
        );
        await run(ctx, async (r) => {
          for (const i of invoices) await r.invoices.insert(i);
        });
        const expected = [...invoices].sort(newestFirst);
        const list = (q: Partial<InvoiceListQuery>) => run(ctx, (r) => r.invoices.list(allInvoices(q)));
        expect(await list({})).to.deep.equal(expected);
        // Keyset pages of two cover the list once, in order.
        const paged: Invoice[] = [];
        let after: InvoiceListQuery['after'] = null;
        for (;;) {
          const page = await list({ limit: 2, after });
          paged.push(...page);
          if (page.length < 2) break;
          after = { createdAt: page[1]!.createdAt, id: page[1]!.id };
        }
        expect(ids(paged)).to.deep.equal(ids(expected));
        expect(ids(await list({ statuses: ['SENT', 'OVERDUE'] }))).to.deep.equal(ids(expected.filter((i) => ['SENT', 'OVERDUE'].includes(i.status))));
        expect(ids(await list({ clientId: other.id }))).to.deep.equal(ids(expected.filter((i) => i.clientId === other.id)));
        // Issue dates within [from, to]; drafts (no date) left out.
        expect(ids(await list({ issuedFrom: '2026-05-01', issuedTo: '2026-05-05' }))).to.deep.equal(
          ids(expected.filter((i) => i.issueDate !== null && i.issueDate >= '2026-05-01' && i.issueDate <= '2026-05-05')),
        );
        expect(ids(await list({ issuedTo: '2026-05-02' }))).to.have.members([invoices[1]!.id, invoices[5]!.id]);

        const b = (await createOrg(h)).ctx;
        expect(await run(b, (r) => r.invoices.list(allInvoices()))).to.deep.equal([]);
        expect(await run(b, (r) => r.invoices.findById(invoices[1]!.id))).to.equal(null);
        expect(await run(b, (r) => r.invoices.queue({ filter: 'all', today: '2030-01-01', limit: 10, offset: 0 }))).to.deep.equal({ rows: [], total: 0 });
      });

      it("refuses writing another org's invoice and changes nothing", async () => {
        const a = await anOrg();
        const b = await anOrg();
        const mine = anInvoice(a.ctx.orgId, a.clientId);
        await run(a.ctx, (r) => r.invoices.insert(mine));
        // Named as org A's from org B's unit: a write into another org.
        expect((await caught(() => run(b.ctx, (r) => r.invoices.update({ ...mine, notes: 'hijacked' })))).code).to.equal('tenant.cross_org_write');
        expect((await caught(() => run(b.ctx, (r) => r.invoices.insert(anInvoice(a.ctx.orgId, a.clientId))))).code).to.equal('tenant.cross_org_write');
        // Claimed as org B's: org B has no such invoice.
        expect((await caught(() => run(b.ctx, (r) => r.invoices.update({ ...mine, orgId: b.ctx.orgId, clientId: b.clientId, notes: 'hijacked' })))).code).to.equal(
          'invoice.not_found',
        );
        // Org A's client is not org B's.
        expect((await caught(() => run(b.ctx, (r) => r.invoices.insert(anInvoice(b.ctx.orgId, a.clientId))))).code).to.equal('client.not_found');
        expect(await run(a.ctx, (r) => r.invoices.findById(mine.id))).to.deep.equal(mine);
      });
    });

    describe('invoice numbers', function () {
      it('counts per org and year without gaps, and a rolled-back unit gives its number back', async () => {
        const a = (await createOrg(h)).ctx;
        const b = (await createOrg(h)).ctx;
        expect(await run(a, async (r) => [await r.invoices.nextNumber(2026), await r.invoices.nextNumber(2026)])).to.deep.equal([1, 2]);
        expect(await run(a, (r) => r.invoices.nextNumber(2027))).to.equal(1);
        expect(await run(b, (r) => r.invoices.nextNumber(2026))).to.equal(1);
        const failed = await caught(() =>
          run(a, async (r) => {
            expect(await r.invoices.nextNumber(2026)).to.equal(3);
            throw new Error('issuing failed after numbering');
          }),
        );
        expect(failed.message).to.equal('issuing failed after numbering');
        expect(await run(a, (r) => r.invoices.nextNumber(2026))).to.equal(3);
      });

      it('gives two racing units consecutive numbers (the second waits for the first)', async () => {
        const a = (await createOrg(h)).ctx;
        await run(a, (r) => r.invoices.nextNumber(2026));
        const issuer = () =>
          run(a, async (r) => {
            const n = await r.invoices.nextNumber(2026);
            await sleep(50);
            return n;
          });
        const numbers = await Promise.all([issuer(), issuer(), issuer()]);
        expect([...numbers].sort()).to.deep.equal([2, 3, 4]);
      });
    });

    describe('booking links', function () {
      it('refuses a booking already on a live invoice, leaves the unit usable, and frees it once that invoice is void', async () => {
        const { ctx, clientId, bookingIds } = await anOrg(2);
        const [x, y] = bookingIds as [string, string];
        const first = anInvoice(ctx.orgId, clientId, { bookingIds: [x] });
        await run(ctx, (r) => r.invoices.insert(first));
        const second = anInvoice(ctx.orgId, clientId, { bookingIds: [y, x] });
        const outcome = await run(ctx, async (r) => {
          const refused = await caught(() => r.invoices.insert(second));
          // The refusal undid that write alone: the unit goes on and commits.
          const other = anInvoice(ctx.orgId, clientId, { bookingIds: [y] });
          await r.invoices.insert(other);
          return { code: refused.code, otherId: other.id };
        });
        expect(outcome.code).to.equal('invoice.booking_not_invoiceable');
        expect(await run(ctx, (r) => r.invoices.findById(second.id))).to.equal(null);
        expect(await run(ctx, (r) => r.invoices.findById(outcome.otherId))).to.not.equal(null);
        // An update that adds a taken booking is refused too.
        const third = anInvoice(ctx.orgId, clientId);
        await run(ctx, (r) => r.invoices.insert(third));
        expect((await caught(() => run(ctx, (r) => r.invoices.update({ ...third, bookingIds: [x] })))).code).to.equal('invoice.booking_not_invoiceable');
        expect((await run(ctx, (r) => r.invoices.findById(third.id)))!.bookingIds).to.deep.equal([]);

        expect([...(await run(ctx, (r) => r.invoices.invoicedBookingIds([x, y, randomUUID()])))].sort()).to.deep.equal([x, y].sort());
        await run(ctx, (r) => r.invoices.update({ ...first, status: 'VOID', voidedAt: CREATED, voidReason: 'wrong client' }));
        // The void invoice still lists the booking it billed; the booking is free.
        expect((await run(ctx, (r) => r.invoices.findById(first.id)))!.bookingIds).to.deep.equal([x]);
        expect([...(await run(ctx, (r) => r.invoices.invoicedBookingIds([x])))]).to.deep.equal([]);
        await run(ctx, (r) => r.invoices.update({ ...third, bookingIds: [x] }));
        expect([...(await run(ctx, (r) => r.invoices.invoicedBookingIds([x])))]).to.deep.equal([x]);
        // Another org's unit sees none of it.
        const b = (await createOrg(h)).ctx;
        expect([...(await run(b, (r) => r.invoices.invoicedBookingIds([x, y])))]).to.deep.equal([]);
      });

      it('lets exactly one of two racing units put a booking on an invoice', async () => {
        const { ctx, clientId, bookingIds } = await anOrg(1);
        const racer = () =>
          run(ctx, async (r) => {
            const invoice = anInvoice(ctx.orgId, clientId, { bookingIds: [bookingIds[0]!] });
            await r.invoices.insert(invoice);
            await sleep(50);
            return invoice.id;
          });
        const results = await Promise.allSettled([racer(), racer()]);
        const won = results.filter((x) => x.status === 'fulfilled');
        const lost = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
        expect(won).to.have.length(1);
        expect(lost.map((x) => (x.reason as { code?: string }).code)).to.deep.equal(['invoice.booking_not_invoiceable']);
        expect(ids(await run(ctx, (r) => r.invoices.list(allInvoices())))).to.deep.equal([(won[0] as PromiseFulfilledResult<string>).value]);
      });
    });

    describe('queue and past due', function () {
      it('lists issued invoices with something left to pay by due date, overdue ones apart, with totals', async () => {
        const { ctx, clientId } = await anOrg();
        const today = '2026-05-10';
        const inv = (status: InvoiceStatus, dueDate: string, paid: number, minute: number) => {
          const i = anInvoice(ctx.orgId, clientId, { status, dueDate, createdAt: later(CREATED, minute * 60_000) }, { issued: status !== 'DRAFT' });
          return { ...i, paidCents: Math.min(paid, i.totalCents) + (paid > i.totalCents ? paid - i.totalCents : 0) };
        };
        const overdueSent = inv('SENT', '2026-05-01', 0, 1);
        const overdueMarked = inv('OVERDUE', '2026-05-03', 0, 2);
        const partialPast = inv('PARTIAL', '2026-05-09', 100, 3);
        const dueToday = inv('SENT', today, 0, 4);
        const future = inv('SENT', '2026-05-20', 0, 5);
        const paid = inv('PAID', '2026-05-01', 1_000_000, 6);
        const voided = inv('VOID', '2026-05-01', 0, 7);
        const draft = inv('DRAFT', '2026-05-01', 0, 8);
        await run(ctx, async (r) => {
          for (const i of [future, paid, voided, draft, dueToday, partialPast, overdueMarked, overdueSent]) await r.invoices.insert(i);
        });
        const queue = (filter: 'overdue' | 'unpaid' | 'all', limit = 10, offset = 0) => run(ctx, (r) => r.invoices.queue({ filter, today, limit, offset }));
        const overdue = await queue('overdue');
        expect(ids(overdue.rows)).to.deep.equal(ids([overdueSent, overdueMarked, partialPast]));
        expect(overdue.total).to.equal(3);
        const unpaid = await queue('unpaid');
        expect(ids(unpaid.rows)).to.deep.equal(ids([overdueSent, overdueMarked, partialPast, dueToday, future]));
        expect(unpaid.total).to.equal(5);
        expect(await queue('all')).to.deep.equal(unpaid);
        const page = await queue('unpaid', 2, 2);
        expect({ ids: ids(page.rows), total: page.total }).to.deep.equal({ ids: ids([partialPast, dueToday]), total: 5 });
        expect(await queue('unpaid', 2, 50)).to.deep.equal({ rows: [], total: 5 });
        expect(await queue('overdue', 2, 50)).to.deep.equal({ rows: [], total: 3 });

        // The overdue job's list: SENT only, due before today, oldest first, at most `limit`.
        expect(ids(await run(ctx, (r) => r.invoices.listPastDue(today, 10)))).to.deep.equal(ids([overdueSent]));
        expect(ids(await run(ctx, (r) => r.invoices.listPastDue('2026-05-30', 2)))).to.deep.equal(ids([overdueSent, dueToday]));
      });
    });

    describe('reconcile report', function () {
      it('counts payments, sums what they settle (no tips, no failed or pending) and finds the last one', async () => {
        const { ctx, clientId, bookingIds } = await anOrg(1);
        const invoice = anInvoice(ctx.orgId, clientId, { status: 'PARTIAL', paidCents: 1300 }, { issued: true });
        const bare = anInvoice(ctx.orgId, clientId, { createdAt: later(CREATED, -60_000) }, { issued: true });
        const draft = anInvoice(ctx.orgId, clientId, { createdAt: later(CREATED, 60_000) });
        const pay = (overrides: Partial<InvoicePayment>) => aPayment(ctx.orgId, clientId, invoice.id, overrides);
        const payments = [
          pay({ amountCents: 1000, receivedAt: at('2026-05-03T10:00:00.000Z') }),
          pay({ purpose: 'deposit', bookingId: bookingIds[0]!, amountCents: 500, refundedCents: 200, receivedAt: at('2026-04-20T10:00:00.000Z') }),
          pay({ purpose: 'tip', amountCents: 300, receivedAt: at('2026-05-04T10:00:00.000Z') }),
          pay({ status: 'failed', amountCents: 400, receivedAt: null, createdAt: at('2026-05-06T10:00:00.000Z'), failureMessage: 'card declined' }),
          pay({ status: 'pending', amountCents: 100, receivedAt: null, createdAt: at('2026-05-02T10:00:00.000Z') }),
          pay({ status: 'refunded', amountCents: 700, refundedCents: 700, receivedAt: at('2026-05-01T10:00:00.000Z') }),
        ];
        await run(ctx, async (r) => {
          for (const i of [invoice, bare, draft]) await r.invoices.insert(i);
          for (const p of payments) await r.payments.insert(p);
        });
        const report = await run(ctx, (r) => r.invoices.reconcileReport({ mismatchOnly: false, today: '2026-05-10', limit: 10, offset: 0 }));
        expect(report.total).to.equal(2);
        expect(report.rows).to.deep.equal([
          {
            invoice,
            paymentCount: 6,
            succeededPaymentCount: 4,
            // The failed payment's creation time: its own time when no money arrived.
            lastPaymentAt: at('2026-05-06T10:00:00.000Z'),
            settledCents: payments.reduce((sum, p) => sum + settledCents(p), 0),
          },
          { invoice: bare, paymentCount: 0, succeededPaymentCount: 0, lastPaymentAt: null, settledCents: 0 },
        ]);
        expect(report.rows[0]!.settledCents).to.equal(1300);
        expect(await run(ctx, (r) => r.invoices.reconcileReport({ mismatchOnly: false, today: '2026-05-10', limit: 1, offset: 1 }))).to.deep.equal({
          rows: [report.rows[1]],
          total: 2,
        });
        expect(await run(ctx, (r) => r.invoices.reconcileReport({ mismatchOnly: false, today: '2026-05-10', limit: 10, offset: 5 }))).to.deep.equal({ rows: [], total: 2 });
      });

      it('reports as mismatches exactly the invoices isMismatch names, over generated cases (never drafts or void ones)', async () => {
        const { ctx, clientId } = await anOrg();
        const today = '2026-05-10';
        // One line of 1000, each invoice its own (line ids are unique in the org).
        const oneLine = () => [anInvoiceLine({ quantityMilli: 1000, unitPriceCents: 1000, taxRateBasis: 0 })];
        const cases: Array<{ invoice: Invoice; settled: number }> = [];
        let minute = 0;
        for (const status of ['DRAFT', 'SENT', 'PARTIAL', 'PAID', 'OVERDUE', 'VOID'] as const)
          for (const settled of [0, 500, 1000, 1500])
            for (const paid of [0, 500, 1000, 1500])
              for (const dueDate of ['2026-05-01', today, '2026-05-20']) {
                minute += 1;
                const lines = oneLine();
                const invoice = anInvoice(
                  ctx.orgId,
                  clientId,
                  { lines, ...invoiceTotals(lines), status, paidCents: paid, createdAt: later(CREATED, minute * 60_000), ...(status === 'DRAFT' ? {} : { dueDate }) },
                  { issued: status !== 'DRAFT' },
                );
                cases.push({ invoice, settled });
              }
        await run(ctx, async (r) => {
          for (const { invoice, settled } of cases) {
            await r.invoices.insert(invoice);
            if (settled === 0) continue;
            // Settled by a balance payment, with a tip and a failed attempt that must not count.
            await r.payments.insert(aPayment(ctx.orgId, clientId, invoice.id, { amountCents: settled + 250, refundedCents: 250 }));
            await r.payments.insert(aPayment(ctx.orgId, clientId, invoice.id, { purpose: 'tip', amountCents: 77 }));
            await r.payments.insert(aPayment(ctx.orgId, clientId, invoice.id, { status: 'failed', amountCents: 999 }));
          }
        });
        const expected = cases
          .filter(({ invoice, settled }) => isMismatch(invoice, settled, today))
          .map((c) => c.invoice)
          .sort(newestFirst);
        // Not vacuous: some of each kind of issued status mismatch, and some do not.
        expect(expected.length).to.be.greaterThan(50).and.lessThan(cases.length);
        expect(expected.some((i) => i.status === 'DRAFT' || i.status === 'VOID')).to.equal(false);
        const all: string[] = [];
        let total = -1;
        for (let offset = 0; ; offset += 40) {
          const page = await run(ctx, (r) => r.invoices.reconcileReport({ mismatchOnly: true, today, limit: 40, offset }));
          total = page.total;
          all.push(...page.rows.map((row) => row.invoice.id));
          for (const row of page.rows) expect(isMismatch(row.invoice, row.settledCents, today), row.invoice.id).to.equal(true);
          if (page.rows.length < 40) break;
        }
        expect(all).to.deep.equal(ids(expected));
        expect(total).to.equal(expected.length);
        // The full report holds every issued invoice (void ones too), no draft.
        const full = await run(ctx, (r) => r.invoices.reconcileReport({ mismatchOnly: false, today, limit: 1000, offset: 0 }));
        expect(full.total).to.equal(cases.filter((c) => c.invoice.status !== 'DRAFT').length);
        expect(full.rows.map((row) => row.settledCents)).to.deep.equal(
          cases
            .filter((c) => c.invoice.status !== 'DRAFT')
            .sort((x, y) => newestFirst(x.invoice, y.invoice))
            .map((c) => c.settled),
        );
      });
    });

    describe('payments', function () {
      it('stores every field, updates, and lists by invoice and by booking oldest first', async () => {
        const { ctx, clientId, bookingIds } = await anOrg(1);
        const invoice = anInvoice(ctx.orgId, clientId, {}, { issued: true });
        await run(ctx, (r) => r.invoices.insert(invoice));
        const first = aPayment(ctx.orgId, clientId, invoice.id, {
          provider: 'stripe',
          method: 'card',
          providerReference: 'pi_123',
          checkoutSessionId: 'cs_test_1',
          amountCents: MAX_INVOICE_TOTAL_MINOR,
          refundedCents: MAX_INVOICE_TOTAL_MINOR - 1,
          refundPendingCents: 1,
          refundPendingKey: 'refund:p:0:1',
          providerUpdatedAt: at('2026-05-01T09:00:01.000Z'),
          createdAt: later(CREATED, 2000),
        });
        const deposit = aPayment(ctx.orgId, clientId, null, { purpose: 'deposit', bookingId: bookingIds[0]!, createdAt: later(CREATED, 1000) });
        const applied = aPayment(ctx.orgId, clientId, invoice.id, { purpose: 'deposit', bookingId: bookingIds[0]!, createdAt: later(CREATED, 3000) });
        await run(ctx, async (r) => {
          for (const p of [first, deposit, applied]) await r.payments.insert(p);
        });
        expect(await run(ctx, (r) => r.payments.findById(first.id))).to.deep.equal(first);
        expect(await run(ctx, (r) => r.payments.findByProviderReference('pi_123', { forUpdate: true }))).to.deep.equal(first);
        expect(await run(ctx, (r) => r.payments.findByProviderReference('pi_nope'))).to.equal(null);
        expect(ids(await run(ctx, (r) => r.payments.listByInvoice(invoice.id)))).to.deep.equal([first.id, applied.id]);
        expect(ids(await run(ctx, (r) => r.payments.listByBooking(bookingIds[0]!)))).to.deep.equal([deposit.id, applied.id]);
        const refunded: InvoicePayment = { ...deposit, invoiceId: invoice.id, status: 'refunded', refundedCents: deposit.amountCents, updatedAt: later(CREATED, 9000) };
        await run(ctx, (r) => r.payments.update(refunded));
        expect(await run(ctx, (r) => r.payments.findById(deposit.id))).to.deep.equal(refunded);
        expect((await caught(() => run(ctx, (r) => r.payments.update(aPayment(ctx.orgId, clientId, invoice.id))))).code).to.equal('payment.not_found');
      });

      it('refunded and pending together never exceed the amount, nor go below zero; the row is left as it was', async () => {
        const { ctx, clientId } = await anOrg();
        const invoice = anInvoice(ctx.orgId, clientId, {}, { issued: true });
        await run(ctx, (r) => r.invoices.insert(invoice));
        const p = aPayment(ctx.orgId, clientId, invoice.id, { provider: 'stripe', method: 'card', amountCents: 1_000, refundedCents: 400, refundPendingCents: 600, refundPendingKey: 'refund:p:400:600' });
        await run(ctx, (r) => r.payments.insert(p));
        for (const bad of [{ refundPendingCents: 601 }, { refundedCents: 401 }, { refundPendingCents: -1 }]) {
          await caught(() => run(ctx, (r) => r.payments.update({ ...p, ...bad })));
        }
        await caught(() => run(ctx, (r) => r.payments.insert(aPayment(ctx.orgId, clientId, invoice.id, { amountCents: 100, refundedCents: 50, refundPendingCents: 51 }))));
        expect(await run(ctx, (r) => r.payments.findById(p.id))).to.deep.equal(p);
        expect(ids(await run(ctx, (r) => r.payments.listByInvoice(invoice.id)))).to.deep.equal([p.id]);
      });

      it('stores a processor payment id once per org; another org may hold the same id and sees none of these', async () => {
        const a = await anOrg();
        const b = await anOrg();
        const p = aPayment(a.ctx.orgId, a.clientId, null, { providerReference: 'pi_dup', provider: 'stripe', method: 'card' });
        await run(a.ctx, (r) => r.payments.insert(p));
        const dup = await caught(() => run(a.ctx, (r) => r.payments.insert(aPayment(a.ctx.orgId, a.clientId, null, { providerReference: 'pi_dup' }))));
        expect(dup.code).to.equal('storage.conflict');
        await run(b.ctx, (r) => r.payments.insert(aPayment(b.ctx.orgId, b.clientId, null, { providerReference: 'pi_dup' })));
        expect((await run(b.ctx, (r) => r.payments.findByProviderReference('pi_dup')))!.orgId).to.equal(b.ctx.orgId);
        expect(await run(b.ctx, (r) => r.payments.findById(p.id))).to.equal(null);
        expect((await caught(() => run(b.ctx, (r) => r.payments.update({ ...p, amountCents: 1 })))).code).to.equal('tenant.cross_org_write');
        expect((await caught(() => run(b.ctx, (r) => r.payments.update({ ...p, orgId: b.ctx.orgId, clientId: b.clientId })))).code).to.equal('payment.not_found');
        expect(await run(a.ctx, (r) => r.payments.findById(p.id))).to.deep.equal(p);
      });
    });

    describe('Stripe events', function () {
      it("records an event once ('new', then 'existing'), across orgs too, and updates it", async () => {
        const a = (await createOrg(h)).ctx;
        const b = (await createOrg(h)).ctx;
        const event = aStripeEvent(a.orgId);
        expect(await run(a, (r) => r.stripeEvents.record(event))).to.equal('new');
        expect(await run(a, (r) => r.stripeEvents.record({ ...event, receivedAt: later(CREATED, 5000) }))).to.equal('existing');
        expect(await run(a, (r) => r.stripeEvents.findById(event.eventId))).to.deep.equal(event);
        // Event ids are global: another org's delivery of that id is not new, and it sees nothing.
        expect(await run(b, (r) => r.stripeEvents.record({ ...event, orgId: b.orgId }))).to.equal('existing');
        expect(await run(b, (r) => r.stripeEvents.findById(event.eventId))).to.equal(null);
        const done: StripeEventRecord = { ...event, processedStatus: 'failed', lastError: 'invoice not found', processedAt: later(CREATED, 7000), invoiceId: randomUUID() };
        await run(a, (r) => r.stripeEvents.update(done));
        expect(await run(a, (r) => r.stripeEvents.findById(event.eventId))).to.deep.equal(done);
        expect((await caught(() => run(b, (r) => r.stripeEvents.update(done)))).code).to.equal('tenant.cross_org_write');
      });

      it('lets exactly one of five concurrent deliveries of one event record it as new', async () => {
        const a = (await createOrg(h)).ctx;
        const event = aStripeEvent(a.orgId);
        const deliver = () =>
          run(a, async (r) => {
            const outcome = await r.stripeEvents.record(event);
            await sleep(20);
            return outcome;
          });
        const outcomes = await Promise.all([deliver(), deliver(), deliver(), deliver(), deliver()]);
        expect([...outcomes].sort()).to.deep.equal(['existing', 'existing', 'existing', 'existing', 'new']);
      });

      it('lists newest first (event time, then received) with filters and the total', async () => {
        const a = (await createOrg(h)).ctx;
        const invoiceId = randomUUID();
        const bookingId = randomUUID();
        const events = [
          aStripeEvent(a.orgId, { createdAt: later(CREATED, 1000), invoiceId }),
          aStripeEvent(a.orgId, { createdAt: later(CREATED, 3000), processedStatus: 'processed', invoiceId }),
          aStripeEvent(a.orgId, { createdAt: later(CREATED, 3000), receivedAt: later(CREATED, 9000), bookingId }),
          aStripeEvent(a.orgId, { createdAt: later(CREATED, 2000), processedStatus: 'ignored' }),
        ];
        await run(a, async (r) => {
          for (const e of events) await r.stripeEvents.record(e);
        });
        const list = (q: Partial<{ invoiceId: string; bookingId: string; status: StripeEventRecord['processedStatus']; limit: number; offset: number }>) =>
          run(a, (r) => r.stripeEvents.list({ invoiceId: null, bookingId: null, status: null, limit: 10, offset: 0, ...q }));
        const order = [events[2]!, events[1]!, events[3]!, events[0]!];
        expect(await list({})).to.deep.equal({ rows: order, total: 4 });
        expect(await list({ limit: 2, offset: 1 })).to.deep.equal({ rows: order.slice(1, 3), total: 4 });
        expect(await list({ offset: 10 })).to.deep.equal({ rows: [], total: 4 });
        expect(await list({ invoiceId })).to.deep.equal({ rows: [events[1], events[0]], total: 2 });
        expect(await list({ bookingId })).to.deep.equal({ rows: [events[2]], total: 1 });
        expect(await list({ status: 'ignored' })).to.deep.equal({ rows: [events[3]], total: 1 });
        const b = (await createOrg(h)).ctx;
        expect(await run(b, (r) => r.stripeEvents.list({ invoiceId: null, bookingId: null, status: null, limit: 10, offset: 0 }))).to.deep.equal({ rows: [], total: 0 });
      });
    });

    describe('public links', function () {
      it('stores links and revokes every live one of an invoice, once; another org can do neither', async () => {
        const { ctx, clientId } = await anOrg();
        const invoice = anInvoice(ctx.orgId, clientId, {}, { issued: true });
        const otherInvoice = anInvoice(ctx.orgId, clientId, {}, { issued: true });
        const links = [anInvoiceLink(ctx.orgId, invoice.id), anInvoiceLink(ctx.orgId, invoice.id), anInvoiceLink(ctx.orgId, otherInvoice.id)];
        await run(ctx, async (r) => {
          await r.invoices.insert(invoice);
          await r.invoices.insert(otherInvoice);
          for (const l of links) await r.invoiceLinks.insert(l);
        });
        expect(await run(ctx, (r) => r.invoiceLinks.findById(links[0]!.id))).to.deep.equal(links[0]);
        const b = (await createOrg(h)).ctx;
        expect(await run(b, (r) => r.invoiceLinks.findById(links[0]!.id))).to.equal(null);
        expect(await run(b, (r) => r.invoiceLinks.revokeForInvoice(invoice.id, CREATED))).to.equal(0);
        expect((await caught(() => run(b, (r) => r.invoiceLinks.insert(anInvoiceLink(ctx.orgId, invoice.id))))).code).to.equal('tenant.cross_org_write');
        const revokedAt = at('2026-05-09T12:00:00.000Z');
        expect(await run(ctx, (r) => r.invoiceLinks.revokeForInvoice(invoice.id, revokedAt))).to.equal(2);
        expect(await run(ctx, (r) => r.invoiceLinks.revokeForInvoice(invoice.id, later(revokedAt, 1000)))).to.equal(0);
        expect(await run(ctx, (r) => r.invoiceLinks.findById(links[1]!.id))).to.deep.equal({ ...links[1], revokedAt });
        expect(await run(ctx, (r) => r.invoiceLinks.findById(links[2]!.id))).to.deep.equal(links[2]);
      });
    });
  });
}
