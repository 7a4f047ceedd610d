/**
 * Stripe's webhook over HTTP with the real Stripe adapter (SDK signature check) against the fake
 * Stripe API, on memory, PGlite and the PostgreSQL server: events signed with the SDK's test
 * header helper, shaped as Stripe sends them. Invoices are written through the repositories
 * (issuing is another route's job); everything else goes through the API.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { formatInvoiceNumber, parseInvoiceToken, type Invoice, type InvoicePayment, type RequestContext, type TenantRepositories } from '@cws/core';
import { onEachDatabase, startApi, type ApiHarness } from '@cws/e2e-tests';
import { startFakeStripeServer, type FakeStripeObject, type FakeStripeServer } from '@cws/test-support';

const PATH = '/v1/payments/stripe/webhook';
const EVENTS = '/v1/admin/finance/reconcile/stripe-events';

let fake: FakeStripeServer;

const stripeEnv = () => ({ STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_API_BASE_URL: fake.baseUrl });

function setupCtx(orgId: string): RequestContext {
  return { orgId, actor: { kind: 'system', id: 'e2e-setup', role: null }, requestId: `e2e-${randomUUID()}`, now: new Date() };
}

async function inOrg<T>(h: ApiHarness, orgId: string, work: (repos: TenantRepositories) => Promise<T>): Promise<T> {
  return h.runtime.ports.uow.run(setupCtx(orgId), work);
}

interface Books {
  readonly orgId: string;
  readonly clientEmail: string;
  readonly invoice: Invoice;
}

let sequence = 0;

/** An org with a client and an issued (SENT) invoice of `totalCents`. */
async function books(h: ApiHarness, totalCents = 10_000, currency = 'USD'): Promise<Books> {
  const org = await h.newOrg();
  const clientEmail = `payer-${randomUUID().slice(0, 8)}@e2e.example.com`;
  const client = await h.api.call('POST', '/v1/admin/clients', { org: org.id, body: { name: 'Pat Payer', email: clientEmail } });
  expect(client.status, client.text).to.equal(201);
  const now = new Date();
  sequence += 1;
  const invoice: Invoice = {
    id: randomUUID(),
    orgId: org.id,
    clientId: client.body.id,
    number: formatInvoiceNumber(2026, sequence),
    status: 'SENT',
    currency,
    issueDate: '2026-01-10',
    dueDate: '2099-01-24',
    paymentTermsDays: 14,
    notes: null,
    lines: [{ id: randomUUID(), position: 0, description: 'Deep clean', quantityMilli: 1000, unitPriceCents: totalCents, taxRateBasis: 0, lineTotalCents: totalCents, lineTaxCents: 0, bookingId: null }],
    bookingIds: [],
    subtotalCents: totalCents,
    taxableSubtotalCents: 0,
    taxCents: 0,
    taxRateBasis: 0,
    totalCents,
    paidCents: 0,
    sentAt: now,
    paidAt: null,
    voidedAt: null,
    voidReason: null,
    createdAt: now,
    updatedAt: now,
  };
  await inOrg(h, org.id, (repos) => repos.invoices.insert(invoice));
  return { orgId: org.id, clientEmail, invoice };
}

const metadataOf = (b: Pick<Books, 'orgId' | 'invoice'>) => ({ org_id: b.orgId, invoice_id: b.invoice.id, booking_id: '', purpose: 'invoice_balance' });

/** A succeeded PaymentIntent at the fake Stripe for the invoice's balance. */
function paidIntent(b: Books, amount = b.invoice.totalCents): FakeStripeObject {
  return fake.createPaymentIntent({ amount, currency: b.invoice.currency, metadata: metadataOf(b) });
}

/** The Checkout Session object Stripe sends in checkout.session.completed for that intent. */
function completedSession(b: Books, intent: FakeStripeObject): Record<string, unknown> {
  return {
    id: `cs_test_${randomUUID().replace(/-/g, '')}`,
    object: 'checkout.session',
    mode: 'payment',
    amount_total: intent['amount'],
    currency: intent['currency'],
    metadata: metadataOf(b),
    payment_intent: intent.id,
    payment_status: 'paid',
    status: 'complete',
    livemode: false,
  };
}

