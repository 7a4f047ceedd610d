import { expect } from 'chai';
import {
  AesGcmSecretSealer,
  MAX_INVOICE_TOTAL_MINOR,
  type Booking,
  type Client,
  type CreateInvoiceInput,
  type InvoicePayment,
  type MessagePayload,
  type Service,
} from '@cws/core';
import { archiveClientDirectly, auditRows, expectAppError, expectInvalid } from '../support/core-fixture.js';
import { ENQUEUE_ONLY_EMAIL } from '../support/enqueue-only-channels.js';
import { HOUR, schedulingFixture, TUE, UNKNOWN_ID, utc, type SchedulingFixture } from '../support/scheduling-fixture.js';

const SEALER = new AesGcmSecretSealer('invoice-test-sealer-key', 'outbox-message:v1');
const IP = '203.0.113.9';

describe('Invoice use cases', () => {
  let fx: SchedulingFixture;
  let orgId: string;
  let client: Client;
  let service: Service;

  beforeEach(async () => {
    fx = schedulingFixture({ channels: { email: ENQUEUE_ONLY_EMAIL }, messageSealer: SEALER });
    orgId = await fx.newOrg('acme', { currency: 'GBP', timeZone: 'Europe/London' });
    client = await fx.client(orgId, { email: 'pat@example.com' });
    service = await fx.service(orgId, { name: 'Deep clean', priceMinor: 12_000 });
  });

  const ctx = (role: 'admin' | 'viewer' | 'finance' = 'admin', org = orgId) => fx.ctx(org, { role });
  const line = (over: Record<string, unknown> = {}) => ({ description: 'Window cleaning', quantity: 2.5, unitPriceCents: 1999, taxRateBasis: 2000, ...over });
  const create = (input: Partial<CreateInvoiceInput> = {}, org = orgId) =>
    fx.core.invoices.create.execute(ctx('admin', org), { clientId: client.id, lines: [line()], ...input } as CreateInvoiceInput);

  /** A booking of the client taken to `completed` (or left at `status`). */
  async function completedBooking(extra: Record<string, unknown> = {}, status: 'completed' | 'confirmed' = 'completed', day = TUE, who = client): Promise<Booking> {
    const booking = await fx.book(orgId, who.id, utc(day, '10:00'), utc(day, '12:00'), { status: 'confirmed', ...extra });
    if (status === 'confirmed') return booking;
    await fx.core.bookings.changeStatus.execute(ctx(), { id: booking.id, status: 'in_progress' });
    return fx.core.bookings.changeStatus.execute(ctx(), { id: booking.id, status: 'completed' });
  }

  async function deposit(booking: Booking, amountCents: number): Promise<InvoicePayment> {
    const payment: InvoicePayment = {
      id: fx.ids.next(),
      orgId,
      invoiceId: null,
      bookingId: booking.id,
      clientId: booking.clientId,
      provider: 'manual',
      method: 'cash',
      purpose: 'deposit',
      status: 'succeeded',
      amountCents,
      refundedCents: 0,
      refundPendingCents: 0,
      refundPendingKey: null,
      currency: booking.currency,
      reference: null,
      providerReference: null,
      checkoutSessionId: null,
      failureMessage: null,
      receivedAt: fx.clock.now(),
      providerUpdatedAt: null,
      recordedBy: 'user-admin',
      createdAt: fx.clock.now(),
      updatedAt: fx.clock.now(),
    };
    await fx.adapters.uow.run(ctx(), (repos) => repos.payments.insert(payment));
    return payment;
  }

  const sentMail = (invoiceId: string) => [...fx.state.tables.outbox.values()].find((e) => e.dedupeKey === `invoice:${invoiceId}:sent`);
  const tokenOf = (invoiceId: string) => SEALER.open((sentMail(invoiceId)!.payload as { message: MessagePayload }).message.sealedSecret!);
  const viewPublic = (token: string, clientIp: string | null = IP) => fx.core.invoices.getPublic.execute({ requestId: 'r', now: fx.clock.now(), clientIp }, { token });

  describe('CreateInvoice', () => {
    it('stores a draft with per-line half-up figures and the tax snapshot, in the org’s currency, and audits invoice.created', async () => {
      const { invoice, client: shown, replayed } = await create({
        lines: [line(), line({ description: 'Oven', quantity: 1, unitPriceCents: 4500, taxRateBasis: 0 }), line({ description: 'Fee', quantity: 0.333, unitPriceCents: 100, taxRateBasis: 500 })],
        notes: ' Thanks! ',
      });
      expect(replayed).to.equal(false);
      expect(shown).to.deep.equal({ id: client.id, name: client.name, email: 'pat@example.com' });
      // 2.5 × 19.99 = 49.975 → 49.98; tax 20 % = 9.996 → 10.00. 0.333 × 1.00 = 0.333 → 0.33; 5 % = 0.0165 → 0.02.
      expect(invoice.lines.map((l) => [l.quantityMilli, l.lineTotalCents, l.lineTaxCents])).to.deep.equal([
        [2500, 4998, 1000],
        [1000, 4500, 0],
        [333, 33, 2],
      ]);
      expect(invoice).to.include({
        status: 'DRAFT',
        number: null,
        currency: 'GBP',
        issueDate: null,
        dueDate: null,
        paymentTermsDays: 14,
        notes: 'Thanks!',
        subtotalCents: 9531,
        taxableSubtotalCents: 5031,
        taxCents: 1002,
        totalCents: 10_533,
        paidCents: 0,
      });
      // 1002 / 5031 = 19.916 % → 1992 bp.
      expect(invoice.taxRateBasis).to.equal(1992);
      const rows = auditRows(fx, orgId).filter((r) => r.action === 'invoice.created');
      expect(rows).to.have.length(1);
      expect(rows[0]!.after).to.include({ total_cents: 10_533, tax_cents: 1002, currency: 'GBP' });
    });

    it('refuses what the contract refuses: more than 3 decimals, negative price, rate above 100 %, 101 lines, NUL, no line', async () => {
      await expectInvalid(create({ lines: [line({ quantity: 1.2345 })] }), ['/lines/0/quantity']);
      await expectInvalid(create({ lines: [line({ unitPriceCents: -1 })] }), ['/lines/0/unitPriceCents']);
      await expectInvalid(create({ lines: [line({ taxRateBasis: 10_001 })] }), ['/lines/0/taxRateBasis']);
      await expectInvalid(create({ lines: Array.from({ length: 101 }, () => line()) }), ['/lines']);
      await expectInvalid(create({ lines: [line({ description: 'a\u0000b' })] }), ['/lines/0/description']);
      await expectInvalid(create({ lines: [] }), ['/lines']);
      await expectInvalid(create({ paymentTermsDays: 366 }), ['/paymentTermsDays']);
      expect(fx.state.tables.invoices.size).to.equal(0);
    });

    it('refuses a total above the cap, though every line is within its own', async () => {
      // 1 000 × 10 000 000 000 = 1e13 a line; ten make 1e14, above the 9e13 cap.
      const big = line({ quantity: 1000, unitPriceCents: 10_000_000_000, taxRateBasis: 0 });
      const err = await expectInvalid(create({ lines: Array.from({ length: 10 }, () => big) }), ['/lines']);
      expect(err.errors[0]!.detail).to.contain(String(MAX_INVOICE_TOTAL_MINOR));
      // One line at the field caps (1e16, past 2^53) is refused on its own.
      await expectInvalid(create({ lines: [line(), line({ quantity: 100_000, unitPriceCents: 100_000_000_000 })] }), ['/lines/1']);
      expect(fx.state.tables.invoices.size).to.equal(0);
    });

    it('refuses an unknown, another org’s or an archived client', async () => {
      await expectAppError(create({ clientId: UNKNOWN_ID }), 'client.not_found');
      const other = await fx.newOrg('other');
      const theirs = await fx.client(other);
      await expectAppError(create({ clientId: theirs.id }), 'client.not_found');
      await archiveClientDirectly(fx, orgId, client.id, fx.clock.now());
      await expectAppError(create(), 'client.archived');
    });

    it('with an Idempotency-Key returns the first invoice on a retry and refuses the key with another body', async () => {
      const first = await create({ idempotencyKey: 'inv-key-1' });
      const again = await create({ idempotencyKey: 'inv-key-1' });
      expect(again.replayed).to.equal(true);
      expect(again.invoice.id).to.equal(first.invoice.id);
      expect(fx.state.tables.invoices.size).to.equal(1);
      await expectAppError(create({ idempotencyKey: 'inv-key-1', notes: 'different' }), 'idempotency.key_reused');
    });

    it('bills a completed booking with a line from its service at the agreed price, and each booking once', async () => {
      const booking = await completedBooking({ serviceId: service.id });
      const { invoice } = await create({ lines: [], bookingIds: [booking.id] });
      expect(invoice.bookingIds).to.deep.equal([booking.id]);
      expect(invoice.lines).to.have.length(1);
      expect(invoice.lines[0]).to.include({ description: `Deep clean (${TUE})`, quantityMilli: 1000, unitPriceCents: 12_000, bookingId: booking.id });
      expect(invoice.totalCents).to.equal(12_000);
      const err = await expectAppError(create({ lines: [], bookingIds: [booking.id] }), 'invoice.booking_not_invoiceable');
      expect(err.details).to.include({ booking_id: booking.id });
      // A line of its own replaces the generated one.
      await fx.core.invoices.void.execute(ctx(), { invoiceId: invoice.id, reason: 'wrong price' });
      const again = await create({ lines: [line({ bookingId: booking.id })], bookingIds: [booking.id] });
      expect(again.invoice.lines.map((l) => l.description)).to.deep.equal(['Window cleaning']);
    });

    it('refuses a booking that is not completed, another client’s, another org’s, or in another currency', async () => {
      const open = await completedBooking({}, 'confirmed');
      await expectAppError(create({ bookingIds: [open.id] }), 'invoice.booking_not_invoiceable');
      const other = await fx.client(orgId);
      const theirs = await completedBooking({}, 'completed', TUE, other);
      await expectAppError(create({ bookingIds: [theirs.id] }), 'invoice.booking_not_invoiceable');
      await expectAppError(create({ bookingIds: [UNKNOWN_ID] }), 'booking.not_found');
      await expectInvalid(create({ lines: [line({ bookingId: UNKNOWN_ID })] }), ['/lines/0/bookingId']);
      const dollars = await completedBooking();
      await fx.core.orgs.updateSettings.execute(ctx(), { currency: 'EUR' });
      await expectAppError(create({ bookingIds: [dollars.id] }), 'invoice.currency_mismatch');
      expect(fx.state.tables.invoices.size).to.equal(0);
    });

    it('applies deposits its bookings took and settles the draft with them', async () => {
      const booking = await completedBooking({ serviceId: service.id });
      const dep = await deposit(booking, 3000);
      const { invoice } = await create({ lines: [], bookingIds: [booking.id] });
      expect(fx.state.tables.payments.get(dep.id)!.invoiceId).to.equal(invoice.id);
      expect(invoice).to.include({ status: 'DRAFT', paidCents: 3000 });
      const issued = await fx.core.invoices.issue.execute(ctx(), { invoiceId: invoice.id });
      expect(issued.invoice).to.include({ status: 'PARTIAL', paidCents: 3000 });
    });
  });

  describe('CreateInvoicesFromBookings', () => {
    it('bills each client’s completed, uninvoiced bookings of the period once; a second run creates none', async () => {
      const other = await fx.client(orgId, { email: 'sam@example.com' });
      const a1 = await completedBooking({ serviceId: service.id }, 'completed', '2026-03-03');
      const a2 = await completedBooking({ priceEstimateMinor: 5000 }, 'completed', '2026-03-04');
      const b1 = await completedBooking({}, 'completed', '2026-03-05', other);
      await completedBooking({}, 'confirmed', '2026-03-05'); // not completed: not billed, not counted
      await completedBooking({}, 'completed', '2026-03-09'); // outside the period
      const invoicedAlready = await completedBooking({}, 'completed', '2026-03-06');
      await create({ lines: [], bookingIds: [invoicedAlready.id] });

      const batch = await fx.core.invoices.createFromBookings.execute(ctx(), { from: '2026-03-02', to: '2026-03-08' });
      expect(batch.skipped).to.equal(1);
      const byClient = new Map(batch.created.map((d) => [d.client.id, d.invoice]));
      expect(byClient.get(client.id)!.bookingIds).to.have.members([a1.id, a2.id]);
      expect(byClient.get(client.id)!.totalCents).to.equal(12_000 + 5000);
      expect(byClient.get(other.id)!.bookingIds).to.deep.equal([b1.id]);

      const second = await fx.core.invoices.createFromBookings.execute(ctx(), { from: '2026-03-02', to: '2026-03-08' });
      expect(second.created).to.deep.equal([]);
      expect(second.skipped).to.equal(4);
    });

    it('refuses a period longer than 92 days or ending before it starts', async () => {
      await expectInvalid(fx.core.invoices.createFromBookings.execute(ctx(), { from: '2026-01-01', to: '2026-04-03' }), ['/to']);
      await expectInvalid(fx.core.invoices.createFromBookings.execute(ctx(), { from: '2026-03-02', to: '2026-03-01' }), ['/to']);
      const ok = await fx.core.invoices.createFromBookings.execute(ctx(), { from: '2026-01-01', to: '2026-04-02' });
      expect(ok).to.deep.equal({ created: [], skipped: 0 });
    });
  });

  describe('GetInvoice and ListInvoices', () => {
    it('answers invoice.not_found for another org’s invoice', async () => {
      const { invoice } = await create();
      const other = await fx.newOrg('other');
      await expectAppError(fx.core.invoices.get.execute(ctx('admin', other), { invoiceId: invoice.id }), 'invoice.not_found');
      expect((await fx.core.invoices.get.execute(ctx('viewer'), { invoiceId: invoice.id })).invoice.id).to.equal(invoice.id);
    });

    it('lists newest first with status, client and issue-date filters and a cursor', async () => {
      const made: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        made.push((await create()).invoice.id);
        fx.clock.advance(HOUR);
      }
      await fx.core.invoices.issue.execute(ctx(), { invoiceId: made[1]! });
      const first = await fx.core.invoices.list.execute(ctx(), { limit: 2 });
      expect(first.items.map((d) => d.invoice.id)).to.deep.equal([made[4], made[3]]);
      const second = await fx.core.invoices.list.execute(ctx(), { limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((d) => d.invoice.id)).to.deep.equal([made[2], made[1]]);
      const sent = await fx.core.invoices.list.execute(ctx(), { status: ['SENT', 'PAID'] });
      expect(sent.items.map((d) => d.invoice.id)).to.deep.equal([made[1]]);
      const issued = await fx.core.invoices.list.execute(ctx(), { issuedFrom: '2026-03-02', issuedTo: '2026-03-02' });
      expect(issued.items.map((d) => d.invoice.id)).to.deep.equal([made[1]]);
      const none = await fx.core.invoices.list.execute(ctx(), { clientId: UNKNOWN_ID });
      expect(none.items).to.deep.equal([]);
      await expectInvalid(fx.core.invoices.list.execute(ctx(), { issuedFrom: '2026-03-03', issuedTo: '2026-03-02' }), ['/issuedTo']);
      await expectInvalid(fx.core.invoices.list.execute(ctx(), { cursor: 'nope' }), ['/cursor']);
    });
  });

  describe('UpdateDraftInvoice', () => {
    it('replaces the lines and recalculates the snapshot, auditing before and after; an issued invoice is not a draft', async () => {
      const { invoice } = await create();
      const { invoice: edited } = await fx.core.invoices.updateDraft.execute(ctx(), { invoiceId: invoice.id, lines: [line({ quantity: 1, unitPriceCents: 1000, taxRateBasis: 1000 })], paymentTermsDays: 30 });
      expect(edited).to.include({ subtotalCents: 1000, taxCents: 100, totalCents: 1100, taxRateBasis: 1000, paymentTermsDays: 30, notes: null });
      const row = auditRows(fx, orgId).find((r) => r.action === 'invoice.updated')!;
      expect(row.before).to.include({ total_cents: invoice.totalCents });
      expect(row.after).to.include({ total_cents: 1100 });
      await fx.core.invoices.issue.execute(ctx(), { invoiceId: invoice.id });
      await expectAppError(fx.core.invoices.updateDraft.execute(ctx(), { invoiceId: invoice.id, notes: 'late' }), 'invoice.not_draft');
      await expectInvalid(fx.core.invoices.updateDraft.execute(ctx(), { invoiceId: invoice.id, lines: [] }), ['/lines']);
    });
  });

  describe('IssueInvoice', () => {
    it('numbers the invoice, dates it in the org’s zone, mails the link once and settles it', async () => {
      // 23:30 UTC on 31 Dec is already 1 January in Auckland.
      const nz = await fx.newOrg('kiwi', { currency: 'NZD', timeZone: 'Pacific/Auckland' });
      const kiwi = await fx.client(nz, { email: 'kia@example.com' });
      fx.clock.set('2026-12-31T23:30:00.000Z');
      const { invoice } = await fx.core.invoices.create.execute(ctx('admin', nz), { clientId: kiwi.id, lines: [line()], paymentTermsDays: 7 });
      const issued = await fx.core.invoices.issue.execute(ctx('admin', nz), { invoiceId: invoice.id });
      expect(issued.delivery).to.equal('queued');
      expect(issued.invoice).to.include({ status: 'SENT', number: 'INV-2027-000001', issueDate: '2027-01-01', dueDate: '2027-01-08' });
      const mail = sentMail(invoice.id)!;
      expect((mail.payload as { message: MessagePayload }).message).to.include({ template: 'invoice_sent', to: 'kia@example.com' });
      const token = tokenOf(invoice.id);
      expect(token.startsWith(`${nz}.`)).to.equal(true);
      const page = await viewPublic(token);
      expect(page).to.include({ number: 'INV-2027-000001', orgName: 'Org kiwi', status: 'SENT', currency: 'NZD', totalCents: invoice.totalCents, outstandingCents: invoice.totalCents });
      expect(JSON.stringify(page)).to.not.contain('kia@example.com');
      await expectAppError(fx.core.invoices.issue.execute(ctx('admin', nz), { invoiceId: invoice.id }), 'invoice.invalid_transition');
      expect(auditRows(fx, nz).filter((r) => r.action === 'invoice.issued')).to.have.length(1);
    });

    it('gives concurrent issues of one org consecutive numbers', async () => {
      const drafts = await Promise.all(Array.from({ length: 10 }, () => create()));
      const issued = await Promise.all(drafts.map((d) => fx.core.invoices.issue.execute(ctx(), { invoiceId: d.invoice.id })));
      expect(issued.map((i) => i.invoice.number).sort()).to.deep.equal(Array.from({ length: 10 }, (_, i) => `INV-2026-${String(i + 1).padStart(6, '0')}`));
    });

    it('makes an invoice of total 0 PAID at once; a client without email gets no mail (no_address)', async () => {
      const silent = await fx.client(orgId);
      const { invoice } = await fx.core.invoices.create.execute(ctx(), { clientId: silent.id, lines: [line({ unitPriceCents: 0 })] });
      const issued = await fx.core.invoices.issue.execute(ctx(), { invoiceId: invoice.id });
      expect(issued.delivery).to.equal('no_address');
      expect(issued.invoice).to.include({ status: 'PAID', totalCents: 0, number: 'INV-2026-000001' });
      expect(sentMail(invoice.id)).to.equal(undefined);
    });

    it('without an email channel reports no_mail_transport and still issues', async () => {
      const bare = schedulingFixture();
      const org = await bare.newOrg('bare');
      const who = await bare.client(org, { email: 'x@example.com' });
      const { invoice } = await bare.core.invoices.create.execute(bare.ctx(org), { clientId: who.id, lines: [line()] });
      const issued = await bare.core.invoices.issue.execute(bare.ctx(org), { invoiceId: invoice.id });
      expect(issued.delivery).to.equal('no_mail_transport');
      expect(issued.invoice.status).to.equal('SENT');
    });

    it('keeps the stored figures when the org’s settings change afterwards', async () => {
      const { invoice } = await create();
      const issued = await fx.core.invoices.issue.execute(ctx(), { invoiceId: invoice.id });
      await fx.core.orgs.updateSettings.execute(ctx(), { currency: 'JPY', timeZone: 'Asia/Tokyo' });
      const later = await fx.core.invoices.get.execute(ctx(), { invoiceId: invoice.id });
      expect(later.invoice).to.deep.equal(issued.invoice);
    });
  });

  describe('VoidInvoice', () => {
    it('voids a sent invoice, releases its bookings and deposits and revokes its link', async () => {
      const booking = await completedBooking({ serviceId: service.id });
      const { invoice } = await create({ lines: [], bookingIds: [booking.id] });
      await fx.core.invoices.issue.execute(ctx(), { invoiceId: invoice.id });
      const token = tokenOf(invoice.id);
      await expectInvalid(fx.core.invoices.void.execute(ctx(), { invoiceId: invoice.id, reason: ' ' }), ['/reason']);
      const { invoice: voided } = await fx.core.invoices.void.execute(ctx(), { invoiceId: invoice.id, reason: 'Billed twice' });
      expect(voided).to.include({ status: 'VOID', voidReason: 'Billed twice' });
      await expectAppError(viewPublic(token), 'invoice.link_invalid');
      await expectAppError(fx.core.invoices.void.execute(ctx(), { invoiceId: invoice.id, reason: 'again' }), 'invoice.invalid_transition');
      // The booking may be billed again.
      const again = await create({ lines: [], bookingIds: [booking.id] });
      expect(again.invoice.bookingIds).to.deep.equal([booking.id]);
    });

    it('sends deposits of a voided draft back to their booking, for the next invoice', async () => {
      const booking = await completedBooking({ serviceId: service.id });
      const dep = await deposit(booking, 2000);
      const { invoice } = await create({ lines: [], bookingIds: [booking.id] });
      await fx.core.invoices.void.execute(ctx(), { invoiceId: invoice.id, reason: 'redo' });
      expect(fx.state.tables.payments.get(dep.id)!.invoiceId).to.equal(null);
      const next = await create({ lines: [], bookingIds: [booking.id] });
      expect(next.invoice.paidCents).to.equal(2000);
      expect(fx.state.tables.payments.get(dep.id)!.invoiceId).to.equal(next.invoice.id);
    });

    it('refuses an invoice with money paid on it: refund first', async () => {
      const { invoice } = await create();
      await fx.core.invoices.issue.execute(ctx(), { invoiceId: invoice.id });
      const booking = await completedBooking();
      const paid = await deposit(booking, 100);
      await fx.adapters.uow.run(ctx(), (repos) => repos.payments.update({ ...paid, purpose: 'balance', bookingId: null, invoiceId: invoice.id }));
      const err = await expectAppError(fx.core.invoices.void.execute(ctx(), { invoiceId: invoice.id, reason: 'x' }), 'invoice.invalid_transition');
      expect(err.message).to.contain('refund');
      expect(fx.state.tables.invoices.get(invoice.id)!.status).to.equal('SENT');
    });
  });

  describe('GetPublicInvoice', () => {
    it('answers the same invoice.link_invalid for a malformed, tampered, unknown-org and draft link', async () => {
      const { invoice } = await create();
      await fx.core.invoices.issue.execute(ctx(), { invoiceId: invoice.id });
      const token = tokenOf(invoice.id);
      const [org, link, secret] = token.split('.') as [string, string, string];
      const flipped = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
      for (const bad of ['nope', `${org}.${link}.${flipped}`, `${UNKNOWN_ID}.${link}.${secret}`, `${org}.${UNKNOWN_ID}.${secret}`]) {
        const err = await expectAppError(viewPublic(bad), 'invoice.link_invalid');
        expect(err.message).to.equal('The invoice link is not valid or was revoked');
      }
      expect((await viewPublic(token)).number).to.equal('INV-2026-000001');
    });

    it('refuses an address after 30 invalid links an hour, valid ones not counted', async () => {
      const { invoice } = await create();
      await fx.core.invoices.issue.execute(ctx(), { invoiceId: invoice.id });
      const token = tokenOf(invoice.id);
      for (let i = 0; i < 40; i += 1) await viewPublic(token);
      for (let i = 0; i < 30; i += 1) await expectAppError(viewPublic(`${token}x`), 'invoice.link_invalid');
      await expectAppError(viewPublic(token), 'request.rate_limited');
      expect((await viewPublic(token, '198.51.100.1')).number).to.equal('INV-2026-000001');
    });
  });
});
