import { expect } from 'chai';
import { AppError, systemActor, type RunnerHeartbeat } from '@cws/core';
import { coreFixture, expectAppError, expectInvalid, T0 } from '../support/core-fixture.js';

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

  it('validation.failed for a field it does not take', async () => {
    const fx = coreFixture();
    await expectInvalid(fx.core.ops.jobsStatus.execute(fx.ctx(ORG), { orgId: ORG } as never), ['/orgId']);
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

  it('shows an org only its own outcome of each job, as an error code and time, never another org’s failure or any message', async () => {
    const fx = coreFixture();
    const orgA = await fx.newOrg('org-a', { leadAutoArchiveDays: 30 });
    const orgB = await fx.newOrg('org-b', { leadAutoArchiveDays: 30 });
    const leak = 'Bob Example +1 555 0100 gate code 4711';
    fx.uow.overrides = (real) => ({
      leads: {
        listStale: async (q) => {
          if ((await real.orgSettings.get())?.orgId === orgB) throw new AppError('storage.conflict', `lead of ${leak} could not be archived`);
          return real.leads.listStale(q);
        },
      },
    });
    const jobSys = fx.sys({ actor: systemActor('job:leads-auto-archive'), job: 'leads-auto-archive' });
    await expectAppError(fx.core.leads.archiveStale.execute(jobSys), 'storage.conflict');
    fx.uow.overrides = null;
    // The global per-job record saw the failure; an org's view must not.
    await fx.adapters.jobMonitor.recordRun({ jobName: 'leads-auto-archive', runnerId: 'r1', outcome: 'error', startedAt: T0, finishedAt: T0, error: `storage.conflict: ${leak}` });

    const ofA = await fx.core.ops.jobsStatus.execute(fx.ctx(orgA));
    expect(ofA.jobs).to.deep.equal([
      { jobName: 'leads-auto-archive', lastRunAt: T0, lastSuccessAt: T0, lastErrorAt: null, lastErrorCode: null, successCount: 1, errorCount: 0 },
    ]);
    const ofB = await fx.core.ops.jobsStatus.execute(fx.ctx(orgB));
    expect(ofB.jobs).to.deep.equal([
      { jobName: 'leads-auto-archive', lastRunAt: T0, lastSuccessAt: null, lastErrorAt: T0, lastErrorCode: 'storage.conflict', successCount: 0, errorCount: 1 },
    ]);
    expect(JSON.stringify([ofA, ofB])).to.not.include('555').and.not.include('could not be archived');
    const ofC = await fx.core.ops.jobsStatus.execute(fx.ctx(await fx.newOrg('org-c')));
    expect(ofC.jobs, 'an org the job has not reached yet has no outcome').to.deep.equal([]);
  });

  it('records an unexpected failure as internal.unexpected, and nothing for work that is not a job run', async () => {
    const fx = coreFixture();
    const org = await fx.newOrg('org-x', { leadAutoArchiveDays: 30 });
    fx.uow.overrides = () => ({
      leads: {
        listStale: async () => {
          throw new TypeError(`cannot read ${org} secrets`);
        },
      },
    });
    await expectAppError(fx.core.leads.archiveStale.execute(fx.sys({ job: 'leads-auto-archive' })), 'internal.unexpected');
    await expectAppError(fx.core.leads.archiveStale.execute(fx.sys()), 'internal.unexpected');
    const { jobs } = await fx.core.ops.jobsStatus.execute(fx.ctx(org));
    expect(jobs.map((j) => [j.jobName, j.lastErrorCode, j.errorCount])).to.deep.equal([['leads-auto-archive', 'internal.unexpected', 1]]);
  });
});
