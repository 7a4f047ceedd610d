/**
 * Boot-time configuration: the environment (plus an optional `.env` file) parsed against the
 * schema, checked across fields and, in prod, against the guides' fail-fast rules. Every problem
 * is collected before one ConfigError is thrown.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { SIGNING_SECRET_VARIABLES, crossFieldProblems, prodProblems } from './config-checks.js';
import type { CheckedValues } from './config-checks.js';
import { ConfigError } from './config-error.js';
import type { ConfigProblem } from './config-error.js';
import { BASIC_AUTH_PAIR_VARIABLES } from './config.js';
import type { BasicAuthPair, Config } from './config.js';
import { devSecrets, type DevSecretsPlace } from './dev-secrets.js';
import { APP_ENVS, ENV_SCHEMA, defaultFor } from './env-schema.js';
import type { AppEnv, EnvValues, EnvVarSpec } from './env-schema.js';
import { parseEnvValue } from './env-value-parsers.js';
import type { ParsedEnvValue } from './env-value-parsers.js';

export { ConfigError } from './config-error.js';
export type { ConfigProblem } from './config-error.js';

export type EnvSource = Record<string, string | undefined>;

export interface LoadConfigOptions {
  /** `.env` file to read; default `./.env` in the cwd (skipped when absent); null reads none. */
  dotenvPath?: string | null;
  /**
   * Where signing secrets the environment leaves unset come from outside prod: `process` (the
   * default) generates them for this process; `data-dir` keeps them in dev-secrets.json next to
   * EMBEDDED_DATA_DIR so they survive restarts (the entry points use it).
   */
  devSecrets?: DevSecretsPlace;
}

/** Empty and blank strings count as unset (compose files often write `NAME=`). */
function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : String(error);
}

function readDotenv(dotenvPath: string | null | undefined, problems: ConfigProblem[]): EnvSource {
  if (dotenvPath === null) return {};
  const explicit = dotenvPath !== undefined;
  const file = resolve(dotenvPath ?? '.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    // The default `.env` is optional; a path someone passed on purpose must exist.
    if (!explicit && errorCode(error) === 'ENOENT') return {};
    problems.push({
      variable: '.env',
      message: `cannot read ${file} (${errorCode(error)})`,
      fix: explicit ? 'Pass the path of an existing .env file, or null to read none.' : 'Make ./.env readable, or remove it.',
    });
    return {};
  }
  return parseEnv(text);
}

/** The first set name among the variable and its older aliases. */
function rawValueOf(spec: EnvVarSpec, lookup: (name: string) => string | undefined): { source: string; raw: string } | undefined {
  for (const source of [spec.name, ...(spec.aliases ?? [])]) {
    const raw = lookup(source);
    if (raw !== undefined) return { source, raw };
  }
  return undefined;
}

function isList(spec: EnvVarSpec): boolean {
  return spec.type.kind === 'csv' || spec.type.kind === 'cidrList';
}

/** The mode that picks defaults; an invalid APP_ENV is reported by the main loop. */
function appEnvOf(lookup: (name: string) => string | undefined): AppEnv | undefined {
  const raw = lookup('APP_ENV');
  if (raw === undefined) return 'dev';
  return APP_ENVS.find((candidate) => candidate === raw.toLowerCase());
}

function required<T>(value: T | undefined, name: string): T {
  // Unreachable after validation: every mode either has a default or the prod check demands it.
  if (value === undefined) throw new Error(`internal: ${name} is unset after validation`);
  return value;
}

function basicAuthPairs(values: EnvValues): BasicAuthPair[] {
  const pairs: BasicAuthPair[] = [];
  for (const pair of BASIC_AUTH_PAIR_VARIABLES) {
    const username = values[pair.username];
    const password = values[pair.password];
    if (username !== undefined && password !== undefined) pairs.push({ role: pair.role, username, password });
  }
  return pairs;
}

