/**
 * The operator config viewer's snapshot (GET /v1/admin/config): whitelisted keys by environment
 * variable name, secrets shown only as `<redacted>`. Which variables are secret comes from the
 * schema, so a new secret cannot be forgotten here.
 */
import { BASIC_AUTH_PAIR_VARIABLES } from './config.js';
import type { BasicAuthRole, Config } from './config.js';
import { ENV_SCHEMA } from './env-schema.js';
import type { EnvVarName, EnvVarSpec } from './env-schema.js';

export type DescribedValue = string | number | boolean | null | string[];

export const REDACTED = '<redacted>';

function pairOf(config: Config, role: BasicAuthRole) {
  return config.auth.basicAuthPairs.find((pair) => pair.role === role);
}

function pairField(variable: string): ((config: Config) => string | null) | undefined {
  for (const pair of BASIC_AUTH_PAIR_VARIABLES) {
    if (variable === pair.username) return (config) => pairOf(config, pair.role)?.username ?? null;
    if (variable === pair.password) return (config) => pairOf(config, pair.role)?.password ?? null;
  }
  return undefined;
}

type BasicAuthVariable = (typeof BASIC_AUTH_PAIR_VARIABLES)[number]['username' | 'password'];

/**
 * Where each variable lives in Config. Typed as a complete record, so a variable added to the
 * schema without a place here fails to compile.
 */
