/**
 * Everything that moves an invoice's money, at once, over HTTP: 50 reconciles, 10 manual
 * payments and 10 signed Stripe webhooks (5 card payments, each announced twice, by
 * payment_intent.succeeded and by checkout.session.completed, in no set order). The invoice row
 * lock orders them; the books must end equal to the sum of the succeeded payments, each card
 * payment recorded once, every effective change audited once, and nothing may deadlock or 5xx.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { AuditEntry, RequestContext } from '@cws/core';
import { onEachDatabase, type ApiHarness } from '@cws/e2e-tests';
import { startFakeStripeServer, type FakeStripeServer } from '@cws/test-support';

let fake: FakeStripeServer;
const WEBHOOK = '/v1/payments/stripe/webhook';

function mixedMoneySuite(h: () => ApiHarness): void {
  it('50 reconciles + 10 manual payments + 10 webhook deliveries of 5 card payments on one invoice: books equal the sum, one row per card payment, one audit per change', async function () {
    this.timeout(180_000);
    const api = h().api;
    const org = await h().newOrg();
    const client = await api.call('POST', '/v1/admin/clients', { org: org.id, body: { name: 'Race Payer', email: `race-${randomUUID().slice(0, 8)}@e2e.example.com` } });
    expect(client.status, client.text).to.equal(201);
    const draft = await api.call('POST', '/v1/admin/invoices', { org: org.id, as: 'finance', body: { client_id: client.body.id, lines: [{ description: 'Office contract', quantity: 1, unit_price_cents: 1_000_000, tax_rate_basis: 0 }] } });
    expect(draft.status, draft.text).to.equal(201);
    const invoiceId = draft.body.id as string;
    const issued = await api.call('POST', `/v1/admin/invoices/${invoiceId}/issue`, { org: org.id, as: 'finance' });
    expect(issued.status, issued.text).to.equal(200);

    const metadata = { org_id: org.id, invoice_id: invoiceId, booking_id: '', purpose: 'invoice_balance' };
    const cards = [3100, 3200, 3300, 3400, 3500];
    const intents = cards.map((amount) => fake.createPaymentIntent({ amount, currency: 'USD', metadata }));
    const deliveries = intents.flatMap((intent) => [
      fake.signedEvent('payment_intent.succeeded', intent),
      fake.signedEvent('checkout.session.completed', {
        id: `cs_test_${randomUUID().replace(/-/g, '')}`,
        object: 'checkout.session',
        mode: 'payment',
        amount_total: intent['amount'],
        currency: 'usd',
        metadata,
        payment_intent: intent.id,
        payment_status: 'paid',
        status: 'complete',
        livemode: false,
      }),
    ]);
    const manual = Array.from({ length: 10 }, (_, i) => 1000 + i);
    const answers = await Promise.all([
      ...Array.from({ length: 50 }, () => api.call('POST', `/v1/admin/finance/invoices/${invoiceId}/reconcile`, { org: org.id, as: 'finance' }).then((r) => ({ what: 'reconcile', status: r.status, text: r.text }))),
      ...manual.map((amount) =>
        api.call('POST', `/v1/admin/invoices/${invoiceId}/payments`, { org: org.id, as: 'finance', body: { method: 'cash', amount_cents: amount } }).then((r) => ({ what: 'manual', status: r.status, text: r.text })),
      ),
      ...deliveries.map((d) =>
        fetch(`${h().server.url}${WEBHOOK}`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': d.header }, body: d.payload }).then(async (r) => ({
          what: 'webhook',
          status: r.status,
          text: await r.text(),
        })),
      ),
    ]);
    const refused = answers.filter((a) => a.status !== (a.what === 'manual' ? 201 : 200));
    expect(refused, JSON.stringify(refused.slice(0, 3))).to.deep.equal([]);

    const expected = manual.reduce((s, a) => s + a, 0) + cards.reduce((s, a) => s + a, 0);
    const ctx: RequestContext = { orgId: org.id, actor: { kind: 'system', id: 'e2e-check', role: null }, requestId: `e2e-${randomUUID()}`, now: new Date() };
    const { invoice, payments, audit } = await h().runtime.ports.uow.run(ctx, async (repos) => ({
      invoice: (await repos.invoices.findById(invoiceId))!,
      payments: await repos.payments.listByInvoice(invoiceId),
      audit: await repos.audit.list({ resourceType: 'invoice', resourceId: invoiceId, action: null, actorId: null, createdFrom: null, createdTo: null, after: null, limit: 1000 }),
    }));
    expect(invoice).to.deep.include({ paidCents: expected, status: 'PARTIAL' });
    expect(payments.filter((p) => p.provider === 'stripe').map((p) => p.amountCents).sort()).to.deep.equal(cards);
    expect(new Set(payments.map((p) => p.providerReference).filter((r) => r !== null)).size).to.equal(5);
    expect(payments).to.have.length(15);

    // Every change of the books is one audit row, and the rows chain from 0 to the sum: none lost, none doubled.
    const effective = audit.filter((e: AuditEntry) => e.action === 'invoice.settled' || (e.action === 'invoice.reconciled' && e.metadata['changed'] === true));
    expect(effective).to.have.length(15);
    const next = new Map(effective.map((e) => [e.before!['paidCents'] as number, e.after!['paidCents'] as number]));
    expect(next.size).to.equal(effective.length);
    let paid = 0;
    for (let i = 0; i < effective.length; i += 1) paid = next.get(paid)!;
    expect(paid).to.equal(expected);
    expect(audit.filter((e) => e.action === 'invoice.reconciled')).to.have.length(50);
    const report = await api.call('GET', '/v1/admin/finance/reconcile/invoices?status=mismatch', { org: org.id, as: 'finance' });
    expect(report.body.total).to.equal(0);
  });
}

describe('money under concurrency', () => {
  before(async () => {
    fake = await startFakeStripeServer();
  });
  after(async () => fake?.close());
  // The harness reads STRIPE_* when it starts, after the fake is up.
  const env: Record<string, string> = {};
  before(() => Object.assign(env, { STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_API_BASE_URL: fake.baseUrl }));
  onEachDatabase('money under concurrency', (h) => mixedMoneySuite(h), { env });
});
