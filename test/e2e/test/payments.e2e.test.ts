/**
 * Payments over HTTP on memory, PGlite and the PostgreSQL server: manual payments, tips, credit,
 * refunds, deposits, and card checkout and refunds through the real Stripe adapter against the
 * fake Stripe API. Invoices are made and issued through the invoice routes; a card payment (which
 * only the webhook records) is written through the repositories.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { InvoicePayment, RequestContext, TenantRepositories } from '@cws/core';
import { onEachDatabase, startApi, type ApiHarness } from '@cws/e2e-tests';
import { startFakeStripeServer, type FakeStripeServer } from '@cws/test-support';
import { OrgApi, fromNow } from '../src/scheduling-fixtures.js';

const UNKNOWN = '00000000-0000-4000-8000-00000000ffff';
const PUBLIC_BASE = 'https://pay.e2e.example.com';

let fake: FakeStripeServer;
before(async () => {
  fake = await startFakeStripeServer();
});
after(async () => fake?.close());

const env: Record<string, string> = {};
const fullEnv = () => ({ STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_API_BASE_URL: fake.baseUrl, DEPOSITS_ENABLED: 'true', PUBLIC_BASE_URL: PUBLIC_BASE });

function inOrg<T>(h: ApiHarness, orgId: string, work: (repos: TenantRepositories) => Promise<T>): Promise<T> {
  const ctx: RequestContext = { orgId, actor: { kind: 'system', id: 'e2e-setup', role: null }, requestId: `e2e-${randomUUID()}`, now: new Date() };
  return h.runtime.ports.uow.run(ctx, work);
}

const problem = (r: { status: number; headers: Headers; body: { code?: string } }) => [r.status, r.body.code, (r.headers.get('content-type') ?? '').split(';')[0]];

function paymentSuite(h: () => ApiHarness): void {
  /** An org with a client (with email) and an issued invoice for `totalCents`. */
  async function setup(totalCents = 10_000) {
    const org = await OrgApi.create(h());
    const email = `payer-${org.slug}@example.com`;
    const client = await org.client({ name: 'Pat Payer', email });
    const invoice = await issued(org, client.id, totalCents);
    return { org, client, email, invoice };
  }
  async function issued(org: OrgApi, clientId: string, totalCents: number) {
    const draft = await org.expect(201, 'POST', '/v1/admin/invoices', { client_id: clientId, lines: [{ description: 'Deep clean', quantity: 1, unit_price_cents: totalCents, tax_rate_basis: 0 }] });
    return (await org.expect(200, 'POST', `/v1/admin/invoices/${draft.id}/issue`)).invoice as { id: string; number: string; total_cents: number };
  }
  const pay = (org: OrgApi, invoiceId: string, body: Record<string, unknown>, options: { as?: 'admin' | 'finance' | 'dispatcher' | 'viewer'; headers?: Record<string, string> } = {}) =>
    org.call('POST', `/v1/admin/invoices/${invoiceId}/payments`, { body: { method: 'cash', ...body }, ...options });
  const invoiceOf = (org: OrgApi, id: string) => org.expect(200, 'GET', `/v1/admin/invoices/${id}`);
  const auditActions = async (org: OrgApi, action: string) => (await org.expect(200, 'GET', `/v1/admin/audit-logs?action=${action}&limit=100`)).items as Array<{ resource_id: string; before: unknown; after: unknown }>;

  it('partial payments reach PAID; a tip never moves the status; an overpayment is credit; receipts are mailed', async () => {
    const { org, client, email, invoice } = await setup(10_000);
    const first = await pay(org, invoice.id, { amount_cents: 4_000, reference: 'at the door', tip_cents: 500 });
    expect(first.status, first.text).to.equal(201);
    expect(first.body.invoice).to.deep.equal({ invoice_id: invoice.id, status: 'PARTIAL', currency: 'USD', total_cents: 10_000, paid_cents: 4_000, outstanding_cents: 6_000, credit_cents: 0 });
    expect(first.body.payment).to.include({ invoice_id: invoice.id, booking_id: null, provider: 'manual', method: 'cash', purpose: 'balance', status: 'succeeded', amount_cents: 4_000, refunded_cents: 0, currency: 'USD', reference: 'at the door' });
    expect(first.body.payment).to.have.all.keys('id', 'invoice_id', 'booking_id', 'provider', 'method', 'purpose', 'status', 'amount_cents', 'refunded_cents', 'refund_pending_cents', 'currency', 'reference', 'received_at', 'created_at');
    expect(first.body.tip).to.include({ purpose: 'tip', amount_cents: 500 });
    // A tip alone does not pay anything toward the balance, however large.
    const tipOnly = await pay(org, invoice.id, { amount_cents: 1, tip_cents: 9_999 });
    expect(tipOnly.body.invoice).to.include({ status: 'PARTIAL', paid_cents: 4_001 });
    const second = await pay(org, invoice.id, { amount_cents: 5_999, method: 'bank_transfer' });
    expect(second.body.invoice).to.include({ status: 'PAID', paid_cents: 10_000, outstanding_cents: 0, credit_cents: 0 });
    const over = await pay(org, invoice.id, { amount_cents: 1_250, method: 'cheque', reference: '000123' });
    expect(over.status).to.equal(201);
    expect(over.body.invoice).to.include({ status: 'PAID', paid_cents: 11_250, credit_cents: 1_250 });
    expect(await invoiceOf(org, invoice.id)).to.include({ status: 'PAID', paid_cents: 11_250 });
    const credit = await org.expect(200, 'GET', `/v1/admin/clients/${client.id}/credit`);
    expect(credit).to.deep.equal({ client_id: client.id, credits: [{ currency: 'USD', credit_cents: 1_250, invoices: [{ invoice_id: invoice.id, number: invoice.number, credit_cents: 1_250 }] }] });
    const list = await org.expect(200, 'GET', `/v1/admin/invoices/${invoice.id}/payments`);
    expect(list.items.map((p: { purpose: string; amount_cents: number }) => [p.purpose, p.amount_cents])).to.deep.equal([
      ['balance', 4_000],
      ['tip', 500],
      ['balance', 1],
      ['tip', 9_999],
      ['balance', 5_999],
      ['balance', 1_250],
    ]);
    const receipts = await h().queued(email, 'payment_receipt');
    expect(receipts.map((m) => m.event.dedupeKey)).to.deep.equal([first, tipOnly, second, over].map((r) => `invoice:${invoice.id}:receipt:${r.body.payment.id}`));
    expect(await auditActions(org, 'payment.recorded')).to.have.length(4);
  });

  it('refuses drafts and void invoices (409), bad input (422), all as problem+json', async () => {
    const { org, client, invoice } = await setup();
    const draft = await org.expect(201, 'POST', '/v1/admin/invoices', { client_id: client.id, lines: [{ description: 'x', quantity: 1, unit_price_cents: 100, tax_rate_basis: 0 }] });
    expect(problem(await pay(org, draft.id, { amount_cents: 100 }))).to.deep.equal([409, 'invoice.invalid_transition', 'application/problem+json']);
    const voidable = await issued(org, client.id, 500);
    await org.expect(200, 'POST', `/v1/admin/invoices/${voidable.id}/void`, { reason: 'mistake' });
    expect(problem(await pay(org, voidable.id, { amount_cents: 100 }))).to.deep.equal([409, 'invoice.invalid_transition', 'application/problem+json']);
    for (const body of [{ amount_cents: 0 }, { amount_cents: -1 }, { amount_cents: 100, method: 'card' }, { amount_cents: 100, tip_cents: -5 }, { amount_cents: 100, received_at: new Date(Date.now() + 3_600_000).toISOString() }, { amount_cents: '100' }]) {
      const r = await pay(org, invoice.id, body);
      expect(problem(r), JSON.stringify(body)).to.deep.equal([422, 'validation.failed', 'application/problem+json']);
    }
    expect((await org.expect(200, 'GET', `/v1/admin/invoices/${invoice.id}/payments`)).items).to.deep.equal([]);
    const overRefund = await org.call('POST', `/v1/admin/payments/${UNKNOWN}/refund`, { body: {} });
    expect(problem(overRefund)).to.deep.equal([404, 'payment.not_found', 'application/problem+json']);
  });

  it('roles: dispatcher and viewer read, cannot write (403); finance writes', async () => {
    const { org, client, invoice } = await setup();
    const paid = await pay(org, invoice.id, { amount_cents: 1_000 });
    for (const role of ['dispatcher', 'viewer'] as const) {
      expect((await org.call('GET', `/v1/admin/invoices/${invoice.id}/payments`, { as: role })).status).to.equal(200);
      expect((await org.call('GET', `/v1/admin/clients/${client.id}/credit`, { as: role })).status).to.equal(200);
      const writes = await Promise.all([
        pay(org, invoice.id, { amount_cents: 100 }, { as: role }),
        org.call('POST', `/v1/admin/payments/${paid.body.payment.id}/refund`, { as: role, body: {} }),
        org.call('POST', `/v1/admin/invoices/${invoice.id}/checkout`, { as: role }),
        org.call('POST', `/v1/admin/bookings/${UNKNOWN}/deposit`, { as: role, body: { method: 'cash' } }),
        org.call('POST', `/v1/admin/bookings/${UNKNOWN}/deposit/checkout`, { as: role }),
      ]);
      for (const r of writes) expect(problem(r), role).to.deep.equal([403, 'auth.forbidden', 'application/problem+json']);
    }
    expect((await pay(org, invoice.id, { amount_cents: 100 }, { as: 'finance' })).status).to.equal(201);
    expect((await org.expect(200, 'GET', `/v1/admin/invoices/${invoice.id}/payments`)).items).to.have.length(2);
  });

  it('another org’s ids answer 404 and change nothing', async () => {
    const a = await setup();
    const b = await OrgApi.create(h());
    const paid = await pay(a.org, a.invoice.id, { amount_cents: 2_000 });
    const before = await invoiceOf(a.org, a.invoice.id);
    const attempts = await Promise.all([
      pay(b, a.invoice.id, { amount_cents: 100 }),
      b.call('GET', `/v1/admin/invoices/${a.invoice.id}/payments`),
      b.call('POST', `/v1/admin/payments/${paid.body.payment.id}/refund`, { body: {} }),
      b.call('POST', `/v1/admin/invoices/${a.invoice.id}/checkout`),
      b.call('GET', `/v1/admin/clients/${a.client.id}/credit`),
    ]);
    for (const r of attempts) {
      expect(r.status, r.text).to.equal(404);
      expect(r.headers.get('content-type')).to.contain('application/problem+json');
    }
    expect(await invoiceOf(a.org, a.invoice.id)).to.deep.equal(before);
    expect((await a.org.expect(200, 'GET', `/v1/admin/invoices/${a.invoice.id}/payments`)).items.map((p: { refunded_cents: number }) => p.refunded_cents)).to.deep.equal([0]);
  });

  it('an Idempotency-Key records a retried POST once', async () => {
    const { org, invoice } = await setup();
    const key = `pay-${randomUUID()}`;
    const first = await pay(org, invoice.id, { amount_cents: 3_000 }, { headers: { 'idempotency-key': key } });
    const again = await pay(org, invoice.id, { amount_cents: 3_000 }, { headers: { 'idempotency-key': key } });
    expect([first.status, again.status]).to.deep.equal([201, 201]);
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expect(again.body.payment.id).to.equal(first.body.payment.id);
    const other = await pay(org, invoice.id, { amount_cents: 3_001 }, { headers: { 'idempotency-key': key } });
    expect(problem(other)).to.deep.equal([422, 'idempotency.key_reused', 'application/problem+json']);
    expect(await invoiceOf(org, invoice.id)).to.include({ paid_cents: 3_000 });
  });

  it('refunds partial then whole: PAID → PARTIAL → SENT; over-refund is 409; audited with before/after', async () => {
    const { org, invoice } = await setup(8_000);
    const paid = await pay(org, invoice.id, { amount_cents: 8_000 });
    const id = paid.body.payment.id as string;
    const part = await org.call('POST', `/v1/admin/payments/${id}/refund`, { body: { amount_cents: 3_000, reason: 'missed a room' } });
    expect(part.status, part.text).to.equal(200);
    expect(part.body.payment).to.include({ status: 'succeeded', refunded_cents: 3_000 });
    expect(part.body.invoice).to.include({ status: 'PARTIAL', paid_cents: 5_000, outstanding_cents: 3_000 });
    expect(problem(await org.call('POST', `/v1/admin/payments/${id}/refund`, { body: { amount_cents: 5_001 } }))).to.deep.equal([409, 'payment.not_refundable', 'application/problem+json']);
    const rest = await org.call('POST', `/v1/admin/payments/${id}/refund`, { body: {} });
    expect(rest.body.payment).to.include({ status: 'refunded', refunded_cents: 8_000 });
    expect(rest.body.invoice).to.include({ status: 'SENT', paid_cents: 0 });
    expect(await invoiceOf(org, invoice.id)).to.include({ status: 'SENT', paid_cents: 0 });
    const audits = await auditActions(org, 'payment.refunded');
    expect(audits.map((a) => [a.before, a.after]).reverse()).to.deep.equal([
      [
        { status: 'succeeded', amount_cents: 8_000, refunded_cents: 0, currency: 'USD' },
        { status: 'succeeded', amount_cents: 8_000, refunded_cents: 3_000, currency: 'USD' },
      ],
      [
        { status: 'succeeded', amount_cents: 8_000, refunded_cents: 3_000, currency: 'USD' },
        { status: 'refunded', amount_cents: 8_000, refunded_cents: 8_000, currency: 'USD' },
      ],
    ]);
  });

  it('two racing whole refunds of a manual payment: one 200, one 409', async () => {
    const { org, invoice } = await setup(5_000);
    const paid = await pay(org, invoice.id, { amount_cents: 5_000 });
    const results = await Promise.all([0, 1].map(() => org.call('POST', `/v1/admin/payments/${paid.body.payment.id}/refund`, { body: {} })));
    expect(results.map((r) => r.status).sort()).to.deep.equal([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).to.equal('payment.not_refundable');
    expect(await auditActions(org, 'payment.refunded')).to.have.length(1);
    expect(await invoiceOf(org, invoice.id)).to.include({ paid_cents: 0, status: 'SENT' });
  });

  it('20 concurrent manual payments on one invoice: paid equals their sum, one audit row each', async () => {
    const { org, invoice } = await setup(100_000);
    const amounts = Array.from({ length: 20 }, (_, i) => 1_000 + i * 113);
    const results = await Promise.all(amounts.map((amount_cents) => pay(org, invoice.id, { amount_cents })));
    expect(results.map((r) => r.status)).to.deep.equal(amounts.map(() => 201));
    const sum = amounts.reduce((s, a) => s + a, 0);
    expect(await invoiceOf(org, invoice.id)).to.include({ paid_cents: sum, status: 'PARTIAL' });
    const rows = await auditActions(org, 'payment.recorded');
    expect(rows.map((r) => r.resource_id).sort()).to.deep.equal(results.map((r) => r.body.payment.id).sort());
  });

  it('card checkout through the Stripe adapter: the outstanding amount, one session per amount, no change to the invoice', async () => {
    const { org, invoice, email } = await setup(7_500);
    await pay(org, invoice.id, { amount_cents: 2_500 });
    const r = await org.call('POST', `/v1/admin/invoices/${invoice.id}/checkout`);
    expect(r.status, r.text).to.equal(201);
    expect(r.body).to.include({ amount_cents: 5_000, currency: 'USD' });
    expect(r.body.checkout_url).to.be.a('string').and.match(/^https?:\/\//);
    const session = fake.checkoutSessions.find((s) => s.id === r.body.session_id)!;
    expect(session).to.include({ amount_total: 5_000, currency: 'usd', success_url: `${PUBLIC_BASE}/v1/admin/invoices/${invoice.id}?checkout=success` });
    const request = fake.requests.find((q) => q.path === '/v1/checkout/sessions' && q.idempotencyKey === `checkout:${invoice.id}:5000`);
    expect(request).to.not.equal(undefined);
    const again = await org.call('POST', `/v1/admin/invoices/${invoice.id}/checkout`);
    expect(again.body.session_id).to.equal(r.body.session_id);
    expect(await invoiceOf(org, invoice.id)).to.include({ paid_cents: 2_500, status: 'PARTIAL' });

    // The public page's pay button: the token from the invoice mail, checked as the page checks it.
    const token = (await h().queued(email, 'invoice_sent'))[0]!.secret!;
    const pub = await h().api.call('POST', `/v1/public/invoices/${token}/checkout`, { as: null });
    expect(pub.status, pub.text).to.equal(201);
    expect(pub.body).to.include({ amount_cents: 5_000, currency: 'USD' });
    const pubSession = fake.checkoutSessions.find((s) => s.id === pub.body.session_id)!;
    expect(pubSession).to.include({ amount_total: 5_000, success_url: `${PUBLIC_BASE}/v1/public/invoices/${token}/checkout?checkout=success`.replace('/checkout?', '?') });
    const pubAgain = await h().api.call('POST', `/v1/public/invoices/${token}/checkout`, { as: null });
    expect(pubAgain.body.session_id).to.equal(pub.body.session_id);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [tampered, `${UNKNOWN}${token.slice(36)}`, 'garbage']) {
      expect(problem(await h().api.call('POST', `/v1/public/invoices/${bad}/checkout`, { as: null }))).to.deep.equal([404, 'invoice.link_invalid', 'application/problem+json']);
    }
    await pay(org, invoice.id, { amount_cents: 5_000 });
    expect(problem(await org.call('POST', `/v1/admin/invoices/${invoice.id}/checkout`))).to.deep.equal([409, 'invoice.nothing_outstanding', 'application/problem+json']);
  });

  /** A succeeded card payment as the webhook records it, backed by a payment intent at the fake Stripe. */
  async function cardPayment(org: OrgApi, invoice: { id: string }, clientId: string, amountCents: number): Promise<InvoicePayment> {
    const intent = fake.createPaymentIntent({ amount: amountCents, currency: 'usd', status: 'succeeded', metadata: { org_id: org.orgId, invoice_id: invoice.id } });
    const now = new Date();
    const payment: InvoicePayment = {
      id: randomUUID(),
      orgId: org.orgId,
      invoiceId: invoice.id,
      bookingId: null,
      clientId,
      provider: 'stripe',
      method: 'card',
      purpose: 'balance',
      status: 'succeeded',
      amountCents,
      refundedCents: 0,
      refundPendingCents: 0,
      refundPendingKey: null,
      currency: 'USD',
      reference: null,
      providerReference: intent.id,
      checkoutSessionId: null,
      failureMessage: null,
      receivedAt: now,
      providerUpdatedAt: now,
      recordedBy: null,
      createdAt: now,
      updatedAt: now,
    };
    await inOrg(h(), org.orgId, async (repos) => {
      const current = await repos.invoices.findById(invoice.id, { forUpdate: true });
      await repos.payments.insert(payment);
      await repos.invoices.update({ ...current!, paidCents: current!.paidCents + amountCents, status: current!.paidCents + amountCents >= current!.totalCents ? 'PAID' : 'PARTIAL' });
    });
    return payment;
  }

  it('card refunds go through Stripe once: two racing whole refunds → one 200 and one 409, one refund at Stripe', async () => {
    const { org, client, invoice } = await setup(6_000);
    const card = await cardPayment(org, invoice, client.id, 6_000);
    const refundsBefore = fake.requests.filter((q) => q.path === '/v1/refunds').length;
    const results = await Promise.all([0, 1].map(() => org.call('POST', `/v1/admin/payments/${card.id}/refund`, { body: {} })));
    expect(results.map((r) => r.status).sort(), results.map((r) => r.text).join('\n')).to.deep.equal([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).to.equal('payment.not_refundable');
    const calls = fake.requests.filter((q) => q.path === '/v1/refunds').slice(refundsBefore);
    expect(calls).to.have.length(1);
    expect(calls[0]!.idempotencyKey).to.equal(`refund:${card.id}:0:6000`);
    expect(calls[0]!.params).to.include({ payment_intent: card.providerReference, amount: '6000' });
    const ok = results.find((r) => r.status === 200)!;
    expect(ok.body.payment).to.include({ status: 'refunded', refunded_cents: 6_000, provider: 'stripe' });
    expect(ok.body.invoice).to.include({ status: 'SENT', paid_cents: 0 });
    const audit = await auditActions(org, 'payment.refunded');
    expect(audit).to.have.length(1);
  });

  it('a card refund the processor declines records nothing (the reservation is given back); a partial then succeeds', async () => {
    const { org, client, invoice } = await setup(6_000);
    const card = await cardPayment(org, invoice, client.id, 6_000);
    fake.failNext({ status: 402, type: 'card_error', code: 'charge_already_refunded', message: 'nope' });
    const declined = await org.call('POST', `/v1/admin/payments/${card.id}/refund`, { body: { amount_cents: 1_000 } });
    expect(problem(declined)).to.deep.equal([409, 'payment.declined', 'application/problem+json']);
    const listed = await org.expect(200, 'GET', `/v1/admin/invoices/${invoice.id}/payments`);
    expect(listed.items[0]).to.include({ refunded_cents: 0, refund_pending_cents: 0, status: 'succeeded' });
    expect(await invoiceOf(org, invoice.id)).to.include({ status: 'PAID', paid_cents: 6_000 });
    const part = await org.call('POST', `/v1/admin/payments/${card.id}/refund`, { body: { amount_cents: 1_000 } });
    expect(part.status, part.text).to.equal(200);
    expect(part.body.invoice).to.include({ status: 'PARTIAL', paid_cents: 5_000 });
    expect(fake.refunds.filter((r) => r['payment_intent'] === card.providerReference).map((r) => r['amount'])).to.deep.equal([1_000]);
  });

  /** Every attempt of one refund call (the SDK's retry and the guard's) lost in transit: the request reached Stripe, no answer came back. */
  const REFUND_ATTEMPTS = 4;
  const loseNextRefund = () => fake.failNext(...Array.from({ length: REFUND_ATTEMPTS }, () => 'reset' as const));
  const refundCalls = (from: number) => fake.requests.slice(from).filter((q) => q.path === '/v1/refunds');
  const paymentOf = async (org: OrgApi, invoiceId: string, id: string) =>
    ((await org.expect(200, 'GET', `/v1/admin/invoices/${invoiceId}/payments`)).items as Array<Record<string, unknown>>).find((p) => p['id'] === id)!;

  it('a card refund the processor never answers stays pending (503, still paid); retrying it is the same refund at Stripe, applied once', async () => {
    const { org, client, invoice } = await setup(6_000);
    const card = await cardPayment(org, invoice, client.id, 6_000);
    const from = fake.requests.length;
    loseNextRefund();
    const lost = await org.call('POST', `/v1/admin/payments/${card.id}/refund`, { body: { amount_cents: 2_000 } });
    expect(problem(lost)).to.deep.equal([503, 'payment.unavailable', 'application/problem+json']);
    expect(lost.body).to.include({ refund_pending_cents: 2_000, retry_amount_cents: 2_000 });
    expect((lost.body as unknown as { detail: string }).detail).to.match(/pending/).and.match(/safe/);
    expect(refundCalls(from)).to.have.length(REFUND_ATTEMPTS);
    expect(await paymentOf(org, invoice.id, card.id)).to.include({ refunded_cents: 0, refund_pending_cents: 2_000, status: 'succeeded' });
    expect(await invoiceOf(org, invoice.id)).to.include({ status: 'PAID', paid_cents: 6_000 });
    // The reserved money cannot be taken by another refund meanwhile.
    const other = await org.call('POST', `/v1/admin/payments/${card.id}/refund`, { body: { amount_cents: 4_000 } });
    expect(problem(other)).to.deep.equal([409, 'payment.not_refundable', 'application/problem+json']);
    expect(other.body).to.include({ refund_pending_cents: 2_000 });
    expect(problem(await org.call('POST', `/v1/admin/payments/${card.id}/refund`, { body: {} }))[1]).to.equal('payment.not_refundable');

    const retry = await org.call('POST', `/v1/admin/payments/${card.id}/refund`, { body: { amount_cents: 2_000 } });
    expect(retry.status, retry.text).to.equal(200);
    expect(retry.body.payment).to.include({ status: 'succeeded', refunded_cents: 2_000, refund_pending_cents: 0 });
    expect(retry.body.invoice).to.include({ status: 'PARTIAL', paid_cents: 4_000 });
    const keys = refundCalls(from).map((q) => q.idempotencyKey);
    expect(new Set(keys)).to.deep.equal(new Set([`refund:${card.id}:0:2000`]));
    expect(keys.length).to.be.greaterThan(REFUND_ATTEMPTS);
    expect(fake.refunds.filter((r) => r['payment_intent'] === card.providerReference).map((r) => r['amount'])).to.deep.equal([2_000]);
    // A second retry is no longer a retry: nothing is pending, and 2 000 of the rest is a new refund with a new key.
    const again = await org.call('POST', `/v1/admin/payments/${card.id}/refund`, { body: { amount_cents: 2_000 } });
    expect(again.status, again.text).to.equal(200);
    expect(refundCalls(from).at(-1)!.idempotencyKey).to.equal(`refund:${card.id}:2000:2000`);
    expect(again.body.invoice).to.include({ status: 'PARTIAL', paid_cents: 2_000 });
    const audit = await auditActions(org, 'payment.refunded');
    expect(audit.filter((a) => a.resource_id === card.id)).to.have.length(2);
  });

  it('a declined retry of a pending refund gives the reservation back', async () => {
    const { org, client, invoice } = await setup(6_000);
    const card = await cardPayment(org, invoice, client.id, 6_000);
    loseNextRefund();
    expect(problem(await org.call('POST', `/v1/admin/payments/${card.id}/refund`, { body: { amount_cents: 6_000 } }))[0]).to.equal(503);
    expect(await paymentOf(org, invoice.id, card.id)).to.include({ refund_pending_cents: 6_000 });
    fake.failNext({ status: 402, type: 'card_error', code: 'charge_already_refunded', message: 'nope' });
    const declined = await org.call('POST', `/v1/admin/payments/${card.id}/refund`, { body: { amount_cents: 6_000 } });
    expect(problem(declined)).to.deep.equal([409, 'payment.declined', 'application/problem+json']);
    expect(await paymentOf(org, invoice.id, card.id)).to.include({ refunded_cents: 0, refund_pending_cents: 0, status: 'succeeded' });
    expect(await invoiceOf(org, invoice.id)).to.include({ status: 'PAID', paid_cents: 6_000 });
    expect(fake.refunds.filter((r) => r['payment_intent'] === card.providerReference)).to.have.length(0);
  });

  it('after a lost refund call, Stripe’s charge.refunded webhook confirms it: pending cleared, applied once, the invoice reopened', async () => {
    const { org, client, invoice } = await setup(6_000);
    const card = await cardPayment(org, invoice, client.id, 6_000);
    loseNextRefund();
    expect(problem(await org.call('POST', `/v1/admin/payments/${card.id}/refund`, { body: { amount_cents: 6_000 } }))[0]).to.equal(503);
    const intent = fake.paymentIntent(card.providerReference!)!;
    const charge = fake.charge(intent['latest_charge'] as string)!;
    // Stripe did refund (the answer was what got lost); its event is newer than the stored payment.
    const signed = fake.signedEvent('charge.refunded', { ...charge, amount_refunded: 6_000, refunded: true }, { created: Math.floor(Date.now() / 1000) + 5 });
    const delivered = await fetch(`${h().server.url}/v1/payments/stripe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signed.header }, body: signed.payload });
    expect(delivered.status, await delivered.text()).to.equal(200);
    expect(await paymentOf(org, invoice.id, card.id)).to.include({ refunded_cents: 6_000, refund_pending_cents: 0, status: 'refunded' });
    expect(await invoiceOf(org, invoice.id)).to.include({ status: 'SENT', paid_cents: 0 });
    // A retry now finds nothing pending or refundable: no second refund anywhere.
    const before = fake.requests.length;
    expect(problem(await org.call('POST', `/v1/admin/payments/${card.id}/refund`, { body: { amount_cents: 6_000 } }))).to.deep.equal([409, 'payment.not_refundable', 'application/problem+json']);
    expect(refundCalls(before)).to.have.length(0);
    expect(await invoiceOf(org, invoice.id)).to.include({ status: 'SENT', paid_cents: 0 });
  });

  it('deposits: a service rule, a manual deposit on the booking (no invoice), a deposit checkout through Stripe', async () => {
    const org = await OrgApi.create(h());
    const client = await org.client({ email: `dep-${org.slug}@example.com` });
    const service = await org.service({ name: 'Move-out clean', price_minor: 18_000, deposit_percent_basis: 2_500 });
    expect(service).to.include({ deposit_percent_basis: 2_500, deposit_cents: null });
    const both = await org.call('POST', '/v1/admin/services', { body: { name: 'Bad', duration_minutes: 60, price_minor: 100, deposit_percent_basis: 100, deposit_cents: 5 } });
    expect(problem(both)).to.deep.equal([422, 'validation.failed', 'application/problem+json']);
    const first = await org.booking({ client_id: client.id, service_id: service.id, start: fromNow(48) });
    const manual = await org.call('POST', `/v1/admin/bookings/${first.id}/deposit`, { body: { method: 'cash', reference: 'desk' } });
    expect(manual.status, manual.text).to.equal(201);
    expect(manual.body).to.include({ purpose: 'deposit', booking_id: first.id, invoice_id: null, amount_cents: 4_500, currency: 'USD', status: 'succeeded' });
    expect(problem(await org.call('POST', `/v1/admin/bookings/${first.id}/deposit/checkout`))).to.deep.equal([409, 'deposit.not_applicable', 'application/problem+json']);
    const second = await org.booking({ client_id: client.id, service_id: service.id, start: fromNow(72) });
    const checkout = await org.call('POST', `/v1/admin/bookings/${second.id}/deposit/checkout`);
    expect(checkout.status, checkout.text).to.equal(201);
    expect(checkout.body).to.include({ amount_cents: 4_500, currency: 'USD' });
    const request = fake.requests.find((q) => q.path === '/v1/checkout/sessions' && q.idempotencyKey === `deposit:${second.id}:4500`);
    expect(request?.params['metadata']).to.include({ booking_id: second.id });
    // The booking's invoice takes the deposit: the invoice opens PARTIAL with it paid.
    await org.expect(200, 'POST', `/v1/admin/bookings/${first.id}/status`, { status: 'confirmed' });
    await org.expect(200, 'POST', `/v1/admin/bookings/${first.id}/status`, { status: 'in_progress' });
    await org.expect(200, 'POST', `/v1/admin/bookings/${first.id}/status`, { status: 'completed' });
    const billed = await org.expect(201, 'POST', '/v1/admin/invoices', { client_id: client.id, booking_ids: [first.id] });
    expect(billed).to.include({ total_cents: 18_000, paid_cents: 4_500 });
    const applied = await org.expect(200, 'GET', `/v1/admin/invoices/${billed.id}/payments`);
    expect(applied.items.map((p: { id: string; purpose: string }) => [p.id, p.purpose])).to.deep.equal([[manual.body.id, 'deposit']]);
    const other = await OrgApi.create(h());
    expect((await other.call('POST', `/v1/admin/bookings/${second.id}/deposit`, { body: { method: 'cash' } })).status).to.equal(404);
    expect((await other.call('POST', `/v1/admin/bookings/${second.id}/deposit/checkout`)).status).to.equal(404);
  });
}

describe('payments over HTTP (memory)', () => {
  let harness: ApiHarness;
  before(async () => {
    harness = await startApi(null, { env: fullEnv() });
  });
  after(async () => harness?.close());
  paymentSuite(() => harness);
});

describe('payments setup', () => {
  before(() => Object.assign(env, fullEnv()));
  onEachDatabase('payments over HTTP', (h) => paymentSuite(h), { env });
});

describe('payments with deposits off and the admin API read-only', () => {
  it('deposits answer 409 deposit.disabled when DEPOSITS_ENABLED is off', async () => {
    const harness = await startApi(null);
    try {
      const org = await OrgApi.create(harness);
      const client = await org.client({});
      const service = await org.service({ deposit_cents: 1_000 });
      const booking = await org.booking({ client_id: client.id, service_id: service.id, start: fromNow(48) });
      expect(problem(await org.call('POST', `/v1/admin/bookings/${booking.id}/deposit`, { body: { method: 'cash' } }))).to.deep.equal([409, 'deposit.disabled', 'application/problem+json']);
      expect(problem(await org.call('POST', `/v1/admin/bookings/${booking.id}/deposit/checkout`))).to.deep.equal([409, 'deposit.disabled', 'application/problem+json']);
    } finally {
      await harness.close();
    }
  });

  it('ADMIN_READ_ONLY refuses every payment write with 409 and still reads', async () => {
    const harness = await startApi(null, { env: { ADMIN_READ_ONLY: 'true' } });
    try {
      const org = await OrgApi.create(harness);
      const writes = await Promise.all([
        org.call('POST', `/v1/admin/invoices/${UNKNOWN}/payments`, { body: { method: 'cash', amount_cents: 100 } }),
        org.call('POST', `/v1/admin/payments/${UNKNOWN}/refund`, { body: {} }),
        org.call('POST', `/v1/admin/invoices/${UNKNOWN}/checkout`),
        org.call('POST', `/v1/admin/bookings/${UNKNOWN}/deposit`, { body: { method: 'cash' } }),
        org.call('POST', `/v1/admin/bookings/${UNKNOWN}/deposit/checkout`),
      ]);
      for (const r of writes) expect([r.status, r.body.code], r.text).to.deep.equal([409, 'auth.admin_read_only']);
      expect((await org.call('GET', `/v1/admin/invoices/${UNKNOWN}/payments`)).status).to.equal(404);
    } finally {
      await harness.close();
    }
  });
});
