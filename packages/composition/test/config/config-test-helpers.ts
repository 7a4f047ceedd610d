/** Shared fixtures of the config tests: a fully valid prod environment and a ConfigError catcher. */
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import type { Config, ConfigProblem, EnvSource } from '../../src/config/index.js';

/** Values no placeholder rule matches; long enough for every prod length rule. */
export const PROD_SECRETS = {
  AUTH_SECRET_KEY: 'q7Vx2LmN9pRt4WyZ8bCd3FgH6jKs1Tu5',
  CLIENT_PORTAL_SECRET: 'Hz3Kq8Wm2Rv7Yt1Nb6Lc9Xp4Sd5Gf0Ja',
  WORKER_PORTAL_SECRET: 'Uc5Pn1Ek8Wd3Mz7Qy2Tb6Rh9Lg4Vx0Fs',
  MFA_SECRET_KEY: 'Ye8Tm3Gv6Bn1Qk4Zs9Hr2Lw7Dp5Cx0Fj',
  METRICS_TOKEN: 'mt-4Rk9Zp2Qw7Lx5Nc8Vb3Hy6Jd1Tq0Wm8Ks',
  ADMIN_BASIC_PASSWORD: 'Gl4ss-Tulip-Rain-88',
  DATABASE_URL: 'postgres://cws_app:Db9xPq2Lr7@db.internal:5432/cws',
} as const;

export function validProdEnv(): EnvSource {
  return {
    APP_ENV: 'prod',
    ...PROD_SECRETS,
    STRICT_CORS: 'true',
    CORS_ORIGINS: 'https://app.cleanco.io',
    ADMIN_BASIC_USERNAME: 'ops-admin',
    ADMIN_IP_ALLOWLIST_CIDRS: '10.0.0.0/8, 2001:db8::/32',
  };
}

/** Load with no `.env` file, so the tests never depend on the developer's one. */
export function load(env: EnvSource): Config {
  return loadConfig(env, { dotenvPath: null });
}

/** The problems of a load that must fail. */
export function problemsOf(env: EnvSource): readonly ConfigProblem[] {
  try {
    load(env);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  expect.fail('loadConfig accepted a configuration that should fail');
}

export function variablesOf(problems: readonly ConfigProblem[]): string[] {
  return problems.map((p) => p.variable);
}
