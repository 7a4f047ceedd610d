/**
 * Shared by the scheduling benchmarks (PB4, PB5, T1): a runtime on a scratch database, the SQL the
 * Postgres adapter really sends (captured from knex, not copied), query plans, latency summaries.
 */
import type pg from 'pg';
import { createRuntime, loadConfig, type ContainerOptions, type Runtime } from '@cws/composition';
import type { RequestContext, TenantRepositories } from '@cws/core';
import { PostgresUnitOfWork, tenantBeginStatement, type Knex } from '@cws/adapter-postgres';
import { hostEnv } from './host-env.js';
import { fmt, median, quantile, table } from './stats.js';

export type Log = (line?: string) => void;

/** The app's runtime (core + adapters) on `databaseUrl`, as the hosts build it; request limits lifted so a load test measures the app, not the limiter. */
export async function benchRuntime(databaseUrl: string, extra: Record<string, string> = {}, options: ContainerOptions = {}): Promise<Runtime> {
  const config = loadConfig(hostEnv(databaseUrl, { RATE_LIMIT_PER_MINUTE: '1000000', ADMIN_ACTION_RATE_LIMIT_PER_MINUTE: '1000000', ...extra }), { dotenvPath: null });
  return createRuntime(config, options);
}

export interface CapturedSql {
  readonly sql: string;
  readonly bindings: readonly unknown[];
}

/**
 * The statements the adapter sends for `work` inside one tenant unit of work on `knex`
 * (BEGIN/prelude and COMMIT go on the connection directly and are not in the list). The SQL is
 * knex's `$n` form with its bindings, ready for pg.
 */
export async function captureAdapterSql<T>(knex: Knex, ctx: RequestContext, work: (repos: TenantRepositories) => Promise<T>): Promise<CapturedSql[]> {
  const statements: CapturedSql[] = [];
  const listener = (data: { sql: string; bindings?: unknown[] }) => {
    // knex reports `?` placeholders; pg wants $n (knex numbers them the same way when it sends).
    let i = 0;
    statements.push({ sql: data.sql.replace(/\?/g, () => `$${++i}`), bindings: data.bindings ?? [] });
  };
  knex.on('query', listener);
  try {
    await new PostgresUnitOfWork(knex).run(ctx, work);
  } finally {
    knex.off('query', listener);
  }
  return statements;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Shared Hit Blocks'?: number;
  Plans?: PlanNode[];
}

export interface PlanSummary {
  /** "Sort → Index Scan on booking_workers_no_overlap". */
  readonly shape: string;
  readonly indexes: readonly string[];
  readonly seqScans: readonly string[];
  /** Index conditions and filters of the scan nodes, one line each. */
  readonly conditions: readonly string[];
  readonly rowsOut: number;
  /** Rows the scans read and threw away (filter + recheck). */
  readonly rowsRemoved: number;
  readonly sharedHitBlocks: number;
  readonly executionMs: number;
  readonly planningMs: number;
}

export function summarisePlan(explain: unknown): PlanSummary {
  const top = (explain as Array<{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }>)[0]!;
  const nodes: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    nodes.push(n);
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(top.Plan);
  const scanName = (n: PlanNode) => `${n['Node Type']}${n['Index Name'] ? ` on ${n['Index Name']}` : n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}`;
  return {
    shape: nodes.map(scanName).join(' → '),
    indexes: nodes.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])),
    seqScans: nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'] ?? '?'),
    conditions: nodes.flatMap((n) => [
      ...(n['Index Cond'] ? [`${scanName(n)}: Index Cond ${n['Index Cond']}`] : []),
      ...(n.Filter ? [`${scanName(n)}: Filter ${n.Filter}${n['Rows Removed by Filter'] ? ` (removed ${n['Rows Removed by Filter']} rows)` : ''}`] : []),
    ]),
    rowsOut: top.Plan['Actual Rows'] ?? 0,
    rowsRemoved: nodes.reduce((sum, n) => sum + ((n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0)) * (n['Actual Loops'] ?? 1), 0),
    sharedHitBlocks: top.Plan['Shared Hit Blocks'] ?? 0,
    executionMs: top['Execution Time'],
    planningMs: top['Planning Time'],
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of `sql` as the app runs it: in a tenant transaction (role cws_app, RLS on). */
export async function explainInTenant(client: pg.ClientBase, orgId: string, sql: string, bindings: readonly unknown[]): Promise<PlanSummary> {
  await client.query(tenantBeginStatement(orgId));
  try {
    const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, [...bindings]);
    return summarisePlan(result.rows[0]['QUERY PLAN']);
  } finally {
    await client.query('ROLLBACK');
  }
}

