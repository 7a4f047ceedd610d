/** Summaries of a V8 .cpuprofile: self time by package, inclusive time of project functions. */
import { fileURLToPath } from 'node:url';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The repository root (this file is test/bench/src/ or test/bench/dist/). */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\\/g, '/').replace(/\/$/, '');

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

export interface Analysis {
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

