/**
 * PB6 — text search (`q=`) at a million leads (issue 8, item 6; ADR 15), on a PostgreSQL server.
 *
 * Data: a scratch database (created, migrated, dropped by this run) with one org of
 * BENCH_PB6_ROWS leads (default 1,000,000) and two other orgs of a fifth of that each, whose
 * names all contain "Quetzal" (a term common in the table, absent from the big org: what the
 * planner's whole-table statistics get wrong). Names, emails and phones are generated in SQL
 * (generate_series), 900 first/last name pairs with a number, 50 email domains.
 *
 * Part 1, one caller, BENCH_REPS reps × BENCH_PB6_RUNS iterations, variants in rotating order,
 * all through the app's runtime (core use case, Postgres adapter, pool of 10, RLS):
 *   list     `leads.list` without `q` (the baseline: what a page costs without a search)
 *   none     a search matching nothing anywhere (a fresh random term each time)
 *   other    "quetzal": in 40 % of the table's rows, none of them this org's
 *   rare     a lead's email local part (one to three matches)
 *   broad    "maria" (one lead in thirty)
 *   and, a few times per rep, `before`: the search statement this change replaced (name/email
 *   ILIKE, phone LIKE, ordered, limited) in a tenant transaction with ILIKE not leakproof — what a
 *   search cost before: the index could not be used under RLS.
 * Target: none p50 ≤ 20 ms (the issue's). Ratios to the list baseline are reported.
 *
 * Part 2, the pool under searches, BENCH_DURATION_S seconds per scenario, interleaved per rep:
 *   quiet       one caller listing leads (no `q`), one request after another
 *   lists       the same, plus 10 callers listing too (the control: the same load without search)
 *   searches    the same, plus 10 callers searching terms that match nothing, one after another
 *   expensive   the same, plus 10 callers searching a pattern whose trigrams are in every row
 *               ('.com.com': the index finds every row, none matches), each search running until
 *               its time budget refuses it
 * Callers refused with search.busy wait the Retry-After second, as a client should.
 * Targets: list p99 with searches / list p99 with as many listing callers ≤ 2 (the issue's
 * "unaffected by 10 concurrent searches": a search costs other requests no more than any request
 * does; on 2 cores eleven busy callers slow each other whatever they ask, so the ratio to the
 * quiet list is reported too); with expensive searches / quiet ≤ 10 (each holds a connection for
 * up to the budget, 1 s, but at most half the pool at once).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AppError } from '@cws/core';
import type { Runtime } from '@cws/composition';
import { createKnex, tenantBeginStatement, type Knex } from '@cws/adapter-postgres';
import type { BenchOptions } from './bench-options.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';
import { benchRuntime, captureAdapterSql, latency, logPlan, msSince, summarisePlan, type CapturedSql, type Log, type PlanSummary } from './scheduling-bench-support.js';
import { adminContext, prng } from './scheduling-seed.js';
import { fmt, fmtSpread, majorityVerdict, median, spread, table, verdictLine, type BenchReport, type TargetResult, type Verdict } from './stats.js';

export const PB6_NONE_P50_MS = 20;
export const PB6_LIST_P99_RATIO = 2;
export const PB6_EXPENSIVE_LIST_P99_RATIO = 10;
const SEARCH_INDEX = 'leads_search_idx';
const BEFORE_RUNS_PER_REP = 3;
const SEARCHERS = 10;
/** Part 2's control: the other callers list instead of searching. */
const LISTING = '(list)';

