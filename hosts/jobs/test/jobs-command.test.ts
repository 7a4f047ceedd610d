/**
 * The job host command as a new user meets it, from the sources (`npm run jobs:dev`) and
 * compiled (`npm run jobs`): --help, a wrong flag, an unknown job, one job run on the embedded
 * database of a fresh checkout, and the same database held by a running process — each a clear
 * answer with the right exit code, never a stack trace.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@cws/adapter-postgres';
import { JOB_CATALOGUE } from '@cws/host-jobs';
import { commandEnv, compiledOutputSkipReason, hasStackTrace, runCommand } from '@cws/test-support';

const NAMES = JOB_CATALOGUE.map((job) => job.name);
const ENTRIES = [
  { how: 'from the sources (npm run jobs:dev)', script: 'hosts/jobs/src/main.ts', skip: () => null },
  { how: 'compiled (npm run jobs)', script: 'hosts/jobs/dist/main.js', skip: compiledOutputSkipReason },
];

for (const entry of ENTRIES) {
  describe(`jobs command, ${entry.how}`, function () {
    this.timeout(120_000);
    const reason = entry.skip();
    if (reason !== null) {
      it(`is skipped: ${reason}`, function () {
        this.skip();
      });
      return;
    }
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'cws-jobs-command-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const env = () => commandEnv({ APP_ENV: 'dev', LOG_LEVEL: 'ERROR', EMBEDDED_DATA_DIR: join(dir, 'pgdata') });
    const jobs = (...args: string[]) => runCommand(entry.script, args, env());

    it('prints its usage, with every job name, for --help and -h and exits 0', async () => {
      // Child processes side by side: each spends its time starting Node.
      const results = await Promise.all(['--help', '-h'].map((flag) => jobs(flag)));
      for (const r of results) {
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stdout).to.include('Usage:').and.include('--job NAME --once').and.include('JOBS_HTTP_PORT');
        for (const name of NAMES) expect(r.stdout).to.include(name);
        expect(r.stderr).to.equal('');
      }
    });

    it('refuses an unknown flag, and --job without --once, with the usage and exit 2', async () => {
      const [bogus, half] = await Promise.all([jobs('--bogus'), jobs('--job', 'leads-auto-archive')]);
      expect(bogus.code).to.equal(2);
      expect(bogus.stderr).to.include("Unknown option '--bogus'").and.include('Usage:');
      expect(hasStackTrace(bogus.stderr)).to.equal(false);
      expect(half.code).to.equal(2);
      expect(half.stderr).to.include('--job NAME --once together');
    });

    it('names the valid jobs when asked for one that does not exist', async () => {
      const r = await jobs('--job', 'leads-auto-archiv', '--once');
      expect(r.code).to.equal(2);
      expect(r.stderr.trim().split('\n')).to.have.length(1);
      expect(r.stderr).to.include('no job is named "leads-auto-archiv"');
      for (const name of NAMES) expect(r.stderr).to.include(name);
    });

    it('runs one job on the embedded database of a fresh checkout (migrating it first) and exits 0', async () => {
      const r = await jobs('--job', 'leads-auto-archive', '--once');
      expect(r.code, r.stderr).to.equal(0);
      expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).to.include({ job: 'leads-auto-archive', outcome: 'success' });
    });

    it('says in one line that the embedded database is held by a running process', async () => {
      // What a running `npm start` does to its data directory: open it and keep its lock.
      const holder = await startEmbeddedPostgres({ dataDir: join(dir, 'pgdata') });
      try {
        const r = await jobs('--job', 'leads-auto-archive', '--once');
        expect(r.code).to.equal(1);
        expect(r.stderr.trim().split('\n'), r.stderr).to.have.length(1);
        expect(r.stderr).to.match(new RegExp(`in use by process ${process.pid}; stop it first`));
        expect(hasStackTrace(r.stderr)).to.equal(false);
      } finally {
        await holder.close();
      }
    });
  });
}