const CONFIG_VIEW: { [N in Exclude<EnvVarName, BasicAuthVariable>]: (config: Config) => DescribedValue } = {
  APP_ENV: (c) => c.appEnv,
  LOG_LEVEL: (c) => c.logLevel,
  TESTING: (c) => c.testing,
  HOST: (c) => c.http.host,
  PORT: (c) => c.http.port,
  HTTP_BODY_LIMIT_KB: (c) => c.http.bodyLimitBytes / 1024,
  HTTP_HEADERS_TIMEOUT_MS: (c) => c.http.limits.headersTimeoutMs,
  HTTP_REQUEST_TIMEOUT_MS: (c) => c.http.limits.requestTimeoutMs,
  HTTP_KEEP_ALIVE_TIMEOUT_MS: (c) => c.http.limits.keepAliveTimeoutMs,
  HTTP_MAX_CONNECTIONS: (c) => c.http.limits.maxConnections,
  STRICT_CORS: (c) => c.http.strictCors,
  CORS_ORIGINS: (c) => [...c.http.corsOrigins],
  TRUST_PROXY_HEADERS: (c) => c.http.trustProxyHeaders,
  TRUSTED_PROXY_IPS: (c) => [...c.http.trustedProxyIps],
  TRUSTED_PROXY_CIDRS: (c) => [...c.http.trustedProxyCidrs],
  ADMIN_IP_ALLOWLIST_CIDRS: (c) => [...c.http.adminIpAllowlistCidrs],
  ADMIN_READ_ONLY: (c) => c.http.adminReadOnly,
  PUBLIC_BASE_URL: (c) => c.http.publicBaseUrl,
  DATABASE_URL: (c) => c.database.url,
  DATABASE_OWNER_URL: (c) => c.database.ownerUrl,
  DATABASE_POOL_MAX: (c) => c.database.poolMax,
  DATABASE_STATEMENT_TIMEOUT_MS: (c) => c.database.statementTimeoutMs,
  DATABASE_PREPARED_STATEMENTS: (c) => c.database.preparedStatements,
  MIGRATIONS_RECHECK_SECONDS: (c) => c.database.migrationsRecheckSeconds,
  EMBEDDED_DATA_DIR: (c) => c.database.embeddedDataDir,
  AUTH_SECRET_KEY: (c) => c.auth.secretKey,
  CLIENT_PORTAL_SECRET: (c) => c.auth.clientPortalSecret,
  WORKER_PORTAL_SECRET: (c) => c.auth.workerPortalSecret,
  AUTH_ACCESS_TOKEN_TTL_MINUTES: (c) => c.auth.accessTokenTtlMinutes,
  AUTH_SESSION_TTL_MINUTES: (c) => c.auth.sessionTtlMinutes,
  AUTH_REFRESH_TOKEN_TTL_MINUTES: (c) => c.auth.refreshTokenTtlMinutes,
  LEGACY_BASIC_AUTH_ENABLED: (c) => c.auth.legacyBasicAuthEnabled,
  DEFAULT_ORG_ID: (c) => c.auth.defaultOrgId,
  ADMIN_MFA_REQUIRED: (c) => c.auth.adminMfaRequired,
  MFA_SECRET_KEY: (c) => c.auth.mfaSecretKey,
  EMAIL_TEMP_PASSWORDS: (c) => c.auth.emailTempPasswords,
  EMAIL_MODE: (c) => c.email.mode,
  EMAIL_FROM: (c) => c.email.from,
  EMAIL_FROM_NAME: (c) => c.email.fromName,
  SENDGRID_API_KEY: (c) => c.email.sendgridApiKey,
  SENDGRID_BASE_URL: (c) => c.email.sendgridBaseUrl,
  SMTP_HOST: (c) => c.email.smtp.host,
  SMTP_PORT: (c) => c.email.smtp.port,
  SMTP_USER: (c) => c.email.smtp.user,
  SMTP_PASSWORD: (c) => c.email.smtp.password,
  SMTP_SECURE: (c) => c.email.smtp.secure,
  SMS_MODE: (c) => c.sms.mode,
  TWILIO_ACCOUNT_SID: (c) => c.sms.twilio.accountSid,
  TWILIO_AUTH_TOKEN: (c) => c.sms.twilio.authToken,
  TWILIO_FROM: (c) => c.sms.twilio.from,
  WEBHOOK_SIGNING_SECRET: (c) => c.outbox.webhookSigningSecret,
  OUTBOX_BASE_BACKOFF_SECONDS: (c) => c.outbox.baseBackoffSeconds,
  OUTBOX_MAX_ATTEMPTS: (c) => c.outbox.maxAttempts,
  OUTBOX_BATCH_SIZE: (c) => c.outbox.batchSize,
  OUTBOX_LEASE_SECONDS: (c) => c.outbox.leaseSeconds,
  STRIPE_SECRET_KEY: (c) => c.stripe.secretKey,
  STRIPE_WEBHOOK_SECRET: (c) => c.stripe.webhookSecret,
  STRIPE_SUCCESS_URL: (c) => c.stripe.successUrl,
  STRIPE_CANCEL_URL: (c) => c.stripe.cancelUrl,
  STRIPE_BILLING_PORTAL_RETURN_URL: (c) => c.stripe.billingPortalReturnUrl,
  STRIPE_API_BASE_URL: (c) => c.stripe.apiBaseUrl,
  STRIPE_CIRCUIT_FAILURE_THRESHOLD: (c) => c.stripe.circuitFailureThreshold,
  STRIPE_CIRCUIT_RESET_SECONDS: (c) => c.stripe.circuitResetSeconds,
  BREAK_GLASS_MAX_TTL_MINUTES: (c) => c.auth.breakGlassMaxTtlMinutes,
  DEPOSITS_ENABLED: (c) => c.featureFlags.depositsEnabled,
  EXPORT_MODE: (c) => c.featureFlags.exportMode,
  STRICT_POLICY_MODE: (c) => c.featureFlags.strictPolicyMode,
  RATE_LIMIT_PER_MINUTE: (c) => c.rateLimit.perMinute,
  ADMIN_ACTION_RATE_LIMIT_PER_MINUTE: (c) => c.rateLimit.adminActionPerMinute,
  REDIS_URL: (c) => c.rateLimit.redisUrl,
  METRICS_ENABLED: (c) => c.metrics.enabled,
  METRICS_TOKEN: (c) => c.metrics.token,
  JOBS_ENABLED: (c) => c.jobs.enabled,
  JOBS_HTTP_PORT: (c) => c.jobs.httpPort,
  JOB_HEARTBEAT_REQUIRED: (c) => c.jobs.heartbeatRequired,
  JOB_HEARTBEAT_TTL_SECONDS: (c) => c.jobs.heartbeatTtlSeconds,
  JOB_HEARTBEAT_INTERVAL_SECONDS: (c) => c.jobs.heartbeatIntervalSeconds,
  JOB_RUNNER_ID: (c) => c.jobs.runnerId,
  JOBS_BACKEND: (c) => c.jobs.backend,
  MONGODB_URL: (c) => c.jobs.mongodbUrl,
  JOBS_PROCESS_EVERY_MS: (c) => c.jobs.processEveryMs,
  BETTER_STACK_HEARTBEAT_URL: (c) => c.jobs.betterStackHeartbeatUrl,
  WORKER_JOB_START_WINDOW_MINUTES: (c) => c.scheduling.workerJobStartWindowMinutes,
  DEMO_SEED: (c) => c.demo.seed,
};

function viewOf(name: string): ((config: Config) => DescribedValue) | undefined {
  return (CONFIG_VIEW as Record<string, (config: Config) => DescribedValue>)[name] ?? pairField(name);
}

/**
 * A flat snapshot by environment variable name. Secret variables show `<redacted>` when set and
 * null when unset; their values never leave this function.
 */
export function describeConfig(config: Config): Record<string, DescribedValue> {
  const snapshot: Record<string, DescribedValue> = {};
  for (const spec of ENV_SCHEMA as readonly EnvVarSpec[]) {
    const view = viewOf(spec.name);
    if (view === undefined) continue;
    const value = view(config);
    snapshot[spec.name] = spec.secret ? (value === null ? null : REDACTED) : value;
  }
  return snapshot;
}
