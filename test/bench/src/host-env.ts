/**
 * Environment of the HTTP host under benchmark: APP_ENV=test (so X-Test-Org is honoured) and the
 * four legacy Basic Auth pairs, as the e2e harness configures it, with bench-only passwords.
 * Kept here rather than imported from @cws/e2e-tests so the bench does not build the e2e suite.
 */
export const BENCH_ADMIN = { username: 'bench-admin', password: 'bench-admin-password-0001' } as const;

export function hostEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    APP_ENV: 'test',
    LOG_LEVEL: 'INFO',
    DATABASE_URL: databaseUrl,
    ADMIN_BASIC_USERNAME: BENCH_ADMIN.username,
    ADMIN_BASIC_PASSWORD: BENCH_ADMIN.password,
    DISPATCHER_BASIC_USERNAME: 'bench-dispatch',
    DISPATCHER_BASIC_PASSWORD: 'bench-dispatcher-password-02',
    ACCOUNTANT_BASIC_USERNAME: 'bench-accounts',
    ACCOUNTANT_BASIC_PASSWORD: 'bench-finance-password-003',
    VIEWER_BASIC_USERNAME: 'bench-viewer',
    VIEWER_BASIC_PASSWORD: 'bench-viewer-password-0004',
    METRICS_TOKEN: 'bench-metrics-token',
    ...extra,
  };
}

export function basicAuthorization(pair: { readonly username: string; readonly password: string } = BENCH_ADMIN): string {
  return `Basic ${Buffer.from(`${pair.username}:${pair.password}`).toString('base64')}`;
}
