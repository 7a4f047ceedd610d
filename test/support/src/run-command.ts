/**
 * Runs one of the repository's commands as an operator would, as a child process, and collects
 * what it printed. Asynchronous on purpose: the embedded test database is served from this
 * process's event loop, so a child talking to it must not block that loop.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Environment for a child: this process's, without DATABASE_URL unless given, plus `extra`. */
export function commandEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'DATABASE_URL') env[key] = value;
  return { ...env, ...extra };
}

/** `node <script> ...args` from the repository root; a `.ts` script runs from the sources through tsx. */
export function runCommand(script: string, args: readonly string[], env: Record<string, string> = commandEnv()): Promise<CommandResult> {
  const node = script.endsWith('.ts') ? ['--conditions=@cws/source', '--import', 'tsx', script, ...args] : [script, ...args];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, node, { cwd: REPOSITORY_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** True when `text` holds a JavaScript stack frame (`    at fn (file:line:col)`). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+:\d+:\d+\)?$/m.test(text);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Why the compiled entry points cannot be tested now, or null when they can: every workspace
 * with sources must have been built (`npm run build`) since its sources last changed, or a test
 * of `node .../dist/main.js` would test yesterday's code.
 */
export function compiledOutputSkipReason(): string | null {
  for (const group of ['packages', 'adapters', 'hosts']) {
    for (const name of readdirSync(join(REPOSITORY_ROOT, group))) {
      const pkg = join(REPOSITORY_ROOT, group, name);
      if (!existsSync(join(pkg, 'src'))) continue;
      const built = join(pkg, 'dist', '.tsbuildinfo');
      if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join(pkg, 'src'))) {
        return `the compiled output of ${group}/${name} is missing or older than its sources: run npm run build first`;
      }
    }
  }
  const migrations = join(REPOSITORY_ROOT, 'migrations');
  const built = join(migrations, 'dist', '.tsbuildinfo');
  if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join(migrations, 'src'))) return 'the compiled migrations are missing or stale: run npm run build first';
  return null;
}
