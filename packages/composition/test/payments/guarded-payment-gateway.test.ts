import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { isAppError, type AppError } from '@cws/core';
import { StripePaymentGateway } from '@cws/adapter-payments-stripe';
import { aCheckoutRequest } from '@cws/contract-tests';
import { startFakeStripeServer, type FakeStripeServer } from '@cws/test-support';
import { GuardedPaymentGateway, type PaymentGuardSettings } from '../../src/payments/guarded-payment-gateway.js';
import { createRuntime, loadConfig } from '../../src/index.js';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(isAppError(error), String(error)).to.equal(true);
    return error as AppError;
  }
  return expect.fail('the call succeeded');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GuardedPaymentGateway (retry and circuit breaker around the Stripe adapter)', function () {
  let peer: FakeStripeServer;

  beforeEach(async function () {
    peer = await startFakeStripeServer();
  });
  afterEach(async function () {
    await peer.close();
  });

  /** The SDK's own retries off, so every request here is one the guard made. */
  const guarded = (settings: Partial<PaymentGuardSettings> = {}) =>
    new GuardedPaymentGateway(new StripePaymentGateway({ secretKey: peer.secretKey, webhookSecret: peer.webhookSecret, apiBaseUrl: peer.baseUrl, maxNetworkRetries: 0, timeoutMs: 1_000 }), {
      failures: 3,
      halfOpenAfterMs: 300,
      retries: 0,
      initialDelayMs: 5,
      maxDelayMs: 20,
      ...settings,
    });

  it('is named payments:stripe and starts closed', function () {
    expect(guarded().status()).to.deep.equal({ name: 'payments:stripe', state: 'closed', level: 0 });
  });

  it('opens after N consecutive retryable failures, then fails fast without calling Stripe', async function () {
    const gateway = guarded();
    peer.failNext({ status: 500 }, { status: 503 }, { status: 429 });
    for (let i = 0; i < 3; i += 1) expect((await failure(gateway.retrievePayment('pi_x'))).code).to.equal('payment.unavailable');
    expect(gateway.status()).to.deep.include({ state: 'open', level: 2 });
    const before = peer.requests.length;
    const error = await failure(gateway.createCheckoutSession(aCheckoutRequest()));
    expect(error.code).to.equal('payment.unavailable');
    expect(error.retryable).to.equal(true);
    expect(error.message).to.include('payments:stripe').and.include('circuit breaker is open');
    expect(peer.requests.length, 'no request while open').to.equal(before);
    expect(peer.checkoutSessions).to.have.length(0);
  });

  it('a refused key counts too (calls fail fast instead of hammering Stripe with it)', async function () {
    const gateway = guarded();
    peer.failNext({ status: 401 }, { status: 401 }, { status: 401 });
    for (let i = 0; i < 3; i += 1) await failure(gateway.retrievePayment('pi_x'));
    expect(gateway.status().state).to.equal('open');
  });

  it('permanent declines neither count nor are retried', async function () {
    const gateway = guarded({ retries: 2 });
    peer.failNext(...Array.from({ length: 5 }, () => ({ status: 402 })));
    for (let i = 0; i < 5; i += 1) {
      const error = await failure(gateway.createCheckoutSession(aCheckoutRequest()));
      expect(error.code).to.equal('payment.declined');
      expect(error.retryable).to.equal(false);
    }
    expect(peer.requests).to.have.length(5);
    expect(gateway.status().state).to.equal('closed');
  });

  it('retries a retryable failure with the same idempotency key: one session at Stripe', async function () {
    const gateway = guarded({ retries: 2 });
    peer.failNext({ status: 500 }, { status: 502 });
    const request = aCheckoutRequest();
    const session = await gateway.createCheckoutSession(request);
    expect(peer.requests.map((r) => r.idempotencyKey)).to.deep.equal([request.idempotencyKey, request.idempotencyKey, request.idempotencyKey]);
    expect(peer.checkoutSessions.map((s) => s.id)).to.deep.equal([session.id]);
    expect(gateway.status().state).to.equal('closed');
  });

  it('each retry attempt counts: one call retried past the threshold opens the circuit', async function () {
    const gateway = guarded({ retries: 5 });
    peer.failNext(...Array.from({ length: 10 }, () => ({ status: 500 })));
    const error = await failure(gateway.refund({ orgId: randomUUID(), paymentReference: 'pi_x', amountMinor: 100, currency: 'USD', idempotencyKey: randomUUID() }));
    expect(error.code).to.equal('payment.unavailable');
    // Three attempts opened it; the fourth found it open and was not sent.
    expect(peer.requests).to.have.length(3);
    expect(gateway.status().state).to.equal('open');
  });

  it('after the reset time one trial call closes it again', async function () {
    const gateway = guarded();
    peer.failNext({ status: 500 }, { status: 500 }, { status: 500 });
    for (let i = 0; i < 3; i += 1) await failure(gateway.retrievePayment('pi_x'));
    expect(gateway.status().state).to.equal('open');
    await sleep(350);
    expect(await gateway.retrievePayment('pi_missing')).to.equal(null);
    expect(gateway.status().state).to.equal('closed');
  });

  it('verifies webhooks even while the circuit is open (a local check, not a call)', async function () {
    const gateway = guarded();
    peer.failNext({ status: 500 }, { status: 500 }, { status: 500 });
    for (let i = 0; i < 3; i += 1) await failure(gateway.retrievePayment('pi_x'));
    const signed = peer.signedEvent('customer.created', { id: 'cus_1', object: 'customer', metadata: {} });
    expect(gateway.verifyWebhook(Buffer.from(signed.payload), signed.header, new Date()).type).to.equal('customer.created');
  });
});

describe('runtime: the payment gateway from configuration', function () {
  let peer: FakeStripeServer;

  beforeEach(async function () {
    peer = await startFakeStripeServer();
  });
  afterEach(async function () {
    await peer.close();
  });

  it('reports payments:stripe with the message channels’ breakers when STRIPE_SECRET_KEY is set', async function () {
    const config = loadConfig(
      { APP_ENV: 'test', STRIPE_SECRET_KEY: peer.secretKey, STRIPE_WEBHOOK_SECRET: peer.webhookSecret, STRIPE_API_BASE_URL: peer.baseUrl, STRIPE_CIRCUIT_FAILURE_THRESHOLD: '2' },
      { dotenvPath: null },
    );
    const runtime = await createRuntime(config, { storage: 'memory' });
    try {
      expect(runtime.outbox.breakers().filter((b) => b.name.startsWith('payments:'))).to.deep.equal([{ name: 'payments:stripe', state: 'closed', level: 0 }]);
    } finally {
      await runtime.close();
    }
  });

  it('has no payment breaker without STRIPE_SECRET_KEY', async function () {
    const runtime = await createRuntime(loadConfig({ APP_ENV: 'test' }, { dotenvPath: null }), { storage: 'memory' });
    try {
      expect(runtime.outbox.breakers().map((b) => b.name)).not.to.include('payments:stripe');
    } finally {
      await runtime.close();
    }
  });
});
