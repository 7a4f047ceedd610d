import { expect } from 'chai';
import { describeConfig, REDACTED } from '../../src/config/index.js';
import { load, problemsOf, validProdEnv, variablesOf } from './config-test-helpers.js';

const prod = (changes: Record<string, string>) => ({ ...validProdEnv(), ...changes });
const KEYS = { STRIPE_SECRET_KEY: 'sk_test_51HqLw2Kd9Zr8Vb3Nm6Pq1Xy4Tc7Fg0Js', STRIPE_WEBHOOK_SECRET: 'whsec_Q8mZ2vLr5Tx9Kc3Wn7Bp1Hd4Gf6Ys0Ja' };

describe('config: Stripe', () => {
  it('is off by default, with the circuit defaults', () => {
    expect(load({}).stripe).to.deep.equal({
      secretKey: null,
      webhookSecret: null,
      successUrl: null,
      cancelUrl: null,
      billingPortalReturnUrl: null,
      apiBaseUrl: null,
      circuitFailureThreshold: 5,
      circuitResetSeconds: 30,
    });
  });

  it('reads every setting', () => {
    const config = load({
      ...KEYS,
      STRIPE_SUCCESS_URL: 'https://portal.example.com/pay/ok?session={CHECKOUT_SESSION_ID}',
      STRIPE_CANCEL_URL: 'https://portal.example.com/pay/cancel',
      STRIPE_BILLING_PORTAL_RETURN_URL: 'https://portal.example.com/billing',
      STRIPE_CIRCUIT_FAILURE_THRESHOLD: '3',
      STRIPE_CIRCUIT_RESET_SECONDS: '10',
    });
    expect(config.stripe).to.deep.include({ secretKey: KEYS.STRIPE_SECRET_KEY, webhookSecret: KEYS.STRIPE_WEBHOOK_SECRET, circuitFailureThreshold: 3, circuitResetSeconds: 10 });
    expect(config.stripe.successUrl).to.include('{CHECKOUT_SESSION_ID}');
  });

  it('a secret key without a webhook secret is an error (no payment could ever be verified), and the reverse too', () => {
    expect(variablesOf(problemsOf({ STRIPE_SECRET_KEY: KEYS.STRIPE_SECRET_KEY }))).to.deep.equal(['STRIPE_WEBHOOK_SECRET']);
    expect(variablesOf(problemsOf({ STRIPE_WEBHOOK_SECRET: KEYS.STRIPE_WEBHOOK_SECRET }))).to.deep.equal(['STRIPE_SECRET_KEY']);
  });

  it('refuses a publishable key and values of the wrong shape', () => {
    const problems = problemsOf({ STRIPE_SECRET_KEY: 'pk_live_51HqLw2Kd9Zr8Vb3Nm6Pq1Xy4', STRIPE_WEBHOOK_SECRET: 'Q8mZ2vLr5Tx9' });
    expect(variablesOf(problems)).to.deep.equal(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);
    expect(problems[0]!.message).to.include('publishable');
    // The values themselves are never echoed.
    expect(JSON.stringify(problems)).not.to.include('51HqLw2Kd9Zr8Vb3Nm6Pq1Xy4');
    expect(load({ ...KEYS, STRIPE_SECRET_KEY: 'rk_live_51HqLw2Kd9Zr8Vb3Nm6Pq1Xy4' }).stripe.secretKey).to.match(/^rk_live_/);
  });

  it('bounds the circuit settings', () => {
    expect(variablesOf(problemsOf({ STRIPE_CIRCUIT_FAILURE_THRESHOLD: '0' }))).to.deep.equal(['STRIPE_CIRCUIT_FAILURE_THRESHOLD']);
    expect(variablesOf(problemsOf({ STRIPE_CIRCUIT_RESET_SECONDS: 'soon' }))).to.deep.equal(['STRIPE_CIRCUIT_RESET_SECONDS']);
  });

  it('sends the key over http only to a loopback address (tests), never elsewhere', () => {
    expect(load({ ...KEYS, STRIPE_API_BASE_URL: 'http://127.0.0.1:12111' }).stripe.apiBaseUrl).to.match(/^http:\/\/127\.0\.0\.1:12111/);
    expect(variablesOf(problemsOf({ ...KEYS, STRIPE_API_BASE_URL: 'http://stripe.example.com' }))).to.deep.equal(['STRIPE_API_BASE_URL']);
    expect(variablesOf(problemsOf({ ...KEYS, STRIPE_API_BASE_URL: 'ftp://127.0.0.1' }))).to.deep.equal(['STRIPE_API_BASE_URL']);
  });

  it('with APP_ENV=prod accepts real-looking keys, test-mode keys included', () => {
    expect(load(prod({ ...KEYS, STRIPE_SUCCESS_URL: 'https://portal.example.com/ok' })).stripe.secretKey).to.equal(KEYS.STRIPE_SECRET_KEY);
  });

  it("with APP_ENV=prod refuses the guides' placeholders (sk_live_xxx, whsec_xxx)", () => {
    expect(variablesOf(problemsOf(prod({ STRIPE_SECRET_KEY: 'sk_live_xxx', STRIPE_WEBHOOK_SECRET: 'whsec_xxx' })))).to.deep.equal(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);
    expect(variablesOf(problemsOf(prod({ ...KEYS, STRIPE_SECRET_KEY: 'sk_live_xxxxxxxx' })))).to.deep.equal(['STRIPE_SECRET_KEY']);
    expect(variablesOf(problemsOf(prod({ ...KEYS, STRIPE_WEBHOOK_SECRET: 'whsec_changeme' })))).to.deep.equal(['STRIPE_WEBHOOK_SECRET']);
    // Outside prod a placeholder is only the developer's business.
    expect(load({ STRIPE_SECRET_KEY: 'sk_test_xxx', STRIPE_WEBHOOK_SECRET: 'whsec_xxx' }).stripe.secretKey).to.equal('sk_test_xxx');
  });

  it('with APP_ENV=prod refuses a mock API base URL and http return URLs', () => {
    expect(variablesOf(problemsOf(prod({ ...KEYS, STRIPE_API_BASE_URL: 'http://127.0.0.1:12111' })))).to.deep.equal(['STRIPE_API_BASE_URL']);
    expect(variablesOf(problemsOf(prod({ ...KEYS, STRIPE_SUCCESS_URL: 'http://portal.example.com/ok', STRIPE_CANCEL_URL: 'http://portal.example.com/no' })))).to.deep.equal(['STRIPE_SUCCESS_URL', 'STRIPE_CANCEL_URL']);
  });

  it('the config viewer redacts the key and the webhook secret', () => {
    const described = describeConfig(load({ ...KEYS, STRIPE_CANCEL_URL: 'https://portal.example.com/no' })) as Record<string, unknown>;
    const flat = JSON.stringify(described);
    expect(flat).not.to.include(KEYS.STRIPE_SECRET_KEY).and.not.to.include(KEYS.STRIPE_WEBHOOK_SECRET);
    expect(flat).to.include(REDACTED).and.to.include('https://portal.example.com/no');
  });
});