export function logPlan(log: Log, label: string, plan: PlanSummary): void {
  log(`  plan ${label}: ${plan.shape}`);
  for (const c of plan.conditions) log(`      ${c}`);
  log(
    `      ${plan.rowsOut} rows out, ${plan.rowsRemoved} read and discarded, ${plan.sharedHitBlocks} buffers hit; ` +
      `planning ${fmt(plan.planningMs, 3)} ms, execution ${fmt(plan.executionMs, 3)} ms${plan.seqScans.length > 0 ? `; SEQ SCAN on ${plan.seqScans.join(', ')}` : ''}`,
  );
}

export interface Latency {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export function latency(samples: readonly number[]): Latency {
  return { n: samples.length, p50: median(samples), p95: quantile(samples, 0.95), p99: quantile(samples, 0.99), max: Math.max(...samples) };
}

export const msSince = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** Runs `task(i)` for i in [0, count) on `concurrency` lanes; returns when all are done. */
export async function lanes(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
}

export interface StatementCost {
  /** The statement, shortened to its first 90 characters. */
  readonly sql: string;
  /** Median ms from send to rows parsed (knex 'query' → 'query-response'). */
  readonly ms: number;
  readonly rows: number;
}

export interface CallBreakdown {
  readonly totalMs: number;
  readonly statements: readonly StatementCost[];
  /** Total minus the statements: BEGIN/COMMIT round trips, mapping rows, the use case's own work. */
  readonly restMs: number;
}

/**
 * Where a call's time goes: `calls` runs of `call` on a core built over `knex` (so knex's events
 * see its statements), medians per statement position. Statements run one after another inside a
 * unit of work, so their times add up.
 */
export async function statementBreakdown(knex: Knex, calls: number, call: () => Promise<unknown>): Promise<CallBreakdown> {
  return (await statementBreakdowns([{ knex, call }], calls))[0]!;
}

/**
 * The same for several targets at once, alternating call by call (A B, B A, …) so machine load
 * falls on all of them alike; one breakdown per target.
 */
export async function statementBreakdowns(targets: ReadonlyArray<{ knex: Knex; call: () => Promise<unknown> }>, calls: number): Promise<CallBreakdown[]> {
  type Sample = { sql: string; ms: number; rows: number };
  const perTarget: Array<Array<{ total: number; statements: Sample[] }>> = targets.map(() => []);
  let current: Sample[] = [];
  const started = new Map<string, { sql: string; t0: bigint }>();
  const onQuery = (data: { __knexQueryUid: string; sql: string }) => started.set(data.__knexQueryUid, { sql: data.sql, t0: process.hrtime.bigint() });
  const onResponse = (response: unknown, data: { __knexQueryUid: string }) => {
    const s = started.get(data.__knexQueryUid);
    if (s === undefined) return;
    started.delete(data.__knexQueryUid);
    // knex answers an array of rows, a raw pg result ({ rows }), one row (`.first()`), or a count.
    const rows = Array.isArray(response)
      ? response.length
      : typeof response === 'number'
        ? response
        : response === null || response === undefined
          ? 0
          : Array.isArray((response as { rows?: unknown[] }).rows)
            ? (response as { rows: unknown[] }).rows.length
            : 1;
    current.push({ sql: s.sql.replace(/\s+/g, ' ').slice(0, 90), ms: msSince(s.t0), rows });
  };
  for (const t of targets) {
    t.knex.on('query', onQuery);
    t.knex.on('query-response', onResponse);
  }
  try {
    for (let i = 0; i < calls; i++) {
      for (let j = 0; j < targets.length; j++) {
        const k = (i + j) % targets.length;
        current = [];
        const t0 = process.hrtime.bigint();
        await targets[k]!.call();
        perTarget[k]!.push({ total: msSince(t0), statements: current });
      }
    }
  } finally {
    for (const t of targets) {
      t.knex.off('query', onQuery);
      t.knex.off('query-response', onResponse);
    }
  }
  return perTarget.map((perCall) => {
    const width = Math.max(...perCall.map((c) => c.statements.length));
    const statements: StatementCost[] = [];
    for (let i = 0; i < width; i++) {
      const at = perCall.flatMap((c) => (c.statements[i] ? [c.statements[i]!] : []));
      statements.push({ sql: at[0]!.sql, ms: median(at.map((s) => s.ms)), rows: median(at.map((s) => s.rows)) });
    }
    const totalMs = median(perCall.map((c) => c.total));
    return { totalMs, statements, restMs: totalMs - statements.reduce((sum, s) => sum + s.ms, 0) };
  });
}

export function logBreakdown(log: Log, label: string, b: CallBreakdown): void {
  log(`  where ${label}'s time goes (median of each statement over the calls; total ${fmt(b.totalMs, 2)} ms):`);
  log(
    table(
      ['statement', 'ms', 'rows'],
      [...b.statements.map((s) => [s.sql, fmt(s.ms, 3), fmt(s.rows)]), ['rest: BEGIN+prelude, COMMIT, mapping rows, the use case in Node', fmt(b.restMs, 3), '']],
      '    ',
    ),
  );
}
