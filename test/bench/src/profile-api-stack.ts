/**
 * Where PB1's time goes: the same two stacks as the benchmark, each loaded for BENCH_DURATION_S
 * while the V8 sampling profiler records THIS process's main thread (the servers; the load
 * generator runs in a worker thread and is not sampled). Prints main-thread CPU per request,
 * split by package (self time), the project functions with the most inclusive time, and the
 * hottest functions; writes both .cpuprofile files to the temp directory (open them in Chrome
 * DevTools or speedscope).
 *
 *   npm run bench:profile            (TEST_DATABASE_URL as for npm run bench)
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiStack, type RouteUnderTest } from './api-stack-setup.js';
import { benchOptions } from './bench-options.js';
import { runLoad, type LoadResult } from './load.js';
import { fmt, table } from './stats.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = process.cwd().replace(/\\/g, '/');

/** The package (or project folder, or V8/Node bucket) a frame belongs to. */
export function categoryOf(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '');
  if (url === '') return frame.functionName.startsWith('(') ? frame.functionName : '(V8 builtins / native)';
  if (url.startsWith('node:')) return '(node internals)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith(`${ROOT}/`)) {
    const parts = url.slice(ROOT.length + 1).split('/');
    return `cws ${parts[0]}/${parts[1]}`;
  }
  return url;
}

const frameName = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${f.url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '').replace(/^.*\/node_modules\//, '')}:${f.lineNumber + 1}`;

interface Analysis {
  readonly sampledMs: number;
  readonly byCategory: Array<[string, number]>;
  readonly projectInclusive: Array<[string, number]>;
  readonly hottest: Array<[string, number]>;
}

export function analyse(profile: CpuProfile): Analysis {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  const inclusiveProject = new Map<string, number>();
  let sampledMs = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    sampledMs += ms;
    self.set(id, (self.get(id) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)!.callFrame;
      if (categoryOf(frame).startsWith('cws ') && !frame.url.includes('/test/bench/')) {
        const name = frameName(frame);
        if (!seen.has(name)) {
          seen.add(name);
          inclusiveProject.set(name, (inclusiveProject.get(name) ?? 0) + ms);
        }
      }
    }
  });
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    byCategory.set(categoryOf(frame), (byCategory.get(categoryOf(frame)) ?? 0) + ms);
    byFunction.set(frameName(frame), (byFunction.get(frameName(frame)) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { sampledMs, byCategory: sorted(byCategory), projectInclusive: sorted(inclusiveProject), hottest: sorted(byFunction) };
}

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
    for (const route of [stack.api, stack.bare]) await runLoad({ url: route.url, headers: route.headers, connections: options.connections, durationS: options.warmupS });

    const results: Array<{ route: RouteUnderTest; load: LoadResult; analysis: Analysis; file: string }> = [];
    for (const route of [stack.api, stack.bare]) {
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
      if (route.key === 'PB1') {
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