const FIRST = ['Maria', 'James', 'Priya', 'Wei', 'Olga', 'Ahmed', 'Lucia', 'John', 'Fatima', 'Chen', 'Anna', 'Kofi', 'Sofia', 'Liam', 'Noor', 'Mateo', 'Aiko', 'Ivan', 'Grace', 'Omar', 'Elena', 'Raj', 'Chloe', 'Yusuf', 'Hana', 'Lars', 'Zara', 'Diego', 'Mina', 'Tom'];
const LAST = ['Gonzalez', 'Smith', 'Shah', 'Zhang', 'Ivanova', 'Khan', 'Rossi', 'Brown', 'Ali', 'Li', 'Novak', 'Mensah', 'Garcia', 'Murphy', 'Haddad', 'Lopez', 'Sato', 'Petrov', 'Kim', 'Farah', 'Popescu', 'Patel', 'Martin', 'Demir', 'Tanaka', 'Berg', 'Okafor', 'Silva', 'Park', 'Wilson'];

/**
 * The leads of one org: name "First Last n", email "first.last.xyz@example{g mod 50}.com" where
 * xyz spells g in letters (so an email's local part is a rare term without digits), phone "+1"
 * and 10 digits; every 20th archived.
 */
const LOAD_SQL = `
  INSERT INTO leads (org_id, id, created_at, updated_at, name, email, phone, status, archived_at)
  SELECT $1::uuid, gen_random_uuid(), t, t,
         $3 || f.n || ' ' || l.n || ' ' || (g % 9973),
         lower(f.n) || '.' || lower(l.n) || '.' || chr(97 + g % 26) || chr(97 + (g / 26) % 26) || chr(97 + (g / 676) % 26) || '@example' || (g % 50) || '.com',
         '+1' || lpad(((g::bigint * 7919) % 10000000000)::text, 10, '0'),
         (ARRAY['new', 'contacted', 'qualified', 'lost'])[1 + g % 4],
         CASE WHEN g % 20 = 0 THEN t + interval '30 days' END
    FROM generate_series(1, $2::int) g
    CROSS JOIN LATERAL (SELECT timestamptz '2022-01-01' + g * interval '1 minute' AS t) ts
    JOIN unnest($4::text[]) WITH ORDINALITY AS f(n, i) ON f.i = 1 + g % 30
    JOIN unnest($5::text[]) WITH ORDINALITY AS l(n, i) ON l.i = 1 + (g / 30) % 30`;

/** The search before this change (list-filters.ts at ddf0327) for a text without digits. */
const BEFORE_SQL = `SELECT * FROM leads WHERE (name ILIKE $1 OR email ILIKE $1) AND archived_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 51`;

