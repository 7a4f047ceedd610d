/**
 * The typed configuration the rest of the code uses: grouped, camelCase, already validated.
 * Only `loadConfig` builds one from the environment; tests and embedders may build their own.
 */
import { defaultFor, findEnvVar } from './env-schema.js';
import type { AppEnv, EmailMode, EnvVarName, JobsBackend, LogLevel, SmsMode } from './env-schema.js';

export type BasicAuthRole = 'admin' | 'dispatcher' | 'finance' | 'viewer';

export interface BasicAuthPair {
  role: BasicAuthRole;
  username: string;
  password: string;
}

/** The env variables of each legacy Basic Auth pair; ACCOUNTANT_* is the guides' name for finance. */
export const BASIC_AUTH_PAIR_VARIABLES = [
  { role: 'admin', username: 'ADMIN_BASIC_USERNAME', password: 'ADMIN_BASIC_PASSWORD' },
  { role: 'dispatcher', username: 'DISPATCHER_BASIC_USERNAME', password: 'DISPATCHER_BASIC_PASSWORD' },
  { role: 'finance', username: 'ACCOUNTANT_BASIC_USERNAME', password: 'ACCOUNTANT_BASIC_PASSWORD' },
  { role: 'viewer', username: 'VIEWER_BASIC_USERNAME', password: 'VIEWER_BASIC_PASSWORD' },
] as const satisfies readonly { role: BasicAuthRole; username: string; password: string }[];

/** Socket limits of the Node HTTP server (see HTTP_*_TIMEOUT_MS, HTTP_MAX_CONNECTIONS). */
export interface HttpServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
}

/** The socket limits a server gets when no configuration is given: the schema's defaults. */
export function defaultHttpServerLimits(): HttpServerLimits {
  const value = (name: EnvVarName) => Number(defaultFor(findEnvVar(name)!, 'prod'));
  return {
    headersTimeoutMs: value('HTTP_HEADERS_TIMEOUT_MS'),
    requestTimeoutMs: value('HTTP_REQUEST_TIMEOUT_MS'),
    keepAliveTimeoutMs: value('HTTP_KEEP_ALIVE_TIMEOUT_MS'),
    maxConnections: value('HTTP_MAX_CONNECTIONS'),
  };
}

export interface HttpConfig {
  host: string;
  port: number;
  bodyLimitBytes: number;
  limits: HttpServerLimits;
  strictCors: boolean;
  corsOrigins: string[];
  trustProxyHeaders: boolean;
  trustedProxyIps: string[];
  /** Always `address/prefix` (a bare address in the env becomes /32 or /128). */
  trustedProxyCidrs: string[];
  adminIpAllowlistCidrs: string[];
  adminReadOnly: boolean;
  publicBaseUrl: string | null;
}

export interface DatabaseConfig {
  /** The app's login role; null: use the embedded PGlite database in `embeddedDataDir` (never in prod). */
  url: string | null;
  /** The schema owner, for migrations only; null: migrations use `url`. */
  ownerUrl: string | null;
  poolMax: number;
  statementTimeoutMs: number;
  /** Prepare the tenant units' opening statements once per connection (DATABASE_PREPARED_STATEMENTS). */
  preparedStatements: boolean;
  /** While migrations are pending, how often the API rechecks (0: every request). */
  migrationsRecheckSeconds: number;
  embeddedDataDir: string;
}

export interface AuthConfig {
  secretKey: string;
  clientPortalSecret: string;
  workerPortalSecret: string;
  accessTokenTtlMinutes: number;
  sessionTtlMinutes: number;
  refreshTokenTtlMinutes: number;
  legacyBasicAuthEnabled: boolean;
  /** Only complete pairs; whether they are honoured is `legacyBasicAuthEnabled`. */
  basicAuthPairs: BasicAuthPair[];
  defaultOrgId: string | null;
  adminMfaRequired: boolean;
  /** Encrypts TOTP secrets at rest. */
  mfaSecretKey: string;
  emailTempPasswords: boolean;
  breakGlassMaxTtlMinutes: number;
  /** Honour the `X-Test-Org` header: dev/test mode or TESTING, never prod. */
  testOrgHeaderAllowed: boolean;
}

export interface RateLimitConfig {
  perMinute: number;
  adminActionPerMinute: number;
  /** null: limits are kept in memory per process. */
  redisUrl: string | null;
}

export interface MetricsConfig {
  enabled: boolean;
  token: string | null;
}

export interface JobsConfig {
  enabled: boolean;
  /** JOBS_HTTP_PORT; null: the job host process uses 8001 and `npm start` opens no second port. */
  httpPort: number | null;
  heartbeatRequired: boolean;
  heartbeatTtlSeconds: number;
  heartbeatIntervalSeconds: number;
  runnerId: string;
  backend: JobsBackend;
  mongodbUrl: string | null;
  processEveryMs: number;
  betterStackHeartbeatUrl: string | null;
}

export interface SchedulingConfig {
  /** How long before its start a worker may start a job in the portal. */
  workerJobStartWindowMinutes: number;
}

export interface FeatureFlagsConfig {
  depositsEnabled: boolean;
  exportMode: 'off' | 'webhook' | 'sheets';
  strictPolicyMode: boolean;
}

export interface EmailConfig {
  mode: EmailMode;
  from: string | null;
  fromName: string | null;
  sendgridApiKey: string | null;
  sendgridBaseUrl: string;
  smtp: { host: string | null; port: number; user: string | null; password: string | null; secure: boolean };
}

export interface SmsConfig {
  mode: SmsMode;
  twilio: { accountSid: string | null; authToken: string | null; from: string | null };
}

export interface OutboxConfig {
  webhookSigningSecret: string | null;
  baseBackoffSeconds: number;
  maxAttempts: number;
  batchSize: number;
  leaseSeconds: number;
}

export interface StripeConfig {
  /** null: no payment gateway in this process. */
  secretKey: string | null;
  webhookSecret: string | null;
  successUrl: string | null;
  cancelUrl: string | null;
  billingPortalReturnUrl: string | null;
  /** Tests only: a local server playing Stripe's API. */
  apiBaseUrl: string | null;
  circuitFailureThreshold: number;
  circuitResetSeconds: number;
}

export interface Config {
  appEnv: AppEnv;
  testing: boolean;
  logLevel: LogLevel;
  http: HttpConfig;
  database: DatabaseConfig;
  auth: AuthConfig;
  email: EmailConfig;
  sms: SmsConfig;
  outbox: OutboxConfig;
  stripe: StripeConfig;
  rateLimit: RateLimitConfig;
  metrics: MetricsConfig;
  jobs: JobsConfig;
  scheduling: SchedulingConfig;
  featureFlags: FeatureFlagsConfig;
  demo: { seed: boolean };
}
