import { expect } from 'chai';
import { balanceView, type Client, type Invoice } from '@cws/core';
import { expectAppError } from '../../support/core-fixture.js';
import { billingFixture, type BillingFixture } from '../../support/billing-fixture.js';
import { UNKNOWN_ID } from '../../support/scheduling-fixture.js';

describe('RecordManualPayment, ListInvoicePayments, GetClientCredit (memory)', () => {
  let fx: BillingFixture;
  let orgId: string;
  let otherOrg: string;
  let client: Client;
  let invoice: Invoice;

  beforeEach(async () => {
    fx = billingFixture();
    orgId = await fx.newOrg('acme', { timeZone: 'Europe/London', currency: 'GBP' });
    otherOrg = await fx.newOrg('rival');
    client = await fx.client(orgId, { name: 'Grace', email: 'grace@example.com' });
    invoice = await fx.invoice(orgId, client.id, { totalCents: 10_000 });
  });

  const pay = (amountCents: number, extra: Record<string, unknown> = {}, org = orgId) =>
    fx.core.payments.recordManual.execute(fx.ctx(org), { invoiceId: invoice.id, method: 'cash', amountCents, ...extra } as never);

  it('partial payments move SENT → PARTIAL → PAID; each is one payment row and one payment.recorded audit row', async () => {
    const first = await pay(4_000, { reference: 'cash at door' });
    expect(first.invoice).to.include({ status: 'PARTIAL', paidCents: 4_000 });
    expect(first.payment).to.include({ provider: 'manual', method: 'cash', purpose: 'balance', status: 'succeeded', amountCents: 4_000, refundedCents: 0, currency: 'GBP', reference: 'cash at door', invoiceId: invoice.id });
    expect(first.tip).to.equal(null);
    const second = await pay(6_000, { method: 'cheque', reference: '000123' });
    expect(second.invoice).to.include({ status: 'PAID', paidCents: 10_000 });
    expect(fx.storedInvoice(invoice.id)).to.include({ status: 'PAID', paidCents: 10_000 });
    expect(fx.storedInvoice(invoice.id).paidAt).to.deep.equal(fx.clock.now());
    expect(fx.audit(orgId, 'payment.recorded').map((a) => a.resourceId)).to.deep.equal([first.payment.id, second.payment.id]);
    expect(fx.audit(orgId, 'invoice.settled')).to.have.length(2);
  });

  it('a tip is a payment of its own (purpose tip) and never moves paid or status', async () => {
    const { payment, tip, invoice: after } = await pay(3_000, { tipCents: 500 });
    expect(tip).to.include({ purpose: 'tip', amountCents: 500, invoiceId: invoice.id, status: 'succeeded' });
    expect(after).to.include({ status: 'PARTIAL', paidCents: 3_000 });
    expect(fx.paymentsOf(invoice.id).map((p) => [p.purpose, p.amountCents])).to.deep.equal([
      ['balance', 3_000],
      ['tip', 500],
    ]);
    // A tip bigger than what is owed still does not pay the invoice.
    await pay(1, { tipCents: 50_000 });
    expect(fx.storedInvoice(invoice.id)).to.include({ status: 'PARTIAL', paidCents: 3_001 });
    expect(fx.audit(orgId, 'payment.recorded')[0]!.metadata).to.include({ tip_payment_id: tip!.id });
    expect(payment.id).to.not.equal(tip!.id);
  });

  it('an overpayment is the client’s credit: paid > total, status PAID, reported by GetClientCredit; paying a PAID invoice adds credit', async () => {
    const { invoice: after } = await pay(12_500);
    expect(after).to.include({ status: 'PAID', paidCents: 12_500 });
    expect(balanceView(after)).to.include({ outstandingCents: 0, creditCents: 2_500 });
    const more = await pay(1_000);
    expect(more.invoice).to.include({ status: 'PAID', paidCents: 13_500 });
    const second = await fx.invoice(orgId, client.id, { totalCents: 2_000 });
    await fx.core.payments.recordManual.execute(fx.ctx(orgId), { invoiceId: second.id, method: 'bank_transfer', amountCents: 2_250 });
    const credit = await fx.core.payments.clientCredit.execute(fx.ctx(orgId), { clientId: client.id });
    expect(credit.credits).to.have.length(1);
    expect(credit.credits[0]).to.include({ currency: 'GBP', creditCents: 3_500 + 250 });
    expect(credit.credits[0]!.invoices.map((i) => [i.invoiceId, i.creditCents]).sort()).to.deep.equal(
      [
        [invoice.id, 3_500],
        [second.id, 250],
      ].sort(),
    );
    const none = await fx.client(orgId);
    expect((await fx.core.payments.clientCredit.execute(fx.ctx(orgId), { clientId: none.id })).credits).to.deep.equal([]);
  });

  it('refuses a DRAFT or VOID invoice with invoice.invalid_transition and writes nothing', async () => {
    const draft = await fx.invoice(orgId, client.id, { status: 'DRAFT', number: null, issueDate: null, dueDate: null });
    const voided = await fx.invoice(orgId, client.id, { status: 'VOID', voidedAt: fx.clock.now(), voidReason: 'typo' });
    for (const target of [draft, voided]) {
      await expectAppError(fx.core.payments.recordManual.execute(fx.ctx(orgId), { invoiceId: target.id, method: 'cash', amountCents: 100 }), 'invoice.invalid_transition');
      expect(fx.paymentsOf(target.id)).to.deep.equal([]);
    }
    expect(fx.audit(orgId, 'payment.recorded')).to.deep.equal([]);
  });

  it('another org’s invoice, and an unknown one, are invoice.not_found; nothing changes', async () => {
    await expectAppError(pay(100, {}, otherOrg), 'invoice.not_found');
    await expectAppError(fx.core.payments.recordManual.execute(fx.ctx(orgId), { invoiceId: UNKNOWN_ID, method: 'cash', amountCents: 100 }), 'invoice.not_found');
    await expectAppError(fx.core.payments.listForInvoice.execute(fx.ctx(otherOrg), { invoiceId: invoice.id }), 'invoice.not_found');
    await expectAppError(fx.core.payments.clientCredit.execute(fx.ctx(otherOrg), { clientId: client.id }), 'client.not_found');
    expect(fx.paymentsOf(invoice.id)).to.deep.equal([]);
    expect(fx.storedInvoice(invoice.id)).to.include({ status: 'SENT', paidCents: 0 });
  });

  it('refuses bad amounts, methods and times field by field', async () => {
    const invalid = async (extra: Record<string, unknown>, pointer: string) => {
      const err = await expectAppError(pay(100, extra), 'validation.failed');
      expect(err.errors.map((e) => e.pointer)).to.include(pointer);
    };
    await invalid({ amountCents: 0 }, '/amountCents');
    await invalid({ amountCents: -5 }, '/amountCents');
    await invalid({ amountCents: 1.5 }, '/amountCents');
    await invalid({ tipCents: -1 }, '/tipCents');
    await invalid({ method: 'card' }, '/method');
    await invalid({ receivedAt: new Date(fx.clock.now().getTime() + 61_000).toISOString() }, '/receivedAt');
    await invalid({ receivedAt: '1969-12-31T23:59:59Z' }, '/receivedAt');
    expect(fx.paymentsOf(invoice.id)).to.deep.equal([]);
    // Within a minute of skew, and any past time, are accepted.
    const skewed = await pay(100, { receivedAt: new Date(fx.clock.now().getTime() + 30_000).toISOString() });
    expect(skewed.payment.receivedAt).to.deep.equal(new Date(fx.clock.now().getTime() + 30_000));
    const old = await pay(100, { receivedAt: '2025-12-31T10:00:00Z' });
    expect(old.payment.receivedAt).to.deep.equal(new Date('2025-12-31T10:00:00Z'));
    expect((await pay(100)).payment.receivedAt).to.deep.equal(fx.clock.now());
  });

  it('an Idempotency-Key makes a retry return the first payment (with its tip); the key with another body is idempotency.key_reused', async () => {
    const first = await pay(2_500, { tipCents: 300, idempotencyKey: 'retry-me-1' });
    fx.clock.advance(5_000);
    const again = await pay(2_500, { tipCents: 300, idempotencyKey: 'retry-me-1' });
    expect(again.replayed).to.equal(true);
    expect(again.payment.id).to.equal(first.payment.id);
    expect(again.tip?.id).to.equal(first.tip!.id);
    expect(fx.paymentsOf(invoice.id)).to.have.length(2);
    expect(fx.storedInvoice(invoice.id).paidCents).to.equal(2_500);
    await expectAppError(pay(2_600, { idempotencyKey: 'retry-me-1' }), 'idempotency.key_reused');
    expect(fx.audit(orgId, 'payment.recorded')).to.have.length(1);
  });

  it('mails the client one receipt per payment (payment_receipt, invoice:{id}:receipt:{payment_id})', async () => {
    const { payment } = await pay(4_000, { tipCents: 200 });
    const events = [...fx.state.tables.outbox.values()].filter((e) => e.orgId === orgId);
    expect(events).to.have.length(1);
    expect(events[0]!.dedupeKey).to.equal(`invoice:${invoice.id}:receipt:${payment.id}`);
    const message = (events[0]!.payload as { message: { template: string; to: string; data: Record<string, unknown> } }).message;
    expect(message).to.deep.include({ template: 'payment_receipt', to: 'grace@example.com' });
    expect(message.data).to.deep.include({ invoiceId: invoice.id, invoiceNumber: invoice.number, paidCents: 4_000, tipCents: 200, outstandingCents: 6_000, totalCents: 10_000, currency: 'GBP' });
  });

  it('20 concurrent payments on one invoice: paid equals their sum, one audit row each', async () => {
    const amounts = Array.from({ length: 20 }, (_, i) => 100 + i * 37);
    await Promise.all(amounts.map((a) => pay(a)));
    const sum = amounts.reduce((s, a) => s + a, 0);
    expect(fx.storedInvoice(invoice.id)).to.include({ paidCents: sum, status: sum >= 10_000 ? 'PAID' : 'PARTIAL' });
    expect(fx.audit(orgId, 'payment.recorded')).to.have.length(20);
  });

  it('lists an invoice’s payments oldest first, tips included', async () => {
    const a = await pay(1_000);
    fx.clock.advance(1_000);
    const b = await pay(2_000, { tipCents: 100 });
    const { items, nextCursor } = await fx.core.payments.listForInvoice.execute(fx.ctx(orgId), { invoiceId: invoice.id });
    expect(nextCursor).to.equal(null);
    expect(items.map((p) => p.id)).to.deep.equal([a.payment.id, b.payment.id, b.tip!.id]);
  });
});