type Variant = 'list' | 'none' | 'other' | 'rare' | 'broad';
const VARIANTS: readonly Variant[] = ['list', 'none', 'other', 'rare', 'broad'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcomes {
  ok: number;
  busy: number;
  tooBroad: number;
}

export async function runSearchBench(options: BenchOptions, log: Log = console.log): Promise<BenchReport> {
  const rows = options.pb6Rows;
  log(`PB6  text search at ${fmt(rows)} leads in one org (two other orgs present): no-match latency, and list latency under concurrent searches`);
  const targetNames = [
    `no-match search p50 ≤ ${PB6_NONE_P50_MS} ms`,
    `the index phase uses ${SEARCH_INDEX} under RLS, no Seq Scan`,
    `list p99 with ${SEARCHERS} concurrent searches / with ${SEARCHERS} concurrent lists ≤ ${PB6_LIST_P99_RATIO}×`,
    `list p99 with ${SEARCHERS} concurrent expensive searches / alone ≤ ${PB6_EXPENSIVE_LIST_P99_RATIO}×`,
  ];
  if (options.serverUrl === null) {
    const reason = 'needs a PostgreSQL server (set TEST_DATABASE_URL); PGlite is one session on this thread and ignores statement timeouts';
    log(`  SKIPPED — ${reason}`);
    return { bench: 'PB6', targets: targetNames.map((name) => ({ bench: 'PB6', name, verdict: 'SKIP' as const, detail: reason })), ratios: [] };
  }

  const scratch: ScratchDatabase = await createScratchDatabase(options.serverUrl, 'pb6');
  log(`  database: ${scratch.description}`);
  const owner = new pg.Pool({ connectionString: scratch.url, max: 2, application_name: 'cws-bench-pb6-owner' });
  owner.on('error', () => {});
  let runtime: Runtime | null = null;
  let knex: Knex | null = null;
  try {
    // The app as the hosts build it: pool of 10, searches capped at half of it (3 per org), 1 s budget.
    runtime = await benchRuntime(scratch.url);
    const core = runtime.core;
    const sys = { actor: { kind: 'system' as const, id: 'bench', role: null }, requestId: 'bench', now: new Date(), reason: 'PB6 benchmark orgs' };
    const orgIds: string[] = [];
    for (const label of ['big', 'other-1', 'other-2']) {
      const suffix = randomUUID().slice(0, 8);
      orgIds.push((await core.orgs.create.execute(sys, { name: `PB6 ${label}`, slug: `pb6-${label}-${suffix}` })).org.id);
    }
    const [big, ...others] = orgIds as [string, string, string];

    // Loading into an indexed table is slow (every trigram of every row); the index is dropped and
    // rebuilt from its own definition, as a bulk import would.
    const loadStart = process.hrtime.bigint();
    const indexDef = (await owner.query('SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indexrelid = $1::regclass', [SEARCH_INDEX])).rows[0].def as string;
    await owner.query(`DROP INDEX ${SEARCH_INDEX}`);
    await owner.query('SET statement_timeout = 0');
    await owner.query(LOAD_SQL, [big, rows, '', FIRST, LAST]);
    for (const org of others) await owner.query(LOAD_SQL, [org, Math.round(rows / 5), 'Quetzal ', FIRST, LAST]);
    const loadedMs = msSince(loadStart);
    const indexStart = process.hrtime.bigint();
    await owner.query(indexDef);
    await owner.query('VACUUM ANALYZE leads');
    const sizes = (await owner.query(`SELECT count(*)::int AS n, pg_size_pretty(pg_relation_size('leads')) AS heap, pg_size_pretty(pg_relation_size('${SEARCH_INDEX}')) AS idx FROM leads`)).rows[0];
    log(
      `  data: ${fmt(sizes.n)} leads (${fmt(rows)} in the searched org, ${fmt(Math.round(rows / 5))} in each of two others, all named "Quetzal …"); ` +
        `loaded in ${fmt(loadedMs / 1000, 1)} s, ${SEARCH_INDEX} built and VACUUM ANALYZE in ${fmt(msSince(indexStart) / 1000, 1)} s; heap ${sizes.heap}, index ${sizes.idx}`,
    );

    const random = prng(6);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const noMatch = () => `zq${Array.from({ length: 4 }, () => letters[Math.floor(random() * 26)]).join('')}`;
    const rare = () => {
      // Not an archived one (every 20th): lists leave those out by default.
      const drawn = 1 + Math.floor(random() * (rows - 1));
      const g = drawn % 20 === 0 ? drawn + 1 : drawn;
      const code = [g % 26, Math.floor(g / 26) % 26, Math.floor(g / 676) % 26].map((i) => letters[i]).join('');
      return `${FIRST[g % 30]!.toLowerCase()}.${LAST[Math.floor(g / 30) % 30]!.toLowerCase()}.${code}@`;
    };
    const terms: Record<Exclude<Variant, 'list'>, () => string> = { none: noMatch, other: () => 'quetzal', rare, broad: () => 'maria' };

    // Sanity: the answers are what the data says.
    {
      const found = async (q: string) => (await core.leads.list.execute(adminContext(big), { q, limit: 200 })).items.length;
      const checks = { none: await found(noMatch()), other: await found('quetzal'), rare: await found(rare()), broad: await found('maria'), list: (await core.leads.list.execute(adminContext(big), {})).items.length };
      log(`  check: results per variant (limit 200; list 50): ${JSON.stringify(checks)}`);
      if (checks.none !== 0 || checks.other !== 0 || checks.rare < 1 || checks.rare > 5 || checks.broad !== 200 || checks.list !== 50) throw new Error(`PB6 data does not answer as generated: ${JSON.stringify(checks)}`);
    }

    // Plans, as the app runs them: every statement of a no-match search, replayed in a tenant
    // transaction with the settings the search sent before it, under EXPLAIN ANALYZE.
    knex = createKnex({ connectionString: scratch.url, poolMax: 1, statementTimeoutMs: 0, applicationName: 'cws-bench-pb6' });
    const captured = await captureAdapterSql(knex, adminContext(big), (repos) =>
      repos.leads.list({ statuses: null, createdFrom: null, createdTo: null, search: { text: 'zqxjvw', digits: null, fields: ['name', 'email', 'phone'] }, archived: 'exclude', after: null, limit: 51 }),
    );
    const plans: Array<{ label: string; plan: PlanSummary }> = [];
    {
      const client = await owner.connect();
      try {
        const settings: CapturedSql[] = [];
        for (const statement of captured) {
          if (statement.sql.includes('set_config')) {
            settings.push(statement);
            continue;
          }
          await client.query(tenantBeginStatement(big));
          try {
            for (const s of settings) await client.query(s.sql, [...s.bindings]);
            const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${statement.sql}`, [...statement.bindings]);
            plans.push({ label: statement.sql.includes('search_hits') ? 'index phase' : 'newest-rows phase', plan: summarisePlan(result.rows[0]['QUERY PLAN']) });
          } finally {
            await client.query('ROLLBACK');
          }
        }
      } finally {
        client.release();
      }
    }
    for (const p of plans) logPlan(log, `${p.label} (no match)`, p.plan);
    const indexPlan = plans.find((p) => p.label === 'index phase')?.plan ?? null;

    // The statement this change replaced, with ILIKE not leakproof (as before migration 0009).
    const before = async (term: string): Promise<number> => {
      const client = await owner.connect();
      try {
        await client.query('BEGIN');
        await client.query('ALTER FUNCTION pg_catalog.texticlike(text, text) NOT LEAKPROOF');
        await client.query("SELECT set_config('role', 'cws_app', true), set_config('app.current_org_id', $1, true)", [big]);
        const t0 = process.hrtime.bigint();
        await client.query(BEFORE_SQL, [`%${term}%`]);
        return msSince(t0);
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    };

    const run: Record<Variant, () => Promise<number>> = {
      list: async () => {
        const t0 = process.hrtime.bigint();
        await core.leads.list.execute(adminContext(big), {});
        return msSince(t0);
      },
      none: () => timedSearch(terms.none()),
      other: () => timedSearch(terms.other()),
      rare: () => timedSearch(terms.rare()),
      broad: () => timedSearch(terms.broad()),
    };
    async function timedSearch(q: string): Promise<number> {
      const t0 = process.hrtime.bigint();
      await core.leads.list.execute(adminContext(big), { q });
      return msSince(t0);
    }

    log(`  method, part 1: one caller, ${options.reps} reps × ${options.pb6Runs} iterations of ${VARIANTS.join(', ')} in rotating order, after 20 warm-up iterations; plus ${BEFORE_RUNS_PER_REP} runs of the statement before this change per rep`);
    for (let i = 0; i < 20; i++) for (const v of VARIANTS) await run[v]();
    const samples: Array<Record<Variant, number[]> & { before: number[] }> = [];
    for (let rep = 0; rep < options.reps; rep++) {
      const s: Record<Variant, number[]> & { before: number[] } = { list: [], none: [], other: [], rare: [], broad: [], before: [] };
      for (let i = 0; i < options.pb6Runs; i++) {
        for (let j = 0; j < VARIANTS.length; j++) {
          const v = VARIANTS[(i + j) % VARIANTS.length]!;
          s[v].push(await run[v]());
        }
      }
      for (let i = 0; i < BEFORE_RUNS_PER_REP; i++) s.before.push(await before(noMatch()));
      samples.push(s);
    }
    log('');
    log(
      table(
        ['rep', 'variant', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'p50 / list p50'],
        samples.flatMap((s, rep) =>
          [...VARIANTS, 'before' as const].map((v) => {
            const l = latency(s[v]);
            return [String(rep + 1), v, fmt(l.p50, 2), fmt(l.p95, 2), fmt(l.p99, 2), fmt(l.max, 2), v === 'list' ? '1.00' : fmt(l.p50 / median(s.list), 1)];
          }),
        ),
      ),
    );
    const noneP50 = samples.map((s) => median(s.none));
    const beforeOverNone = samples.map((s) => median(s.before) / median(s.none));
    const noneVerdicts: Verdict[] = noneP50.map((p) => (p <= PB6_NONE_P50_MS ? 'PASS' : 'MISS'));

    // Part 2: the pool under searches.
    const duration = options.durationS * 1000;
    /** `searchTerm`: null = the lister alone; LISTING = 10 more listers (the control); '' = a fresh no-match term each time. */
    const scenario = async (searchTerm: string | null): Promise<{ list: number[]; searches: Outcomes }> => {
      const until = Date.now() + duration;
      const list: number[] = [];
      const searches: Outcomes = { ok: 0, busy: 0, tooBroad: 0 };
      const lister = (async () => {
        while (Date.now() < until) list.push(await run.list());
      })();
      const searcher = async () => {
        while (Date.now() < until) {
          if (searchTerm === LISTING) {
            await core.leads.list.execute(adminContext(big), {});
            continue;
          }
          try {
            await core.leads.list.execute(adminContext(big), { q: searchTerm === '' ? noMatch() : searchTerm! });
            searches.ok += 1;
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            if (err.code === 'search.busy') {
              searches.busy += 1;
              await sleep((err.retryAfterSeconds ?? 1) * 1000);
            } else if (err.code === 'search.too_broad') searches.tooBroad += 1;
            else throw err;
          }
        }
      };
      await Promise.all([lister, ...(searchTerm === null ? [] : Array.from({ length: SEARCHERS }, searcher))]);
      return { list, searches };
    };
    const SCENARIOS = [
      { name: 'quiet', term: null },
      { name: 'lists', term: LISTING },
      { name: 'searches', term: '' },
      { name: 'expensive', term: '.com.com' },
    ] as const;
    log('');
    log(
      `  method, part 2: ${options.reps} reps of ${SCENARIOS.map((s) => s.name).join(', ')} (${options.durationS} s each, interleaved); one caller lists leads; ` +
        `${SEARCHERS} more callers list ('lists', the control) or search ('searches': a fresh no-match term each time; 'expensive': '.com.com'); search.busy waits its Retry-After`,
    );
    const part2: Array<Record<(typeof SCENARIOS)[number]['name'], { list: number[]; searches: Outcomes }>> = [];
    for (let rep = 0; rep < options.reps; rep++) {
      const r = {} as Record<(typeof SCENARIOS)[number]['name'], { list: number[]; searches: Outcomes }>;
      for (const s of SCENARIOS) r[s.name] = await scenario(s.term);
      part2.push(r);
    }
    log('');
    log(
      table(
        ['rep', 'scenario', 'lists', 'list p50 ms', 'list p99 ms', 'list max ms', 'p99 / quiet p99', 'searches ok', 'busy (429)', 'too broad (422)'],
        part2.flatMap((r, rep) =>
          SCENARIOS.map((s) => {
            const l = latency(r[s.name].list);
            const o = r[s.name].searches;
            return [String(rep + 1), s.name, fmt(l.n), fmt(l.p50, 2), fmt(l.p99, 2), fmt(l.max, 2), fmt(l.p99 / latency(r.quiet.list).p99, 2), fmt(o.ok), fmt(o.busy), fmt(o.tooBroad)];
          }),
        ),
      ),
    );
    const searchRatios = part2.map((r) => latency(r.searches.list).p99 / latency(r.lists.list).p99);
    const quietRatios = part2.map((r) => latency(r.searches.list).p99 / latency(r.quiet.list).p99);
    const expensiveRatios = part2.map((r) => latency(r.expensive.list).p99 / latency(r.quiet.list).p99);
    const searchVerdicts: Verdict[] = searchRatios.map((x) => (x <= PB6_LIST_P99_RATIO ? 'PASS' : 'MISS'));
    const expensiveVerdicts: Verdict[] = expensiveRatios.map((x) => (x <= PB6_EXPENSIVE_LIST_P99_RATIO ? 'PASS' : 'MISS'));

    const np = spread(noneP50);
    const bn = spread(beforeOverNone);
    const sr = spread(searchRatios);
    const er = spread(expensiveRatios);
    log('');
    log(`  no-match search p50                           ${fmtSpread(np, 2, ' ms')}`);
    log(`  before this change / now (no-match)           ${fmtSpread(bn, 0, '×')}`);
    const qr = spread(quietRatios);
    log(`  list p99 with searches / with lists           ${fmtSpread(sr, 2, '×')}`);
    log(`  list p99 with searches / quiet                ${fmtSpread(qr, 2, '×')}`);
    log(`  list p99 with expensive searches / quiet      ${fmtSpread(er, 2, '×')}`);

    const count = (vs: Verdict[]) => vs.filter((v) => v !== 'PASS').length;
    const usesIndex = indexPlan !== null && indexPlan.indexes.includes(SEARCH_INDEX);
    const noSeq = plans.every((p) => p.plan.seqScans.length === 0);
    const targets: TargetResult[] = [
      { bench: 'PB6', name: targetNames[0]!, verdict: majorityVerdict(noneVerdicts), detail: `median ${fmt(np.median, 2)} ms (${fmt(np.min, 2)}–${fmt(np.max, 2)}), above in ${count(noneVerdicts)}/${noneVerdicts.length} reps` },
      {
        bench: 'PB6',
        name: targetNames[1]!,
        verdict: usesIndex && noSeq ? 'PASS' : 'FAIL',
        detail: `${indexPlan?.shape ?? 'no index phase captured'}${noSeq ? '' : ` — Seq Scan in ${plans.filter((p) => p.plan.seqScans.length > 0).map((p) => p.label).join(', ')}`}`,
      },
      { bench: 'PB6', name: targetNames[2]!, verdict: majorityVerdict(searchVerdicts), detail: `median ${fmt(sr.median, 2)}× (${fmt(sr.min, 2)}–${fmt(sr.max, 2)}), above in ${count(searchVerdicts)}/${searchVerdicts.length} reps` },
      {
        bench: 'PB6',
        name: targetNames[3]!,
        verdict: majorityVerdict(expensiveVerdicts),
        detail: `median ${fmt(er.median, 2)}× (${fmt(er.min, 2)}–${fmt(er.max, 2)}), above in ${count(expensiveVerdicts)}/${expensiveVerdicts.length} reps`,
      },
    ];
    log('');
    for (const t of targets) log(verdictLine(t));
    return {
      bench: 'PB6',
      targets,
      ratios: [
        { name: 'PB6 no-match search p50 (ms)', value: `${fmt(np.median, 2)} (${fmt(np.min, 2)}–${fmt(np.max, 2)})` },
        { name: 'PB6 before / now, no-match search', value: `${fmt(bn.median, 0)}× (${fmt(bn.min, 0)}–${fmt(bn.max, 0)})` },
        { name: 'PB6 list p99 with searches / with lists', value: `${fmt(sr.median, 2)} (${fmt(sr.min, 2)}–${fmt(sr.max, 2)})` },
        { name: 'PB6 list p99 with searches / quiet', value: `${fmt(qr.median, 2)} (${fmt(qr.min, 2)}–${fmt(qr.max, 2)})` },
        { name: 'PB6 list p99 with expensive searches / quiet', value: `${fmt(er.median, 2)} (${fmt(er.min, 2)}–${fmt(er.max, 2)})` },
      ],
    };
  } finally {
    await runtime?.close();
    await knex?.destroy();
    await owner.end();
    await scratch.drop();
  }
}
