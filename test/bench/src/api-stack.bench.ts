/**
 * PB1 — cost of the API stack on the lead list.
 *
 *   A  (PB1)  GET /v1/admin/leads?limit=50 on the real HTTP app with Basic Auth: org resolution
 *             (X-Test-Org → orgs lookup, cached 10 s), RLS tenant transaction, objection, ajv query
 *             validation, 50 leads as JSON, access log line, metrics.
 *   A' (bearer) the same route as a signed-in owner (Authorization: Bearer): the token's claims
 *             and the session's liveness read in the transaction's first message.
 *   B  (bare) GET /leads on a plain node:http server in the SAME process: the same list SQL on a
 *             plain pg.Pool with an explicit `org_id = $1`, as the owner (no auth, no transaction,
 *             no RLS), the same 50 leads in the same JSON shape. node-pg's defaults throughout,
 *             as a plain app has them: this is the verdicts' baseline.
 *   B' (bare, our dates) B on a pool whose clients parse timestamptz with the adapter's parser
 *             (src/timestamp-parsing.ts, a third of postgres-date's CPU): printed with the API's
 *             ratios against it, no verdict, so the part of the API's ratio that is only that
 *             parser shows.
 *
 * All stacks get pools of `connections` (10) and autocannon drives them with as many
 * connections, from a worker thread. Runs interleave A B A' per rep after a warm-up of each.
 * Targets (issue 12): throughput(A) / throughput(B) ≥ 0.67 and throughput(A') / throughput(B) ≥ 0.67,
 * each in a majority of reps, with the server thread's CPU ms per request beside them. The p99
 * ratio is reported. With BENCH_BREAKDOWN=1 four more routes split A's cost (see README).
 */
import { pathToFileURL } from 'node:url';
import { startApiStack } from './api-stack-setup.js';
import { benchOptions, type BenchOptions } from './bench-options.js';
import { runLoad, type LoadResult } from './load.js';
import { fmt, fmtSpread, majorityVerdict, median, spread, table, verdictLine, type BenchReport, type TargetResult, type Verdict } from './stats.js';

export const PB1_TARGET_THROUGHPUT_RATIO = 0.67;

type Log = (line?: string) => void;

