/**
 * JobQueue behaviour every backend must share: runs happen, once each, with their data; future
 * runs wait; unique keys dedupe; retryable failures retry with backoff and others do not;
 * concurrency is respected; drain waits for running work. No assertion depends on wall-clock
 * speed: "did not happen" is checked after a later sentinel run has happened.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { AppError, type JobRun } from '@cws/core';
import { eventually } from './fixtures.js';
import type { JobQueueCaps, JobQueueHarness } from './harness.js';

export function jobQueueContract(name: string, factory: () => Promise<JobQueueHarness>, caps: JobQueueCaps = {}): void {
  describe(`${name}: JobQueue`, function () {
    let h: JobQueueHarness;
    const runs: Array<JobRun & { at: number }> = [];
    const job = (label: string) => `contract-${label}-${randomUUID().slice(0, 8)}`;
    const names = {
      basic: job('basic'),
      future: job('future'),
      unique: job('unique'),
      flaky: job('flaky'),
      broken: job('broken'),
      serial: job('serial'),
      slow: job('slow'),
      sentinel: job('sentinel'),
    };
    let inFlight = 0;
    let maxInFlight = 0;
    let releaseSlow: (() => void) | null = null;
    let slowFinished = false;

    before(async function () {
      if (caps.unavailableReason) this.skip();
      h = await factory();
      const record = async (run: JobRun) => {
        runs.push({ ...run, at: Date.now() });
      };
      h.queue.define({ name: names.basic, handler: record });
      h.queue.define({ name: names.future, handler: record });
      h.queue.define({ name: names.unique, handler: record });
      h.queue.define({ name: names.sentinel, handler: record });
      h.queue.define({
        name: names.flaky,
        maxRetries: 3,
        retryDelayMs: 50,
        handler: async (run) => {
          await record(run);
          if (run.attempt === 1) throw new AppError('storage.unavailable', 'transient failure');
        },
      });
      h.queue.define({
        name: names.broken,
        maxRetries: 3,
        retryDelayMs: 50,
        handler: async (run) => {
          await record(run);
          throw new AppError('validation.failed', 'a permanent failure');
        },
      });
      h.queue.define({
        name: names.serial,
        concurrency: 1,
        handler: async (run) => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 30));
          inFlight -= 1;
          await record(run);
        },
      });
      h.queue.define({
        name: names.slow,
        lockLifetimeMs: 60_000,
        handler: async (run) => {
          await record(run);
          await new Promise<void>((resolve) => {
            releaseSlow = resolve;
          });
          slowFinished = true;
        },
      });
      await h.queue.start();
    });
    after(async () => {
      if (h) await h.dispose();
    });
    if (caps.unavailableReason) {
      it(`is skipped: ${caps.unavailableReason}`, function () {
        this.skip();
      });
      return;
    }

    const runsOf = (n: string) => runs.filter((r) => r.jobName === n);
    const sentinel = async () => {
      const marker = randomUUID();
      await h.queue.enqueue(names.sentinel, { marker });
      await eventually('the sentinel run', () => runs.some((r) => r.jobName === names.sentinel && r.data['marker'] === marker));
    };

    it('runs an enqueued job once with its data', async () => {
      await h.queue.enqueue(names.basic, { orgId: 'o-1', note: 'hello' });
      await eventually('the basic run', () => runsOf(names.basic).length === 1);
      await sentinel();
      expect(runsOf(names.basic)).to.have.length(1);
      expect(runsOf(names.basic)[0]!.data).to.deep.equal({ orgId: 'o-1', note: 'hello' });
      expect(runsOf(names.basic)[0]!.attempt).to.equal(1);
    });

    it('does not run a job before its runAt', async () => {
      await h.queue.enqueue(names.future, { n: 1 }, { runAt: new Date(Date.now() + 3_600_000) });
      await sentinel();
      expect(runsOf(names.future)).to.have.length(0);
    });

    it('keeps one pending run per unique key', async () => {
      const later = new Date(Date.now() + 400);
      await h.queue.enqueue(names.unique, { copy: 1 }, { uniqueKey: 'k1', runAt: later });
      await h.queue.enqueue(names.unique, { copy: 2 }, { uniqueKey: 'k1', runAt: later });
      await h.queue.enqueue(names.unique, { copy: 3 }, { uniqueKey: 'k2', runAt: later });
      await eventually('the unique runs', () => runsOf(names.unique).length >= 2);
      await sentinel();
      const keys = runsOf(names.unique).map((r) => r.data['copy']);
      expect(keys).to.have.length(2);
      expect(keys).to.include(3);
    });

    it('retries a retryable failure with a later attempt number', async () => {
      await h.queue.enqueue(names.flaky, { n: 1 });
      await eventually('the retry of the flaky job', () => runsOf(names.flaky).length === 2);
      const [first, second] = runsOf(names.flaky);
      expect([first!.attempt, second!.attempt]).to.deep.equal([1, 2]);
      expect(second!.at - first!.at).to.be.at.least(40);
    });

    it('does not retry a failure that is not retryable', async () => {
      await h.queue.enqueue(names.broken, { n: 1 });
      await eventually('the broken run', () => runsOf(names.broken).length === 1);
      // Well past the first backoff (50 ms): a retry, if any, would have happened by then.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await sentinel();
      expect(runsOf(names.broken)).to.have.length(1);
    });

    it('never runs more than `concurrency` runs of a job at once', async () => {
      for (let i = 0; i < 4; i += 1) await h.queue.enqueue(names.serial, { i });
      await eventually('four serial runs', () => runsOf(names.serial).length === 4);
      expect(maxInFlight).to.equal(1);
    });

    it('keeps one schedule per job name, the last one given', async () => {
      const name = job('scheduled');
      await h.queue.schedule(name, '0 3 * * *', { v: 1 }, { timeZone: 'Europe/London' });
      await h.queue.schedule(name, '30 4 * * *', { v: 2 }, { timeZone: 'America/New_York' });
      const mine = (await h.listSchedules()).filter((s) => s.name === name);
      expect(mine).to.deep.equal([{ name, cron: '30 4 * * *', timeZone: 'America/New_York' }]);
    });

    it('drains: waits for a running job to finish, then stops', async () => {
      await h.queue.enqueue(names.slow, {});
      await eventually('the slow job to start', () => runsOf(names.slow).length === 1 && releaseSlow !== null);
      setTimeout(() => releaseSlow!(), 150);
      const result = await h.queue.drain(10_000);
      expect(slowFinished).to.equal(true);
      expect(result.running).to.equal(0);
    });
  });
}
