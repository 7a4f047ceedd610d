import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { RunnerHeartbeat } from '@cws/core';
import { createOrg } from './fixtures.js';
import type { StorageHarness, StorageHarnessFactory } from './harness.js';

function heartbeat(overrides: Partial<RunnerHeartbeat> = {}): RunnerHeartbeat {
  return {
    runnerId: `runner-${randomUUID().slice(0, 8)}`,
    name: 'jobs',
    hostname: 'worker-1',
    pid: 4242,
    version: '0.1.0',
    startedAt: new Date('2026-03-01T00:00:00.000Z'),
    lastHeartbeat: new Date('2026-03-01T00:00:30.000Z'),
    ...overrides,
  };
}

export function jobMonitorContract(name: string, factory: StorageHarnessFactory): void {
  describe(`${name}: JobMonitor`, function () {
    let h: StorageHarness;
    before(async () => {
      h = await factory();
    });
    after(async () => h.dispose());

    it('keeps one row per runner, refreshed by each beat', async () => {
      const first = heartbeat();
      await h.jobMonitor.beat(first);
      const later = { ...first, lastHeartbeat: new Date('2026-03-01T00:01:00.000Z') };
      await h.jobMonitor.beat(later);
      const mine = (await h.jobMonitor.listRunners()).filter((r) => r.runnerId === first.runnerId);
      expect(mine).to.deep.equal([later]);
    });

    it('counts successes and errors per job and keeps the last of each', async () => {
      const jobName = `contract-job-${randomUUID().slice(0, 8)}`;
      const t = (s: number) => new Date(Date.UTC(2026, 2, 1, 0, 0, s));
      await h.jobMonitor.recordRun({ jobName, runnerId: 'r1', outcome: 'success', startedAt: t(0), finishedAt: t(1), error: null });
      await h.jobMonitor.recordRun({ jobName, runnerId: 'r1', outcome: 'error', startedAt: t(2), finishedAt: t(3), error: 'storage.unavailable: db down' });
      await h.jobMonitor.recordRun({ jobName, runnerId: 'r2', outcome: 'success', startedAt: t(4), finishedAt: t(5), error: null });
      const stats = (await h.jobMonitor.listJobStats()).find((s) => s.jobName === jobName);
      expect(stats).to.deep.equal({
        jobName,
        lastRunAt: t(5),
        lastSuccessAt: t(5),
        lastErrorAt: t(3),
        lastError: 'storage.unavailable: db down',
        successCount: 2,
        errorCount: 1,
        lastRunnerId: 'r2',
      });
    });

    it('keeps each org’s job outcomes to that org: another org’s failure never shows', async () => {
      const a = (await createOrg(h)).org.id;
      const b = (await createOrg(h)).org.id;
      const jobName = `contract-job-${randomUUID().slice(0, 8)}`;
      const t = (s: number) => new Date(Date.UTC(2026, 2, 1, 0, 0, s));
      await h.jobMonitor.recordOrgRun(a, { jobName, outcome: 'success', at: t(0), errorCode: null });
      await h.jobMonitor.recordOrgRun(b, { jobName, outcome: 'error', at: t(0), errorCode: 'storage.conflict' });
      await h.jobMonitor.recordOrgRun(a, { jobName, outcome: 'success', at: t(10), errorCode: null });
      await h.jobMonitor.recordOrgRun(b, { jobName, outcome: 'success', at: t(10), errorCode: null });
      const ofA = (await h.jobMonitor.listOrgJobStats(a)).filter((s) => s.jobName === jobName);
      const ofB = (await h.jobMonitor.listOrgJobStats(b)).filter((s) => s.jobName === jobName);
      expect(ofA).to.deep.equal([{ jobName, lastRunAt: t(10), lastSuccessAt: t(10), lastErrorAt: null, lastErrorCode: null, successCount: 2, errorCount: 0 }]);
      expect(ofB).to.deep.equal([{ jobName, lastRunAt: t(10), lastSuccessAt: t(10), lastErrorAt: t(0), lastErrorCode: 'storage.conflict', successCount: 1, errorCount: 1 }]);
      expect(await h.jobMonitor.listOrgJobStats(randomUUID()), 'an org with no runs has none').to.deep.equal([]);
    });

    it('counts every outcome when runs of one org finish at once', async () => {
      const a = (await createOrg(h)).org.id;
      const jobName = `contract-race-${randomUUID().slice(0, 8)}`;
      const at = new Date(Date.UTC(2026, 2, 1));
      await Promise.all(Array.from({ length: 8 }, (_, i) => h.jobMonitor.recordOrgRun(a, { jobName, outcome: i % 2 === 0 ? 'success' : 'error', at, errorCode: i % 2 === 0 ? null : 'storage.unavailable' })));
      const [stats] = await h.jobMonitor.listOrgJobStats(a);
      expect([stats?.successCount, stats?.errorCount]).to.deep.equal([4, 4]);
    });

    it('prunes runners not seen since a cutoff and keeps the others', async () => {
      const gone = heartbeat({ lastHeartbeat: new Date('2020-01-01T00:00:00.000Z') });
      const alive = heartbeat({ lastHeartbeat: new Date('2099-01-01T00:00:00.000Z') });
      await h.jobMonitor.beat(gone);
      await h.jobMonitor.beat(alive);
      expect(await h.jobMonitor.pruneRunners(new Date('2021-01-01T00:00:00.000Z'))).to.be.at.least(1);
      const ids = (await h.jobMonitor.listRunners()).map((r) => r.runnerId);
      expect(ids).to.include(alive.runnerId);
      expect(ids).to.not.include(gone.runnerId);
    });
  });
}