export async function runApiStackBench(options: BenchOptions, log: Log = console.log): Promise<BenchReport> {
  log('PB1  API stack: GET /v1/admin/leads?limit=50 (real app) vs a bare pg route in the same process');
  const stack = await startApiStack(options, log);
  const { onServer, poolSize } = stack;
  try {
    const routes = [stack.api, stack.bare, stack.bearer, stack.bareSameParser, ...(options.breakdown ? stack.breakdown : [])];
    log(
      `  load: autocannon in a worker thread, ${options.connections} connections; pools: app ${poolSize}, bare ${poolSize}` +
        `${onServer ? '' : ' (PGlite: one connection, see README)'}; ` +
        `${options.durationS} s per run after a ${options.warmupS} s warm-up of each route; ${options.reps} reps, each in the order ` +
        routes.map((r) => r.key).join(' '),
    );

    for (const route of routes) await runLoad({ url: route.url, headers: route.headers, connections: options.connections, durationS: options.warmupS });

    const results = new Map<string, LoadResult[]>(routes.map((r) => [r.key, []]));
    const rows: string[][] = [];
    for (let rep = 1; rep <= options.reps; rep++) {
      for (const route of routes) {
        const r = await runLoad({ url: route.url, headers: route.headers, connections: options.connections, durationS: options.durationS });
        results.get(route.key)!.push(r);
        rows.push([
          String(rep),
          route.label,
          fmt(r.rps),
          fmt(r.p50, 0),
          fmt(r.p99, 0),
          fmt(r.elu * 100, 0),
          fmt(r.cpuMsPerRequest, 2),
          r.machineCores === null ? 'n/a' : fmt(r.machineCores, 2),
        ]);
      }
    }
    log('');
    log(table(['rep', 'route', 'req/s', 'p50 ms', 'p99 ms', 'server thread busy %', 'server thread CPU ms/req', 'machine cores busy'], rows));

    const base = results.get('bare')!;
    const measured = [
      { route: stack.api, what: 'Basic Auth' },
      { route: stack.bearer, what: 'bearer token' },
    ].map(({ route, what }) => {
      const rs = results.get(route.key)!;
      const throughput = rs.map((r, i) => r.rps / base[i]!.rps);
      const p99 = rs.map((r, i) => r.p99 / Math.max(base[i]!.p99, 1));
      const perRep: Verdict[] = throughput.map((x) => (x >= PB1_TARGET_THROUGHPUT_RATIO ? 'PASS' : 'MISS'));
      return { route, what, rs, throughput, p99, perRep };
    });

    log('');
    log(
      table(
        ['rep', ...measured.flatMap((m) => [`throughput ${m.what}/bare`, `≥ ${PB1_TARGET_THROUGHPUT_RATIO}`, `p99 ${m.what}/bare`])],
        base.map((_, i) => [String(i + 1), ...measured.flatMap((m) => [fmt(m.throughput[i]!, 3), m.perRep[i]!, fmt(m.p99[i]!, 2)])]),
      ),
    );
    log('');
    for (const route of routes) {
      const rs = results.get(route.key)!;
      log(
        `  ${route.label.padEnd(16)} req/s ${fmtSpread(spread(rs.map((r) => r.rps)))}; p99 ${fmtSpread(spread(rs.map((r) => r.p99)), 0, ' ms')}; ` +
          `server thread CPU ${fmt(median(rs.map((r) => r.cpuMsPerRequest)), 2)} ms/req`,
      );
    }
    for (const m of measured) {
      log(`  throughput ratio ${m.what}/bare  ${fmtSpread(spread(m.throughput), 2)}`);
      log(`  p99 ratio ${m.what}/bare         ${fmtSpread(spread(m.p99), 2)}`);
    }
    const same = results.get(stack.bareSameParser.key)!;
    const againstSame = measured.map((m) => ({ what: m.what, ratio: spread(m.rs.map((r, i) => r.rps / same[i]!.rps)) }));
    for (const a of againstSame) log(`  info: throughput ${a.what}/bare with our date parser  ${fmtSpread(a.ratio, 2)} (no target; the bare route with node-pg's defaults is the baseline)`);

    if (options.breakdown) {
      const m = (key: string) => median(results.get(key)!.map((r) => r.rps));
      const busy = (key: string) => median(results.get(key)!.map((r) => r.cpuMsPerRequest));
      log('');
      log('  breakdown (medians; each step adds one piece back to the bare route):');
      log(
        table(
          ['route', 'req/s', 'vs bare', 'server thread CPU ms/req', 'what it adds'],
          [
            ['bare pg', fmt(m('bare')), '1.00', fmt(busy('bare'), 2), '1 round trip: explicit org filter, no transaction'],
            ['bare+tx', fmt(m('bare-tx')), fmt(m('bare-tx') / m('bare'), 2), fmt(busy('bare-tx'), 2), 'BEGIN + prelude + RLS query + COMMIT (4 round trips)'],
            ['bare+org+tx', fmt(m('bare-org-tx')), fmt(m('bare-org-tx') / m('bare'), 2), fmt(busy('bare-org-tx'), 2), '+ orgs lookup (5 round trips, as the API took before ADR 23)'],
            ['core, no Koa', fmt(m('core')), fmt(m('core') / m('bare'), 2), fmt(busy('core'), 2), 'orgs lookup + core use case (read-only unit: 1 round trip), knex, domain mapping'],
            ['API, org cached', fmt(m('api-cached-org')), fmt(m('api-cached-org') / m('bare'), 2), fmt(busy('api-cached-org'), 2), '+ Koa, auth, ajv, presenters, log line; orgs lookup cached'],
            ['API, bearer token', fmt(m('bearer')), fmt(m('bearer') / m('bare'), 2), fmt(busy('bearer'), 2), 'signed-in user: token claims + the session liveness read riding in the first message'],
            ['PB1 API', fmt(m('PB1')), fmt(m('PB1') / m('bare'), 2), fmt(busy('PB1'), 2), 'X-Test-Org (its existence cached by the resolver): the API as measured'],
          ],
        ),
      );
    }

    const cpu = (rs: readonly LoadResult[]) => fmt(median(rs.map((r) => r.cpuMsPerRequest)), 2);
    const targets: TargetResult[] = measured.map((m) => {
      const tr = spread(m.throughput);
      return {
        bench: 'PB1',
        name: `throughput(API, ${m.what})/throughput(bare) ≥ ${PB1_TARGET_THROUGHPUT_RATIO}${onServer ? '' : ' [PGlite: indicative only]'}`,
        verdict: majorityVerdict(m.perRep),
        detail:
          `median ${fmt(tr.median, 2)} (${fmt(tr.min, 2)}–${fmt(tr.max, 2)}), missed in ${m.perRep.filter((v) => v !== 'PASS').length}/${m.perRep.length} reps; ` +
          `${fmt(median(m.rs.map((r) => r.rps)))} vs ${fmt(median(base.map((r) => r.rps)))} req/s; server thread CPU ${cpu(m.rs)} vs ${cpu(base)} ms/req`,
      };
    });
    log('');
    for (const t of targets) log(verdictLine(t));
    for (const m of measured) {
      const pr = spread(m.p99);
      log(`  info  PB1 p99(API, ${m.what})/p99(bare): median ${fmt(pr.median, 2)} (${fmt(pr.min, 2)}–${fmt(pr.max, 2)}), no target`);
    }
    const range = (values: readonly number[]) => {
      const s = spread(values);
      return `${fmt(s.median, 2)} (${fmt(s.min, 2)}–${fmt(s.max, 2)})`;
    };
    return {
      bench: 'PB1',
      targets,
      ratios: [
        ...measured.flatMap((m) => [
          { name: `PB1 throughput API ${m.what}/bare`, value: range(m.throughput) },
          { name: `PB1 p99 API ${m.what}/bare`, value: range(m.p99) },
        ]),
        {
          name: 'PB1 req/s Basic | bearer | bare',
          value: `${fmt(median(measured[0]!.rs.map((r) => r.rps)))} | ${fmt(median(measured[1]!.rs.map((r) => r.rps)))} | ${fmt(median(base.map((r) => r.rps)))}`,
        },
        { name: 'PB1 server CPU ms/req Basic | bearer | bare', value: `${cpu(measured[0]!.rs)} | ${cpu(measured[1]!.rs)} | ${cpu(base)}` },
        ...againstSame.map((a) => ({ name: `PB1 throughput API ${a.what}/bare with our date parser (info)`, value: `${fmt(a.ratio.median, 2)} (${fmt(a.ratio.min, 2)}–${fmt(a.ratio.max, 2)})` })),
      ],
    };
  } catch (err) {
    if (stack.appLog.failures.length > 0) log(`  app log lines of failing requests:\n    ${stack.appLog.failures.join('\n    ')}`);
    throw err;
  } finally {
    await stack.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runApiStackBench({ ...benchOptions(), only: ['PB1'] }).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
