/**
 * Checks that span several variables, and the fail-fast checks of APP_ENV=prod from the guides
 * ("Lifecycle and services container", "Admin Basic Auth verification"). They read parsed values;
 * a variable that failed to parse is absent here and named in `failed`, so it is neither checked
 * again nor reported a second time as missing.
 */
import type { ConfigProblem } from './config-error.js';
import { BASIC_AUTH_PAIR_VARIABLES } from './config.js';
import { isDevPlaceholderSecret } from './env-schema.js';
import type { EnvValues } from './env-schema.js';

/** Parsed values; undefined where a variable is unset without default or failed to parse. */
export type CheckedValues = Partial<EnvValues>;

export const SIGNING_SECRET_VARIABLES = ['AUTH_SECRET_KEY', 'CLIENT_PORTAL_SECRET', 'WORKER_PORTAL_SECRET', 'MFA_SECRET_KEY'] as const;
/** Optional secrets held to the same rules when they are set. */
export const OPTIONAL_SIGNING_SECRET_VARIABLES = ['WEBHOOK_SIGNING_SECRET'] as const;
export const MIN_PROD_SECRET_LENGTH = 32;
/** The metrics bearer token is a shared secret too: as long as the signing secrets. */
export const MIN_PROD_METRICS_TOKEN_LENGTH = 32;
export const MIN_PROD_BASIC_PASSWORD_LENGTH = 12;

/** Words that mark a value copied from docs or a template rather than generated. */
const PLACEHOLDER_WORDS = ['change-me', 'changeme', 'secret', 'password', 'placeholder', 'example'];
/** Whole passwords the guide names as placeholder defaults. */
const WEAK_PASSWORDS = ['change-me', 'secret', 'password', 'admin', '123456', 'qwerty'];

/** The dev default, or a value containing a placeholder word (any case). */
export function isPlaceholderSecret(value: string): boolean {
  const lower = value.toLowerCase();
  return isDevPlaceholderSecret(value) || PLACEHOLDER_WORDS.some((word) => lower.includes(word));
}

export function isPlaceholderPassword(value: string): boolean {
  return isPlaceholderSecret(value) || WEAK_PASSWORDS.includes(value.toLowerCase());
}

/** Checks that hold in every mode. */
export function crossFieldProblems(values: CheckedValues): ConfigProblem[] {
  const problems: ConfigProblem[] = [];

  for (const pair of BASIC_AUTH_PAIR_VARIABLES) {
    const hasUser = values[pair.username] !== undefined;
    const hasPassword = values[pair.password] !== undefined;
    if (hasUser === hasPassword) continue;
    const [present, missing] = hasUser ? [pair.username, pair.password] : [pair.password, pair.username];
    problems.push({
      variable: missing,
      message: `${present} is set but ${missing} is not; ${pair.username} and ${pair.password} form one Basic Auth pair`,
      fix: `Set both ${pair.username} and ${pair.password}, or unset both.`,
    });
  }

  problems.push(...deliveryProblems(values));
  problems.push(...stripeProblems(values));

  if (values.JOBS_BACKEND === 'mongo' && values.MONGODB_URL === undefined) {
    problems.push({
      variable: 'MONGODB_URL',
      message: 'is required when JOBS_BACKEND=mongo',
      fix: 'Set MONGODB_URL to a mongodb:// URL, or set JOBS_BACKEND=postgres to keep jobs in the main database.',
    });
  }

  const headers = values.HTTP_HEADERS_TIMEOUT_MS;
  const whole = values.HTTP_REQUEST_TIMEOUT_MS;
  if (headers !== undefined && whole !== undefined && headers > whole) {
    problems.push({
      variable: 'HTTP_HEADERS_TIMEOUT_MS',
      message: `is ${headers} ms, longer than HTTP_REQUEST_TIMEOUT_MS (${whole} ms), which would cut the request first`,
      fix: 'Make HTTP_HEADERS_TIMEOUT_MS at most HTTP_REQUEST_TIMEOUT_MS (e.g. 10000 and 30000).',
    });
  }

  const ttl = values.JOB_HEARTBEAT_TTL_SECONDS;
  const interval = values.JOB_HEARTBEAT_INTERVAL_SECONDS;
  if (ttl !== undefined && interval !== undefined && interval >= ttl) {
    problems.push({
      variable: 'JOB_HEARTBEAT_INTERVAL_SECONDS',
      message: `is ${interval}s, not below JOB_HEARTBEAT_TTL_SECONDS (${ttl}s), so a healthy runner would look stale`,
      fix: 'Make JOB_HEARTBEAT_INTERVAL_SECONDS well below JOB_HEARTBEAT_TTL_SECONDS (e.g. 30 and 180).',
    });
  }

  return problems;
}

