/**
 * What the JobQueue contract cannot show about the Agenda adapter: state kept in the stored job
 * (across a restart), failure to connect, several runners on one store, and the unique-key and
 * schedule details of this implementation.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { AppError, isAppError, type JobRun } from '@cws/core';
import { caught, eventually } from '@cws/contract-tests';
import { AgendaJobQueue, type AgendaJobQueueOptions } from '@cws/adapter-jobs-agenda';
import { availableTestDatabases } from '@cws/test-support';

const jobName = (label: string) => `agenda-test-${label}-${randomUUID().slice(0, 8)}`;

describe('AgendaJobQueue: an unreachable store', () => {
  it('rejects start() and enqueue() with an unavailable AppError, and nothing is left unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const queue = new AgendaJobQueue({ backend: 'postgres', connectionString: 'postgresql://postgres@127.0.0.1:1/x', name: 'unreachable' });
      queue.define({ name: 'never', handler: async () => {} });
      const startError = await caught(() => queue.start());
      const enqueueError = await caught(() => queue.enqueue('never', {}));
      // Agenda's own connect() rejection would surface as unhandled within these turns.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(startError).to.be.instanceOf(AppError);
      expect(startError).to.include({ code: 'storage.unavailable', kind: 'unavailable' });
      expect(enqueueError).to.include({ code: 'storage.unavailable', kind: 'unavailable' });
      expect(unhandled).to.deep.equal([]);
      expect(await queue.drain(1000)).to.deep.equal({ running: 0 });
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

for (const db of availableTestDatabases()) {
  describe(`AgendaJobQueue on ${db.kind === 'embedded' ? 'PGlite' : 'the PostgreSQL server'}`, function () {
    if (db.skipReason !== null) {
      it(`is skipped: ${db.skipReason}`, function () {
        this.skip();
      });
      return;
    }

    let connectionString = '';
    let client: pg.Client | null = null;
    const sql = () => {
      if (client === null) throw new Error('the test database is not connected');
      return client;
    };
    const queues: AgendaJobQueue[] = [];
    const newQueue = (options: Partial<AgendaJobQueueOptions> & { name: string }) => {
      const queue = new AgendaJobQueue({ backend: 'postgres', connectionString, poolMax: 4, processEveryMs: 100, ...options } as AgendaJobQueueOptions);
      queues.push(queue);
      return queue;
    };
    const storedRuns = async (name: string) =>
      (
        await sql().query<{ fail_count: number | null; next_run_at: Date | null; locked_at: Date | null; last_finished_at: Date | null; last_modified_by: string | null; data: Record<string, unknown> }>(
          'SELECT fail_count, next_run_at, locked_at, last_finished_at, last_modified_by, data FROM agenda_jobs WHERE name = $1',
          [name],
        )
      ).rows;

    before(async () => {
      connectionString = (await db.open()).connectionString;
      const opened = new pg.Client({ connectionString });
      await opened.connect();
      client = opened;
    });
    afterEach(async () => {
      await Promise.all(queues.splice(0).map((q) => q.drain(5000)));
    });
    after(async () => {
      await client?.end();
    });

    it('keeps the attempt number of a retried run in the stored job, across a restart', async () => {
      const name = jobName('restart');
      const runs: Array<JobRun & { runner: string }> = [];
      const define = (queue: AgendaJobQueue, runner: string) =>
        queue.define({
          name,
          maxRetries: 2,
          // Far beyond the test: the retry only comes early because the test moves it.
          retryDelayMs: 3_600_000,
          handler: async (run) => {
            runs.push({ ...run, runner });
            if (run.attempt === 1) throw new AppError('storage.unavailable', 'transient failure');
          },
        });

      const first = newQueue({ name: 'runner-first' });
      define(first, 'first');
      await first.start();
      await first.enqueue(name, { orgId: 'o-1' });
      await eventually('the failure to be stored', async () => (await storedRuns(name))[0]?.fail_count === 1);
      const [failed] = await storedRuns(name);
      expect(failed!.locked_at).to.equal(null);
      expect(failed!.next_run_at!.getTime()).to.be.greaterThan(Date.now() + 3_000_000);
      await first.drain(5000);

      // A new process: nothing but the stored row knows this is the second attempt.
      await sql().query('UPDATE agenda_jobs SET next_run_at = now() WHERE name = $1', [name]);
      const second = newQueue({ name: 'runner-second' });
      define(second, 'second');
      await second.start();
      // Agenda resets the stored fail count when a run succeeds.
      await eventually('the retried run to succeed', async () => {
        const [row] = await storedRuns(name);
        return row?.fail_count === 0 && row.locked_at === null;
      });

      expect(runs.map((r) => [r.runner, r.attempt])).to.deep.equal([
        ['first', 1],
        ['second', 2],
      ]);
      expect(runs[1]!.id).to.equal(runs[0]!.id);
      expect(runs[1]!.data).to.deep.equal({ orgId: 'o-1' });
      const [done] = await storedRuns(name);
      expect(done).to.include({ last_modified_by: 'runner-second', next_run_at: null, locked_at: null });
    });

    const survives = 'survives the server ending its LISTEN connection (pg_terminate_backend): the error is reported, the process lives, runs go on';
    if (db.kind !== 'server') it(`${survives}: skipped, PGlite's wire server cannot end one of its sessions (no pg_terminate_backend)`, function () {
      this.skip();
    });
    else it(survives, async function () {
      const name = jobName('terminated');
      const errors: Error[] = [];
      const ran: unknown[] = [];
      const queue = newQueue({ name: 'runner-terminated', onError: (err) => errors.push(err) });
      queue.define({ name, handler: async (run) => void ran.push(run.data['n']) });
      await queue.start();
      await queue.enqueue(name, { n: 1 });
      await eventually('the first run', async () => ran.length === 1);
      // Agenda's LISTEN sessions (its pool sets no application name; it quotes its channels), no one else's.
      const ended = await sql().query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND usename = current_user AND application_name = '' AND query LIKE 'LISTEN "%'`,
      );
      expect(ended.rowCount).to.be.greaterThan(0);
      await eventually('the lost LISTEN connection to be reported', async () => errors.length > 0);
      await queue.enqueue(name, { n: 2 });
      await eventually('a run after the loss', async () => ran.length === 2);
      expect(ran).to.deep.equal([1, 2]);
    });

    it('lets two runners on one store process 50 runs, each exactly once', async () => {
      const name = jobName('runners');
      const runs: Array<{ runner: string; id: string; n: unknown }> = [];
      const producer = newQueue({ name: 'producer' });
      for (let n = 0; n < 50; n += 1) await producer.enqueue(name, { n });
      const runners = ['runner-1', 'runner-2'].map((runner) => {
        const queue = newQueue({ name: runner });
        queue.define({
          name,
          concurrency: 5,
          handler: async (run) => {
            runs.push({ runner, id: run.id, n: run.data['n'] });
            await new Promise((resolve) => setTimeout(resolve, 5));
          },
        });
        return queue;
      });
      // Started together, so both first polls compete for the same rows.
      await Promise.all(runners.map((q) => q.start()));
      await eventually('all 50 runs finished and unlocked', async () => {
        const rows = await storedRuns(name);
        return rows.length === 50 && rows.every((r) => r.last_finished_at !== null && r.locked_at === null);
      });

      expect(runs).to.have.length(50);
      expect(new Set(runs.map((r) => r.id)).size).to.equal(50);
      expect(new Set(runs.map((r) => r.n))).to.deep.equal(new Set(Array.from({ length: 50 }, (_, n) => n)));
    });

    it('queues a new run with a unique key once the earlier run with that key has started', async () => {
      const name = jobName('unique');
      const runs: JobRun[] = [];
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      const queue = newQueue({ name: 'runner-unique' });
      queue.define({
        name,
        handler: async (run) => {
          runs.push(run);
          if (runs.length === 1) await held;
        },
      });
      await queue.start();
      await queue.enqueue(name, { copy: 1 }, { uniqueKey: 'k' });
      await eventually('the first run to start', () => runs.length === 1);
      await queue.enqueue(name, { copy: 2 }, { uniqueKey: 'k' });
      release();
      await eventually('the second run', () => runs.length === 2);

      expect(runs.map((r) => r.data)).to.deep.equal([{ copy: 1 }, { copy: 2 }]);
      const stored = await storedRuns(name);
      expect(stored.map((r) => Object.keys(r.data).filter((k) => k.startsWith('__')))).to.deep.equal([[], []]);
    });

    it('refuses an unreadable cron or time zone and keeps the schedule it had', async () => {
      const name = jobName('schedule');
      const queue = newQueue({ name: 'runner-schedule' });
      await queue.schedule(name, '15 2 * * 1', { v: 1 }, { timeZone: 'Europe/Paris' });

      for (const [cron, timeZone] of [
        ['every day', 'UTC'],
        ['1 day and 2 hours', 'UTC'],
        ['0 0 0 * * *', 'UTC'],
        ['61 2 * * *', 'UTC'],
        ['15 2 * * 1', 'Mars/Olympus_Mons'],
      ] as const) {
        const err = await caught(() => queue.schedule(name, cron, { v: 2 }, { timeZone }));
        expect(isAppError(err), `${cron} in ${timeZone}`).to.equal(true);
        expect(err.kind).to.equal('validation');
      }
      const mine = (await queue.listSchedules()).filter((s) => s.name === name);
      expect(mine).to.deep.equal([{ name, cron: '15 2 * * 1', timeZone: 'Europe/Paris' }]);
    });
  });
}