function buildConfig(v: EnvValues): Config {
  const appEnv = v.APP_ENV;
  return {
    appEnv,
    testing: v.TESTING,
    logLevel: v.LOG_LEVEL,
    http: {
      host: v.HOST,
      port: v.PORT,
      bodyLimitBytes: v.HTTP_BODY_LIMIT_KB * 1024,
      limits: {
        headersTimeoutMs: v.HTTP_HEADERS_TIMEOUT_MS,
        requestTimeoutMs: v.HTTP_REQUEST_TIMEOUT_MS,
        keepAliveTimeoutMs: v.HTTP_KEEP_ALIVE_TIMEOUT_MS,
        maxConnections: v.HTTP_MAX_CONNECTIONS,
      },
      strictCors: v.STRICT_CORS,
      corsOrigins: v.CORS_ORIGINS,
      trustProxyHeaders: v.TRUST_PROXY_HEADERS,
      trustedProxyIps: v.TRUSTED_PROXY_IPS,
      trustedProxyCidrs: v.TRUSTED_PROXY_CIDRS,
      adminIpAllowlistCidrs: v.ADMIN_IP_ALLOWLIST_CIDRS,
      adminReadOnly: v.ADMIN_READ_ONLY,
      publicBaseUrl: v.PUBLIC_BASE_URL ?? null,
    },
    database: {
      url: v.DATABASE_URL ?? null,
      ownerUrl: v.DATABASE_OWNER_URL ?? null,
      poolMax: v.DATABASE_POOL_MAX,
      statementTimeoutMs: v.DATABASE_STATEMENT_TIMEOUT_MS,
      preparedStatements: v.DATABASE_PREPARED_STATEMENTS,
      migrationsRecheckSeconds: v.MIGRATIONS_RECHECK_SECONDS,
      embeddedDataDir: v.EMBEDDED_DATA_DIR,
    },
    auth: {
      secretKey: required(v.AUTH_SECRET_KEY, 'AUTH_SECRET_KEY'),
      clientPortalSecret: required(v.CLIENT_PORTAL_SECRET, 'CLIENT_PORTAL_SECRET'),
      workerPortalSecret: required(v.WORKER_PORTAL_SECRET, 'WORKER_PORTAL_SECRET'),
      accessTokenTtlMinutes: v.AUTH_ACCESS_TOKEN_TTL_MINUTES,
      sessionTtlMinutes: v.AUTH_SESSION_TTL_MINUTES,
      refreshTokenTtlMinutes: v.AUTH_REFRESH_TOKEN_TTL_MINUTES,
      legacyBasicAuthEnabled: v.LEGACY_BASIC_AUTH_ENABLED,
      basicAuthPairs: basicAuthPairs(v),
      defaultOrgId: v.DEFAULT_ORG_ID ?? null,
      adminMfaRequired: v.ADMIN_MFA_REQUIRED,
      mfaSecretKey: required(v.MFA_SECRET_KEY, 'MFA_SECRET_KEY'),
      emailTempPasswords: v.EMAIL_TEMP_PASSWORDS,
      breakGlassMaxTtlMinutes: v.BREAK_GLASS_MAX_TTL_MINUTES,
      testOrgHeaderAllowed: appEnv !== 'prod' && (appEnv === 'dev' || appEnv === 'test' || v.TESTING),
    },
    email: {
      mode: v.EMAIL_MODE,
      from: v.EMAIL_FROM ?? null,
      fromName: v.EMAIL_FROM_NAME ?? null,
      sendgridApiKey: v.SENDGRID_API_KEY ?? null,
      sendgridBaseUrl: v.SENDGRID_BASE_URL,
      smtp: { host: v.SMTP_HOST ?? null, port: v.SMTP_PORT, user: v.SMTP_USER ?? null, password: v.SMTP_PASSWORD ?? null, secure: v.SMTP_SECURE },
    },
    sms: { mode: v.SMS_MODE, twilio: { accountSid: v.TWILIO_ACCOUNT_SID ?? null, authToken: v.TWILIO_AUTH_TOKEN ?? null, from: v.TWILIO_FROM ?? null } },
    outbox: {
      webhookSigningSecret: v.WEBHOOK_SIGNING_SECRET ?? null,
      baseBackoffSeconds: v.OUTBOX_BASE_BACKOFF_SECONDS,
      maxAttempts: v.OUTBOX_MAX_ATTEMPTS,
      batchSize: v.OUTBOX_BATCH_SIZE,
      leaseSeconds: v.OUTBOX_LEASE_SECONDS,
    },
    stripe: {
      secretKey: v.STRIPE_SECRET_KEY ?? null,
      webhookSecret: v.STRIPE_WEBHOOK_SECRET ?? null,
      successUrl: v.STRIPE_SUCCESS_URL ?? null,
      cancelUrl: v.STRIPE_CANCEL_URL ?? null,
      billingPortalReturnUrl: v.STRIPE_BILLING_PORTAL_RETURN_URL ?? null,
      apiBaseUrl: v.STRIPE_API_BASE_URL ?? null,
      circuitFailureThreshold: v.STRIPE_CIRCUIT_FAILURE_THRESHOLD,
      circuitResetSeconds: v.STRIPE_CIRCUIT_RESET_SECONDS,
    },
    rateLimit: {
      perMinute: v.RATE_LIMIT_PER_MINUTE,
      adminActionPerMinute: v.ADMIN_ACTION_RATE_LIMIT_PER_MINUTE,
      redisUrl: v.REDIS_URL ?? null,
    },
    metrics: {
      enabled: v.METRICS_ENABLED,
      token: v.METRICS_TOKEN ?? null,
    },
    jobs: {
      enabled: v.JOBS_ENABLED,
      httpPort: v.JOBS_HTTP_PORT ?? null,
      heartbeatRequired: v.JOB_HEARTBEAT_REQUIRED,
      heartbeatTtlSeconds: v.JOB_HEARTBEAT_TTL_SECONDS,
      heartbeatIntervalSeconds: v.JOB_HEARTBEAT_INTERVAL_SECONDS,
      runnerId: v.JOB_RUNNER_ID,
      backend: v.JOBS_BACKEND,
      mongodbUrl: v.MONGODB_URL ?? null,
      processEveryMs: v.JOBS_PROCESS_EVERY_MS,
      betterStackHeartbeatUrl: v.BETTER_STACK_HEARTBEAT_URL ?? null,
    },
    scheduling: { workerJobStartWindowMinutes: v.WORKER_JOB_START_WINDOW_MINUTES },
    featureFlags: { depositsEnabled: v.DEPOSITS_ENABLED, exportMode: v.EXPORT_MODE, strictPolicyMode: v.STRICT_POLICY_MODE },
    demo: { seed: v.DEMO_SEED },
  };
}

