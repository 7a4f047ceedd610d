/**
 * PaymentGateway behaviour every processor adapter must share, run against a local peer that
 * speaks the processor's wire protocol: a Checkout Session carries the amount (minor units,
 * unchanged for zero- and three-decimal currencies), currency, our metadata and the return URLs;
 * an idempotency key makes a retried call the same call (one object at the processor); refunds;
 * customers found by our client id; payments read back (null when unknown); webhooks verified over
 * the raw bytes (a changed byte, an old timestamp or another secret is `payment.webhook_invalid`)
 * and reduced for each known type; failures translated at the port — a refusal is
 * `payment.declined` (not retryable), an outage or a refused key `payment.unavailable`
 * (retryable) — and no error carries a secret or card data.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { isAppError, type AppError, type CheckoutRequest, type PaymentEvent, type PaymentGateway } from '@cws/core';

/** A Checkout Session as the peer holds it, in terms every processor shares. */
export interface PeerCheckoutSession {
  readonly id: string;
  readonly amountMinor: number;
  /** ISO 4217, upper case. */
  readonly currency: string;
  readonly description: string;
  readonly successUrl: string;
  readonly cancelUrl: string;
  readonly customerId: string | null;
  readonly customerEmail: string | null;
  /** Metadata on the session. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Metadata the resulting payment will carry (what payment events show). */
  readonly paymentMetadata: Readonly<Record<string, string>>;
}

export interface PeerPaymentSetup {
  readonly amountMinor: number;
  readonly currency: string;
  readonly status: 'succeeded' | 'processing' | 'failed' | 'canceled';
  readonly metadata?: Readonly<Record<string, string>>;
  /** The processor's decline text, for `failed`. */
  readonly failureMessage?: string;
}

/** How the peer answers the next requests: a refusal (402), a server error (500), rate limiting (429), our key refused (401). */
export type PaymentPeerFailure = 'declined' | 'server_error' | 'rate_limited' | 'key_refused';

export interface SignedWebhook {
  readonly body: Uint8Array;
  readonly header: string;
  /** The event's id. */
  readonly id: string;
}

export interface WebhookOptions {
  /** When the signature was made (default now). */
  readonly signedAt?: Date;
  /** Sign with another secret than the gateway's. */
  readonly wrongSecret?: boolean;
}

export interface PaymentGatewayHarness {
  readonly gateway: PaymentGateway;
  /** How many times the adapter's client retries a retryable answer on its own. */
  readonly networkRetries: number;
  /** Strings no error may contain (API key, webhook secret). */
  readonly secrets: readonly string[];
  checkoutSessions(): Promise<readonly PeerCheckoutSession[]>;
  customerCount(): Promise<number>;
  /** A customer created outside this gateway (earlier, by another process); its id. */
  addCustomer(fields: { readonly orgId: string; readonly clientId: string; readonly email: string | null }): Promise<string>;
  /** A payment at the processor in the given state; its reference. */
  createPayment(setup: PeerPaymentSetup): Promise<string>;
  /** The payer completes the session; the reference of the payment it made. */
  completeCheckout(sessionId: string): Promise<string>;
  /** Refunds the peer holds for a payment (amounts). */
  refundsOf(reference: string): Promise<readonly number[]>;
  /**
   * A signed event as the processor delivers it: the five known types about `subject` (a payment
   * reference; for checkout.session.completed a session id; invoice.payment_failed is a billing
   * invoice naming that payment), or any other type about nothing we track.
   */
  webhook(type: string, subject: string | null, options?: WebhookOptions): Promise<SignedWebhook>;
  /** Requests that reached the peer. */
  requestCount(): number;
  failNext(failure: PaymentPeerFailure, times?: number): void;
  dispose(): Promise<void>;
}

export type PaymentGatewayHarnessFactory = () => Promise<PaymentGatewayHarness>;

const ORG = '00000000-0000-4000-8000-0000000000b1';
const OTHER_ORG = '00000000-0000-4000-8000-0000000000b2';

