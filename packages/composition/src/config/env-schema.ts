/**
 * The one table of every environment variable the project reads. The loader parses from it,
 * the config viewer redacts from it, and `.env.example` is generated from it, so a variable
 * added here is validated, documented and redacted in one place. Names are the operations
 * guides' names: operators who know the guides must find what they describe.
 */
import { hostname } from 'node:os';

export const APP_ENVS = ['dev', 'test', 'prod'] as const;
export type AppEnv = (typeof APP_ENVS)[number];

export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const JOBS_BACKENDS = ['postgres', 'mongo'] as const;
/** `off`: nothing is sent (invitations stay pending); `log`: messages, links included, go to the log (dev only); sendgrid or smtp deliver. */
export const EMAIL_MODES = ['off', 'log', 'sendgrid', 'smtp'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];
/** `off`: nothing is texted; `log`: texts go to the log (dev only); `twilio` delivers. */
export const SMS_MODES = ['off', 'log', 'twilio'] as const;
export type SmsMode = (typeof SMS_MODES)[number];
export type JobsBackend = (typeof JOBS_BACKENDS)[number];

/** Sections of `.env.example`, in the order they are written. */
export const ENV_GROUPS = ['App', 'HTTP', 'Database', 'Auth', 'Email', 'SMS', 'Outbox', 'Stripe', 'Rate limits', 'Metrics', 'Jobs', 'Scheduling', 'Feature flags', 'Demo'] as const;
export type EnvGroup = (typeof ENV_GROUPS)[number];

/** How a raw string becomes a value. Lists are comma-separated; items are trimmed, empty items dropped. */
export type EnvKind =
  | { readonly kind: 'string' }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'bool' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'url'; readonly protocols: readonly string[] }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'csv'; readonly item: 'text' | 'origin' | 'ip' }
  | { readonly kind: 'cidrList' };

/** A fixed default, or one that depends on APP_ENV (undefined = no default in that mode). */
export type EnvDefault = string | ((appEnv: AppEnv) => string | undefined);

export interface EnvVarSpec {
  readonly name: string;
  readonly group: EnvGroup;
  /** One line: what it does, and the fix when it is wrong. */
  readonly description: string;
  readonly type: EnvKind;
  /** Secret values are never echoed: not in errors, not in the config viewer, not in `.env.example`. */
  readonly secret: boolean;
  readonly default?: EnvDefault;
  /** Words for the default where evaluating it would mislead (hostname, placeholders). */
  readonly defaultDoc?: string;
  /** Older names read only when `name` is unset. */
  readonly aliases?: readonly string[];
  /** Value shown in `.env.example` (commented out unless `setInExample`). */
  readonly example?: string;
  /** Write `NAME=value` live in `.env.example`: a sensible dev value. */
  readonly setInExample?: boolean;
}

const DEV_PLACEHOLDER_PREFIX = 'dev-only-insecure-placeholder-';

/**
 * The fixed dev/test value older versions defaulted a signing secret to. Nothing defaults to it
 * any more (dev/test secrets are generated, see dev-secrets.ts); prod still rejects it, since it
 * may sit in an old `.env`.
 */
export function devPlaceholderSecret(name: string): string {
  return `${DEV_PLACEHOLDER_PREFIX}${name.toLowerCase().replaceAll('_', '-')}`;
}

export function isDevPlaceholderSecret(value: string): boolean {
  return value.startsWith(DEV_PLACEHOLDER_PREFIX);
}

const str = () => ({ kind: 'string' }) as const;
const int = <Min extends number, Max extends number>(min: Min, max: Max) => ({ kind: 'int', min, max }) as const;
const bool = () => ({ kind: 'bool' }) as const;
const oneOf = <const V extends readonly string[]>(values: V) => ({ kind: 'enum', values }) as const;
const url = <const P extends readonly string[]>(...protocols: P) => ({ kind: 'url', protocols }) as const;
const uuid = () => ({ kind: 'uuid' }) as const;
const csv = <I extends 'text' | 'origin' | 'ip'>(item: I) => ({ kind: 'csv', item }) as const;
const cidrs = () => ({ kind: 'cidrList' }) as const;

const DEV_SECRET_DOC = 'dev/test: generated at random (npm start and the commands keep it in dev-secrets.json next to EMBEDDED_DATA_DIR); prod: none (required)';

