import { expect } from 'chai';
import type { Client, Invoice } from '@cws/core';
import { parseInvoiceToken, refundableCents, settledCents } from '@cws/core';
import { expectAppError } from '../../support/core-fixture.js';
import { billingFixture, type BillingFixture } from '../../support/billing-fixture.js';
import { UNKNOWN_ID } from '../../support/scheduling-fixture.js';

describe('RefundPayment (memory)', () => {
  let fx: BillingFixture;
  let orgId: string;
  let otherOrg: string;
  let client: Client;
  let invoice: Invoice;

  beforeEach(async () => {
    fx = billingFixture();
    orgId = await fx.newOrg('acme', { timeZone: 'Europe/London', currency: 'GBP' });
    otherOrg = await fx.newOrg('rival');
    client = await fx.client(orgId, { email: 'c@example.com' });
    invoice = await fx.invoice(orgId, client.id, { totalCents: 10_000, dueDate: '2026-03-16' });
  });

  const pay = async (amountCents: number) => (await fx.core.payments.recordManual.execute(fx.ctx(orgId), { invoiceId: invoice.id, method: 'cash', amountCents })).payment;
  const refund = (paymentId: string, amountCents?: number, org = orgId) =>
    fx.core.payments.refund.execute(fx.ctx(org), { paymentId, ...(amountCents === undefined ? {} : { amountCents }), reason: 'goodwill' });

  it('a partial refund keeps succeeded and reopens a PAID invoice as PARTIAL; the rest makes it refunded and the invoice SENT', async () => {
    const payment = await pay(10_000);
    expect(fx.storedInvoice(invoice.id).status).to.equal('PAID');
    const part = await refund(payment.id, 2_500);
    expect(part.payment).to.include({ status: 'succeeded', refundedCents: 2_500 });
    expect(part.invoice).to.include({ status: 'PARTIAL', paidCents: 7_500 });
    expect(fx.storedInvoice(invoice.id).paidAt).to.equal(null);
    const rest = await refund(payment.id);
    expect(rest.payment).to.include({ status: 'refunded', refundedCents: 10_000 });
    expect(rest.invoice).to.include({ status: 'SENT', paidCents: 0 });
    const audits = fx.audit(orgId, 'payment.refunded');
    expect(audits.map((a) => [a.before, a.after])).to.deep.equal([
      [
        { status: 'succeeded', amount_cents: 10_000, refunded_cents: 0, currency: 'GBP' },
        { status: 'succeeded', amount_cents: 10_000, refunded_cents: 2_500, currency: 'GBP' },
      ],
      [
        { status: 'succeeded', amount_cents: 10_000, refunded_cents: 2_500, currency: 'GBP' },
        { status: 'refunded', amount_cents: 10_000, refunded_cents: 10_000, currency: 'GBP' },
      ],
    ]);
    expect(audits[0]!.metadata).to.include({ reason: 'goodwill', refunded_now_cents: 2_500 });
  });

  it('a whole refund after the due date leaves the invoice OVERDUE', async () => {
    const payment = await pay(10_000);
    fx.clock.set('2026-03-20T10:00:00Z');
    expect((await refund(payment.id)).invoice).to.include({ status: 'OVERDUE', paidCents: 0 });
  });

  it('more than is refundable is payment.not_refundable (409) and changes nothing', async () => {
    const payment = await pay(4_000);
    const err = await expectAppError(refund(payment.id, 4_001), 'payment.not_refundable');
    expect(err.details).to.include({ refundable_cents: 4_000, requested_cents: 4_001 });
    await refund(payment.id);
    await expectAppError(refund(payment.id, 1), 'payment.not_refundable');
    await expectAppError(refund(payment.id), 'payment.not_refundable');
    expect(fx.storedPayment(payment.id)).to.include({ refundedCents: 4_000, status: 'refunded' });
    expect(fx.audit(orgId, 'payment.refunded')).to.have.length(1);
  });

  it('two racing whole refunds: one succeeds, the other is payment.not_refundable', async () => {
    const payment = await pay(6_000);
    const outcomes = await Promise.allSettled([refund(payment.id), refund(payment.id)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(1);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected.map((o) => (o.reason as { code: string }).code)).to.deep.equal(['payment.not_refundable']);
    expect(fx.storedPayment(payment.id)).to.include({ refundedCents: 6_000 });
  });

  it('a card payment with no processor configured is payment.not_configured and nothing is reserved', async () => {
    const card = await fx.cardPayment(orgId, invoice, 5_000);
    await expectAppError(refund(card.id, 1_000), 'payment.not_configured');
    expect(fx.storedPayment(card.id)).to.include({ refundedCents: 0, status: 'succeeded' });
  });

  it('another org’s payment and an unknown one are payment.not_found; nothing changes', async () => {
    const payment = await pay(4_000);
    await expectAppError(refund(payment.id, 100, otherOrg), 'payment.not_found');
    await expectAppError(refund(UNKNOWN_ID, 100), 'payment.not_found');
    expect(fx.storedPayment(payment.id).refundedCents).to.equal(0);
  });

  it('a manual refund is one unit: nothing is ever left pending', async () => {
    const payment = await pay(10_000);
    const result = await refund(payment.id, 4_000);
    expect(result.payment).to.include({ refundedCents: 4_000, refundPendingCents: 0, refundPendingKey: null });
    expect(fx.storedPayment(payment.id)).to.include({ refundedCents: 4_000, refundPendingCents: 0, refundPendingKey: null });
  });

  it('money reserved by a pending card refund is not refundable but still counts as paid', () => {
    const base = { purpose: 'balance' as const, status: 'succeeded' as const, amountCents: 10_000, refundedCents: 2_000 };
    const reserved = { ...base, refundPendingCents: 3_000 };
    expect(refundableCents(reserved)).to.equal(5_000);
    expect(settledCents(reserved)).to.equal(8_000);
    expect(refundableCents({ ...base, refundPendingCents: 8_000 })).to.equal(0);
    expect(refundableCents({ ...base, status: 'failed', refundPendingCents: 0 })).to.equal(0);
  });

  it('while a card refund is pending: a refund of another amount or "the rest" is payment.not_refundable naming the pending amount; nothing changes', async () => {
    const card = await fx.cardPayment(orgId, invoice, 10_000, { refundPendingCents: 3_000, refundPendingKey: 'refund:x:0:3000' });
    for (const amount of [1_000, undefined]) {
      const err = await expectAppError(refund(card.id, amount), 'payment.not_refundable');
      expect(err.details).to.include({ refund_pending_cents: 3_000, refundable_cents: 7_000 });
    }
    // The pending amount itself is a retry, which needs the processor.
    await expectAppError(refund(card.id, 3_000), 'payment.not_configured');
    expect(fx.storedPayment(card.id)).to.include({ refundedCents: 0, refundPendingCents: 3_000, refundPendingKey: 'refund:x:0:3000', status: 'succeeded' });
    expect(fx.storedInvoice(invoice.id)).to.include({ status: 'PAID', paidCents: 10_000 });
  });

  it('a tip can be refunded and the invoice’s books do not move', async () => {
    const { tip } = await fx.core.payments.recordManual.execute(fx.ctx(orgId), { invoiceId: invoice.id, method: 'cash', amountCents: 10_000, tipCents: 700 });
    const result = await refund(tip!.id);
    expect(result.payment).to.include({ status: 'refunded', refundedCents: 700 });
    expect(result.invoice).to.include({ status: 'PAID', paidCents: 10_000 });
  });
});

describe('Checkout sessions and the invoice link token (memory, no processor)', () => {
  let fx: BillingFixture;
  let orgId: string;
  let otherOrg: string;
  let client: Client;
  let invoice: Invoice;
  const request = { requestId: 'req-public', now: new Date('2026-03-02T09:30:00Z') };

  beforeEach(async () => {
    fx = billingFixture({ billing: { publicBaseUrl: 'https://pay.example.com' } });
    orgId = await fx.newOrg('acme');
    otherOrg = await fx.newOrg('rival');
    client = await fx.client(orgId);
    invoice = await fx.invoice(orgId, client.id);
  });

  const checkout = (invoiceId: string, org = orgId) => fx.core.payments.createInvoiceCheckout.execute(fx.ctx(org), { invoiceId });
  const publicCheckout = (token: string) => fx.core.payments.createPublicInvoiceCheckout.execute(request, { token });

  it('checks the invoice before the processor: draft/void → invalid_transition, paid → nothing_outstanding, other org → not_found; then payment.not_configured', async () => {
    const draft = await fx.invoice(orgId, client.id, { status: 'DRAFT', number: null });
    const voided = await fx.invoice(orgId, client.id, { status: 'VOID' });
    const paid = await fx.invoice(orgId, client.id, { status: 'PAID', paidCents: 10_000 });
    await expectAppError(checkout(draft.id), 'invoice.invalid_transition');
    await expectAppError(checkout(voided.id), 'invoice.invalid_transition');
    await expectAppError(checkout(paid.id), 'invoice.nothing_outstanding');
    await expectAppError(checkout(invoice.id, otherOrg), 'invoice.not_found');
    await expectAppError(checkout(invoice.id), 'payment.not_configured');
    expect(fx.storedInvoice(invoice.id)).to.deep.equal(invoice);
  });

  it('the public pay button takes exactly the tokens the link helper makes: malformed, unknown, wrong, revoked or void → invoice.link_invalid', async () => {
    const { token, link } = await fx.link(orgId, invoice.id);
    expect(parseInvoiceToken(token)).to.deep.equal({ orgId, linkId: link.id, secret: token.split('.')[2] });
    // A good token reaches the processor step.
    await expectAppError(publicCheckout(token), 'payment.not_configured');
    const [org, id, secret] = token.split('.') as [string, string, string];
    const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of ['', 'nope', `${org}.${id}`, `${org}.${id}.${flipped}`, `${otherOrg}.${id}.${secret}`, `${org}.${UNKNOWN_ID}.${secret}`, `${org}.${id}.${secret}.x`, `${org}.${id}.${secret}=`, ` ${token}`]) {
      const err = await publicCheckout(bad).then(
        () => null,
        (e: { code: string }) => e,
      );
      expect(err?.code, bad).to.be.oneOf(['invoice.link_invalid', 'validation.failed']);
    }
    await fx.adapters.uow.run(fx.ctx(orgId), (repos) => repos.invoiceLinks.revokeForInvoice(invoice.id, fx.clock.now()));
    await expectAppError(publicCheckout(token), 'invoice.link_invalid');
    const other = await fx.invoice(orgId, client.id);
    const second = await fx.link(orgId, other.id);
    await fx.adapters.uow.run(fx.ctx(orgId), async (repos) => repos.invoices.update({ ...other, status: 'VOID' }));
    await expectAppError(publicCheckout(second.token), 'invoice.link_invalid');
  });
});