/**
 * Each signing secret must differ from the others: a key reused across purposes lets a token
 * minted for one (a worker session) pass as another (a staff token), and one leak opens all.
 * Compared as values, reported by name only.
 */
function reusedSecretProblems(values: CheckedValues): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const all = [...SIGNING_SECRET_VARIABLES, ...OPTIONAL_SIGNING_SECRET_VARIABLES];
  all.forEach((name, index) => {
    const value = values[name];
    if (value === undefined) return;
    const first = all.slice(0, index).find((earlier) => values[earlier] === value);
    if (first === undefined) return;
    problems.push({
      variable: name,
      message: `is the same value as ${first}; each signing secret must be different`,
      fix: `Generate a separate random value for ${name} (e.g. \`openssl rand -base64 48\`).`,
    });
  });
  return problems;
}

/** Fail-fast checks of APP_ENV=prod; `failed` names the variables whose own parse already failed. */
export function prodProblems(values: CheckedValues, failed: ReadonlySet<string> = new Set()): ConfigProblem[] {
  const problems: ConfigProblem[] = [];

  for (const name of [...SIGNING_SECRET_VARIABLES, ...OPTIONAL_SIGNING_SECRET_VARIABLES]) {
    if (failed.has(name)) continue;
    const value = values[name];
    if (value === undefined && (OPTIONAL_SIGNING_SECRET_VARIABLES as readonly string[]).includes(name)) continue;
    const fix = `Set ${name} to a random value of at least ${MIN_PROD_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 48\`), different from the other secrets.`;
    if (value === undefined) {
      problems.push({ variable: name, message: 'is required when APP_ENV=prod (the dev placeholder is never used in prod)', fix });
    } else if (isPlaceholderSecret(value)) {
      problems.push({ variable: name, message: 'is a placeholder (the dev default, or contains a word like change-me, secret, password or example)', fix });
    } else if (value.length < MIN_PROD_SECRET_LENGTH) {
      problems.push({ variable: name, message: `is ${value.length} characters long; prod needs at least ${MIN_PROD_SECRET_LENGTH}`, fix });
    }
  }
  problems.push(...reusedSecretProblems(values));

  if (values.STRICT_CORS === true && values.CORS_ORIGINS !== undefined) {
    if (values.CORS_ORIGINS.length === 0) {
      problems.push({
        variable: 'CORS_ORIGINS',
        message: 'is empty, but STRICT_CORS=true needs the allowed origins listed explicitly',
        fix: 'List every browser origin in CORS_ORIGINS, comma-separated (e.g. https://app.example.com).',
      });
    } else if (values.CORS_ORIGINS.includes('*')) {
      problems.push({
        variable: 'CORS_ORIGINS',
        message: 'contains "*", which STRICT_CORS=true does not allow',
        fix: 'Replace "*" in CORS_ORIGINS with the explicit origins of your front ends.',
      });
    }
  }

  if (values.METRICS_ENABLED === true && !failed.has('METRICS_TOKEN')) {
    const token = values.METRICS_TOKEN;
    const fix = `Set METRICS_TOKEN to a random value of at least ${MIN_PROD_METRICS_TOKEN_LENGTH} characters shared with the scraper (e.g. \`openssl rand -hex 32\`), or set METRICS_ENABLED=false.`;
    if (token === undefined) {
      problems.push({ variable: 'METRICS_TOKEN', message: 'is required in prod while METRICS_ENABLED=true, or /metrics would be unprotected', fix });
    } else if (token.length < MIN_PROD_METRICS_TOKEN_LENGTH) {
      problems.push({ variable: 'METRICS_TOKEN', message: `is ${token.length} characters long; prod needs at least ${MIN_PROD_METRICS_TOKEN_LENGTH}`, fix });
    }
  }

  if (values.EMAIL_MODE === 'log') {
    problems.push({
      variable: 'EMAIL_MODE',
      message: 'is log, which writes invitation and reset links (credentials) to the log; prod must not',
      fix: 'Set EMAIL_MODE=sendgrid or smtp with its settings, or off.',
    });
  }
  if (values.SMS_MODE === 'log') {
    problems.push({
      variable: 'SMS_MODE',
      message: "is log, which writes people's phone numbers and messages to the log; prod must not",
      fix: 'Set SMS_MODE=twilio with its settings, or off.',
    });
  }

  problems.push(...stripeProdProblems(values, failed));

  if (values.TESTING === true) {
    problems.push({
      variable: 'TESTING',
      message: 'is true, but test overrides (such as the X-Test-Org header) must stay off in prod',
      fix: 'Unset TESTING or set TESTING=false.',
    });
  }

  if (values.DATABASE_URL === undefined && !failed.has('DATABASE_URL')) {
    problems.push({
      variable: 'DATABASE_URL',
      message: 'is required when APP_ENV=prod; the embedded PGlite database is for dev and test only',
      fix: 'Set DATABASE_URL to the postgres:// URL of the production database.',
    });
  }

  // In every prod deployment, even with LEGACY_BASIC_AUTH_ENABLED=false: a weak pair is one
  // break-glass flip away from being live.
  for (const pair of BASIC_AUTH_PAIR_VARIABLES) {
    const password = values[pair.password];
    if (password === undefined) continue;
    const fix = `Set ${pair.password} to a generated password of at least ${MIN_PROD_BASIC_PASSWORD_LENGTH} characters, or unset ${pair.username} and ${pair.password}.`;
    if (isPlaceholderPassword(password)) {
      problems.push({ variable: pair.password, message: 'is a placeholder password (e.g. change-me, secret, password, admin, 123456, qwerty)', fix });
    } else if (password.length < MIN_PROD_BASIC_PASSWORD_LENGTH) {
      problems.push({
        variable: pair.password,
        message: `is ${password.length} characters long; prod needs at least ${MIN_PROD_BASIC_PASSWORD_LENGTH}`,
        fix,
      });
    }
  }

  return problems;
}

