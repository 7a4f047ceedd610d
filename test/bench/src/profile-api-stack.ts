/**
 * Where PB1's time goes: the same two stacks as the benchmark, each loaded for BENCH_DURATION_S
 * while the V8 sampling profiler records THIS process's main thread (the servers; the load
 * generator runs in a worker thread and is not sampled). Prints main-thread CPU per request,
 * split by package (self time), the project functions with the most inclusive time, and the
 * hottest functions; writes both .cpuprofile files to the temp directory (open them in Chrome
 * DevTools or speedscope). Then the CPU of each layer of the list, one call at a time.
 *
 *   npm run bench:profile            (TEST_DATABASE_URL as for npm run bench)
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiStack, type RouteUnderTest } from './api-stack-setup.js';
import { benchOptions } from './bench-options.js';
import { measureLayerCost } from './layer-cost.js';
import { runLoad, type LoadResult } from './load.js';
import { fmt, table } from './stats.js';
import { analyse, type Analysis, type CpuProfile } from './cpu-profile.js';

async function profileRoute(session: Session, route: RouteUnderTest, connections: number, durationS: number): Promise<{ load: LoadResult; profile: CpuProfile }> {
  await session.post('Profiler.start');
  const load = await runLoad({ url: route.url, headers: route.headers, connections, durationS });
  const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
  return { load, profile };
}

async function main(): Promise<void> {
  const options = benchOptions();
  const log = (line = '') => console.log(line);
  log('PB1 profile: V8 sampling profiler on the server thread while autocannon loads one route at a time');
  const stack = await startApiStack(options, log);
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    for (const route of [stack.api, stack.bearer, stack.bare]) await runLoad({ url: route.url, headers: route.headers, connections: options.connections, durationS: options.warmupS });

    const results: Array<{ route: RouteUnderTest; load: LoadResult; analysis: Analysis; file: string }> = [];
    for (const route of [stack.api, stack.bearer, stack.bare]) {
      const { load, profile } = await profileRoute(session, route, options.connections, options.durationS);
      const file = join(tmpdir(), `cws-pb1-${route.key}-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      results.push({ route, load, analysis: analyse(profile), file });
    }

    for (const { route, load, analysis, file } of results) {
      const perReq = (ms: number) => (ms / load.requests) * 1000;
      const busy = analysis.byCategory.filter(([c]) => c !== '(idle)').reduce((a, [, ms]) => a + ms, 0);
      log('');
      log(`${route.label}: ${fmt(load.rps)} req/s, p99 ${fmt(load.p99)} ms, ${fmt(load.requests)} requests (while profiled)`);
      log(`  main thread busy ${fmt((busy / analysis.sampledMs) * 100)}% of ${fmt(analysis.sampledMs / 1000, 1)} s sampled = ${fmt(perReq(busy), 0)} µs CPU per request; profile: ${file}`);
      log(
        table(
          ['self time by package', 'µs/request', '% of busy'],
          analysis.byCategory
            .filter(([c]) => c !== '(idle)')
            .slice(0, 16)
            .map(([c, ms]) => [c, fmt(perReq(ms)), fmt((ms / busy) * 100, 1)]),
        ),
      );
      if (route.key !== 'bare') {
        log('');
        log(
          table(
            ['project function (inclusive: itself + what it calls)', 'µs/request', '% of busy'],
            analysis.projectInclusive.slice(0, 20).map(([f, ms]) => [f, fmt(perReq(ms)), fmt((ms / busy) * 100, 1)]),
          ),
        );
      }
      log('');
      log(
        table(
          ['hottest functions (self)', 'µs/request', '% of busy'],
          analysis.hottest
            .filter(([f]) => !f.startsWith('(idle)'))
            .slice(0, 15)
            .map(([f, ms]) => [f, fmt(perReq(ms)), fmt((ms / busy) * 100, 1)]),
        ),
      );
    }
    await measureLayerCost(stack, log);
  } finally {
    session.disconnect();
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