async function deliver(h: ApiHarness, payload: string, header: string): Promise<Response> {
  return fetch(`${h.server.url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload });
}

async function send(h: ApiHarness, type: string, object: Record<string, unknown>, options: { created?: number; timestamp?: number } = {}): Promise<{ response: Response; eventId: string }> {
  const signed = fake.signedEvent(type, object, options);
  const response = await deliver(h, signed.payload, signed.header);
  return { response, eventId: signed.event.id };
}

async function expectReceived(response: Response): Promise<void> {
  const text = await response.text();
  expect(response.status, text).to.equal(200);
  expect(JSON.parse(text)).to.deep.equal({ received: true });
}

const payments = (h: ApiHarness, orgId: string, invoiceId: string): Promise<readonly InvoicePayment[]> => inOrg(h, orgId, (repos) => repos.payments.listByInvoice(invoiceId));
const invoiceNow = async (h: ApiHarness, orgId: string, id: string): Promise<Invoice> => (await inOrg(h, orgId, (repos) => repos.invoices.findById(id)))!;
const eventsOf = async (h: ApiHarness, orgId: string, query = '') => {
  const r = await h.api.call('GET', `${EVENTS}${query}`, { org: orgId, as: 'finance' });
  expect(r.status, r.text).to.equal(200);
  return r.body as { items: Array<Record<string, unknown>>; total: number; limit: number; offset: number };
};
const paymentAudits = (h: ApiHarness, orgId: string) =>
  inOrg(h, orgId, (repos) => repos.audit.list({ resourceType: 'payment', resourceId: null, action: null, actorId: null, createdFrom: null, createdTo: null, after: null, limit: 100 }));

const nowSeconds = () => Math.floor(Date.now() / 1000);

function webhookSuite(h: () => ApiHarness): void {
  it('the same event delivered 5× at once: one payment, one payment audit, one receipt; all answered 200', async () => {
    const b = await books(h());
    const intent = paidIntent(b);
    const signed = fake.signedEvent('payment_intent.succeeded', intent);
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(h(), signed.payload, signed.header)));
    for (const a of answers) await expectReceived(a);
    const rows = await payments(h(), b.orgId, b.invoice.id);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ status: 'succeeded', amountCents: 10_000, provider: 'stripe', method: 'card', purpose: 'balance', providerReference: intent.id, currency: 'USD' });
    expect(await paymentAudits(h(), b.orgId)).to.have.length(1);
    const receipts = await h().queued(b.clientEmail, 'payment_receipt');
    expect(receipts).to.have.length(1);
    expect(receipts[0]!.event.dedupeKey).to.equal(`invoice:${b.invoice.id}:receipt:${rows[0]!.id}`);
    expect(await invoiceNow(h(), b.orgId, b.invoice.id)).to.include({ status: 'PAID', paidCents: 10_000 });
    const events = await eventsOf(h(), b.orgId);
    expect(events.total).to.equal(1);
    expect(events.items[0]).to.include({ event_id: signed.event.id, processed_status: 'processed', invoice_id: b.invoice.id });
  });

  it('payment_intent.succeeded before checkout.session.completed ends as the other order does: one payment, the right amount, PAID', async () => {
    const finals: Array<Record<string, unknown>> = [];
    for (const order of ['intent-first', 'session-first'] as const) {
      const b = await books(h(), 7_450);
      const intent = paidIntent(b);
      const session = completedSession(b, intent);
      const t = nowSeconds();
      // Stripe's own order is intent then session a second later; the created times say so either way.
      const intentEvent = fake.signedEvent('payment_intent.succeeded', intent, { created: t - 1 });
      const sessionEvent = fake.signedEvent('checkout.session.completed', session, { created: t });
      for (const e of order === 'intent-first' ? [intentEvent, sessionEvent] : [sessionEvent, intentEvent]) await expectReceived(await deliver(h(), e.payload, e.header));
      const rows = await payments(h(), b.orgId, b.invoice.id);
      expect(rows, order).to.have.length(1);
      const inv = await invoiceNow(h(), b.orgId, b.invoice.id);
      finals.push({ status: rows[0]!.status, amount: rows[0]!.amountCents, refunded: rows[0]!.refundedCents, session: rows[0]!.checkoutSessionId === session['id'], invoice: inv.status, paid: inv.paidCents });
      expect(await h().queued(b.clientEmail, 'payment_receipt'), order).to.have.length(1);
      const events = await eventsOf(h(), b.orgId, '?status=processed');
      expect(events.total, order).to.equal(2);
    }
    expect(finals[0]).to.deep.equal({ status: 'succeeded', amount: 7_450, refunded: 0, session: true, invoice: 'PAID', paid: 7_450 });
    expect(finals[1]).to.deep.equal(finals[0]);
  });

  it('a signature 301 s old is refused with 400 problem+json, nothing written', async () => {
    const b = await books(h());
    const { response } = await send(h(), 'payment_intent.succeeded', paidIntent(b), { timestamp: nowSeconds() - 301 });
    expect(response.status).to.equal(400);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(((await response.json()) as { code: string }).code).to.equal('payment.webhook_invalid');
    expect(await payments(h(), b.orgId, b.invoice.id)).to.have.length(0);
    expect((await eventsOf(h(), b.orgId)).total).to.equal(0);
    expect(await invoiceNow(h(), b.orgId, b.invoice.id)).to.include({ status: 'SENT', paidCents: 0 });
  });

  it('one byte of the body changed is refused with 400, nothing written; so are a missing header and another secret', async () => {
    const b = await books(h());
    const signed = fake.signedEvent('payment_intent.succeeded', paidIntent(b));
    const at = signed.payload.indexOf('"amount": 10000') + '"amount": '.length;
    const tampered = `${signed.payload.slice(0, at)}2${signed.payload.slice(at + 1)}`;
    expect(tampered.length).to.equal(signed.payload.length);
    expect(tampered).not.to.equal(signed.payload);
    const answers = [
      await deliver(h(), tampered, signed.header),
      await fetch(`${h().server.url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: signed.payload }),
      await deliver(h(), signed.payload, fake.sign(signed.payload, { secret: 'whsec_someoneelse0000000000000000' })),
      // The same event re-serialised (what a JSON body parser would verify): not the signed bytes.
      await deliver(h(), JSON.stringify(JSON.parse(signed.payload)), signed.header),
    ];
    for (const a of answers) {
      expect(a.status).to.equal(400);
      expect(((await a.json()) as { code: string }).code).to.equal('payment.webhook_invalid');
    }
    expect(await payments(h(), b.orgId, b.invoice.id)).to.have.length(0);
    expect((await eventsOf(h(), b.orgId)).total).to.equal(0);
  });

  it('an unknown event type is acknowledged (200) and stored as ignored; no payload is stored', async () => {
    const b = await books(h());
    const { response, eventId } = await send(h(), 'customer.updated', { id: 'cus_x', object: 'customer', email: 'secret@example.com', metadata: { org_id: b.orgId } });
    await expectReceived(response);
    const events = await eventsOf(h(), b.orgId);
    expect(events.items).to.have.length(1);
    expect(events.items[0]).to.deep.equal({
      event_id: eventId,
      type: 'customer.updated',
      created_at: events.items[0]!['created_at'],
      org_id: b.orgId,
      invoice_id: null,
      booking_id: null,
      processed_status: 'ignored',
      last_error: null,
    });
    expect(JSON.stringify(events)).not.to.include('secret@example.com');
  });

  it('an event naming no org of ours is acknowledged and ignored, nothing stored', async () => {
    const b = await books(h());
    const intent = fake.createPaymentIntent({ amount: 100, currency: 'usd', metadata: { org_id: randomUUID(), invoice_id: b.invoice.id, purpose: 'invoice_balance' } });
    await expectReceived((await send(h(), 'payment_intent.succeeded', intent)).response);
    const noOrg = fake.createPaymentIntent({ amount: 100, currency: 'usd' });
    await expectReceived((await send(h(), 'payment_intent.succeeded', noOrg)).response);
    expect(await payments(h(), b.orgId, b.invoice.id)).to.have.length(0);
    expect((await eventsOf(h(), b.orgId)).total).to.equal(0);
    const logged = h().logs.lines.filter((l) => l['webhook_outcome'] === 'unknown_org');
    expect(logged.length).to.be.at.least(2);
  });

  it("metadata naming one org and another org's invoice: failed in the named org with a reason, nothing changed in either", async () => {
    const a = await books(h());
    const b = await books(h());
    const intent = fake.createPaymentIntent({ amount: 10_000, currency: 'usd', metadata: { org_id: a.orgId, invoice_id: b.invoice.id, purpose: 'invoice_balance' } });
    await expectReceived((await send(h(), 'payment_intent.succeeded', intent)).response);
    const events = await eventsOf(h(), a.orgId);
    expect(events.items).to.have.length(1);
    expect(events.items[0]).to.include({ processed_status: 'failed' });
    expect(events.items[0]!['last_error']).to.match(/invoice/);
    expect((await eventsOf(h(), b.orgId)).total).to.equal(0);
    expect(await payments(h(), b.orgId, b.invoice.id)).to.have.length(0);
    expect(await invoiceNow(h(), b.orgId, b.invoice.id)).to.include({ status: 'SENT', paidCents: 0 });
    expect(await invoiceNow(h(), a.orgId, a.invoice.id)).to.include({ status: 'SENT', paidCents: 0 });
    expect(await h().queued(b.clientEmail)).to.have.length(0);
  });

  it('a currency that is not the invoice’s: failed with a reason, no payment', async () => {
    const b = await books(h());
    const intent = fake.createPaymentIntent({ amount: 10_000, currency: 'eur', metadata: metadataOf(b) });
    await expectReceived((await send(h(), 'payment_intent.succeeded', intent)).response);
    expect((await eventsOf(h(), b.orgId)).items[0]).to.include({ processed_status: 'failed' });
    expect((await eventsOf(h(), b.orgId)).items[0]!['last_error']).to.match(/currency EUR/);
    expect(await payments(h(), b.orgId, b.invoice.id)).to.have.length(0);
  });

  it('payment failed three times: the payment recorded as failed, exactly one dunning mail with a working pay link and no Stripe data', async () => {
    const b = await books(h(), 12_300);
    const intents: FakeStripeObject[] = [];
    for (let i = 0; i < 3; i += 1) {
      const intent = fake.createPaymentIntent({ amount: 12_300, currency: 'usd', metadata: metadataOf(b), failureMessage: 'Your card was declined. Card 4242 4242 4242 4242' });
      intents.push(intent);
      await expectReceived((await send(h(), 'payment_intent.payment_failed', intent)).response);
    }
    // And Stripe Billing's invoice event naming our invoice.
    await expectReceived((await send(h(), 'invoice.payment_failed', { id: 'in_x', object: 'invoice', amount_due: 12_300, currency: 'usd', metadata: metadataOf(b) })).response);
    const rows = await payments(h(), b.orgId, b.invoice.id);
    expect(rows.map((r) => r.status)).to.deep.equal(['failed', 'failed', 'failed']);
    expect(rows[0]!.failureMessage ?? '').not.to.include('4242 4242');
    const dunning = await h().queued(b.clientEmail, 'invoice_payment_failed');
    expect(dunning).to.have.length(1);
    expect(dunning[0]!.event.dedupeKey).to.equal(`invoice:${b.invoice.id}:dunning:payment_failed`);
    const payload = JSON.stringify(dunning[0]!.event.payload);
    expect(payload).to.include(b.invoice.number!).and.to.include('12300');
    for (const intent of intents) expect(payload).not.to.include(intent.id);
    expect(payload).not.to.include('declined');
    const token = dunning[0]!.secret!;
    const parsed = parseInvoiceToken(token)!;
    const link = await inOrg(h(), b.orgId, (repos) => repos.invoiceLinks.findById(parsed.linkId));
    expect(link).to.include({ invoiceId: b.invoice.id, revokedAt: null });
    expect(link!.tokenHash).not.to.include(parsed.secret);
    // The mailed link opens the invoice's public page, where the client can pay again.
    const page = await h().api.call('GET', `/v1/public/invoices/${token}`, { as: null });
    expect(page.status, page.text).to.equal(200);
    expect(page.body).to.include({ number: b.invoice.number });
    expect(await invoiceNow(h(), b.orgId, b.invoice.id)).to.include({ status: 'SENT', paidCents: 0 });
  });

  it('a late failure never undoes a success: the stale event is checked against Stripe and the payment stays succeeded', async () => {
    const b = await books(h());
    const intent = paidIntent(b);
    const t = nowSeconds();
    await expectReceived((await send(h(), 'payment_intent.succeeded', intent, { created: t })).response);
    const before = fake.requests.length;
    // An earlier failed attempt on the same intent, delivered late (as Stripe may).
    const failedSnapshot = { ...intent, status: 'requires_payment_method', amount_received: 0, last_payment_error: { message: 'declined' } };
    await expectReceived((await send(h(), 'payment_intent.payment_failed', failedSnapshot, { created: t - 60 })).response);
    expect(fake.requests.slice(before).some((r) => r.method === 'GET' && r.path === `/v1/payment_intents/${intent.id}`)).to.equal(true);
    const rows = await payments(h(), b.orgId, b.invoice.id);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ status: 'succeeded', amountCents: 10_000 });
    expect(await invoiceNow(h(), b.orgId, b.invoice.id)).to.include({ status: 'PAID', paidCents: 10_000 });
    expect(await h().queued(b.clientEmail, 'invoice_payment_failed')).to.have.length(0);
  });

  it('a refund reopens a PAID invoice (PAID → PARTIAL); refunds never decrease, a full refund marks the payment refunded', async () => {
    const b = await books(h());
    const intent = paidIntent(b);
    await expectReceived((await send(h(), 'payment_intent.succeeded', intent)).response);
    expect(await invoiceNow(h(), b.orgId, b.invoice.id)).to.include({ status: 'PAID', paidCents: 10_000 });
    const charge = fake.charge(intent['latest_charge'] as string)!;
    const t = nowSeconds() + 5;
    const partial = { ...charge, amount_refunded: 2_500, refunded: false };
    await expectReceived((await send(h(), 'charge.refunded', partial, { created: t })).response);
    expect(await invoiceNow(h(), b.orgId, b.invoice.id)).to.include({ status: 'PARTIAL', paidCents: 7_500 });
    // A second refund event carrying a smaller cumulative figure (an older snapshot) changes nothing.
    await expectReceived((await send(h(), 'charge.refunded', { ...charge, amount_refunded: 1_000 }, { created: t })).response);
    expect((await payments(h(), b.orgId, b.invoice.id))[0]).to.include({ status: 'succeeded', refundedCents: 2_500 });
    await expectReceived((await send(h(), 'charge.refunded', { ...charge, amount_refunded: 10_000, refunded: true }, { created: t + 1 })).response);
    expect((await payments(h(), b.orgId, b.invoice.id))[0]).to.include({ status: 'refunded', refundedCents: 10_000 });
    expect(await invoiceNow(h(), b.orgId, b.invoice.id)).to.include({ status: 'SENT', paidCents: 0 });
  });

  it('a body over 1 MB is refused with 413 before anything is read further', async () => {
    const big = `{"id":"evt_big","pad":"${'x'.repeat(1024 * 1024)}"}`;
    const r = await deliver(h(), big, fake.sign(big));
    expect(r.status).to.equal(413);
  });

  it('Stripe events view: finance roles only, filters, newest first, org isolation, metadata fields only', async () => {
    const a = await books(h());
    const other = await books(h());
    const t = nowSeconds();
    const first = await send(h(), 'payment_intent.succeeded', paidIntent(a, 4_000), { created: t - 10 });
    const second = await send(h(), 'customer.created', { id: 'cus_y', object: 'customer', metadata: { org_id: a.orgId } }, { created: t - 5 });
    const bookingId = randomUUID();
    const third = await send(h(), 'payment_intent.payment_failed', fake.createPaymentIntent({ amount: 500, currency: 'usd', metadata: { org_id: a.orgId, booking_id: bookingId, purpose: 'deposit' }, failureMessage: 'no' }), { created: t });
    await send(h(), 'payment_intent.succeeded', paidIntent(other));
    for (const r of [first, second, third]) await expectReceived(r.response);

    for (const role of ['dispatcher', 'viewer'] as const) {
      const refused = await h().api.call('GET', EVENTS, { org: a.orgId, as: role });
      expect(refused.status, role).to.equal(403);
      expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
    }
    expect((await h().api.call('GET', EVENTS, { org: a.orgId, as: null })).status).to.equal(401);
    const all = await eventsOf(h(), a.orgId);
    expect(all.total).to.equal(3);
    expect(all.items.map((e) => e['event_id'])).to.deep.equal([third.eventId, second.eventId, first.eventId]);
    for (const item of all.items) {
      expect(Object.keys(item).sort()).to.deep.equal(['booking_id', 'created_at', 'event_id', 'invoice_id', 'last_error', 'org_id', 'processed_status', 'type']);
      expect(item['org_id']).to.equal(a.orgId);
    }
    expect((await eventsOf(h(), a.orgId, `?invoice_id=${a.invoice.id}`)).items.map((e) => e['event_id'])).to.deep.equal([first.eventId]);
    expect((await eventsOf(h(), a.orgId, `?booking_id=${bookingId}`)).items.map((e) => e['event_id'])).to.deep.equal([third.eventId]);
    expect((await eventsOf(h(), a.orgId, '?status=ignored')).items.map((e) => e['event_id'])).to.deep.equal([second.eventId]);
    const paged = await eventsOf(h(), a.orgId, '?limit=1&offset=1');
    expect(paged).to.include({ total: 3, limit: 1, offset: 1 });
    expect(paged.items.map((e) => e['event_id'])).to.deep.equal([second.eventId]);
    // Another org's invoice id filters to nothing here.
    expect((await eventsOf(h(), a.orgId, `?invoice_id=${other.invoice.id}`)).total).to.equal(0);
    expect((await h().api.call('GET', `${EVENTS}?limit=201`, { org: a.orgId, as: 'finance' })).status).to.equal(422);
    expect((await h().api.call('GET', `${EVENTS}?status=done`, { org: a.orgId, as: 'finance' })).status).to.equal(422);
  });
}

describe('Stripe webhook', () => {
before(async () => {
  fake = await startFakeStripeServer();
});
after(async () => fake?.close());

describe('Stripe webhook (memory)', () => {
  let harness: ApiHarness;
  before(async () => {
    harness = await startApi(null, { env: stripeEnv() });
  });
  after(async () => harness?.close());
  webhookSuite(() => harness);

  it('answers 503 payment.not_configured when no Stripe key is configured, nothing written', async () => {
    const bare = await startApi(null);
    try {
      const signed = fake.signedEvent('payment_intent.succeeded', { id: 'pi_x', object: 'payment_intent', metadata: {} });
      const r = await deliver(bare, signed.payload, signed.header);
      expect(r.status).to.equal(503);
      expect(((await r.json()) as { code: string }).code).to.equal('payment.not_configured');
    } finally {
      await bare.close();
    }
  });
});

describe('Stripe webhook on databases', () => {
  // The harness reads STRIPE_* when it starts, after the fake is up (root before hook).
  const env: Record<string, string> = {};
  before(() => Object.assign(env, stripeEnv()));
  onEachDatabase('Stripe webhook', (h) => webhookSuite(h), { env });
});
});