export const ENV_SCHEMA = [
  // --- App ---
  {
    name: 'APP_ENV', group: 'App', type: oneOf(APP_ENVS), secret: false, default: 'dev', setInExample: true,
    description: 'Deployment mode: dev, test or prod; prod turns on the fail-fast checks. Fix: use exactly one of dev, test, prod.',
  },
  {
    name: 'LOG_LEVEL', group: 'App', type: oneOf(LOG_LEVELS), secret: false, default: 'INFO', setInExample: true,
    description: 'Lowest log level written. Fix: use one of DEBUG, INFO, WARNING, ERROR.',
  },
  {
    name: 'TESTING', group: 'App', type: bool(), secret: false, default: 'false',
    description: 'Turns on test overrides (e.g. the X-Test-Org header) even outside dev; rejected in prod. Fix: unset it outside test runs.',
  },

  // --- HTTP ---
  {
    name: 'HOST', group: 'HTTP', type: str(), secret: false, default: '127.0.0.1', setInExample: true,
    description: 'Interface the HTTP host binds to. Fix: use 0.0.0.0 inside a container, 127.0.0.1 on a laptop.',
  },
  {
    name: 'PORT', group: 'HTTP', type: int(1, 65535), secret: false, default: '8000', setInExample: true,
    description: 'TCP port of the HTTP host. Fix: a whole number from 1 to 65535 that no other process uses.',
  },
  {
    name: 'HTTP_BODY_LIMIT_KB', group: 'HTTP', type: int(1, 102_400), secret: false, default: '1024',
    description: 'Largest accepted JSON/form request body, in KiB; bigger bodies get 413. Fix: raise it only if legitimate requests are refused.',
  },
  {
    name: 'HTTP_HEADERS_TIMEOUT_MS', group: 'HTTP', type: int(100, 600_000), secret: false, default: '10000',
    description: 'Longest wait for a request\'s complete headers, in ms; slower clients get 408 and are disconnected (slow-loris defence). Fix: keep it at most HTTP_REQUEST_TIMEOUT_MS; raise it only for very slow links.',
  },
  {
    name: 'HTTP_REQUEST_TIMEOUT_MS', group: 'HTTP', type: int(100, 3_600_000), secret: false, default: '30000',
    description: 'Longest time to receive a whole request (headers and body), in ms, before 408 and disconnect. Fix: at least HTTP_HEADERS_TIMEOUT_MS; raise it if large uploads on slow links are cut.',
  },
  {
    name: 'HTTP_KEEP_ALIVE_TIMEOUT_MS', group: 'HTTP', type: int(100, 3_600_000), secret: false, default: '65000',
    description: 'How long an idle keep-alive connection stays open, in ms; above the usual proxy idle timeout (60 s) so the proxy closes first. Fix: keep it longer than the idle timeout of the proxy in front.',
  },
  {
    name: 'HTTP_MAX_CONNECTIONS', group: 'HTTP', type: int(1, 1_000_000), secret: false, default: '1000',
    description: 'Most client connections the HTTP host holds at once; further connections are closed at once. Fix: raise it (and the process file limit, ulimit -n) if legitimate clients are refused.',
  },
  {
    name: 'STRICT_CORS', group: 'HTTP', type: bool(), secret: false, default: 'false',
    description: 'Allow cross-origin requests only from CORS_ORIGINS. Fix: when true, list every browser origin in CORS_ORIGINS (no *).',
  },
  {
    name: 'CORS_ORIGINS', group: 'HTTP', type: csv('origin'), secret: false, example: 'https://app.example.com,https://portal.example.com',
    description: 'Comma-separated browser origins allowed by CORS. Fix: write each as scheme://host[:port] with no path, e.g. https://app.example.com.',
  },
  {
    name: 'TRUST_PROXY_HEADERS', group: 'HTTP', type: bool(), secret: false, default: 'false',
    description: 'Read the client IP from X-Forwarded-For when the peer is a trusted proxy. Fix: turn on only behind a proxy listed in TRUSTED_PROXY_IPS/CIDRS.',
  },
  {
    name: 'TRUSTED_PROXY_IPS', group: 'HTTP', type: csv('ip'), secret: false, example: '10.0.0.2',
    description: 'Comma-separated IP addresses of proxies whose forwarded headers are trusted. Fix: use plain IPv4/IPv6 addresses, no prefixes.',
  },
  {
    name: 'TRUSTED_PROXY_CIDRS', group: 'HTTP', type: cidrs(), secret: false, example: '10.0.0.0/8',
    description: 'Comma-separated CIDR blocks of trusted proxies. Fix: write each as address/prefix, e.g. 10.0.0.0/8 or fd00::/8.',
  },
  {
    name: 'ADMIN_IP_ALLOWLIST_CIDRS', group: 'HTTP', type: cidrs(), secret: false, example: '203.0.113.0/24',
    description: 'When set, /v1/admin/* and /v1/iam/* answer only client IPs inside these CIDR blocks. Fix: write each as address/prefix, e.g. 203.0.113.0/24.',
  },
  {
    name: 'ADMIN_READ_ONLY', group: 'HTTP', type: bool(), secret: false, default: 'false',
    description: 'Incident switch: admin/IAM writes answer 409 unless a break-glass token is used. Fix: set back to false when the incident is over.',
  },
  {
    name: 'PUBLIC_BASE_URL', group: 'HTTP', type: url('http:', 'https:'), secret: false, example: 'https://api.example.com',
    description: 'Public URL of the API, used in links sent to clients and workers. Fix: a full http(s) URL with no trailing path.',
  },

  // --- Database ---
  {
    name: 'DATABASE_URL', group: 'Database', type: url('postgres:', 'postgresql:'), secret: true,
    example: 'postgres://cws_app_login:strong-db-pass@localhost:5432/cleanwithsnapshot',
    description: "PostgreSQL URL the API and job host connect with, as the app's login role (no superuser, no BYPASSRLS, owns nothing; npm run migrate creates it); unset means the embedded PGlite database (dev/test only). Fix: a postgres:// URL, required in prod; prod refuses a superuser, BYPASSRLS or table-owner role.",
  },
  {
    name: 'DATABASE_OWNER_URL', group: 'Database', type: url('postgres:', 'postgresql:'), secret: true,
    example: 'postgres://postgres:owner-db-pass@localhost:5432/cleanwithsnapshot',
    description: "PostgreSQL URL of the role that owns the schema, used only to apply migrations (npm run migrate; npm start and bootstrap when they migrate), which also create DATABASE_URL's login role with its password. Unset: migrations use DATABASE_URL. Fix: the URL of the owner (e.g. postgres); give it to the migrate step only, never to the API or job host.",
  },
  {
    name: 'DATABASE_POOL_MAX', group: 'Database', type: int(1, 200), secret: false, default: '10',
    description: 'Most connections one process opens. Fix: keep replicas x pool below the server max_connections.',
  },
  {
    name: 'DATABASE_STATEMENT_TIMEOUT_MS', group: 'Database', type: int(0, 3_600_000), secret: false, default: '5000',
    description: 'Statement timeout in milliseconds (0 disables it). Fix: raise it only for a known slow report, never to hide a missing index.',
  },
  {
    name: 'DATABASE_PREPARED_STATEMENTS', group: 'Database', type: bool(), secret: false, default: 'true',
    description: 'Prepare the statements every tenant unit of work opens with (tenant settings, session check) once per connection instead of on every request. Fix: set false behind PgBouncer in transaction mode older than 1.21 or with max_prepared_statements = 0 (errors: prepared statement "cws_..." does not exist).',
  },
  {
    name: 'MIGRATIONS_RECHECK_SECONDS', group: 'Database', type: int(0, 3600), secret: false, default: '10',
    description: 'While the database is behind this build, API requests answer 503 and the API rechecks this often, in seconds (0: on every request). Fix: run npm run migrate; lower it to serve sooner after.',
  },
  {
    name: 'EMBEDDED_DATA_DIR', group: 'Database', type: str(), secret: false, default: './var/pgdata', setInExample: true,
    description: 'Directory of the embedded PGlite database when DATABASE_URL is unset. Fix: a writable directory; delete it to start from an empty database.',
  },

  // --- Auth ---
  {
    name: 'AUTH_SECRET_KEY', group: 'Auth', type: str(), secret: true, defaultDoc: DEV_SECRET_DOC,
    description: 'Signs staff access and refresh tokens. Fix: in prod, a random value of at least 32 characters (openssl rand -base64 48).',
  },
  {
    name: 'CLIENT_PORTAL_SECRET', group: 'Auth', type: str(), secret: true, defaultDoc: DEV_SECRET_DOC,
    description: 'Signs client portal magic links and sessions. Fix: in prod, a random value of at least 32 characters, different from the other secrets.',
  },
  {
    name: 'WORKER_PORTAL_SECRET', group: 'Auth', type: str(), secret: true, defaultDoc: DEV_SECRET_DOC,
    description: 'Signs worker portal sessions. Fix: in prod, a random value of at least 32 characters, different from the other secrets.',
  },
  {
    name: 'AUTH_ACCESS_TOKEN_TTL_MINUTES', group: 'Auth', type: int(1, 1440), secret: false, default: '15',
    description: 'Lifetime of a staff access token in minutes. Fix: keep it short (5 to 60); refresh tokens cover long sessions.',
  },
  {
    name: 'AUTH_SESSION_TTL_MINUTES', group: 'Auth', type: int(1, 525_600), secret: false, default: '720',
    description: 'Lifetime of a staff session in minutes. Fix: a whole number of minutes, e.g. 720 for 12 hours.',
  },
  {
    name: 'AUTH_REFRESH_TOKEN_TTL_MINUTES', group: 'Auth', type: int(1, 525_600), secret: false, default: '20160',
    description: 'Lifetime of a refresh token in minutes. Fix: a whole number of minutes, e.g. 20160 for 14 days.',
  },
  {
    name: 'LEGACY_BASIC_AUTH_ENABLED', group: 'Auth', type: bool(), secret: false,
    default: (appEnv: AppEnv) => (appEnv === 'prod' ? 'false' : 'true'), example: 'false',
    description: 'Accept the *_BASIC_USERNAME/PASSWORD pairs (no MFA). Fix: in prod set true only for break-glass when SaaS auth is unavailable.',
  },
  {
    name: 'ADMIN_BASIC_USERNAME', group: 'Auth', type: str(), secret: false, example: 'admin',
    description: 'Username of the legacy Basic Auth admin pair. Fix: set together with ADMIN_BASIC_PASSWORD, or leave both unset.',
  },
  {
    name: 'ADMIN_BASIC_PASSWORD', group: 'Auth', type: str(), secret: true,
    description: 'Password of the Basic Auth admin pair. Fix: in prod at least 12 characters and not a placeholder; set with ADMIN_BASIC_USERNAME.',
  },
  {
    name: 'DISPATCHER_BASIC_USERNAME', group: 'Auth', type: str(), secret: false, example: 'dispatcher',
    description: 'Username of the legacy Basic Auth dispatcher pair. Fix: set together with DISPATCHER_BASIC_PASSWORD, or leave both unset.',
  },
  {
    name: 'DISPATCHER_BASIC_PASSWORD', group: 'Auth', type: str(), secret: true,
    description: 'Password of the Basic Auth dispatcher pair. Fix: in prod at least 12 characters and not a placeholder; set with DISPATCHER_BASIC_USERNAME.',
  },
  {
    name: 'ACCOUNTANT_BASIC_USERNAME', group: 'Auth', type: str(), secret: false, example: 'accountant',
    description: 'Username of the legacy Basic Auth pair with the finance role. Fix: set together with ACCOUNTANT_BASIC_PASSWORD, or leave both unset.',
  },
  {
    name: 'ACCOUNTANT_BASIC_PASSWORD', group: 'Auth', type: str(), secret: true,
    description: 'Password of the Basic Auth finance pair. Fix: in prod at least 12 characters and not a placeholder; set with ACCOUNTANT_BASIC_USERNAME.',
  },
  {
    name: 'VIEWER_BASIC_USERNAME', group: 'Auth', type: str(), secret: false, example: 'viewer',
    description: 'Username of the legacy Basic Auth read-only pair. Fix: set together with VIEWER_BASIC_PASSWORD, or leave both unset.',
  },
  {
    name: 'VIEWER_BASIC_PASSWORD', group: 'Auth', type: str(), secret: true,
    description: 'Password of the Basic Auth viewer pair. Fix: in prod at least 12 characters and not a placeholder; set with VIEWER_BASIC_USERNAME.',
  },
  {
    name: 'DEFAULT_ORG_ID', group: 'Auth', type: uuid(), secret: false, example: '00000000-0000-0000-0000-000000000001',
    description: 'Org used by Basic Auth staff and requests that name no org. Fix: the UUID of an existing org (see the orgs table).',
  },
  {
    name: 'MFA_SECRET_KEY', group: 'Auth', type: str(), secret: true, defaultDoc: DEV_SECRET_DOC,
    description: 'Encrypts TOTP secrets at rest (AES-256-GCM, key derived with HKDF). Fix: in prod, a random value of at least 32 characters; changing it invalidates enrolled authenticators.',
  },
  {
    name: 'EMAIL_TEMP_PASSWORDS', group: 'Auth', type: bool(), secret: false, default: 'false',
    description: 'Let password-reset emails carry the temporary password; false sends a notice only. Fix: keep false unless mail is end-to-end trusted.',
  },
  {
    name: 'BREAK_GLASS_MAX_TTL_MINUTES', group: 'Auth', type: int(1, 60), secret: false, default: '60',
    description: 'Longest lifetime of a break-glass token (POST /v1/admin/break-glass/start). Fix: a whole number of minutes from 1 to 60 (the hard limit of the API, which this can only lower).',
  },
  {
    name: 'ADMIN_MFA_REQUIRED', group: 'Auth', type: bool(), secret: false, default: 'false',
    description: 'Require TOTP for owner/admin SaaS users and on /v1/admin/* and /v1/iam/*. Fix: enroll admins (/v1/auth/2fa/enroll) before turning it on.',
  },

  // --- Email ---
  {
    name: 'EMAIL_MODE', group: 'Email', type: oneOf(EMAIL_MODES), secret: false,
    default: (appEnv: AppEnv) => (appEnv === 'dev' ? 'log' : 'off'), defaultDoc: 'log in dev, else off',
    description:
      'How mail leaves (through the outbox): off sends nothing and enqueues no mail (invitations stay pending), log writes each message to the log (dev only: invitation and reset links are credentials), sendgrid or smtp deliver. Fix: one of off, log, sendgrid, smtp; log is refused with APP_ENV=prod; sendgrid needs SENDGRID_API_KEY, smtp needs SMTP_HOST; both need EMAIL_FROM.',
  },
  {
    name: 'EMAIL_FROM', group: 'Email', type: str(), secret: false, example: 'bookings@example.com',
    description: 'Sender address of every mail (a domain authenticated with your provider: SPF/DKIM). Fix: an address the provider lets you send from; required with EMAIL_MODE=sendgrid or smtp.',
  },
  {
    name: 'EMAIL_FROM_NAME', group: 'Email', type: str(), secret: false, example: 'Sparkle Cleaning',
    description: "Sender name of every mail; unset shows each org's own name. Fix: a short display name.",
  },
  {
    name: 'SENDGRID_API_KEY', group: 'Email', type: str(), secret: true, example: 'SG.xxxxxxxx',
    description: 'SendGrid API key with Mail Send permission (EMAIL_MODE=sendgrid). Fix: create a restricted key in SendGrid with Mail Send only.',
  },
  {
    name: 'SENDGRID_BASE_URL', group: 'Email', type: url('https:', 'http:'), secret: false, default: 'https://api.sendgrid.com',
    description: 'SendGrid API host: https://api.eu.sendgrid.com for an EU (data residency) subaccount; http is accepted for a loopback address only (tests). Fix: the base URL of your SendGrid region.',
  },
  {
    name: 'SMTP_HOST', group: 'Email', type: str(), secret: false, example: 'smtp.example.com',
    description: 'SMTP server (EMAIL_MODE=smtp). Fix: the host name of your relay.',
  },
  {
    name: 'SMTP_PORT', group: 'Email', type: int(1, 65535), secret: false, default: '587',
    description: 'SMTP port: 587 with STARTTLS (required), or 465 with SMTP_SECURE=true. Fix: the port your relay listens on.',
  },
  {
    name: 'SMTP_USER', group: 'Email', type: str(), secret: false,
    description: 'SMTP login; unset sends without AUTH (a relay that trusts this host). Fix: the user your relay gave you; set SMTP_PASSWORD with it.',
  },
  {
    name: 'SMTP_PASSWORD', group: 'Email', type: str(), secret: true,
    description: 'SMTP password for SMTP_USER. Fix: set it together with SMTP_USER.',
  },
  {
    name: 'SMTP_SECURE', group: 'Email', type: bool(), secret: false, default: 'false',
    description: 'true: TLS from the first byte (port 465); false: STARTTLS, which must be offered (plain text is refused). Fix: match your relay.',
  },

  // --- SMS ---
  {
    name: 'SMS_MODE', group: 'SMS', type: oneOf(SMS_MODES), secret: false, default: 'off',
    description: 'How text messages leave (through the outbox): off sends none, log writes them to the log (dev only), twilio delivers. Fix: one of off, log, twilio; twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM.',
  },
  {
    name: 'TWILIO_ACCOUNT_SID', group: 'SMS', type: str(), secret: false, example: 'ACxxxxxxxx',
    description: 'Twilio account SID (SMS_MODE=twilio). Fix: the SID from the Twilio console (starts with AC).',
  },
  {
    name: 'TWILIO_AUTH_TOKEN', group: 'SMS', type: str(), secret: true,
    description: 'Twilio auth token (SMS_MODE=twilio); also verifies the signature of inbound STOP/START replies. Fix: the token from the Twilio console.',
  },
  {
    name: 'TWILIO_FROM', group: 'SMS', type: str(), secret: false, example: '+15005550006',
    description: 'Sending number or messaging service (SMS_MODE=twilio). Fix: an E.164 number of your Twilio account, or a messaging service SID (MG...).',
  },

  // --- Stripe ---
  {
    name: 'STRIPE_SECRET_KEY', group: 'Stripe', type: str(), secret: true, example: 'sk_live_xxxxxxxx',
    description: 'Stripe secret or restricted API key; unset: no card payments (checkout answers payment.not_configured). Fix: a key from the Stripe dashboard (a restricted rk_ key with Checkout Sessions, Customers, PaymentIntents read and Refunds write is enough); set STRIPE_WEBHOOK_SECRET with it.',
  },
  {
    name: 'STRIPE_WEBHOOK_SECRET', group: 'Stripe', type: str(), secret: true, example: 'whsec_xxxxxxxx',
    description: "Signing secret of the Stripe webhook endpoint (whsec_…): events whose Stripe-Signature does not match it are refused. Fix: the endpoint's signing secret from the dashboard (or `stripe listen` in dev); required with STRIPE_SECRET_KEY.",
  },
  {
    name: 'STRIPE_SUCCESS_URL', group: 'Stripe', type: url('https:', 'http:'), secret: false, example: 'https://portal.example.com/pay/success?session={CHECKOUT_SESSION_ID}',
    description: 'Where Stripe Checkout sends the payer after paying. Fix: an https URL of your portal; {CHECKOUT_SESSION_ID} is replaced by Stripe.',
  },
  {
    name: 'STRIPE_CANCEL_URL', group: 'Stripe', type: url('https:', 'http:'), secret: false, example: 'https://portal.example.com/pay/cancel',
    description: 'Where Stripe Checkout sends the payer who leaves without paying. Fix: an https URL of your portal.',
  },
  {
    name: 'STRIPE_BILLING_PORTAL_RETURN_URL', group: 'Stripe', type: url('https:', 'http:'), secret: false, example: 'https://portal.example.com/billing',
    description: "Where Stripe's billing portal returns the customer. Fix: an https URL of your portal.",
  },
  {
    name: 'STRIPE_API_BASE_URL', group: 'Stripe', type: url('https:', 'http:'), secret: false,
    description: "Tests and mock servers only: the base URL of a server playing Stripe's API; unset talks to Stripe. http is accepted for a loopback address only. Fix: unset it in production.",
  },
  {
    name: 'STRIPE_CIRCUIT_FAILURE_THRESHOLD', group: 'Stripe', type: int(1, 1000), secret: false, default: '5',
    description: 'Consecutive retryable Stripe failures (outages, timeouts, a refused key) after which calls fail fast (payment.unavailable) for STRIPE_CIRCUIT_RESET_SECONDS; declines do not count. Fix: a whole number, 3 to 10 is usual.',
  },
  {
    name: 'STRIPE_CIRCUIT_RESET_SECONDS', group: 'Stripe', type: int(1, 3600), secret: false, default: '30',
    description: 'How long the Stripe circuit stays open before one trial call decides whether it closes. Fix: a whole number of seconds.',
  },

  // --- Outbox ---
  {
    name: 'WEBHOOK_SIGNING_SECRET', group: 'Outbox', type: str(), secret: true,
    description: 'Signs outbound webhooks (X-CWS-Signature, HMAC-SHA256; each org gets a key derived from it); unset: no webhook channel, so none are sent. Fix: a random value of at least 32 characters (e.g. `openssl rand -hex 32`).',
  },
  {
    name: 'OUTBOX_BASE_BACKOFF_SECONDS', group: 'Outbox', type: int(1, 3600), secret: false, default: '60',
    description: 'First retry delay of a message that failed; each later retry doubles it (capped at 6 h, less up to 20 % jitter). Fix: a whole number of seconds; with the defaults the last attempt comes 3.3 to 4.1 days after the first.',
  },
  {
    name: 'OUTBOX_MAX_ATTEMPTS', group: 'Outbox', type: int(1, 100), secret: false, default: '25',
    description: 'Delivery attempts before a message is dead (listed at GET /v1/admin/outbox/dead-letter, replayable). Fix: a whole number; lower it only if a shorter horizon than ~3 days is wanted.',
  },
  {
    name: 'OUTBOX_BATCH_SIZE', group: 'Outbox', type: int(1, 1000), secret: false, default: '50',
    description: 'Messages claimed per org per round by the outbox-delivery job. Fix: raise it for throughput; keep OUTBOX_LEASE_SECONDS above batch / 10 × 15 s.',
  },
  {
    name: 'OUTBOX_LEASE_SECONDS', group: 'Outbox', type: int(30, 3600), secret: false, default: '120',
    description: 'How long a claimed batch is held: a job host killed mid-batch hands its messages to another host this long after it claimed them. Fix: longer than a healthy batch takes (batch / 10 sends at once × 15 s timeout).',
  },

  // --- Rate limits ---
  {
    name: 'RATE_LIMIT_PER_MINUTE', group: 'Rate limits', type: int(1, 1_000_000), secret: false, default: '120',
    description: 'Requests per minute per client IP. Fix: raise it if legitimate clients get 429; set TRUSTED_PROXY_* so proxies are not one client.',
  },
  {
    name: 'ADMIN_ACTION_RATE_LIMIT_PER_MINUTE', group: 'Rate limits', type: int(1, 1_000_000), secret: false, default: '30',
    description: 'Admin write actions per minute per actor. Fix: raise it only for bulk operations that are expected.',
  },
  {
    name: 'REDIS_URL', group: 'Rate limits', type: url('redis:', 'rediss:'), secret: true, example: 'redis://localhost:6379/0',
    description: 'Redis shared by all replicas for rate limits; unset keeps limits in memory per process. Fix: a redis:// or rediss:// URL.',
  },

  // --- Metrics ---
  {
    name: 'METRICS_ENABLED', group: 'Metrics', type: bool(), secret: false, default: 'true',
    description: 'Record HTTP and job metrics and expose them at GET /metrics (Prometheus text). Fix: in prod also set METRICS_TOKEN, or set this to false.',
  },
  {
    name: 'METRICS_TOKEN', group: 'Metrics', type: str(), secret: true,
    description: 'Bearer token the scraper must send to /metrics (Authorization: Bearer ...); required in prod while metrics are on. Fix: a random value of at least 32 characters (openssl rand -hex 32).',
  },

  // --- Jobs ---
  {
    name: 'JOBS_ENABLED', group: 'Jobs', type: bool(), secret: false, default: 'false',
    description: 'Run scheduled jobs in this process (the standalone entry turns it on itself). Fix: true in exactly the processes meant to run jobs.',
  },
  {
    name: 'JOB_HEARTBEAT_REQUIRED', group: 'Jobs', type: bool(), secret: false, default: 'false',
    description: 'Make /readyz fail when the job heartbeat is stale even if jobs do not run here. Fix: turn on for API replicas that depend on a job host.',
  },
  {
    name: 'JOB_HEARTBEAT_TTL_SECONDS', group: 'Jobs', type: int(10, 86_400), secret: false, default: '180',
    aliases: ['JOB_HEARTBEAT_STALE_SECONDS'],
    description: 'Age after which a job heartbeat counts as stale in /readyz (older alias JOB_HEARTBEAT_STALE_SECONDS). Fix: keep it above JOB_HEARTBEAT_INTERVAL_SECONDS.',
  },
  {
    name: 'JOB_HEARTBEAT_INTERVAL_SECONDS', group: 'Jobs', type: int(1, 3600), secret: false, default: '30',
    description: 'How often the job runner writes its heartbeat. Fix: keep it well below JOB_HEARTBEAT_TTL_SECONDS.',
  },
  {
    name: 'JOB_RUNNER_ID', group: 'Jobs', type: str(), secret: false, default: () => hostname(), defaultDoc: 'this machine\'s hostname',
    example: 'scheduler-1',
    description: 'Name this job runner reports in heartbeats. Fix: give each job host a distinct id so /readyz shows which one is stale.',
  },
  {
    name: 'JOBS_HTTP_PORT', group: 'Jobs', type: int(0, 65535), secret: false, example: '8001',
    defaultDoc: 'npm run jobs: 8001; npm start: none (no second port; its API /metrics has the job metrics)',
    description: 'Port of the job host\'s own GET /healthz, /readyz and /metrics (job metrics, METRICS_TOKEN as on the API), on HOST. Fix: a free port (guide: 8001); 0 picks any free port.',
  },
  {
    name: 'JOBS_BACKEND', group: 'Jobs', type: oneOf(JOBS_BACKENDS), secret: false, default: 'postgres',
    description: 'Where Agenda stores jobs: postgres (the main database) or mongo. Fix: mongo also needs MONGODB_URL.',
  },
  {
    name: 'MONGODB_URL', group: 'Jobs', type: url('mongodb:', 'mongodb+srv:'), secret: true, example: 'mongodb://localhost:27017/cws-jobs',
    description: 'MongoDB URL of the Agenda job store; required when JOBS_BACKEND=mongo. Fix: a mongodb:// or mongodb+srv:// URL.',
  },
  {
    name: 'JOBS_PROCESS_EVERY_MS', group: 'Jobs', type: int(100, 3_600_000), secret: false, default: '5000',
    description: 'How often the job runner polls for due jobs, in milliseconds. Fix: at least 100; lower values add database load.',
  },
  {
    name: 'BETTER_STACK_HEARTBEAT_URL', group: 'Jobs', type: url('https:', 'http:'), secret: true,
    example: 'https://uptime.betterstack.com/api/v1/heartbeat/your-token',
    description: 'External uptime heartbeat pinged after each healthy job cycle (the URL holds a token). Fix: copy the URL from the Better Stack monitor.',
  },

  // --- Feature flags ---
  {
    name: 'DEPOSITS_ENABLED', group: 'Feature flags', type: bool(), secret: false, default: 'false',
    description: 'Take deposits when booking (read by the booking and payment capabilities). Fix: true or false.',
  },
  {
    name: 'EXPORT_MODE', group: 'Feature flags', type: oneOf(['off', 'webhook', 'sheets'] as const), secret: false, default: 'off',
    description: 'Where accounting exports go: off, webhook or sheets. Fix: use exactly one of off, webhook, sheets.',
  },
  {
    name: 'STRICT_POLICY_MODE', group: 'Feature flags', type: bool(), secret: false, default: 'false',
    description: 'Stricter portal and configuration behaviour. Fix: true or false.',
  },

  // --- Scheduling ---
  {
    name: 'WORKER_JOB_START_WINDOW_MINUTES', group: 'Scheduling', type: int(0, 1440), secret: false, default: '120',
    description: 'How long before a job starts its worker may start it in the worker portal (0: not before its start). Fix: minutes from 0 to 1440.',
  },

  // --- Demo ---
  {
    name: 'DEMO_SEED', group: 'Demo', type: bool(), secret: false, default: (appEnv: AppEnv) => (appEnv === 'dev' ? 'true' : 'false'),
    description: 'Create a demo org on the first start of an empty database. Fix: leave false in prod; delete the demo org if it was seeded by mistake.',
  },
] as const satisfies readonly EnvVarSpec[];

