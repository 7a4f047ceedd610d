/**
 * `npm run migrate` as an operator meets it: --help, a wrong flag, and a database it cannot use
 * (nothing listening, a database that does not exist, a DATABASE_URL that is not one) — one
 * clear line and a non-zero exit each, never a stack trace or the driver's second copy of it.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { commandEnv, embeddedTestDatabase, hasStackTrace, runCommand, serverTestDatabaseUrl, SERVER_SKIP_REASON } from '@cws/test-support';

const migrate = (args: string[], databaseUrl?: string) =>
  runCommand('migrations/src/cli.ts', args, commandEnv(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }));

function expectOneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).to.have.length(1);
  expect(hasStackTrace(stderr)).to.equal(false);
  return lines[0]!;
}

describe('migrate command', function () {
  this.timeout(60_000);

  it('prints its usage for --help and -h, without needing DATABASE_URL, and exits 0', async () => {
    const results = await Promise.all(['--help', '-h'].map((flag) => migrate([flag])));
    for (const r of results) {
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.include('Usage: npm run migrate').and.include('--status').and.include('DATABASE_URL');
      expect(r.stderr).to.equal('');
    }
  });

  it('refuses an unknown flag with the usage and exit 2', async () => {
    const r = await migrate(['--stauts'], 'postgresql://postgres@127.0.0.1:1/x');
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include("Unknown option '--stauts'").and.include('Usage: npm run migrate');
  });

  it('says in one line that nothing answers at the address', async () => {
    const r = await migrate([], 'postgresql://postgres:a-password@127.0.0.1:1/cleaning');
    expect(r.code).to.equal(1);
    const line = expectOneLine(r.stderr);
    expect(line).to.equal('migrate: cannot use the database: nothing accepts connections at 127.0.0.1:1: start PostgreSQL there, or fix the host and port in DATABASE_URL');
    expect(r.stderr, 'the password is never shown').to.not.include('a-password');
  });

  it('says in one line that DATABASE_URL is missing or not a PostgreSQL URL', async () => {
    const [unset, wrong] = await Promise.all([migrate([]), migrate([], 'mysql://root@127.0.0.1/cleaning')]);
    expect(unset.code).to.equal(2);
    expect(expectOneLine(unset.stderr)).to.include('DATABASE_URL is not set');
    expect(wrong.code).to.equal(2);
    expect(expectOneLine(wrong.stderr)).to.include('not a postgres:// or postgresql:// URL');
  });

  const serverUrl = serverTestDatabaseUrl();
  if (serverUrl === null) {
    it(`says in one line that the database does not exist — is skipped: ${SERVER_SKIP_REASON}`, function () {
      this.skip();
    });
  } else {
    it('says in one line that the database does not exist (PostgreSQL server)', async () => {
      const missing = new URL(serverUrl);
      missing.pathname = `/cws_missing_${randomUUID().slice(0, 8)}`;
      const r = await migrate([], missing.toString());
      expect(r.code).to.equal(1);
      expect(expectOneLine(r.stderr)).to.match(/^migrate: cannot use the database: database "cws_missing_[0-9a-f]{8}" does not exist: create it/);
    });
  }

  it('reports the status of a migrated database and applies nothing twice', async () => {
    // As the owner: migrations create tables, which the app's login role may not.
    const { ownerConnectionString: connectionString } = await embeddedTestDatabase();
    const status = await migrate(['--status'], connectionString);
    expect(status.code, status.stderr).to.equal(0);
    expect(JSON.parse(status.stdout)).to.include({ upToDate: true });
    const again = await migrate([], connectionString);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.include('nothing to apply');
  });
});
