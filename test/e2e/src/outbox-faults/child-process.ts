/**
 * A host of this repository run from its sources as a child process, to be killed with SIGKILL
 * as a crash or an OOM kill would (no drain, no cleanup), and its JSON log lines collected.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { commandEnv, REPOSITORY_ROOT } from '@cws/test-support';

export interface ChildHost {
  readonly pid: number;
  /** JSON log lines (and stdout lines that are not JSON, as `{ text }`), oldest first. */
  readonly lines: Array<Record<string, unknown>>;
  readonly stderr: () => string;
  /** Resolves with the exit code or signal once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first log line `match` accepts (rejects if the process ends first or after `timeoutMs`). */
  waitForLine(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** SIGKILL, and wait for the end. */
  kill(): Promise<void>;
}

export function startChildHost(script: string, args: readonly string[], env: Record<string, string>): ChildHost {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--conditions=@cws/source', '--import', 'tsx', script, ...args], {
    cwd: REPOSITORY_ROOT,
    env: commandEnv(env),
  });
  const lines: Array<Record<string, unknown>> = [];
  const watchers = new Set<() => void>();
  let pending = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const text of complete) {
      if (text.trim() === '') continue;
      try {
        lines.push(JSON.parse(text) as Record<string, unknown>);
      } catch {
        lines.push({ text });
      }
    }
    for (const watch of [...watchers]) watch();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let ended = false;
  void exited.then(() => {
    ended = true;
    for (const watch of [...watchers]) watch();
  });

  return {
    pid: child.pid!,
    lines,
    stderr: () => stderr,
    exited,
    waitForLine(match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        let from = 0;
        const check = () => {
          for (; from < lines.length; from++) {
            if (match(lines[from]!)) {
              done();
              resolve(lines[from]!);
              return;
            }
          }
          if (ended) {
            done();
            reject(new Error(`${script} ended before the awaited line; stderr: ${stderr.slice(-2000)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${script}: no awaited line within ${timeoutMs} ms; stderr: ${stderr.slice(-2000)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
        check();
      });
    },
    async kill() {
      if (!ended) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The job host (hosts/jobs/src/main.ts), started and ready: its pump delivers from then on. */
export async function startJobHostProcess(env: Record<string, string>): Promise<ChildHost> {
  const host = startChildHost('hosts/jobs/src/main.ts', [], env);
  try {
    await host.waitForLine((line) => line['message'] === 'job host started');
  } catch (err) {
    await host.kill();
    throw err;
  }
  return host;
}
