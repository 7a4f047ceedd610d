import { expect } from 'chai';
import { ENV_SCHEMA, REDACTED, describeConfig } from '../../src/config/index.js';
import { PROD_SECRETS, load, validProdEnv } from './config-test-helpers.js';

const SECRET_NAMES = ENV_SCHEMA.filter((spec) => spec.secret).map((spec) => spec.name);

/** Every secret variable set to a value that is easy to spot if it leaks. */
function prodEnvWithEverySecret() {
  return {
    ...validProdEnv(),
    DISPATCHER_BASIC_USERNAME: 'dispatch-desk',
    DISPATCHER_BASIC_PASSWORD: 'Leak-Dispatcher-Pw-7',
    ACCOUNTANT_BASIC_USERNAME: 'books',
    ACCOUNTANT_BASIC_PASSWORD: 'Leak-Accountant-Pw-7',
    VIEWER_BASIC_USERNAME: 'watcher',
    VIEWER_BASIC_PASSWORD: 'Leak-Viewer-Pw-77',
    REDIS_URL: 'redis://:LeakRedisPw7@cache:6379/0',
    DATABASE_OWNER_URL: 'postgres://postgres:LeakOwnerPw7@db:5432/cleaning',
    JOBS_BACKEND: 'mongo',
    MONGODB_URL: 'mongodb://jobs:LeakMongoPw7@mongo:27017/jobs',
    BETTER_STACK_HEARTBEAT_URL: 'https://uptime.betterstack.com/api/v1/heartbeat/LeakHeartbeatToken7',
    EMAIL_MODE: 'smtp',
    EMAIL_FROM: 'bookings@cleanco.io',
    SENDGRID_API_KEY: 'SG.LeakSendgridKey7',
    SMTP_HOST: 'smtp.cleanco.io',
    SMTP_USER: 'mailer',
    SMTP_PASSWORD: 'Leak-Smtp-Pw-77',
    SMS_MODE: 'twilio',
    TWILIO_ACCOUNT_SID: 'AC0123456789',
    TWILIO_AUTH_TOKEN: 'LeakTwilioToken7',
    TWILIO_FROM: '+15005550006',
    WEBHOOK_SIGNING_SECRET: 'LeakWebhookSigningKey7-0123456789abcdefXYZ',
    STRIPE_SECRET_KEY: 'sk_live_LeakStripeKey7',
    STRIPE_WEBHOOK_SECRET: 'whsec_LeakStripeWebhook7',
  };
}

describe('config: describeConfig', () => {
  it('lists every variable of the schema by name', () => {
    const snapshot = describeConfig(load({}));
    expect(Object.keys(snapshot).sort()).to.deep.equal(ENV_SCHEMA.map((spec) => spec.name).sort());
  });

  it('shows non-secret settings with their values', () => {
    const snapshot = describeConfig(load(validProdEnv()));
    expect(snapshot).to.deep.include({
      APP_ENV: 'prod',
      PORT: 8000,
      HTTP_BODY_LIMIT_KB: 1024,
      STRICT_CORS: true,
      CORS_ORIGINS: ['https://app.cleanco.io'],
      ADMIN_BASIC_USERNAME: 'ops-admin',
      LEGACY_BASIC_AUTH_ENABLED: false,
      DISPATCHER_BASIC_USERNAME: null,
    });
  });

  it('redacts every secret: no secret value appears anywhere in the snapshot', () => {
    const env = prodEnvWithEverySecret();
    const snapshot = describeConfig(load(env));
    expect(SECRET_NAMES.length).to.be.greaterThan(8);
    for (const name of SECRET_NAMES) {
      expect(snapshot[name], name).to.equal(REDACTED);
    }
    const text = JSON.stringify(snapshot);
    const secretValues = SECRET_NAMES.map((name) => (env as Record<string, string | undefined>)[name]);
    for (const value of secretValues) {
      expect(value, 'fixture sets every secret').to.be.a('string');
      expect(text).not.to.include(value);
    }
    for (const value of Object.values(PROD_SECRETS)) expect(text).not.to.include(value);
  });

  it('redacts the dev placeholders too, and shows unset secrets as null', () => {
    const config = load({});
    const snapshot = describeConfig(config);
    expect(snapshot['AUTH_SECRET_KEY']).to.equal(REDACTED);
    expect(JSON.stringify(snapshot)).not.to.include(config.auth.secretKey);
    expect(snapshot['METRICS_TOKEN']).to.equal(null);
    expect(snapshot['ADMIN_BASIC_PASSWORD']).to.equal(null);
  });
});
