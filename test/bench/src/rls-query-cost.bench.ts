/**
 * PB2 — cost of row level security on the lead list query, database only (one pooled connection,
 * one unit at a time, no HTTP). Every variant goes through the same knex instance (pool of 1), so
 * the client-side cost of a statement is the same on both sides and the ratio is the database
 * round trips and RLS.
 *
 *   RLS       the adapter's own tenant unit, `inTenantTransaction`, read-only as the ListLeads use
 *             case opens it (whatever that sends: today the tenant settings and the list before one
 *             Sync, one round trip, ADR 23), running the list statement(s) the repository sends,
 *             captured from knex at start-up (no org filter: the policy adds it).
 *   RLS read-write (printed, no verdict) the same in a read-write unit, as a unit that may write
 *             sends it: BEGIN, settings and the list in one round trip, COMMIT in a second.
 *   plain     (baseline, the target's) the single statement an app without RLS sends: the same
 *             list as the owner with `org_id = $1`, no BEGIN/COMMIT, one round trip.
 *   begin/commit (the old baseline, printed, no verdict) BEGIN; the plain statement; COMMIT.
 *   repository (diagnostic) the app's whole database path: PostgresUnitOfWork + the lead
 *             repository's list (objection, mapping to domain leads) — what PB1's API runs.
 *
 * At each size of BENCH_SIZES (10k rows over ~50 orgs, 1M over ~500: orgs = √rows / 2), loaded
 * with one INSERT … SELECT generate_series into a SCRATCH database (cws_bench_pb2_<pid>) created
 * on the server, migrated and dropped afterwards, then ANALYZE. Per rep, BENCH_PB2_RUNS units of
 * each variant, interleaved in rotating order (A B C D, B C D A, …) on random orgs (each variant
 * in turn on the same org).
 * Targets (issue 12): median ms ratio RLS/plain ≤ 1.3 (stretch 1.1; FAIL above 2), and the RLS
 * plan must use an index condition on org_id (the plain plan's index is printed beside it).
 * Without TEST_DATABASE_URL the small sizes run on an embedded PGlite and sizes above 100k are
 * skipped (they need a PostgreSQL server).
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createKnex, inTenantTransaction, startEmbeddedPostgres, type EmbeddedPostgres, type Knex } from '@cws/adapter-postgres';
import { migrateLatest } from '@cws/migrations';
import { benchOptions, type BenchOptions } from './bench-options.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { FETCH_ROWS, LIST_SQL_EXPLICIT, LIST_SQL_RLS, TENANT_PRELUDE, adapterListSql, insertLeads, insertOrgs, pgRunner, repositoryList } from './lead-list-sql.js';
import { fmt, fmtSpread, majorityVerdict, median, quantile, spread, table, verdictLine, type BenchReport, type TargetResult, type Verdict } from './stats.js';

export const PB2_TARGET_RATIO = 1.3;
export const PB2_STRETCH_RATIO = 1.1;
export const PB2_FAIL_RATIO = 2;
/** Largest size run on PGlite; above it PGlite is too slow to load and says nothing about a server. */
const PGLITE_MAX_ROWS = 100_000;
const WARMUP_RUNS = 30;

type Log = (line?: string) => void;

type VariantKey = 'rls' | 'rlsReadWrite' | 'plain' | 'beginCommit' | 'repository';
const VARIANTS: readonly VariantKey[] = ['rls', 'rlsReadWrite', 'plain', 'beginCommit', 'repository'];

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
/** knex.raw takes `?` placeholders. */
const knexPlaceholders = (sql: string) => sql.replace(/\$\d+/g, '?');
const PLAIN_SQL = knexPlaceholders(LIST_SQL_EXPLICIT);

interface KnexPool {
  acquireConnection(): Promise<{ query(sql: string): Promise<unknown> }>;
  releaseConnection(connection: unknown): Promise<void>;
}

/** The statements the repository's list sends inside its unit of work (knex form, with their bindings). */
interface ListStatements {
  readonly sql: readonly string[];
  readonly bindings: readonly unknown[][];
}

