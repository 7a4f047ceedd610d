/** Public API of the configuration: schema, typed Config, loader, viewer snapshot, .env.example. */
export {
  APP_ENVS,
  ENV_GROUPS,
  ENV_SCHEMA,
  JOBS_BACKENDS,
  LOG_LEVELS,
  defaultFor,
  devPlaceholderSecret,
  findEnvVar,
  isDevPlaceholderSecret,
} from './env-schema.js';
export type { AppEnv, EnvDefault, EnvGroup, EnvKind, EnvValues, EnvVarName, EnvVarSpec, JobsBackend, LogLevel } from './env-schema.js';
export { DEV_SECRETS_FILE, type DevSecretsPlace } from './dev-secrets.js';
export { parseBool, parseCidr, parseEnvValue, splitList } from './env-value-parsers.js';
export type { CidrOutcome, ParseOutcome, ParsedEnvValue } from './env-value-parsers.js';
export { BASIC_AUTH_PAIR_VARIABLES, defaultHttpServerLimits } from './config.js';
export type {
  AuthConfig,
  BasicAuthPair,
  BasicAuthRole,
  Config,
  DatabaseConfig,
  HttpConfig,
  HttpServerLimits,
  JobsConfig,
  MetricsConfig,
  RateLimitConfig,
  SchedulingConfig,
  StripeConfig,
} from './config.js';
export {
  MIN_PROD_BASIC_PASSWORD_LENGTH,
  MIN_PROD_METRICS_TOKEN_LENGTH,
  MIN_PROD_SECRET_LENGTH,
  SIGNING_SECRET_VARIABLES,
  isPlaceholderPassword,
  isPlaceholderSecret,
} from './config-checks.js';
export { ConfigError, loadConfig } from './load-config.js';
export type { ConfigProblem, EnvSource, LoadConfigOptions } from './load-config.js';
export { REDACTED, describeConfig } from './describe-config.js';
export type { DescribedValue } from './describe-config.js';
export { COMPOSE_VARIABLES, renderEnvExample } from './env-example.js';
