/**
 * The first hour of a new user, at the command line: `npm start`, `npm run bootstrap` and
 * `npm run api` print their usage for --help/-h (exit 0), refuse a wrong flag with the usage
 * (exit 2), and a database they cannot use is one line (exit 1) — never a stack trace, and
 * never the same failure twice.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandEnv, hasStackTrace, runCommand } from '@cws/test-support';

const COMMANDS = [
  { name: 'npm start', script: 'hosts/standalone/src/main.ts', usage: 'Usage: npm start' },
  { name: 'npm run bootstrap', script: 'hosts/standalone/src/bootstrap-org.ts', usage: '--owner-email' },
  { name: 'npm run api', script: 'hosts/http/src/main.ts', usage: 'Usage: npm run api' },
];

describe('commands: usage and start failures', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cws-commands-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const env = (extra: Record<string, string> = {}) => commandEnv({ APP_ENV: 'dev', LOG_LEVEL: 'ERROR', EMBEDDED_DATA_DIR: join(dir, 'pgdata'), ...extra });

  for (const command of COMMANDS) {
    it(`${command.name} prints its usage for --help and -h and exits 0`, async () => {
      // Child processes side by side: each spends its time starting Node.
      const results = await Promise.all(['--help', '-h'].map((flag) => runCommand(command.script, [flag], env())));
      for (const r of results) {
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stdout).to.include(command.usage).and.include('-h, --help');
        expect(r.stderr).to.equal('');
      }
    });

    it(`${command.name} refuses an unknown flag with the usage and exit 2`, async () => {
      const r = await runCommand(command.script, ['--prot', '9000'], env());
      expect(r.code).to.equal(2);
      expect(r.stderr).to.include("Unknown option '--prot'").and.include(command.usage);
      expect(hasStackTrace(r.stderr)).to.equal(false);
    });
  }

  it('npm start with a DATABASE_URL nothing answers at says so once, in one line', async () => {
    const r = await runCommand('hosts/standalone/src/main.ts', [], env({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/cleaning' }));
    expect(r.code).to.equal(1);
    expect(r.stderr.trim().split('\n'), r.stderr).to.deep.equal([
      'standalone: nothing accepts connections at 127.0.0.1:1: start PostgreSQL there, or fix the host and port in DATABASE_URL',
    ]);
  });
});
