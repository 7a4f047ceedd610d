/**
 * The job host over a real database: the catalogue's leads-auto-archive job does what it says in
 * every org, records its outcome, and is runnable once from the command line; the host writes a
 * heartbeat that /readyz and /v1/admin/jobs/status read; a failing job is recorded as such.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { AppError, type Lead } from '@cws/core';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@cws/composition';
import { runJob, runJobOnce, startJobHost, type JobSpec } from '@cws/host-jobs';
import { commandEnv, embeddedTestDatabase, runCommand } from '@cws/test-support';

const silent = createLogger({ logLevel: 'ERROR' }, new Writable({ write: (_c, _e, done) => done() }));
const DAY = 86_400_000;

describe('job host (PGlite)', function () {
  let runtime: Runtime;
  let connectionString: string;
  const sys = (now: Date) => ({ actor: { kind: 'system' as const, id: 'test', role: null }, requestId: `t-${randomUUID()}`, now, reason: 'job host test' });

  before(async () => {
    connectionString = (await embeddedTestDatabase()).connectionString;
    runtime = await createRuntime(loadConfig({ APP_ENV: 'test', DATABASE_URL: connectionString, JOB_RUNNER_ID: 'test-runner' }, { dotenvPath: null }));
  });
  after(async () => runtime.close());

  async function orgWithLeads(autoArchiveDays: number | null) {
    const now = runtime.clock.now();
    const { org } = await runtime.core.orgs.create.execute(sys(now), { name: 'Jobs Org', slug: `jobs-${randomUUID().slice(0, 8)}`, ...(autoArchiveDays === null ? {} : { leadAutoArchiveDays: autoArchiveDays }) });
    const ctx = { orgId: org.id, actor: { kind: 'staff' as const, id: 'basic:test', role: 'admin' as const }, requestId: 'seed', now };
    const lead = (status: Lead['status'], ageDays: number): Lead => {
      const at = new Date(now.getTime() - ageDays * DAY);
      return {
        id: randomUUID(), orgId: org.id, name: `${status} ${ageDays}d`, email: null, phone: '5550001234', source: null, status, notes: null,
        serviceRequested: null, address: null, convertedClientId: null, convertedAt: null, archivedAt: null, createdAt: at, updatedAt: at,
      };
    };
    const leads = { oldNew: lead('new', 40), oldContacted: lead('contacted', 31), oldQualified: lead('qualified', 90), recentNew: lead('new', 2) };
    await runtime.ports.uow.run(ctx, async (repos) => {
      for (const l of Object.values(leads)) await repos.leads.insert(l);
    });
    return { org, ctx, leads };
  }

  it('leads-auto-archive archives stale new/contacted leads only in orgs that turned it on, and audits each', async () => {
    const on = await orgWithLeads(30);
    const off = await orgWithLeads(null);
    const summary = await runJobOnce('leads-auto-archive', { runtime, logger: silent, metrics: null, runnerId: 'test-runner' });
    expect(summary['leads_archived']).to.be.at.least(2);
    const archivedIn = async (o: typeof on) =>
      runtime.ports.uow.run(o.ctx, async (repos) => {
        const all = await repos.leads.list({ statuses: null, createdFrom: null, createdTo: null, search: null, archived: 'only', after: null, limit: 50 });
        return all.map((l) => l.id).sort();
      });
    expect(await archivedIn(on)).to.deep.equal([on.leads.oldNew.id, on.leads.oldContacted.id].sort());
    expect(await archivedIn(off)).to.deep.equal([]);
    const audit = await runtime.ports.uow.run(on.ctx, (repos) =>
      repos.audit.list({ resourceType: 'lead', resourceId: on.leads.oldNew.id, action: 'lead.archive', actorId: null, createdFrom: null, createdTo: null, after: null, limit: 5 }),
    );
    expect(audit).to.have.length(1);
    expect(audit[0]).to.deep.include({ actorKind: 'system', actorId: 'job:leads-auto-archive', metadata: { reason: 'auto_archive', days: 30 } });
    const again = await runJobOnce('leads-auto-archive', { runtime, logger: silent, metrics: null, runnerId: 'test-runner' });
    expect(await archivedIn(on), 're-running archives nothing more').to.have.length(2);
    expect(again['orgs_scanned']).to.be.at.least(2);
    const stats = (await runtime.ports.jobMonitor.listJobStats()).find((s) => s.jobName === 'leads-auto-archive');
    expect(stats!.successCount).to.be.at.least(2);
    expect(stats!.lastRunnerId).to.equal('test-runner');
  });

  it('booking-series-generate makes occurrences up to the horizon once, however often it runs', async () => {
    const now = runtime.clock.now();
    const { org } = await runtime.core.orgs.create.execute(sys(now), { name: 'Series Org', slug: `series-${randomUUID().slice(0, 8)}`, timeZone: 'UTC' });
    const ctx = { orgId: org.id, actor: { kind: 'staff' as const, id: 'basic:test', role: 'admin' as const }, requestId: 'seed', now };
    const client = await runtime.core.clients.create.execute(ctx, { name: 'Weekly Client' });
    const today = now.toISOString().slice(0, 10);
    const { series, created } = await runtime.core.series.create.execute(ctx, {
      clientId: client.id,
      rule: { freq: 'weekly', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] },
      startDate: today,
      time: '23:30',
      durationMinutes: 30,
      horizonDays: 3,
    });
    expect(created).to.have.length(4);
    const first = await runJobOnce('booking-series-generate', { runtime, logger: silent, metrics: null, runnerId: 'test-runner' });
    const second = await runJobOnce('booking-series-generate', { runtime, logger: silent, metrics: null, runnerId: 'test-runner' });
    expect(first['occurrences_created']).to.be.at.least(56 - 3);
    expect(second['occurrences_created']).to.equal(0);
    const stored = await runtime.core.bookings.list.execute(ctx, { start: now.toISOString(), end: new Date(now.getTime() + 70 * DAY).toISOString(), seriesId: series.id, limit: 200 });
    const dates = stored.items.map((b) => b.occurrenceDate);
    expect(new Set(dates).size, 'no date twice').to.equal(dates.length);
    expect(dates.length).to.be.within(56, 58);
  });

  it('idempotency-keys-prune deletes expired keys only', async () => {
    const now = runtime.clock.now();
    const { org } = await runtime.core.orgs.create.execute(sys(now), { name: 'Keys Org', slug: `keys-${randomUUID().slice(0, 8)}` });
    const ctx = { orgId: org.id, actor: { kind: 'system' as const, id: 'test', role: null }, requestId: 'seed', now };
    const record = (key: string, expiresAt: Date) => ({ scope: 'booking.create', key, fingerprint: 'f', resourceId: randomUUID(), createdAt: new Date(expiresAt.getTime() - 2 * DAY), expiresAt });
    await runtime.ports.uow.run(ctx, async (repos) => {
      await repos.idempotency.claim(record('expired', new Date(now.getTime() - DAY)));
      await repos.idempotency.claim(record('live', new Date(now.getTime() + DAY)));
    });
    const summary = await runJobOnce('idempotency-keys-prune', { runtime, logger: silent, metrics: null, runnerId: 'test-runner' });
    expect(summary['keys_deleted']).to.be.at.least(1);
    const left = await runtime.ports.uow.run(ctx, (repos) => repos.idempotency.deleteExpired(new Date(now.getTime() + 2 * DAY), 10));
    expect(left, 'only the live key was left').to.equal(1);
  });

  it('records a failed run with a safe summary and rethrows it for the retry policy', async () => {
    const failing: JobSpec = {
      name: `failing-${randomUUID().slice(0, 8)}`,
      description: 'fails',
      cron: null,
      timeZone: 'UTC',
      maxRetries: 0,
      retryDelayMs: 1,
      run: async () => {
        throw new AppError('storage.unavailable', 'database went away');
      },
    };
    let thrown: unknown;
    try {
      await runJob(failing, { runtime, logger: silent, metrics: null, runnerId: 'test-runner' }, 'run-1', 1);
    } catch (err) {
      thrown = err;
    }
    expect((thrown as AppError).code).to.equal('storage.unavailable');
    const stats = (await runtime.ports.jobMonitor.listJobStats()).find((s) => s.jobName === failing.name);
    expect(stats).to.include({ errorCount: 1, successCount: 0, lastError: 'storage.unavailable: database went away', lastSuccessAt: null });
  });

  it('refuses an unknown job name with job.unknown, naming the jobs there are', async () => {
    const err = await runJobOnce('no-such-job', { runtime, logger: silent, metrics: null, runnerId: 'x' }).catch((e: AppError) => e);
    expect((err as AppError).code).to.equal('job.unknown');
    expect((err as AppError).message).to.include('leads-auto-archive').and.include('job-heartbeats-prune');
  });

  it('writes a heartbeat at start that the jobs status use case reports as fresh, and drains on stop', async () => {
    const runnerId = `hb-${randomUUID().slice(0, 8)}`;
    const hbRuntime = await createRuntime(loadConfig({ APP_ENV: 'test', DATABASE_URL: connectionString, JOB_RUNNER_ID: runnerId }, { dotenvPath: null }));
    const host = await startJobHost(hbRuntime, { logger: silent, processEveryMs: 200 });
    try {
      const now = hbRuntime.clock.now();
      const status = await hbRuntime.core.ops.jobsStatus.execute({ orgId: randomUUID(), actor: { kind: 'staff', id: 'x', role: 'admin' }, requestId: 'r', now });
      const mine = status.runners.find((r) => r.runnerId === runnerId);
      expect(mine).to.not.equal(undefined);
      expect(mine!.stale).to.equal(false);
      expect(mine!.ageSeconds).to.be.below(30);
    } finally {
      expect((await host.stop(10_000)).running).to.equal(0);
      await hbRuntime.close();
    }
  });

  it('runs `--job NAME --once` from the command line against DATABASE_URL and exits 0', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'cws-job-cli-'));
    try {
      // EMBEDDED_DATA_DIR only says where generated dev secrets are kept: not in this checkout's ./var.
      const env = commandEnv({ APP_ENV: 'test', DATABASE_URL: connectionString, JOB_RUNNER_ID: 'cli-test', LOG_LEVEL: 'ERROR', EMBEDDED_DATA_DIR: join(dir, 'pgdata') });
      const ok = await runCommand('hosts/jobs/src/main.ts', ['--job', 'job-heartbeats-prune', '--once'], env);
      expect(ok.code, ok.stderr).to.equal(0);
      expect(JSON.parse(ok.stdout.trim().split('\n').pop()!)).to.include({ job: 'job-heartbeats-prune', outcome: 'success' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