export function aCheckoutRequest(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  return {
    orgId: ORG,
    purpose: 'invoice_balance',
    invoiceId: randomUUID(),
    bookingId: null,
    amountMinor: 12_345,
    currency: 'USD',
    description: 'Invoice INV-2026-000123',
    customerEmail: 'ana.client@example.com',
    customerId: null,
    successUrl: 'https://app.example.com/pay/success?session={CHECKOUT_SESSION_ID}',
    cancelUrl: 'https://app.example.com/pay/cancel',
    idempotencyKey: `checkout-${randomUUID()}`,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(isAppError(error), `an AppError, not ${inspect(error)}`).to.equal(true);
    return error as AppError;
  }
  return expect.fail('the call succeeded');
}

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(isAppError(error), `an AppError, not ${inspect(error)}`).to.equal(true);
    return error as AppError;
  }
  return expect.fail('the call succeeded');
}

export function paymentGatewayContract(name: string, factory: PaymentGatewayHarnessFactory): void {
  describe(`${name}: PaymentGateway`, function () {
    let h: PaymentGatewayHarness;

    beforeEach(async function () {
      h = await factory();
    });
    afterEach(async function () {
      if (h) await h.dispose();
    });

    function expectNothingLeaks(error: AppError, ...also: string[]): void {
      const everything = `${error.message}\n${JSON.stringify(error.details)}\n${inspect(error, { depth: 8, showHidden: true })}`;
      for (const secret of [...h.secrets, ...also]) expect(everything, `"${secret}" in the error`).not.to.include(secret);
      expect(error.message.length).to.be.greaterThan(0).and.at.most(300);
    }

    describe('checkout', function () {
      it('opens a session with the amount, currency, description, URLs and our metadata on the session and its payment', async function () {
        const request = aCheckoutRequest();
        const session = await h.gateway.createCheckoutSession(request);
        expect(session.id).to.be.a('string').and.not.equal('');
        expect(session.url).to.match(/^https:\/\//);
        expect(session.expiresAt).to.be.instanceOf(Date);
        expect(session.expiresAt!.getTime()).to.be.greaterThan(Date.now());
        const [held, ...more] = await h.checkoutSessions();
        expect(more).to.have.length(0);
        expect(held!.id).to.equal(session.id);
        expect(held!.amountMinor).to.equal(12_345);
        expect(held!.currency).to.equal('USD');
        expect(held!.description).to.equal('Invoice INV-2026-000123');
        expect(held!.successUrl).to.equal(request.successUrl);
        expect(held!.cancelUrl).to.equal(request.cancelUrl);
        expect(held!.customerEmail).to.equal('ana.client@example.com');
        expect(held!.customerId).to.equal(null);
        const ours = { org_id: ORG, invoice_id: request.invoiceId!, purpose: 'invoice_balance' };
        expect(held!.metadata).to.include(ours);
        expect(held!.paymentMetadata).to.include(ours);
        expect(held!.metadata).not.to.have.property('booking_id');
      });

      it('a deposit names its booking; a known customer is used instead of the email', async function () {
        const customerId = await h.addCustomer({ orgId: ORG, clientId: randomUUID(), email: 'ana.client@example.com' });
        const request = aCheckoutRequest({ purpose: 'deposit', invoiceId: null, bookingId: randomUUID(), customerId, customerEmail: 'ana.client@example.com' });
        await h.gateway.createCheckoutSession(request);
        const [held] = await h.checkoutSessions();
        expect(held!.customerId).to.equal(customerId);
        expect(held!.customerEmail).to.equal(null);
        expect(held!.metadata).to.include({ org_id: ORG, booking_id: request.bookingId!, purpose: 'deposit' });
        expect(held!.paymentMetadata).to.include({ booking_id: request.bookingId!, purpose: 'deposit' });
      });

      it('the same idempotency key twice is the same session: one object at the processor', async function () {
        const request = aCheckoutRequest();
        const first = await h.gateway.createCheckoutSession(request);
        const second = await h.gateway.createCheckoutSession(request);
        expect(second.id).to.equal(first.id);
        expect(second.url).to.equal(first.url);
        expect(await h.checkoutSessions()).to.have.length(1);
        const other = await h.gateway.createCheckoutSession({ ...request, idempotencyKey: `checkout-${randomUUID()}` });
        expect(other.id).not.to.equal(first.id);
        expect(await h.checkoutSessions()).to.have.length(2);
      });

      it('the same key with another amount is refused, not a second session (a reused key is a bug, not a retry)', async function () {
        const request = aCheckoutRequest();
        await h.gateway.createCheckoutSession(request);
        const error = await failure(h.gateway.createCheckoutSession({ ...request, amountMinor: 99 }));
        expect(error.code).to.equal('payment.declined');
        expect(error.retryable).to.equal(false);
        expect(await h.checkoutSessions()).to.have.length(1);
      });

      for (const [currency, amountMinor] of [
        ['JPY', 5_000],
        ['BHD', 12_345],
        ['EUR', 1],
      ] as const) {
        it(`${currency} ${amountMinor} passes through unchanged as minor units`, async function () {
          await h.gateway.createCheckoutSession(aCheckoutRequest({ currency, amountMinor }));
          const [held] = await h.checkoutSessions();
          expect(held!.amountMinor).to.equal(amountMinor);
          expect(held!.currency).to.equal(currency);
        });
      }

      it('hostile description text is carried as text', async function () {
        const description = 'Invoice <script>alert(1)</script> & "quotes" — ✨ 清洁 \u202Egnp.exe';
        await h.gateway.createCheckoutSession(aCheckoutRequest({ description }));
        const [held] = await h.checkoutSessions();
        expect(held!.description).to.equal(description);
      });
    });

    describe('refunds', function () {
      it('refunds part of a payment; the same key again is the same refund; the payment shows what was refunded', async function () {
        const reference = await h.createPayment({ amountMinor: 10_000, currency: 'USD', status: 'succeeded' });
        const request = { orgId: ORG, paymentReference: reference, amountMinor: 2_500, currency: 'USD', idempotencyKey: `refund-${randomUUID()}` };
        const refund = await h.gateway.refund(request);
        expect(refund.status).to.equal('succeeded');
        expect(refund.amountMinor).to.equal(2_500);
        const again = await h.gateway.refund(request);
        expect(again.id).to.equal(refund.id);
        expect(await h.refundsOf(reference)).to.deep.equal([2_500]);
        const payment = await h.gateway.retrievePayment(reference);
        expect(payment!.amountMinor).to.equal(10_000);
        expect(payment!.amountRefundedMinor).to.equal(2_500);
      });

      it('refunding more than remains is declined, not retried, and nothing is refunded', async function () {
        const reference = await h.createPayment({ amountMinor: 1_000, currency: 'USD', status: 'succeeded' });
        const error = await failure(h.gateway.refund({ orgId: ORG, paymentReference: reference, amountMinor: 1_001, currency: 'USD', idempotencyKey: `refund-${randomUUID()}` }));
        expect(error.code).to.equal('payment.declined');
        expect(error.retryable).to.equal(false);
        expect(await h.refundsOf(reference)).to.deep.equal([]);
      });

      it('refunds a JPY payment in whole yen', async function () {
        const reference = await h.createPayment({ amountMinor: 5_000, currency: 'JPY', status: 'succeeded' });
        const refund = await h.gateway.refund({ orgId: ORG, paymentReference: reference, amountMinor: 5_000, currency: 'JPY', idempotencyKey: `refund-${randomUUID()}` });
        expect(refund.amountMinor).to.equal(5_000);
        expect((await h.gateway.retrievePayment(reference))!.amountRefundedMinor).to.equal(5_000);
      });
    });

    describe('customers', function () {
      for (const email of ['ana.client@example.com', null]) {
        it(`creates the client's customer once and finds it the second time (email ${email === null ? 'none' : 'given'})`, async function () {
          const request = { orgId: ORG, clientId: randomUUID(), name: 'Ana Client', email, idempotencyKey: `customer-${randomUUID()}` };
          const first = await h.gateway.ensureCustomer(request);
          const second = await h.gateway.ensureCustomer({ ...request, idempotencyKey: `customer-${randomUUID()}` });
          expect(second.id).to.equal(first.id);
          expect(await h.customerCount()).to.equal(1);
        });
      }

      it('finds a customer made elsewhere by our client id, and never another org’s customer of the same client id or email', async function () {
        const clientId = randomUUID();
        const theirs = await h.addCustomer({ orgId: OTHER_ORG, clientId, email: 'shared@example.com' });
        const ours = await h.addCustomer({ orgId: ORG, clientId, email: 'shared@example.com' });
        const found = await h.gateway.ensureCustomer({ orgId: ORG, clientId, name: 'Ana', email: 'shared@example.com', idempotencyKey: `customer-${randomUUID()}` });
        expect(found.id).to.equal(ours).and.not.equal(theirs);
        const other = await h.gateway.ensureCustomer({ orgId: ORG, clientId: randomUUID(), name: 'Bo', email: 'shared@example.com', idempotencyKey: `customer-${randomUUID()}` });
        expect([ours, theirs]).not.to.include(other.id);
        expect(await h.customerCount()).to.equal(3);
      });

      it('a client id with quotes cannot widen the search', async function () {
        const victim = await h.addCustomer({ orgId: OTHER_ORG, clientId: 'x', email: null });
        const found = await h.gateway.ensureCustomer({ orgId: ORG, clientId: "x' OR metadata['org_id']:'" + OTHER_ORG, name: 'Eve', email: null, idempotencyKey: `customer-${randomUUID()}` });
        expect(found.id).not.to.equal(victim);
      });
    });

    describe('retrieving payments', function () {
      it('is null for a payment the processor does not have', async function () {
        expect(await h.gateway.retrievePayment('pi_doesnotexist000000000000')).to.equal(null);
      });

      it('reads a succeeded payment with our metadata', async function () {
        const invoiceId = randomUUID();
        const reference = await h.createPayment({ amountMinor: 7_700, currency: 'BHD', status: 'succeeded', metadata: { org_id: ORG, invoice_id: invoiceId, purpose: 'invoice_balance' } });
        const payment = await h.gateway.retrievePayment(reference);
        expect(payment).to.deep.include({ reference, status: 'succeeded', amountMinor: 7_700, amountRefundedMinor: 0, currency: 'BHD', failureMessage: null });
        expect(payment!.metadata).to.deep.equal({ orgId: ORG, invoiceId, bookingId: null, purpose: 'invoice_balance' });
        expect(payment!.updatedAt).to.be.instanceOf(Date);
      });

      it('a failed payment carries a short decline message without card numbers or addresses', async function () {
        const message = `Your card 4242 4242 4242 4242 was declined for ana@example.com. ${'Please try another card. '.repeat(20)}`;
        const reference = await h.createPayment({ amountMinor: 500, currency: 'USD', status: 'failed', failureMessage: message });
        const payment = await h.gateway.retrievePayment(reference);
        expect(payment!.status).to.equal('failed');
        expect(payment!.failureMessage).to.be.a('string');
        expect(payment!.failureMessage!.length).to.be.at.most(200);
        expect(payment!.failureMessage).to.include('declined');
        expect(payment!.failureMessage).not.to.match(/4242/);
        expect(payment!.failureMessage).not.to.include('ana@example.com');
      });

      it('a processing payment is pending, a canceled one canceled', async function () {
        const processing = await h.createPayment({ amountMinor: 500, currency: 'USD', status: 'processing' });
        const canceled = await h.createPayment({ amountMinor: 500, currency: 'USD', status: 'canceled' });
        expect((await h.gateway.retrievePayment(processing))!.status).to.equal('pending');
        expect((await h.gateway.retrievePayment(canceled))!.status).to.equal('canceled');
      });
    });

    describe('webhooks', function () {
      const verify = (w: SignedWebhook, now = new Date()): PaymentEvent => h.gateway.verifyWebhook(w.body, w.header, now);

      it('checkout.session.completed: the session, its payment (succeeded, amount) and our metadata', async function () {
        const request = aCheckoutRequest({ amountMinor: 4_200, currency: 'EUR' });
        const session = await h.gateway.createCheckoutSession(request);
        const reference = await h.completeCheckout(session.id);
        const w = await h.webhook('checkout.session.completed', session.id);
        const event = verify(w);
        expect(event).to.deep.include({ id: w.id, type: 'checkout.session.completed', livemode: false, checkoutSessionId: session.id });
        expect(event.createdAt).to.be.instanceOf(Date);
        expect(event.metadata).to.deep.equal({ orgId: ORG, invoiceId: request.invoiceId, bookingId: null, purpose: 'invoice_balance' });
        expect(event.payment).to.deep.include({ reference, status: 'succeeded', amountMinor: 4_200, currency: 'EUR', amountRefundedMinor: 0 });
      });

      it('payment_intent.succeeded: the payment with the metadata set at checkout', async function () {
        const request = aCheckoutRequest({ purpose: 'deposit', invoiceId: null, bookingId: randomUUID(), amountMinor: 5_000, currency: 'JPY' });
        const session = await h.gateway.createCheckoutSession(request);
        const reference = await h.completeCheckout(session.id);
        const event = verify(await h.webhook('payment_intent.succeeded', reference));
        expect(event.type).to.equal('payment_intent.succeeded');
        expect(event.checkoutSessionId).to.equal(null);
        expect(event.metadata).to.deep.equal({ orgId: ORG, invoiceId: null, bookingId: request.bookingId, purpose: 'deposit' });
        expect(event.payment).to.deep.include({ reference, status: 'succeeded', amountMinor: 5_000, currency: 'JPY' });
        expect(event.payment!.metadata).to.deep.equal(event.metadata);
      });

      it('payment_intent.payment_failed: failed, with the sanitised decline message', async function () {
        const reference = await h.createPayment({ amountMinor: 900, currency: 'USD', status: 'failed', failureMessage: 'Your card was declined (card 4000 0000 0000 0002).', metadata: { org_id: ORG, purpose: 'deposit' } });
        const event = verify(await h.webhook('payment_intent.payment_failed', reference));
        expect(event.payment).to.deep.include({ reference, status: 'failed', amountMinor: 900 });
        expect(event.payment!.failureMessage).to.include('declined').and.not.match(/0000 0002|4000/);
        expect(event.metadata.orgId).to.equal(ORG);
      });

      it('charge.refunded: the payment with what was refunded of it', async function () {
        const reference = await h.createPayment({ amountMinor: 10_000, currency: 'USD', status: 'succeeded', metadata: { org_id: ORG, invoice_id: 'inv-1', purpose: 'invoice_balance' } });
        await h.gateway.refund({ orgId: ORG, paymentReference: reference, amountMinor: 4_000, currency: 'USD', idempotencyKey: `refund-${randomUUID()}` });
        const event = verify(await h.webhook('charge.refunded', reference));
        expect(event.payment).to.deep.include({ reference, status: 'succeeded', amountMinor: 10_000, amountRefundedMinor: 4_000, currency: 'USD' });
        expect(event.metadata).to.deep.include({ orgId: ORG, invoiceId: 'inv-1' });
      });

      it('invoice.payment_failed: our metadata, and the payment it names as failed', async function () {
        const reference = await h.createPayment({ amountMinor: 3_000, currency: 'USD', status: 'failed', failureMessage: 'Declined', metadata: { org_id: ORG, invoice_id: 'inv-2', purpose: 'invoice_balance' } });
        const event = verify(await h.webhook('invoice.payment_failed', reference));
        expect(event.type).to.equal('invoice.payment_failed');
        expect(event.metadata).to.deep.include({ orgId: ORG, invoiceId: 'inv-2' });
        expect(event.payment).to.deep.include({ reference, status: 'failed' });
      });

      it('a type the core does not handle is verified with no payment', async function () {
        const event = verify(await h.webhook('customer.created', null));
        expect(event.type).to.equal('customer.created');
        expect(event.payment).to.equal(null);
        expect(event.checkoutSessionId).to.equal(null);
      });

      it('one byte of the body changed is payment.webhook_invalid', async function () {
        const reference = await h.createPayment({ amountMinor: 100, currency: 'USD', status: 'succeeded' });
        const w = await h.webhook('payment_intent.succeeded', reference);
        const text = Buffer.from(w.body).toString('utf8');
        const at = text.indexOf('"amount": 100') >= 0 ? text.indexOf('"amount": 100') : text.indexOf('100');
        expect(at, 'the amount in the body').to.be.greaterThan(0);
        const tampered = Buffer.from(w.body);
        tampered[at + text.slice(at).indexOf('1')] = '9'.charCodeAt(0);
        const error = thrown(() => h.gateway.verifyWebhook(tampered, w.header, new Date()));
        expect(error.code).to.equal('payment.webhook_invalid');
        expectNothingLeaks(error);
      });

      it('a re-serialised body (same JSON, other bytes) is refused: verification is over the raw bytes', async function () {
        const w = await h.webhook('customer.created', null);
        const reserialised = Buffer.from(JSON.stringify(JSON.parse(Buffer.from(w.body).toString('utf8'))));
        expect(Buffer.compare(reserialised, Buffer.from(w.body))).not.to.equal(0);
        expect(thrown(() => h.gateway.verifyWebhook(reserialised, w.header, new Date())).code).to.equal('payment.webhook_invalid');
      });

      it('a signature 301 s old is refused; 299 s old is accepted (the tolerance is against `now`)', async function () {
        const now = new Date();
        const old = await h.webhook('customer.created', null, { signedAt: new Date(now.getTime() - 301_000) });
        expect(thrown(() => verify(old, now)).code).to.equal('payment.webhook_invalid');
        const recent = await h.webhook('customer.created', null, { signedAt: new Date(now.getTime() - 299_000) });
        expect(verify(recent, now).type).to.equal('customer.created');
        // The same old header against an earlier `now` passes: the clock given is the one used.
        expect(verify(old, new Date(now.getTime() - 2_000)).type).to.equal('customer.created');
      });

      it('a signature made with another secret, an empty or a garbage header is refused', async function () {
        const w = await h.webhook('customer.created', null, { wrongSecret: true });
        expect(thrown(() => verify(w)).code).to.equal('payment.webhook_invalid');
        const good = await h.webhook('customer.created', null);
        for (const header of ['', 'garbage', 't=1,v1=00', `${good.header.replace(/v1=[0-9a-f]+/, 'v1=' + '0'.repeat(64))}`]) {
          const error = thrown(() => h.gateway.verifyWebhook(good.body, header, new Date()));
          expect(error.code, header).to.equal('payment.webhook_invalid');
          expectNothingLeaks(error);
        }
      });
    });

    describe('errors', function () {
      it('a refusal (402) is payment.declined, not retryable, sent once, and its message carries no card number or secret', async function () {
        h.failNext('declined');
        const before = h.requestCount();
        const error = await failure(h.gateway.createCheckoutSession(aCheckoutRequest()));
        expect(error.code).to.equal('payment.declined');
        expect(error.retryable).to.equal(false);
        expect(h.requestCount() - before).to.equal(1);
        expectNothingLeaks(error, '4242424242424242', '4242 4242 4242 4242');
      });

      it('a server error (500) is retried by the client with the same key, then payment.unavailable, retryable', async function () {
        h.failNext('server_error', h.networkRetries + 1);
        const before = h.requestCount();
        const error = await failure(h.gateway.refund({ orgId: ORG, paymentReference: 'pi_x', amountMinor: 1, currency: 'USD', idempotencyKey: `refund-${randomUUID()}` }));
        expect(error.code).to.equal('payment.unavailable');
        expect(error.retryable).to.equal(true);
        expect(h.requestCount() - before).to.equal(h.networkRetries + 1);
        expectNothingLeaks(error);
      });

      it('a server error that clears within the client’s retries is not seen, and makes one object', async function () {
        h.failNext('server_error', h.networkRetries);
        const session = await h.gateway.createCheckoutSession(aCheckoutRequest());
        expect((await h.checkoutSessions()).map((s) => s.id)).to.deep.equal([session.id]);
      });

      it('rate limiting (429) is payment.unavailable, retryable', async function () {
        h.failNext('rate_limited', h.networkRetries + 1);
        const error = await failure(h.gateway.ensureCustomer({ orgId: ORG, clientId: randomUUID(), name: 'Ana', email: null, idempotencyKey: `customer-${randomUUID()}` }));
        expect(error.code).to.equal('payment.unavailable');
        expect(error.retryable).to.equal(true);
      });

      it('our key refused (401) is payment.unavailable, retryable, and says the key was refused without showing it', async function () {
        h.failNext('key_refused', h.networkRetries + 1);
        const error = await failure(h.gateway.retrievePayment('pi_anything'));
        expect(error.code).to.equal('payment.unavailable');
        expect(error.retryable).to.equal(true);
        expect(error.message.toLowerCase()).to.include('key');
        expectNothingLeaks(error);
      });
    });
  });
}
