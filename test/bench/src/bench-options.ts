/**
 * Options of a benchmark run, from the environment:
 *   BENCH_DURATION_S   seconds per measured autocannon run (PB1), default 10
 *   BENCH_WARMUP_S     seconds of the warm-up run of each PB1 route, default 5
 *   BENCH_REPS         interleaved repetitions (A B A B A B), default 3
 *   BENCH_CONNECTIONS  autocannon connections = pool size of both PB1 routes, default 10
 *   BENCH_SIZES        PB2 table sizes, default "10000,1000000"
 *   BENCH_PB2_RUNS     PB2 transactions per variant per rep, default 200 (at least 50)
 *   BENCH_PB4_RUNS     PB4 iterations per rep (each runs every variant once), default 200 (at least 50)
 *   BENCH_PB5_RUNS     PB5 bookings per variant per rep and mode, default 300 (at least 50)
 *   BENCH_PB5_CLIENTS  PB5 concurrent callers in the concurrent mode, default 4
 *   BENCH_T1_ATTEMPTS  T1 POST attempts per run, default 5000
 *   BENCH_T1_CLIENTS   T1 concurrent HTTP clients, default 50
 *   BENCH_PB6_ROWS     PB6 leads in the searched org, default 1000000 (at least 10000)
 *   BENCH_PB6_RUNS     PB6 iterations per rep (each runs every variant once), default 200 (at least 50)
 *   BENCH_PB3_EVENTS   PB3 backlog drained per variant per rep, default 10000 (at least 1000)
 *   BENCH_PB3_RATE     PB3 events enqueued per second in the latency part, default 200
 *   BENCH_PB3_LATENCY_S PB3 seconds of enqueuing per latency rep, default 20
 *   BENCH_PB7_RATE     PB7 webhook events per second (open loop), default 100
 *   BENCH_PB7_INVOICES PB7 reconcile invoices in the org, default 100000 (at least 1000; PGlite uses at most 10000)
 *   BENCH_PB7_RUNS     PB7 reconcile calls per variant per rep, default 20 (at least 5)
 *   BENCH_PB8_LEADS    PB8 leads added to each host's demo org, default 200 (at least 50)
 *   BENCH_ONLY         one benchmark, or several comma-separated: PB1, PB2, PB3, PB4, PB4H, PB5, PB5C, PB6, PB7, PB8, T1
 *   BENCH_BREAKDOWN    "1": PB1 also runs diagnostic routes that split its cost
 *   BENCH_BASELINE_CHECKOUT  PB5C: path of a git worktree of the baseline commit with its own node_modules
 *   TEST_DATABASE_URL  PostgreSQL server to run on; PGlite (embedded) when unset
 */

export const BENCH_IDS = ['PB1', 'PB2', 'PB3', 'PB4', 'PB4H', 'PB5', 'PB5C', 'PB6', 'PB7', 'PB8', 'T1'] as const;
export type BenchId = (typeof BENCH_IDS)[number];

export interface BenchOptions {
  readonly durationS: number;
  readonly warmupS: number;
  readonly reps: number;
  readonly connections: number;
  readonly sizes: readonly number[];
  readonly pb2Runs: number;
  readonly pb4Runs: number;
  readonly pb5Runs: number;
  readonly pb5Clients: number;
  readonly pb6Rows: number;
  readonly pb6Runs: number;
  readonly t1Attempts: number;
  readonly t1Clients: number;
  readonly pb3Events: number;
  readonly pb3Rate: number;
  readonly pb3LatencyS: number;
  readonly pb7Rate: number;
  readonly pb7Invoices: number;
  readonly pb7Runs: number;
  readonly pb8Leads: number;
  /** The benchmarks to run; null = all. */
  readonly only: readonly BenchId[] | null;
  readonly breakdown: boolean;
  /** PB5C: a worktree of the baseline commit (with its own node_modules), or null. */
  readonly baselineCheckout: string | null;
  readonly serverUrl: string | null;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
  return value;
}

export function benchOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const sizesRaw = env['BENCH_SIZES'];
  const sizes =
    sizesRaw === undefined || sizesRaw.trim() === ''
      ? [10_000, 1_000_000]
      : sizesRaw.split(',').map((s) => {
          const n = Number(s.trim().replace(/_/g, ''));
          if (!Number.isInteger(n) || n < 100) throw new Error(`BENCH_SIZES entries must be integers ≥ 100, got ${JSON.stringify(s)}`);
          return n;
        });
  const onlyRaw = env['BENCH_ONLY'];
  let only: BenchId[] | null = null;
  if (onlyRaw !== undefined && onlyRaw.trim() !== '') {
    only = onlyRaw.split(',').map((s) => {
      const id = s.trim().toUpperCase();
      if (!(BENCH_IDS as readonly string[]).includes(id)) throw new Error(`BENCH_ONLY entries must be one of ${BENCH_IDS.join(', ')}, got ${JSON.stringify(onlyRaw)}`);
      return id as BenchId;
    });
  }
  const url = env['TEST_DATABASE_URL'];
  return {
    durationS: positiveInt(env, 'BENCH_DURATION_S', 10),
    warmupS: positiveInt(env, 'BENCH_WARMUP_S', 5),
    reps: positiveInt(env, 'BENCH_REPS', 3),
    connections: positiveInt(env, 'BENCH_CONNECTIONS', 10),
    sizes: [...sizes].sort((a, b) => a - b),
    pb2Runs: positiveInt(env, 'BENCH_PB2_RUNS', 200, 50),
    pb4Runs: positiveInt(env, 'BENCH_PB4_RUNS', 200, 50),
    pb5Runs: positiveInt(env, 'BENCH_PB5_RUNS', 300, 50),
    pb5Clients: positiveInt(env, 'BENCH_PB5_CLIENTS', 4, 2),
    pb6Rows: positiveInt(env, 'BENCH_PB6_ROWS', 1_000_000, 10_000),
    pb6Runs: positiveInt(env, 'BENCH_PB6_RUNS', 200, 50),
    t1Attempts: positiveInt(env, 'BENCH_T1_ATTEMPTS', 5000, 100),
    t1Clients: positiveInt(env, 'BENCH_T1_CLIENTS', 50, 2),
    pb3Events: positiveInt(env, 'BENCH_PB3_EVENTS', 10_000, 1_000),
    pb3Rate: positiveInt(env, 'BENCH_PB3_RATE', 200),
    pb3LatencyS: positiveInt(env, 'BENCH_PB3_LATENCY_S', 20),
    pb7Rate: positiveInt(env, 'BENCH_PB7_RATE', 100),
    pb7Invoices: positiveInt(env, 'BENCH_PB7_INVOICES', 100_000, 1_000),
    pb7Runs: positiveInt(env, 'BENCH_PB7_RUNS', 20, 5),
    pb8Leads: positiveInt(env, 'BENCH_PB8_LEADS', 200, 50),
    only,
    breakdown: env['BENCH_BREAKDOWN'] === '1',
    baselineCheckout: env['BENCH_BASELINE_CHECKOUT'] === undefined || env['BENCH_BASELINE_CHECKOUT'].trim() === '' ? null : env['BENCH_BASELINE_CHECKOUT'].trim(),
    serverUrl: url === undefined || url === '' ? null : url,
  };
}

/** The URL without a password, for printing. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
