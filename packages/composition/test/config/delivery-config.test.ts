import { expect } from 'chai';
import { load, problemsOf, validProdEnv, variablesOf } from './config-test-helpers.js';

const prod = (changes: Record<string, string>) => ({ ...validProdEnv(), ...changes });

describe('config: mail, texts and the outbox', () => {
  it('needs EMAIL_FROM and the provider settings of the chosen mail mode, in every APP_ENV', () => {
    expect(variablesOf(problemsOf({ EMAIL_MODE: 'sendgrid' }))).to.deep.equal(['EMAIL_FROM', 'SENDGRID_API_KEY']);
    expect(variablesOf(problemsOf({ EMAIL_MODE: 'smtp' }))).to.deep.equal(['EMAIL_FROM', 'SMTP_HOST']);
    expect(variablesOf(problemsOf({ EMAIL_MODE: 'smtp', EMAIL_FROM: 'a@example.com', SMTP_HOST: 'smtp.example.com', SMTP_USER: 'u' }))).to.deep.equal(['SMTP_PASSWORD']);
    const config = load({ EMAIL_MODE: 'smtp', EMAIL_FROM: 'a@example.com', SMTP_HOST: 'smtp.example.com' });
    expect(config.email).to.deep.include({ mode: 'smtp', from: 'a@example.com' });
    expect(config.email.smtp).to.deep.equal({ host: 'smtp.example.com', port: 587, user: null, password: null, secure: false });
  });

  it('refuses an unknown mode', () => {
    expect(variablesOf(problemsOf({ EMAIL_MODE: 'mailgun' }))).to.deep.equal(['EMAIL_MODE']);
    expect(variablesOf(problemsOf({ SMS_MODE: 'on' }))).to.deep.equal(['SMS_MODE']);
  });

  it('needs the three Twilio settings for SMS_MODE=twilio', () => {
    expect(variablesOf(problemsOf({ SMS_MODE: 'twilio' }))).to.deep.equal(['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM']);
  });

  it('sends the SendGrid key over http only to a loopback address (tests), never elsewhere', () => {
    const base = { EMAIL_MODE: 'sendgrid', EMAIL_FROM: 'a@example.com', SENDGRID_API_KEY: 'SG.key' };
    expect(load({ ...base, SENDGRID_BASE_URL: 'http://127.0.0.1:9999' }).email.sendgridBaseUrl).to.equal('http://127.0.0.1:9999');
    expect(variablesOf(problemsOf({ ...base, SENDGRID_BASE_URL: 'http://sendgrid.example.com' }))).to.deep.equal(['SENDGRID_BASE_URL']);
    expect(load(base).email.sendgridBaseUrl).to.equal('https://api.sendgrid.com');
  });

  it('has outbox defaults that reach past 3 days, within bounds', () => {
    const config = load({});
    expect(config.outbox).to.deep.equal({ webhookSigningSecret: null, baseBackoffSeconds: 60, maxAttempts: 25, batchSize: 50, leaseSeconds: 120 });
    expect(variablesOf(problemsOf({ OUTBOX_MAX_ATTEMPTS: '0' }))).to.deep.equal(['OUTBOX_MAX_ATTEMPTS']);
    expect(variablesOf(problemsOf({ OUTBOX_LEASE_SECONDS: '5' }))).to.deep.equal(['OUTBOX_LEASE_SECONDS']);
  });

  it('with APP_ENV=prod refuses the log modes (they write links and phone numbers to the log)', () => {
    expect(variablesOf(problemsOf(prod({ EMAIL_MODE: 'log' })))).to.deep.equal(['EMAIL_MODE']);
    expect(variablesOf(problemsOf(prod({ SMS_MODE: 'log' })))).to.deep.equal(['SMS_MODE']);
  });

  it('with APP_ENV=prod holds WEBHOOK_SIGNING_SECRET, when set, to the signing-secret rules', () => {
    expect(load(prod({})).outbox.webhookSigningSecret).to.equal(null);
    expect(variablesOf(problemsOf(prod({ WEBHOOK_SIGNING_SECRET: 'short' })))).to.deep.equal(['WEBHOOK_SIGNING_SECRET']);
    expect(variablesOf(problemsOf(prod({ WEBHOOK_SIGNING_SECRET: validProdEnv().AUTH_SECRET_KEY! })))).to.deep.equal(['WEBHOOK_SIGNING_SECRET']);
    expect(load(prod({ WEBHOOK_SIGNING_SECRET: 'b7Xq2mNc9Lp4Rt8Vw1Zy6Hd3Kf5Gj0Sa' })).outbox.webhookSigningSecret).to.have.length(32);
  });
});
