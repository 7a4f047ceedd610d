import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { isAppError, type AppError } from '@cws/core';
import { aCheckoutRequest } from '@cws/contract-tests';
import { startFakeStripeServer, type FakeStripeServer } from '@cws/test-support';
import { StripePaymentGateway } from '@cws/adapter-payments-stripe';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(isAppError(error), String(error)).to.equal(true);
    return error as AppError;
  }
  return expect.fail('the call succeeded');
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('StripePaymentGateway (against the fake Stripe API)', function () {
  let peer: FakeStripeServer;
  let gateway: StripePaymentGateway;

  beforeEach(async function () {
    peer = await startFakeStripeServer();
    gateway = new StripePaymentGateway({ secretKey: peer.secretKey, webhookSecret: peer.webhookSecret, apiBaseUrl: peer.baseUrl, timeoutMs: 1_000, maxNetworkRetries: 2 });
  });
  afterEach(async function () {
    await peer.close();
  });

  it('sends the session as Stripe expects it: lower-case currency, one priced line, client_reference_id, pinned API version, our key', async function () {
    const request = aCheckoutRequest({ currency: 'EUR', amountMinor: 4_250 });
    await gateway.createCheckoutSession(request);
    const [sent] = peer.requests;
    expect(sent!.method).to.equal('POST');
    expect(sent!.path).to.equal('/v1/checkout/sessions');
    expect(sent!.idempotencyKey).to.equal(request.idempotencyKey);
    expect(sent!.stripeVersion).to.match(/^\d{4}-\d{2}-\d{2}\./);
    expect(sent!.params).to.deep.include({ mode: 'payment', client_reference_id: request.invoiceId, customer_email: request.customerEmail });
    expect(sent!.params['line_items']).to.deep.equal([{ quantity: '1', price_data: { currency: 'eur', unit_amount: '4250', product_data: { name: request.description } } }]);
    expect(sent!.params).not.to.have.property('customer');
  });

  it('a retry after a 500 carries the same idempotency key, so the session is made once', async function () {
    peer.failNext({ status: 500 });
    const request = aCheckoutRequest();
    await gateway.createCheckoutSession(request);
    expect(peer.requests.map((r) => r.idempotencyKey)).to.deep.equal([request.idempotencyKey, request.idempotencyKey]);
    expect(peer.checkoutSessions).to.have.length(1);
  });

  it('a 409 (lock timeout) is retried by the client and then succeeds', async function () {
    peer.failNext({ status: 409 });
    const reference = peer.createPaymentIntent({ amount: 1_000, currency: 'usd' }).id;
    const refund = await gateway.refund({ orgId: randomUUID(), paymentReference: reference, amountMinor: 1_000, currency: 'USD', idempotencyKey: `r-${randomUUID()}` });
    expect(refund.amountMinor).to.equal(1_000);
    expect(peer.refunds).to.have.length(1);
  });

  it('nothing listening is payment.unavailable, retryable', async function () {
    const port = await closedPort();
    const offline = new StripePaymentGateway({ secretKey: 'sk_test_offline0000', webhookSecret: 'whsec_x0000', apiBaseUrl: `http://127.0.0.1:${port}`, maxNetworkRetries: 0 });
    const error = await failure(offline.retrievePayment('pi_x'));
    expect(error.code).to.equal('payment.unavailable');
    expect(error.retryable).to.equal(true);
    expect(error.message).not.to.include('sk_test_offline0000');
  });

  it('a hung answer ends at the timeout as payment.unavailable, retryable', async function () {
    const quick = new StripePaymentGateway({ secretKey: peer.secretKey, webhookSecret: peer.webhookSecret, apiBaseUrl: peer.baseUrl, timeoutMs: 300, maxNetworkRetries: 0 });
    peer.failNext('hang', 'hang');
    const started = Date.now();
    const error = await failure(quick.createCheckoutSession(aCheckoutRequest()));
    expect(error.code).to.equal('payment.unavailable');
    expect(error.retryable).to.equal(true);
    expect(Date.now() - started).to.be.below(5_000);
  });

  it('a wrong key is payment.unavailable naming the key setting, and the key is not in it', async function () {
    const wrong = new StripePaymentGateway({ secretKey: 'sk_test_wrongkey123456789', webhookSecret: peer.webhookSecret, apiBaseUrl: peer.baseUrl, maxNetworkRetries: 0 });
    const error = await failure(wrong.ensureCustomer({ orgId: randomUUID(), clientId: randomUUID(), name: 'Ana', email: null, idempotencyKey: randomUUID() }));
    expect(error.code).to.equal('payment.unavailable');
    expect(error.message).to.include('STRIPE_SECRET_KEY');
    expect(`${error.message} ${JSON.stringify(error.details)}`).not.to.include('wrongkey123456789');
    expect(error.cause).to.equal(undefined);
  });

  it('a 403 (restricted key without the permission) is payment.unavailable too', async function () {
    peer.failNext({ status: 403, type: 'invalid_request_error', message: 'The provided key rk_live_abc...xyz does not have the required permissions' });
    const error = await failure(gateway.retrievePayment('pi_x'));
    expect(error.code).to.equal('payment.unavailable');
    expect(error.message).not.to.match(/rk_live_abc/);
  });

  it('Retry-After on a 429 is passed on', async function () {
    peer.failNext({ status: 429, headers: { 'retry-after': '7' } }, { status: 429, headers: { 'retry-after': '7' } }, { status: 429, headers: { 'retry-after': '7' } });
    const error = await failure(gateway.retrievePayment('pi_x'));
    expect(error.retryAfterSeconds).to.equal(7);
  });

  it('a 400 other than idempotency (a bad parameter) is payment.declined with its code', async function () {
    const error = await failure(gateway.createCheckoutSession(aCheckoutRequest({ customerId: 'cus_missing' })));
    expect(error.code).to.equal('payment.declined');
    expect(error.details).to.deep.include({ provider: 'stripe', status: 400, code: 'resource_missing' });
  });

  it('a hostile payment reference stays one path segment (no other endpoint is reached)', async function () {
    for (const reference of ['../customers', 'pi_1/../../refunds', 'pi_1?expand[]=customer']) {
      expect(await gateway.retrievePayment(reference)).to.equal(null);
    }
    expect(peer.requests.every((r) => r.method === 'GET' && /^\/v1\/payment_intents\/[^/]+$/.test(r.path))).to.equal(true);
  });

  describe('webhook reduction', function () {
    const verify = (type: string, object: Record<string, unknown>) => {
      const signed = peer.signedEvent(type, object);
      return gateway.verifyWebhook(new Uint8Array(Buffer.from(signed.payload)), signed.header, new Date());
    };

    it('keeps nothing of the payload beyond the port’s fields', function () {
      const intent = peer.createPaymentIntent({ amount: 100, currency: 'usd', metadata: { org_id: 'o1', secret_note: 'do not keep' } });
      const event = verify('payment_intent.succeeded', { ...intent, receipt_email: 'ana@example.com', shipping: { name: 'Ana' } });
      expect(Object.keys(event).sort()).to.deep.equal(['checkoutSessionId', 'createdAt', 'id', 'livemode', 'metadata', 'payment', 'type']);
      expect(JSON.stringify(event)).not.to.match(/do not keep|ana@example.com|shipping/);
    });

    it('a charge without metadata of its own takes it from its expanded payment intent', function () {
      const intent = peer.createPaymentIntent({ amount: 800, currency: 'usd', metadata: { org_id: 'o1', booking_id: 'b1', purpose: 'deposit' } });
      const charge = { ...peer.charge(intent['latest_charge'] as string)!, metadata: {}, payment_intent: intent, amount_refunded: 800, refunded: true };
      const event = verify('charge.refunded', charge);
      expect(event.metadata).to.deep.equal({ orgId: 'o1', invoiceId: null, bookingId: 'b1', purpose: 'deposit' });
      expect(event.payment).to.deep.include({ reference: intent.id, amountRefundedMinor: 800 });
    });

    it('an unpaid completed session (a delayed payment method) is pending', function () {
      const event = verify('checkout.session.completed', { id: 'cs_1', object: 'checkout.session', payment_intent: 'pi_1', payment_status: 'unpaid', amount_total: 500, currency: 'usd', metadata: { org_id: 'o1' } });
      expect(event.payment).to.deep.include({ reference: 'pi_1', status: 'pending', amountMinor: 500, currency: 'USD' });
      expect(event.checkoutSessionId).to.equal('cs_1');
    });

    it('a billing invoice that names no payment intent has no payment, but its metadata', function () {
      const event = verify('invoice.payment_failed', { id: 'in_1', object: 'invoice', amount_due: 500, currency: 'usd', metadata: { org_id: 'o1', invoice_id: 'i1' } });
      expect(event.payment).to.equal(null);
      expect(event.metadata).to.deep.include({ orgId: 'o1', invoiceId: 'i1' });
    });

    it('an intent awaiting its first payment method (no error yet) is pending, not failed; an unknown purpose is null', function () {
      const event = verify('payment_intent.payment_failed', { id: 'pi_2', object: 'payment_intent', status: 'requires_payment_method', last_payment_error: null, amount: 300, amount_received: 0, currency: 'jpy', metadata: { purpose: 'refund_everything' } });
      expect(event.payment).to.deep.include({ status: 'pending', amountMinor: 300, currency: 'JPY' });
      expect(event.metadata.purpose).to.equal(null);
    });

    it('a validly signed body that is not an event is payment.webhook_invalid', function () {
      const payload = JSON.stringify({ hello: 'world' });
      const error = (() => {
        try {
          gateway.verifyWebhook(Buffer.from(payload), peer.sign(payload), new Date());
        } catch (err) {
          return err as AppError;
        }
        return expect.fail('accepted');
      })();
      expect(error.code).to.equal('payment.webhook_invalid');
    });
  });

  it('refuses to be built without a key or a webhook secret', function () {
    expect(() => new StripePaymentGateway({ secretKey: '', webhookSecret: 'whsec_x' })).to.throw(/STRIPE_SECRET_KEY/);
    expect(() => new StripePaymentGateway({ secretKey: 'sk_test_x', webhookSecret: ' ' })).to.throw(/STRIPE_WEBHOOK_SECRET/);
  });
});