/** What a chosen mail or SMS mode needs, in every mode of APP_ENV: a mode without them would fail at the first send. */
function deliveryProblems(values: CheckedValues): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const need = (variable: keyof CheckedValues & string, when: string, fix: string) => {
    if (values[variable] === undefined) problems.push({ variable, message: `is required when ${when}`, fix });
  };
  if (values.EMAIL_MODE === 'sendgrid' || values.EMAIL_MODE === 'smtp') {
    need('EMAIL_FROM', `EMAIL_MODE=${values.EMAIL_MODE}`, 'Set EMAIL_FROM to an address your provider lets you send from.');
  }
  if (values.EMAIL_MODE === 'sendgrid') need('SENDGRID_API_KEY', 'EMAIL_MODE=sendgrid', 'Set SENDGRID_API_KEY to a key with Mail Send permission.');
  if (values.EMAIL_MODE === 'smtp') need('SMTP_HOST', 'EMAIL_MODE=smtp', 'Set SMTP_HOST to your relay, or choose another EMAIL_MODE.');
  if ((values.SMTP_USER === undefined) !== (values.SMTP_PASSWORD === undefined)) {
    problems.push({ variable: values.SMTP_USER === undefined ? 'SMTP_USER' : 'SMTP_PASSWORD', message: 'SMTP_USER and SMTP_PASSWORD go together', fix: 'Set both, or neither (a relay without AUTH).' });
  }
  const sendgridUrl = values.SENDGRID_BASE_URL;
  if (sendgridUrl !== undefined && sendgridUrl.startsWith('http:') && !isLoopbackUrl(sendgridUrl)) {
    problems.push({ variable: 'SENDGRID_BASE_URL', message: 'uses http for a host that is not loopback: the API key would travel in clear text', fix: 'Use https://api.sendgrid.com or https://api.eu.sendgrid.com.' });
  }
  if (values.SMS_MODE === 'twilio') {
    for (const variable of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM'] as const) {
      need(variable, 'SMS_MODE=twilio', `Set ${variable} from the Twilio console, or SMS_MODE=off.`);
    }
  }
  return problems;
}