export type EnvSchema = typeof ENV_SCHEMA;
export type EnvVarName = EnvSchema[number]['name'];

type KindValue<K> = K extends { kind: 'int' }
  ? number
  : K extends { kind: 'bool' }
    ? boolean
    : K extends { kind: 'enum'; values: readonly (infer V)[] }
      ? V
      : K extends { kind: 'csv' | 'cidrList' }
        ? string[]
        : string;

/** Lists are [] when unset; variables with a default for every mode are always defined. */
type SpecValue<S> = S extends { type: { kind: 'csv' | 'cidrList' } }
  ? string[]
  : S extends { type: infer K; default: string | ((appEnv: AppEnv) => string) }
    ? KindValue<K>
    : S extends { type: infer K }
      ? KindValue<K> | undefined
      : never;

/** Parsed values by variable name, typed from the table. */
export type EnvValues = { [S in EnvSchema[number] as S['name']]: SpecValue<S> };

export function findEnvVar(name: string): EnvVarSpec | undefined {
  return (ENV_SCHEMA as readonly EnvVarSpec[]).find((spec) => spec.name === name);
}

/** The default of a variable in a given mode, or undefined when it has none there. */
export function defaultFor(spec: EnvVarSpec, appEnv: AppEnv): string | undefined {
  return typeof spec.default === 'function' ? spec.default(appEnv) : spec.default;
}