function expectRows(what: string, orgId: string, rows: number): void {
  if (rows !== FETCH_ROWS) throw new Error(`${what} list for org ${orgId} returned ${rows} rows, expected ${FETCH_ROWS}`);
}

function variantRunners(knex: Knex, list: ListStatements): Record<VariantKey, (orgId: string) => Promise<number>> {
  const pool = knex.client as KnexPool;
  const repository = async (orgId: string) => {
    const t0 = process.hrtime.bigint();
    const rows = await repositoryList(knex, orgId);
    const elapsed = ms(t0);
    expectRows('repository', orgId, rows);
    return elapsed;
  };
  const replay = (label: string, readOnly: boolean) => async (orgId: string) => {
    const t0 = process.hrtime.bigint();
    const rows = await inTenantTransaction(
      knex,
      orgId,
      async (db) => {
        let last: { rows: unknown[] } = { rows: [] };
        for (let i = 0; i < list.sql.length; i++) last = await db.raw(list.sql[i]!, list.bindings[i] as Knex.RawBinding[]);
        return last.rows.length;
      },
      null,
      { readOnly },
    );
    const elapsed = ms(t0);
    expectRows(label, orgId, rows);
    return elapsed;
  };
  return {
    // A repository that no longer goes through knex cannot be replayed: measure it whole.
    rls: list.sql.length === 0 ? repository : replay('RLS', true),
    rlsReadWrite: replay('RLS read-write', false),
    plain: async (orgId) => {
      const t0 = process.hrtime.bigint();
      const result = await knex.raw(PLAIN_SQL, [orgId, FETCH_ROWS]);
      const elapsed = ms(t0);
      expectRows('plain', orgId, result.rows.length);
      return elapsed;
    },
    beginCommit: async (orgId) => {
      const t0 = process.hrtime.bigint();
      const connection = await pool.acquireConnection();
      let rows: number;
      try {
        await connection.query('BEGIN');
        rows = (await knex.raw(PLAIN_SQL, [orgId, FETCH_ROWS]).connection(connection)).rows.length;
        await connection.query('COMMIT');
      } finally {
        await pool.releaseConnection(connection);
      }
      const elapsed = ms(t0);
      expectRows('BEGIN/COMMIT', orgId, rows);
      return elapsed;
    },
    repository,
  };
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

interface PlanSummary {
  readonly orgIndexCond: boolean;
  readonly indexes: readonly string[];
  readonly shape: string;
  readonly indexCond: string | null;
  readonly executionMs: number;
  readonly planningMs: number;
}

function summarisePlan(explain: unknown): PlanSummary {
  const top = (explain as Array<{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }>)[0]!;
  const nodes: PlanNode[] = [];
  const walk = (n: PlanNode) => {
    nodes.push(n);
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(top.Plan);
  const withCond = nodes.find((n) => n['Index Cond'] !== undefined && /\borg_id\b/.test(n['Index Cond']));
  return {
    orgIndexCond: withCond !== undefined,
    indexes: nodes.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])),
    shape: nodes.map((n) => `${n['Node Type']}${n['Index Name'] ? ` on ${n['Index Name']}` : ''}`).join(' → '),
    indexCond: withCond?.['Index Cond'] ?? null,
    executionMs: top['Execution Time'],
    planningMs: top['Planning Time'],
  };
}

async function explainBoth(client: pg.Client, orgId: string): Promise<{ rls: PlanSummary; explicit: PlanSummary }> {
  await client.query('BEGIN');
  try {
    await client.query(TENANT_PRELUDE, [orgId]);
    const rls = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${LIST_SQL_RLS}`, [FETCH_ROWS]);
    await client.query('COMMIT');
    // The plain baseline is one statement outside any transaction.
    const explicit = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${LIST_SQL_EXPLICIT}`, [orgId, FETCH_ROWS]);
    return { rls: summarisePlan(rls.rows[0]['QUERY PLAN']), explicit: summarisePlan(explicit.rows[0]['QUERY PLAN']) };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/** ~50 orgs for 10k rows, ~500 for 1M. */
export const orgsForRows = (rows: number) => Math.max(1, Math.round(Math.sqrt(rows) / 2));

async function createScratchEmbedded(): Promise<ScratchDatabase> {
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: null });
  return {
    name: 'pglite',
    url: embedded.connectionString,
    description: 'embedded PGlite, in memory (ONE session, in this process: absolute times are PGlite\'s, not a server\'s)',
    drop: () => embedded.close(),
  };
}

