/**
 * `/readyz` as guide 000 "Health, readiness, and metrics" describes it: a `checks[]` array
 * (db with a 2 s timeout, migrations current vs expected head, jobs heartbeat when JOBS_ENABLED
 * or JOB_HEARTBEAT_REQUIRED), plus the legacy top-level keys older clients read. 503 when any
 * check fails.
 */
import { Type } from '@sinclair/typebox';
import type { Runtime } from '@cws/composition';

const Detail = Type.Object({}, { additionalProperties: true });

/** What /readyz answers, ready (200) or not (503). */
export const ReadinessView = Type.Object(
  {
    ok: Type.Boolean(),
    checks: Type.Array(Type.Object({ name: Type.Union([Type.Literal('db'), Type.Literal('migrations'), Type.Literal('jobs'), Type.Literal('delivery')]), ok: Type.Boolean(), ms: Type.Number(), detail: Detail }, { additionalProperties: false })),
    status: Type.Union([Type.Literal('ready'), Type.Literal('unhealthy')]),
    database: Detail,
    jobs: Detail,
    db_connected: Type.Boolean(),
    migrations_current: Type.Boolean(),
    current_revision: Type.Unknown({ description: 'The newest applied migration, or null' }),
    expected_revision: Type.Unknown({ description: 'The migration this build expects, or null' }),
  },
  { additionalProperties: false, $id: 'Readiness' },
);

export interface ReadinessCheck {
  readonly name: 'db' | 'migrations' | 'jobs' | 'delivery';
  readonly ok: boolean;
  readonly ms: number;
  readonly detail: Record<string, unknown>;
}

const DB_TIMEOUT_MS = 2000;

async function timed(name: ReadinessCheck['name'], run: () => Promise<{ ok: boolean; detail: Record<string, unknown> }>): Promise<ReadinessCheck> {
  const started = performance.now();
  let outcome: { ok: boolean; detail: Record<string, unknown> };
  try {
    outcome = await run();
  } catch (err) {
    outcome = { ok: false, detail: { message: err instanceof Error ? err.message : 'check failed' } };
  }
  return { name, ok: outcome.ok, ms: Math.round((performance.now() - started) * 100) / 100, detail: outcome.detail };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function readiness(runtime: Runtime) {
  const { jobs } = runtime.config;
  const db = await timed('db', async () => {
    await runtime.pingDatabase(DB_TIMEOUT_MS);
    return { ok: true, detail: { message: 'database reachable', storage: runtime.storage } };
  });
  const migrations = await timed('migrations', async () => {
    if (!db.ok) return { ok: false, detail: { message: 'database unreachable', migrations_current: false } };
    const status = await withTimeout(runtime.migrationStatus(), DB_TIMEOUT_MS, 'the migrations table');
    return {
      ok: status.upToDate,
      detail: {
        message: status.upToDate ? 'migrations in sync' : `${status.pending.length} migration(s) pending: run npm run migrate`,
        migrations_current: status.upToDate,
        current_version: status.current,
        expected_head: status.expected,
        pending: status.pending,
      },
    };
  });
  const required = jobs.enabled || jobs.heartbeatRequired;
  const jobsCheck = await timed('jobs', async () => {
    if (!required) return { ok: true, detail: { enabled: false, message: 'heartbeat not required' } };
    const runners = await withTimeout(runtime.ports.jobMonitor.listRunners(), DB_TIMEOUT_MS, 'the heartbeat table');
    const latest = runners[0];
    if (latest === undefined) return { ok: false, detail: { enabled: true, message: 'no job runner has sent a heartbeat' } };
    const age = (runtime.clock.now().getTime() - latest.lastHeartbeat.getTime()) / 1000;
    const fresh = age <= jobs.heartbeatTtlSeconds;
    return {
      ok: fresh,
      detail: {
        enabled: true,
        runner_id: latest.runnerId,
        last_heartbeat: latest.lastHeartbeat.toISOString(),
        age_seconds: Math.round(age * 10) / 10,
        ttl_seconds: jobs.heartbeatTtlSeconds,
        ...(fresh ? {} : { message: 'the newest heartbeat is older than JOB_HEARTBEAT_TTL_SECONDS' }),
      },
    };
  });
  const checks = [db, migrations, jobsCheck, deliveryCheck(runtime)];
  const ok = checks.every((c) => c.ok);
  return {
    status: ok ? 200 : 503,
    body: {
      ok,
      checks,
      status: ok ? 'ready' : 'unhealthy',
      database: { ok: db.ok, ...db.detail },
      jobs: { ok: jobsCheck.ok, ...jobsCheck.detail },
      db_connected: db.ok,
      migrations_current: migrations.detail['migrations_current'] === true,
      current_revision: migrations.detail['current_version'] ?? null,
      expected_revision: migrations.detail['expected_head'] ?? null,
    },
  };
}

/**
 * The message providers' and the payment processor's circuit breakers, for the record: an open breaker never makes the API
 * unready (the outbox keeps the messages; restarting would not mend the provider), so this check
 * is always ok and the CircuitBreakerOpen alert watches `circuit_breaker_state` instead.
 */
export function deliveryCheck(runtime: Runtime): ReadinessCheck {
  const breakers = runtime.outbox.breakers().map(({ name, state }) => ({ name, state }));
  const open = breakers.filter((b) => b.state !== 'closed').map((b) => b.name);
  return {
    name: 'delivery',
    ok: true,
    ms: 0,
    detail: {
      breakers,
      message:
        breakers.length === 0
          ? 'no message channel or payment processor configured'
          : open.length === 0
            ? 'every provider breaker closed'
            : `breaker not closed: ${open.join(', ')} (messages wait in the outbox; card payments fail fast until it closes)`,
    },
  };
}
