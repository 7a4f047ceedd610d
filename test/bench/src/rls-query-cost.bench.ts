/**
 * PB2 — cost of row level security on the lead list query, database only (one pg client, one
 * transaction at a time, no HTTP).
 *
 *   RLS       exactly what the adapter sends: one message "BEGIN; tenant prelude (role cws_app +
 *             app.current_org_id)" (tenantBeginStatement), the list query WITHOUT an org filter,
 *             COMMIT.
 *   explicit  BEGIN; the same query as the owner with `org_id = $1`; COMMIT.   (baseline)
 *   separate  diagnostic, no target: RLS with the prelude as its own statement after BEGIN (one
 *             more round trip: what the adapter did before it folded them).
 *
 * At each size of BENCH_SIZES (10k rows over ~50 orgs, 1M over ~500: orgs = √rows / 2), loaded
 * with one INSERT … SELECT generate_series into a SCRATCH database (cws_bench_pb2_<pid>) created
 * on the server, migrated and dropped afterwards, then ANALYZE. Per rep, BENCH_PB2_RUNS
 * transactions of each variant, interleaved in rotating order (A B C, B C A, …) on random orgs
 * (each variant in turn on the same org).
 * Targets: median ms/transaction ratio RLS/explicit ≤ 1.3 (FAIL above 2), and the RLS plan must
 * use an index condition on org_id. Without TEST_DATABASE_URL the small sizes run on an embedded
 * PGlite and sizes above 100k are skipped (they need a PostgreSQL server).
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createKnex, startEmbeddedPostgres, tenantBeginStatement, type EmbeddedPostgres, type Knex } from '@cws/adapter-postgres';
import { migrateLatest } from '@cws/migrations';
import { benchOptions, type BenchOptions } from './bench-options.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { FETCH_ROWS, LIST_SQL_EXPLICIT, LIST_SQL_RLS, TENANT_PRELUDE, adapterListSql, insertLeads, insertOrgs, pgRunner } from './lead-list-sql.js';
import { fmt, fmtSpread, majorityVerdict, median, quantile, spread, table, verdictLine, type BenchReport, type TargetResult, type Verdict } from './stats.js';

export const PB2_TARGET_RATIO = 1.3;
export const PB2_FAIL_RATIO = 2;
/** Largest size run on PGlite; above it PGlite is too slow to load and says nothing about a server. */
const PGLITE_MAX_ROWS = 100_000;
const WARMUP_RUNS = 30;

type Log = (line?: string) => void;

interface TxSample {
  readonly totalMs: number;
  readonly queryMs: number;
  /** The tenant prelude (RLS variant only), else 0. */
  readonly preludeMs: number;
}

const ms = (from: bigint, to: bigint) => Number(to - from) / 1e6;

async function rlsTransaction(client: pg.Client, orgId: string): Promise<TxSample> {
  const t0 = process.hrtime.bigint();
  await client.query(tenantBeginStatement(orgId));
  const t1 = process.hrtime.bigint();
  const result = await client.query(LIST_SQL_RLS, [FETCH_ROWS]);
  const t2 = process.hrtime.bigint();
  await client.query('COMMIT');
  const t3 = process.hrtime.bigint();
  if (result.rowCount !== FETCH_ROWS) throw new Error(`RLS list for org ${orgId} returned ${result.rowCount} rows, expected ${FETCH_ROWS}`);
  return { totalMs: ms(t0, t3), queryMs: ms(t1, t2), preludeMs: ms(t0, t1) };
}

async function explicitTransaction(client: pg.Client, orgId: string): Promise<TxSample> {
  const t0 = process.hrtime.bigint();
  await client.query('BEGIN');
  const t1 = process.hrtime.bigint();
  const result = await client.query(LIST_SQL_EXPLICIT, [orgId, FETCH_ROWS]);
  const t2 = process.hrtime.bigint();
  await client.query('COMMIT');
  const t3 = process.hrtime.bigint();
  if (result.rowCount !== FETCH_ROWS) throw new Error(`explicit list for org ${orgId} returned ${result.rowCount} rows, expected ${FETCH_ROWS}`);
  return { totalMs: ms(t0, t3), queryMs: ms(t1, t2), preludeMs: 0 };
}

/**
 * Diagnostic (no target): BEGIN, then the prelude as its own parameterised statement, then the
 * list: one more round trip than the adapter makes. Shows what folding the prelude saves.
 */