/** A Stripe key as the dashboard shows it: secret or restricted, live or test mode. */
const STRIPE_SECRET_KEY_SHAPE = /^(sk|rk)_(live|test)_[A-Za-z0-9]+$/;
const STRIPE_WEBHOOK_SECRET_SHAPE = /^whsec_[A-Za-z0-9+/=]+$/;

/** The Stripe settings go together and have Stripe's shapes, in every APP_ENV. */
function stripeProblems(values: CheckedValues): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const key = values.STRIPE_SECRET_KEY;
  const webhookSecret = values.STRIPE_WEBHOOK_SECRET;
  if (key !== undefined && webhookSecret === undefined) {
    problems.push({
      variable: 'STRIPE_WEBHOOK_SECRET',
      message: 'is required when STRIPE_SECRET_KEY is set: without it no payment event could be verified, so no payment would ever be recorded',
      fix: "Set STRIPE_WEBHOOK_SECRET to the webhook endpoint's signing secret (whsec_…), or unset STRIPE_SECRET_KEY.",
    });
  }
  if (key === undefined && webhookSecret !== undefined) {
    problems.push({ variable: 'STRIPE_SECRET_KEY', message: 'is not set but STRIPE_WEBHOOK_SECRET is; they go together', fix: 'Set STRIPE_SECRET_KEY (sk_… or rk_…), or unset STRIPE_WEBHOOK_SECRET.' });
  }
  if (key !== undefined && !STRIPE_SECRET_KEY_SHAPE.test(key)) {
    problems.push({
      variable: 'STRIPE_SECRET_KEY',
      message: key.startsWith('pk_') ? 'is a publishable key (pk_…), which cannot create payments' : 'does not look like a Stripe secret key (sk_live_…, sk_test_…, rk_live_… or rk_test_…)',
      fix: 'Copy the secret or restricted key from the Stripe dashboard (Developers → API keys).',
    });
  }
  if (webhookSecret !== undefined && !STRIPE_WEBHOOK_SECRET_SHAPE.test(webhookSecret)) {
    problems.push({ variable: 'STRIPE_WEBHOOK_SECRET', message: 'does not look like a webhook signing secret (whsec_…)', fix: "Copy the endpoint's signing secret from the Stripe dashboard (Developers → Webhooks)." });
  }
  const apiBaseUrl = values.STRIPE_API_BASE_URL;
  if (apiBaseUrl !== undefined && apiBaseUrl.startsWith('http:') && !isLoopbackUrl(apiBaseUrl)) {
    problems.push({ variable: 'STRIPE_API_BASE_URL', message: 'uses http for a host that is not loopback: the API key would travel in clear text', fix: 'Unset STRIPE_API_BASE_URL (it is for tests against a local server).' });
  }
  return problems;
}

/** A value copied from the guides (`sk_live_xxx`, `whsec_xxx`) or a template rather than the dashboard. */
function isStripePlaceholder(value: string): boolean {
  const body = value.replace(/^(sk|rk|pk)_(live|test)_|^whsec_/, '');
  return isPlaceholderSecret(value) || /x{3,}/i.test(body) || /^(.)\1*$/.test(body);
}

function stripeProdProblems(values: CheckedValues, failed: ReadonlySet<string>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const name of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'] as const) {
    const value = values[name];
    if (value === undefined || failed.has(name) || !isStripePlaceholder(value)) continue;
    problems.push({ variable: name, message: 'is a placeholder (like the guides’ sk_live_xxx or whsec_xxx), not a value from the Stripe dashboard', fix: `Set ${name} from the Stripe dashboard, or unset STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to run without card payments.` });
  }
  if (values.STRIPE_API_BASE_URL !== undefined) {
    problems.push({ variable: 'STRIPE_API_BASE_URL', message: "is set with APP_ENV=prod; it points the payment gateway away from Stripe's API (tests and mock servers only)", fix: 'Unset STRIPE_API_BASE_URL.' });
  }
  for (const name of ['STRIPE_SUCCESS_URL', 'STRIPE_CANCEL_URL', 'STRIPE_BILLING_PORTAL_RETURN_URL'] as const) {
    const value = values[name];
    if (value !== undefined && value.startsWith('http:')) {
      problems.push({ variable: name, message: 'uses http with APP_ENV=prod: the payer would return over an unencrypted link', fix: `Use an https URL for ${name}.` });
    }
  }
  return problems;
}

function isLoopbackUrl(value: string): boolean {
  const host = new URL(value).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
