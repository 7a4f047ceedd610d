import { expect } from 'chai';
import type { RunnerHeartbeat } from '@cws/core';
import { coreFixture, T0, type CoreFixture } from '../support/core-fixture.js';

const ORG = '11111111-2222-4333-8444-555555555555';

describe('GetJobsStatus', () => {
  const beat = (runnerId: string, secondsAgo: number, from = T0): RunnerHeartbeat => ({
    runnerId,
    name: 'jobs',
    hostname: `host-${runnerId}`,
    pid: 100,
    version: '0.1.0',
    startedAt: new Date(from.getTime() - 3_600_000),
    lastHeartbeat: new Date(from.getTime() - secondsAgo * 1000),
  });

  it('reports no runners as unhealthy', async () => {
    const fx = coreFixture();
    expect(await fx.core.ops.jobsStatus.execute(fx.ctx(ORG))).to.deep.equal({ healthy: false, heartbeatTtlSeconds: 180, runners: [], jobs: [] });
  });

  it('marks runners stale only when their heartbeat is older than the TTL (180 s by default)', async () => {
    const fx = coreFixture();
    for (const hb of [beat('fresh', 60), beat('edge', 180), beat('stale', 181.5)]) await fx.adapters.jobMonitor.beat(hb);
    const status = await fx.core.ops.jobsStatus.execute(fx.ctx(ORG));
    expect(status.healthy).to.equal(true);
    expect(status.runners.map((r) => [r.runnerId, r.ageSeconds, r.stale])).to.deep.equal([
      ['fresh', 60, false],
      ['edge', 180, false],
      ['stale', 181.5, true],
    ]);
    expect(status.runners[0]).to.deep.equal({ ...beat('fresh', 60), ageSeconds: 60, stale: false });
  });

  it('is unhealthy when every runner is stale', async () => {
    const fx = coreFixture();
    await fx.adapters.jobMonitor.beat(beat('a', 500));
    await fx.adapters.jobMonitor.beat(beat('b', 181));
    const status = await fx.core.ops.jobsStatus.execute(fx.ctx(ORG));
    expect(status.healthy).to.equal(false);
    expect(status.runners.every((r) => r.stale)).to.equal(true);
  });

  it('measures age against the context’s now, not the clock', async () => {
    const fx = coreFixture();
    await fx.adapters.jobMonitor.beat(beat('a', 0));
    const tenMinutesLater = new Date(T0.getTime() + 600_000);
    const status = await fx.core.ops.jobsStatus.execute(fx.ctx(ORG, { now: tenMinutesLater }));
    expect(status.runners.map((r) => [r.ageSeconds, r.stale])).to.deep.equal([[600, true]]);
    expect(status.healthy).to.equal(false);
  });

  it('counts a heartbeat from the future as age 0', async () => {
    const fx = coreFixture();
    await fx.adapters.jobMonitor.beat(beat('ahead', -30));
    expect((await fx.core.ops.jobsStatus.execute(fx.ctx(ORG))).runners.map((r) => [r.ageSeconds, r.stale])).to.deep.equal([[0, false]]);
  });

  it('uses the configured TTL', async () => {
    const fx = coreFixture({ jobHeartbeatTtlSeconds: 30 });
    await fx.adapters.jobMonitor.beat(beat('a', 31));
    const status = await fx.core.ops.jobsStatus.execute(fx.ctx(ORG));
    expect([status.heartbeatTtlSeconds, status.healthy, status.runners[0]!.stale]).to.deep.equal([30, false, true]);
  });

  it('passes the per-job outcomes through', async () => {
    const fx = coreFixture();
    const started = new Date(T0.getTime() - 5000);
    await fx.adapters.jobMonitor.recordRun({ jobName: 'leads-auto-archive', runnerId: 'r1', outcome: 'success', startedAt: started, finishedAt: T0, error: null });
    await fx.adapters.jobMonitor.recordRun({ jobName: 'digest', runnerId: 'r1', outcome: 'error', startedAt: started, finishedAt: T0, error: 'storage.unavailable: db down' });
    const { jobs } = await fx.core.ops.jobsStatus.execute(fx.ctx(ORG));
    expect(jobs).to.deep.equal([
      { jobName: 'digest', lastRunAt: T0, lastSuccessAt: null, lastErrorAt: T0, lastError: 'storage.unavailable: db down', successCount: 0, errorCount: 1, lastRunnerId: 'r1' },
      { jobName: 'leads-auto-archive', lastRunAt: T0, lastSuccessAt: T0, lastErrorAt: null, lastError: null, successCount: 1, errorCount: 0, lastRunnerId: 'r1' },
    ]);
  });
});