/**
 * Parse and validate the configuration. Real environment variables win over the `.env` file;
 * throws one ConfigError listing every problem found.
 */
export function loadConfig(env: EnvSource = process.env, options: LoadConfigOptions = {}): Config {
  const problems: ConfigProblem[] = [];
  const fileEnv = readDotenv(options.dotenvPath, problems);
  const lookup = (name: string): string | undefined => nonEmpty(env[name]) ?? nonEmpty(fileEnv[name]);

  const appEnv = appEnvOf(lookup);
  const values: Record<string, ParsedEnvValue | undefined> = {};
  const failed = new Set<string>();
  for (const spec of ENV_SCHEMA as readonly EnvVarSpec[]) {
    const found = rawValueOf(spec, lookup);
    // An invalid APP_ENV is already a problem; dev defaults keep the other checks quiet.
    const raw = found?.raw ?? defaultFor(spec, appEnv ?? 'dev');
    if (raw === undefined) {
      values[spec.name] = isList(spec) ? [] : undefined;
      continue;
    }
    const outcome = parseEnvValue(spec, raw);
    if (outcome.ok) {
      values[spec.name] = outcome.value;
    } else {
      failed.add(spec.name);
      const source = found?.source ?? spec.name;
      const alias = source === spec.name ? '' : ` (older alias of ${spec.name})`;
      problems.push({ variable: source, message: `${outcome.message}${alias}`, fix: outcome.fix });
    }
  }

  // Values are keyed and typed by the schema; failed ones are absent, which CheckedValues allows.
  const checked = values as CheckedValues;
  problems.push(...crossFieldProblems(checked));
  if (appEnv === 'prod') problems.push(...prodProblems(checked, failed));
  else if (appEnv !== undefined) {
    const unset = SIGNING_SECRET_VARIABLES.filter((name) => values[name] === undefined && !failed.has(name));
    const dataDir = typeof values['EMBEDDED_DATA_DIR'] === 'string' ? values['EMBEDDED_DATA_DIR'] : './var/pgdata';
    const generated = devSecrets(unset, options.devSecrets ?? 'process', dataDir);
    if (generated.ok) Object.assign(values, generated.values);
    else problems.push(generated.problem);
  }

  if (problems.length > 0) throw new ConfigError(problems, appEnv ?? lookup('APP_ENV'));
  // No problems: every variable with a default parsed, so the full shape holds.
  return buildConfig(values as EnvValues);
}

