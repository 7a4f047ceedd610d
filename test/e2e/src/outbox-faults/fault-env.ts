/**
 * The environment of every process a fault test runs against one scratch database: the job
 * hosts and API children it starts and its own in-process runtimes. They share the secrets (a
 * message sealed by one opens in another, as API and job hosts do in production) and mail
 * through the fake SendGrid at `sendgridBaseUrl` (http is allowed for loopback only).
 */
import { randomBytes } from 'node:crypto';
import { testEnv } from '../api-harness.js';

/** One set per test process: children started later open what earlier ones sealed. */
const SECRETS = {
  AUTH_SECRET_KEY: randomBytes(32).toString('base64url'),
  CLIENT_PORTAL_SECRET: randomBytes(32).toString('base64url'),
  WORKER_PORTAL_SECRET: randomBytes(32).toString('base64url'),
  MFA_SECRET_KEY: randomBytes(32).toString('base64url'),
};

export interface FaultSink {
  readonly baseUrl: string;
  readonly apiKey: string;
}

export function faultEnv(databaseUrl: string, sink: FaultSink | null, extra: Record<string, string> = {}): Record<string, string> {
  return testEnv(databaseUrl, {
    ...SECRETS,
    ...(sink === null
      ? { EMAIL_MODE: 'off' }
      : { EMAIL_MODE: 'sendgrid', SENDGRID_BASE_URL: sink.baseUrl, SENDGRID_API_KEY: sink.apiKey, EMAIL_FROM: 'bookings@faults.example.com' }),
    // The shortest lease the configuration takes: a killed host's batch is sent again 30 s later.
    OUTBOX_LEASE_SECONDS: '30',
    JOBS_HTTP_PORT: '0',
    ...extra,
  });
}