export async function runRlsQueryCostBench(options: BenchOptions, log: Log = console.log): Promise<BenchReport> {
  const onServer = options.serverUrl !== null;
  log('PB2  RLS query cost: lead list in the adapter\'s tenant transaction (cws_app, RLS) vs the one statement an app without RLS sends (owner, WHERE org_id = $1)');
  const targets: TargetResult[] = [];
  const ratios: Array<{ name: string; value: string }> = [];

  const scratch = onServer ? await createScratchDatabase(options.serverUrl!, 'pb2') : await createScratchEmbedded();
  log(`  database: ${scratch.description}`);
  let knex: Knex | null = null;
  let measureKnex: Knex | null = null;
  let client: pg.Client | null = null;
  try {
    knex = createKnex({ connectionString: scratch.url, poolMax: 2, statementTimeoutMs: 0, applicationName: 'cws-bench-setup' });
    if (!onServer) await migrateLatest(knex);
    // Every measured variant runs on this one pooled connection, one unit at a time.
    measureKnex = createKnex({ connectionString: scratch.url, poolMax: 1, statementTimeoutMs: 0, applicationName: 'cws-bench-pb2' });
    client = new pg.Client({ connectionString: scratch.url, application_name: 'cws-bench-pb2-setup' });
    client.on('error', (err) => log(`  warning: PB2 connection lost: ${err.message}`));
    await client.connect();
    const run = pgRunner(client);
    const who = await client.query('select current_user as name, rolsuper or rolbypassrls as bypass from pg_roles where rolname = current_user');
    if (who.rows[0]?.bypass !== true) {
      throw new Error(`the baseline must run as a superuser or BYPASSRLS role (FORCE ROW LEVEL SECURITY binds the owner); connected as ${who.rows[0]?.name}`);
    }
    log(
      `  method: one knex pool of 1 connection for every variant, ${options.reps} reps × ${options.pb2Runs} units per variant, interleaved in rotating order on random orgs ` +
        `(the same org for each variant in turn); ${WARMUP_RUNS} warm-up each`,
    );
    log('  variants: RLS = inTenantTransaction, read-only as the list use case opens it, running the repository\'s list statement (verdict); plain = one statement, no BEGIN/COMMIT (the baseline);');
    log('            RLS read-write = the same in a read-write unit (BEGIN … COMMIT), printed only; begin/commit = the old baseline (BEGIN; plain statement; COMMIT), printed only;');
    log('            repository = read-only unit of work + lead repository list (knex, mapping to domain leads), printed only');

    let list: ListStatements | null = null;
    for (const size of options.sizes) {
      log('');
      const orgCount = orgsForRows(size);
      if (!onServer && size > PGLITE_MAX_ROWS) {
        const reason = `needs a PostgreSQL server (set TEST_DATABASE_URL); PGlite is skipped above ${fmt(PGLITE_MAX_ROWS)} rows`;
        log(`  ${fmt(size)} leads: SKIPPED — ${reason}`);
        targets.push({ bench: 'PB2', name: `${fmt(size)} leads: RLS/plain ≤ ${PB2_TARGET_RATIO}×`, verdict: 'SKIP', detail: reason });
        targets.push({ bench: 'PB2', name: `${fmt(size)} leads: RLS plan uses an index condition on org_id`, verdict: 'SKIP', detail: reason });
        continue;
      }

      const loadStart = process.hrtime.bigint();
      await run('truncate orgs cascade');
      const orgIds = await insertOrgs(run, orgCount, `pb2-${size}`);
      await insertLeads(run, orgIds, size);
      await run('analyze orgs');
      await run('analyze leads');
      const loadS = Number(process.hrtime.bigint() - loadStart) / 1e9;
      const pages = await run("select pg_size_pretty(pg_total_relation_size('leads')) as size");
      log(`  ${fmt(size)} leads over ${orgCount} orgs (~${fmt(size / orgCount)} per org): loaded + analyzed in ${fmt(loadS, 1)} s, leads table + indexes ${pages.rows[0].size}`);

      if (list === null) {
        const adapter = await adapterListSql(knex, orgIds[0]!);
        // knex reports pg's `$n` form; knex.raw takes `?` (knex numbers them in order).
        list = { sql: adapter.statements.map(knexPlaceholders), bindings: adapter.bindings };
        log(
          adapter.statements.length === 0
            ? '  NOTE: the repository\'s list sends no statement through knex any more; the RLS variant runs the repository\'s list in a unit of work (objection and mapping included)'
            : adapter.matches
              ? '  SQL: the repository\'s list sends exactly the RLS list statement (checked); the RLS variant replays it in inTenantTransaction'
              : `  NOTE: the repository's list now sends other SQL than LIST_SQL_RLS; the RLS variant replays what it sends:\n    ${adapter.statements.join('\n    ')}`,
        );
      }
      const runners = variantRunners(measureKnex, list);
      // Every variant returns the same full page (each throws on a short one).
      for (const v of VARIANTS) await runners[v](orgIds[0]!);

      const plans = await explainBoth(client, orgIds[0]!);
      const sameIndex = plans.rls.indexes.join() === plans.explicit.indexes.join();
      log(`  plan RLS:   ${plans.rls.shape}; planning ${fmt(plans.rls.planningMs, 3)} ms, execution ${fmt(plans.rls.executionMs, 3)} ms`);
      log(`              index cond: ${plans.rls.indexCond ?? 'NONE on org_id'}`);
      log(`  plan plain: ${plans.explicit.shape}; planning ${fmt(plans.explicit.planningMs, 3)} ms, execution ${fmt(plans.explicit.executionMs, 3)} ms`);
      log(`              index cond: ${plans.explicit.indexCond ?? 'NONE on org_id'}`);
      log(`  same index on both sides: ${sameIndex ? 'yes' : `NO (RLS ${plans.rls.indexes.join(', ') || 'none'}, plain ${plans.explicit.indexes.join(', ') || 'none'})`}`);

      const pick = () => orgIds[Math.floor(Math.random() * orgIds.length)]!;
      for (let i = 0; i < WARMUP_RUNS; i++) {
        const org = pick();
        for (const v of VARIANTS) await runners[v](org);
      }

      const samples: Array<Record<VariantKey, number[]>> = [];
      for (let rep = 0; rep < options.reps; rep++) {
        const s: Record<VariantKey, number[]> = { rls: [], rlsReadWrite: [], plain: [], beginCommit: [], repository: [] };
        for (let i = 0; i < options.pb2Runs; i++) {
          const org = pick();
          // Rotate the order (A B C D, B C D A, …) so no variant always runs first.
          for (let j = 0; j < VARIANTS.length; j++) {
            const v = VARIANTS[(i + j) % VARIANTS.length]!;
            s[v].push(await runners[v](org));
          }
        }
        samples.push(s);
      }

      const ratio = (a: VariantKey, b: VariantKey) => samples.map((s) => median(s[a]) / median(s[b]));
      const rlsPlain = ratio('rls', 'plain');
      const rlsOld = ratio('rls', 'beginCommit');
      const oldPlain = ratio('beginCommit', 'plain');
      const repoPlain = ratio('repository', 'plain');
      const readWritePlain = ratio('rlsReadWrite', 'plain');
      const perRep: Verdict[] = rlsPlain.map((r) => (r > PB2_FAIL_RATIO ? 'FAIL' : r > PB2_TARGET_RATIO ? 'MISS' : 'PASS'));
      log(
        table(
          ['rep', 'RLS ms', 'plain ms', 'RLS/plain', `≤ ${PB2_TARGET_RATIO}`, 'RLS read-write ms', 'read-write/plain', 'begin/commit ms', 'RLS/begin-commit (old)', 'repository ms', 'repository/plain'],
          samples.map((s, i) => [
            String(i + 1),
            fmt(median(s.rls), 3),
            fmt(median(s.plain), 3),
            fmt(rlsPlain[i]!, 2),
            perRep[i]!,
            fmt(median(s.rlsReadWrite), 3),
            fmt(readWritePlain[i]!, 2),
            fmt(median(s.beginCommit), 3),
            fmt(rlsOld[i]!, 2),
            fmt(median(s.repository), 3),
            fmt(repoPlain[i]!, 2),
          ]),
        ),
      );
      const all = (v: VariantKey) => samples.flatMap((s) => s[v]);
      log(
        `  all ${all('rls').length} units each: RLS median ${fmt(median(all('rls')), 3)} ms (p90 ${fmt(quantile(all('rls'), 0.9), 3)}), ` +
          `plain median ${fmt(median(all('plain')), 3)} ms (p90 ${fmt(quantile(all('plain'), 0.9), 3)})`,
      );
      const tr = spread(rlsPlain);
      const or = spread(rlsOld);
      const op = spread(oldPlain);
      const rp = spread(repoPlain);
      log(`  RLS / plain one statement (the target's baseline)   ${fmtSpread(tr, 2, '×')}`);
      log(`  RLS read-write unit / plain (two round trips)       ${fmtSpread(spread(readWritePlain), 2, '×')}`);
      log(`  RLS / BEGIN + statement + COMMIT (the old baseline)  ${fmtSpread(or, 2, '×')}`);
      log(`  old baseline / plain (what BEGIN/COMMIT cost it)     ${fmtSpread(op, 2, '×')}`);
      log(`  diagnostic: repository list in a unit of work / plain ${fmtSpread(rp, 2, '×')}`);

      const missed = perRep.filter((v) => v !== 'PASS').length;
      const stretch = tr.median <= PB2_STRETCH_RATIO ? `met the stretch ${PB2_STRETCH_RATIO}×` : `stretch ${PB2_STRETCH_RATIO}× not met`;
      const ratioTarget: TargetResult = {
        bench: 'PB2',
        name: `${fmt(size)} leads: RLS/plain one statement ≤ ${PB2_TARGET_RATIO}× (fail > ${PB2_FAIL_RATIO}×)${onServer ? '' : ' [PGlite]'}`,
        verdict: majorityVerdict(perRep),
        detail:
          `median ${fmt(tr.median, 2)}× (${fmt(tr.min, 2)}–${fmt(tr.max, 2)}), above ${PB2_TARGET_RATIO}× in ${missed}/${perRep.length} reps, ${stretch}; ` +
          `${fmt(median(all('rls')), 3)} vs ${fmt(median(all('plain')), 3)} ms; against the old BEGIN/COMMIT baseline ${fmt(or.median, 2)}×`,
      };
      const planTarget: TargetResult = {
        bench: 'PB2',
        name: `${fmt(size)} leads: RLS plan uses an index condition on org_id`,
        verdict: plans.rls.orgIndexCond ? 'PASS' : 'FAIL',
        detail: `${plans.rls.orgIndexCond ? plans.rls.shape : `no Index Cond on org_id: ${plans.rls.shape}`}; plain: ${plans.explicit.shape}${sameIndex ? ' (same index)' : ' (a DIFFERENT index)'}`,
      };
      log(verdictLine(ratioTarget));
      log(verdictLine(planTarget));
      targets.push(ratioTarget, planTarget);
      const range = (x: ReturnType<typeof spread>) => `${fmt(x.median, 2)}× (${fmt(x.min, 2)}–${fmt(x.max, 2)})`;
      ratios.push({ name: `PB2 ${fmt(size)} RLS/plain one statement`, value: range(tr) });
      ratios.push({ name: `PB2 ${fmt(size)} RLS/BEGIN+COMMIT (old baseline, info)`, value: range(or) });
      ratios.push({ name: `PB2 ${fmt(size)} repository list/plain (info)`, value: range(rp) });
    }
    return { bench: 'PB2', targets, ratios };
  } finally {
    await client?.end().catch(() => {});
    await measureKnex?.destroy().catch(() => {});
    await knex?.destroy().catch(() => {});
    await scratch.drop().catch((err: unknown) => log(`  warning: could not drop the scratch database: ${String(err)}`));
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runRlsQueryCostBench({ ...benchOptions(), only: ['PB2'] }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
