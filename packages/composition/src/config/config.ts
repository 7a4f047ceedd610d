/**
 * The typed configuration the rest of the code uses: grouped, camelCase, already validated.
 * Only `loadConfig` builds one from the environment; tests and embedders may build their own.
 */
import type { AppEnv, JobsBackend, LogLevel } from './env-schema.js';

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

export interface HttpConfig {
  host: string;
  port: number;
  bodyLimitBytes: number;
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
  heartbeatRequired: boolean;
  heartbeatTtlSeconds: number;
  heartbeatIntervalSeconds: number;
  runnerId: string;
  backend: JobsBackend;
  mongodbUrl: string | null;
  processEveryMs: number;
  betterStackHeartbeatUrl: string | null;
}

export interface FeatureFlagsConfig {
  depositsEnabled: boolean;
  exportMode: 'off' | 'webhook' | 'sheets';
  strictPolicyMode: boolean;
}

export interface Config {
  appEnv: AppEnv;
  testing: boolean;
  logLevel: LogLevel;
  http: HttpConfig;
  database: DatabaseConfig;
  auth: AuthConfig;
  rateLimit: RateLimitConfig;
  metrics: MetricsConfig;
  jobs: JobsConfig;
  featureFlags: FeatureFlagsConfig;
  demo: { seed: boolean };
}