async function separatePreludeTransaction(client: pg.Client, orgId: string): Promise<TxSample> {
  const t0 = process.hrtime.bigint();
  await client.query('BEGIN');
  await client.query(TENANT_PRELUDE, [orgId]);
  const t1 = process.hrtime.bigint();
  const result = await client.query(LIST_SQL_RLS, [FETCH_ROWS]);
  const t2 = process.hrtime.bigint();
  await client.query('COMMIT');
  const t3 = process.hrtime.bigint();
  if (result.rowCount !== FETCH_ROWS) throw new Error(`separate-prelude RLS list for org ${orgId} returned ${result.rowCount} rows, expected ${FETCH_ROWS}`);
  return { totalMs: ms(t0, t3), queryMs: ms(t1, t2), preludeMs: ms(t0, t1) };
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
    await client.query('BEGIN');
    const explicit = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${LIST_SQL_EXPLICIT}`, [orgId, FETCH_ROWS]);
    await client.query('COMMIT');
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
  log('PB2  RLS query cost: lead list as cws_app under RLS vs the same query as owner with WHERE org_id = $1');
  const targets: TargetResult[] = [];
  const ratios: Array<{ name: string; value: string }> = [];

  const scratch = onServer ? await createScratchDatabase(options.serverUrl!, 'pb2') : await createScratchEmbedded();
  log(`  database: ${scratch.description}`);
  let knex: Knex | null = null;
  let client: pg.Client | null = null;
  try {
    knex = createKnex({ connectionString: scratch.url, poolMax: 2, statementTimeoutMs: 0, applicationName: 'cws-bench-setup' });
    if (!onServer) await migrateLatest(knex);
    client = new pg.Client({ connectionString: scratch.url, application_name: 'cws-bench-pb2' });
    client.on('error', (err) => log(`  warning: PB2 connection lost: ${err.message}`));
    await client.connect();
    const run = pgRunner(client);
    const who = await client.query('select current_user as name, rolsuper or rolbypassrls as bypass from pg_roles where rolname = current_user');
    if (who.rows[0]?.bypass !== true) {
      throw new Error(`the baseline must run as a superuser or BYPASSRLS role (FORCE ROW LEVEL SECURITY binds the owner); connected as ${who.rows[0]?.name}`);
    }
    log(
      `  method: one pg client, ${options.reps} reps × ${options.pb2Runs} transactions per variant, interleaved in rotating order on random orgs ` +
        `(the same org for each variant in turn); ${WARMUP_RUNS} warm-up each`,
    );
    log('  begin ms = the BEGIN + tenant prelude message; separate = diagnostic RLS variant with the prelude as its own statement (one more round trip)');

    let sqlChecked = false;
    for (const size of options.sizes) {
      log('');
      const orgCount = orgsForRows(size);
      if (!onServer && size > PGLITE_MAX_ROWS) {
        const reason = `needs a PostgreSQL server (set TEST_DATABASE_URL); PGlite is skipped above ${fmt(PGLITE_MAX_ROWS)} rows`;
        log(`  ${fmt(size)} leads: SKIPPED — ${reason}`);
        targets.push({ bench: 'PB2', name: `${fmt(size)} leads: RLS/explicit ≤ ${PB2_TARGET_RATIO}×`, verdict: 'SKIP', detail: reason });
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

      if (!sqlChecked) {
        const adapter = await adapterListSql(knex, orgIds[0]!);
        log(
          adapter.matches
            ? '  SQL: the RLS variant sends exactly the statements PostgresUnitOfWork + PostgresLeadRepository.list send (checked)'
            : `  WARNING: the adapter now sends different SQL; this benchmark still measures the old form.\n    adapter: ${adapter.statements.join('\n             ')}`,
        );
        sqlChecked = true;
      }
      // Both variants return the same full page (each throws on a short one).
      await rlsTransaction(client, orgIds[0]!);
      await explicitTransaction(client, orgIds[0]!);

      const plans = await explainBoth(client, orgIds[0]!);
      log(`  plan RLS:      ${plans.rls.shape}; planning ${fmt(plans.rls.planningMs, 3)} ms, execution ${fmt(plans.rls.executionMs, 3)} ms`);
      log(`                 index cond: ${plans.rls.indexCond ?? 'NONE on org_id'}`);
      log(`  plan explicit: ${plans.explicit.shape}; planning ${fmt(plans.explicit.planningMs, 3)} ms, execution ${fmt(plans.explicit.executionMs, 3)} ms`);
      log(`                 index cond: ${plans.explicit.indexCond ?? 'NONE on org_id'}`);

      const pick = () => orgIds[Math.floor(Math.random() * orgIds.length)]!;
      for (let i = 0; i < WARMUP_RUNS; i++) {
        const org = pick();
        await rlsTransaction(client, org);
        await explicitTransaction(client, org);
        await separatePreludeTransaction(client, org);
      }

      const rls: TxSample[][] = [];
      const explicit: TxSample[][] = [];
      const separate: TxSample[][] = [];
      for (let rep = 0; rep < options.reps; rep++) {
        const a: TxSample[] = [];
        const b: TxSample[] = [];
        const c: TxSample[] = [];
        // Rotate the order (A B C, B C A, C A B) so no variant always runs first.
        const variants = [
          async (org: string) => a.push(await rlsTransaction(client!, org)),
          async (org: string) => b.push(await explicitTransaction(client!, org)),
          async (org: string) => c.push(await separatePreludeTransaction(client!, org)),
        ];
        for (let i = 0; i < options.pb2Runs; i++) {
          const org = pick();
          for (let j = 0; j < variants.length; j++) await variants[(i + j) % variants.length]!(org);
        }
        rls.push(a);
        explicit.push(b);
        separate.push(c);
      }

      const txRatios = rls.map((a, i) => median(a.map((s) => s.totalMs)) / median(explicit[i]!.map((s) => s.totalMs)));
      const queryRatios = rls.map((a, i) => median(a.map((s) => s.queryMs)) / median(explicit[i]!.map((s) => s.queryMs)));
      const separateRatios = separate.map((c, i) => median(c.map((s) => s.totalMs)) / median(explicit[i]!.map((s) => s.totalMs)));
      const perRep: Verdict[] = txRatios.map((r) => (r > PB2_FAIL_RATIO ? 'FAIL' : r > PB2_TARGET_RATIO ? 'MISS' : 'PASS'));
      const rows = rls.map((a, i) => {
        const b = explicit[i]!;
        return [
          String(i + 1),
          fmt(median(a.map((s) => s.totalMs)), 3),
          fmt(median(b.map((s) => s.totalMs)), 3),
          fmt(txRatios[i]!, 2),
          perRep[i]!,
          fmt(median(a.map((s) => s.queryMs)), 3),
          fmt(median(b.map((s) => s.queryMs)), 3),
          fmt(queryRatios[i]!, 2),
          fmt(median(a.map((s) => s.preludeMs)), 3),
          fmt(median(separate[i]!.map((s) => s.totalMs)), 3),
          fmt(separateRatios[i]!, 2),
        ];
      });
      log(
        table(
          ['rep', 'RLS ms/tx', 'explicit ms/tx', 'ratio', `≤ ${PB2_TARGET_RATIO}`, 'RLS query ms', 'explicit query ms', 'query ratio', 'begin ms', 'separate ms/tx', 'separate ratio'],
          rows,
        ),
      );
      const allA = rls.flat();
      const allB = explicit.flat();
      const tr = spread(txRatios);
      const qr = spread(queryRatios);
      log(
        `  all ${allA.length} tx each: RLS median ${fmt(median(allA.map((s) => s.totalMs)), 3)} ms (p90 ${fmt(quantile(allA.map((s) => s.totalMs), 0.9), 3)}), ` +
          `explicit median ${fmt(median(allB.map((s) => s.totalMs)), 3)} ms (p90 ${fmt(quantile(allB.map((s) => s.totalMs), 0.9), 3)})`,
      );
      log(`  ratio RLS/explicit per transaction  ${fmtSpread(tr, 2, '×')}`);
      log(`  ratio RLS/explicit, query alone     ${fmtSpread(qr, 2, '×')}`);
      const fr = spread(separateRatios);
      log(`  diagnostic, no target: RLS with the prelude as its own statement / explicit  ${fmtSpread(fr, 2, '×')}`);

      const missed = perRep.filter((v) => v !== 'PASS').length;
      const ratioTarget: TargetResult = {
        bench: 'PB2',
        name: `${fmt(size)} leads: RLS/explicit ms per transaction ≤ ${PB2_TARGET_RATIO}× (fail > ${PB2_FAIL_RATIO}×)${onServer ? '' : ' [PGlite]'}`,
        verdict: majorityVerdict(perRep),
        detail: `median ${fmt(tr.median, 2)}× (${fmt(tr.min, 2)}–${fmt(tr.max, 2)}), above ${PB2_TARGET_RATIO}× in ${missed}/${perRep.length} reps; query alone ${fmt(qr.median, 2)}×`,
      };
      const planTarget: TargetResult = {
        bench: 'PB2',
        name: `${fmt(size)} leads: RLS plan uses an index condition on org_id`,
        verdict: plans.rls.orgIndexCond ? 'PASS' : 'FAIL',
        detail: plans.rls.orgIndexCond ? `${plans.rls.shape}` : `no Index Cond on org_id: ${plans.rls.shape}`,
      };
      log(verdictLine(ratioTarget));
      log(verdictLine(planTarget));
      targets.push(ratioTarget, planTarget);
      ratios.push({ name: `PB2 ${fmt(size)} RLS/explicit per tx`, value: `${fmt(tr.median, 2)}× (${fmt(tr.min, 2)}–${fmt(tr.max, 2)})` });
      ratios.push({ name: `PB2 ${fmt(size)} RLS/explicit query alone`, value: `${fmt(qr.median, 2)}× (${fmt(qr.min, 2)}–${fmt(qr.max, 2)})` });
      ratios.push({ name: `PB2 ${fmt(size)} separate-prelude RLS/explicit (info)`, value: `${fmt(fr.median, 2)}× (${fmt(fr.min, 2)}–${fmt(fr.max, 2)})` });
    }
    return { bench: 'PB2', targets, ratios };
  } finally {
    await client?.end().catch(() => {});
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
