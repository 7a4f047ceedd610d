/**
 * The package README's example is part of the product: its marked ts block type-checks against
 * the generated types and, run as written against a fresh `npm start` (its own data directory
 * and a free port, like tools/check-start.sh), signs in and prints the demo leads. Only the
 * address and the credentials file are pointed at that server.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPOSITORY_ROOT, commandEnv, runCommand } from '@cws/test-support';

const MARKER = '<!-- packages/client/test/readme-example.test.ts runs this block, as written, against a fresh npm start -->';
const BASE_URL_LINE = "const baseUrl = 'http://127.0.0.1:8000';";
const CREDENTIALS_PATH = "'var/dev-admin-credentials.json'";
// Next to the package's sources, so `@cws/client` resolves as it does for an app of the workspace; git ignores it.
const EXAMPLE = join(REPOSITORY_ROOT, 'packages/client/test/readme-example.generated.ts');

function readmeExample(): string {
  const readme = readFileSync(join(REPOSITORY_ROOT, 'packages/client/README.md'), 'utf8');
  const at = readme.indexOf(MARKER);
  expect(at, 'the README marks its example block').to.be.greaterThan(-1);
  const code = /^```ts\n([\s\S]*?)^```$/m.exec(readme.slice(at + MARKER.length))?.[1];
  expect(code, 'a ts block after the marker').to.be.a('string');
  expect(code, `the example sets ${BASE_URL_LINE}`).to.include(BASE_URL_LINE);
  expect(code, `the example reads ${CREDENTIALS_PATH}`).to.include(CREDENTIALS_PATH);
  return code!;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string, deadlineMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output()}`);
    const status = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`npm start was not ready within ${deadlineMs / 1000} s:\n${output()}`);
}

/** SIGTERM to npm start's process group (npm does not pass it on to node), SIGKILL if it lingers. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const killed = setTimeout(() => signal('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killed);
}

describe('@cws/client README example', function () {
  this.timeout(180_000);
  let dir: string;
  let server: ChildProcess | undefined;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cws-client-readme-'));
  });

  after(async () => {
    if (server !== undefined) await stop(server);
    rmSync(EXAMPLE, { force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('type-checks, and run as written against npm start signs in and prints the demo leads', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const credentials = join(dir, 'var', 'dev-admin-credentials.json');
    writeFileSync(EXAMPLE, readmeExample().replace(BASE_URL_LINE, `const baseUrl = '${url}';`).replace(CREDENTIALS_PATH, JSON.stringify(credentials)));

    let output = '';
    const started = Date.now();
    server = spawn('npm', ['start'], {
      cwd: REPOSITORY_ROOT,
      env: commandEnv({ APP_ENV: 'dev', LOG_LEVEL: 'WARNING', EMBEDDED_DATA_DIR: join(dir, 'var', 'pgdata'), HOST: '127.0.0.1', PORT: String(port) }),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

    // The compiler checks the example while the server starts.
    const tsconfig = join(dir, 'tsconfig.json');
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: join(REPOSITORY_ROOT, 'tsconfig.base.json'),
        compilerOptions: { composite: false, declaration: false, declarationMap: false, noEmit: true, typeRoots: [join(REPOSITORY_ROOT, 'node_modules/@types')] },
        files: [EXAMPLE],
      }),
    );
    const typecheck = runCommand(join(REPOSITORY_ROOT, 'node_modules/typescript/bin/tsc'), ['-p', tsconfig]);

    const readyMs = await waitUntilReady(url, server, () => output, 90_000);
    const checked = await typecheck;
    expect(checked.code, `tsc on the README example:\n${checked.stdout}${checked.stderr}`).to.equal(0);

    const run = await runCommand(EXAMPLE, []);
    expect(run.code, `the README example failed:\n${run.stdout}${run.stderr}`).to.equal(0);
    const printed = run.stdout.trim().split('\n');
    expect(printed.length, run.stdout).to.be.greaterThan(1);
    expect(printed).to.include('Harbor View Co-op (qualified)');
    for (const line of printed) expect(line).to.match(/^.+ \((new|contacted|qualified|converted|lost)\)$/);
    console.log(`      npm start ready after ${(readyMs / 1000).toFixed(1)} s; the example printed ${printed.length} leads; ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  });
});
