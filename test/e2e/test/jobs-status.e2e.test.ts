/**
 * `/v1/admin/jobs/status` as two orgs see it after a real cross-org job run in which one org
 * failed: the job host ran leads-auto-archive over every org; in org B the database refused the
 * archive with a message quoting B's data (a trigger scoped to B). Org A sees its own success and
 * nothing of B's failure; B sees its failure as a code and a time, never the message.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger } from '@cws/composition';
import type { Lead } from '@cws/core';
import { findJob, runJob } from '@cws/host-jobs';
import { onEachDatabase } from '@cws/e2e-tests';

const silent = createLogger({ logLevel: 'ERROR' }, new Writable({ write: (_c, _e, done) => done() }));
const DAY = 86_400_000;
const SECRET = 'Bob Example +1 555 0100 gate code 4711';

onEachDatabase('jobs status per org', (h, db) => {
  it('shows an org only its own job outcome: another org’s failure and any error text never show', async function () {
    this.timeout(120_000);
    const { runtime, api } = h();
    const a = await h().newOrg({ leadAutoArchiveDays: 30 });
    const b = await h().newOrg({ leadAutoArchiveDays: 30 });
    const now = runtime.clock.now();
    for (const org of [a, b]) {
      const ctx = { orgId: org.id, actor: { kind: 'system' as const, id: 'e2e', role: null }, requestId: `seed-${randomUUID()}`, now };
      const old = new Date(now.getTime() - 40 * DAY);
      const lead: Lead = {
        id: randomUUID(), orgId: org.id, name: 'Stale lead', email: null, phone: '5550001234', source: null, status: 'new', notes: null,
        serviceRequested: null, address: null, convertedClientId: null, convertedAt: null, archivedAt: null, createdAt: old, updatedAt: old,
      };
      await runtime.ports.uow.run(ctx, (repos) => repos.leads.insert(lead));
    }
    // A failure only in org B, whose message quotes B's data, raised by the database itself.
    const fn = `e2e_refuse_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await db().ownerKnex.raw(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'cannot archive the lead of ${SECRET}'; END $$`);
    await db().ownerKnex.raw(`CREATE TRIGGER ${fn} BEFORE UPDATE ON leads FOR EACH ROW WHEN (NEW.org_id = '${b.id}'::uuid) EXECUTE FUNCTION ${fn}()`);
    let failure: unknown = null;
    try {
      await runJob(findJob('leads-auto-archive')!, { runtime, logger: silent, metrics: null, runnerId: 'e2e-runner' }, `e2e-${randomUUID()}`, 1).catch((err: unknown) => {
        failure = err;
      });
    } finally {
      await db().ownerKnex.raw(`DROP TRIGGER ${fn} ON leads`);
      await db().ownerKnex.raw(`DROP FUNCTION ${fn}()`);
    }
    expect(failure, 'the run failed (in org B)').to.not.equal(null);

    const ofA = await api.call('GET', '/v1/admin/jobs/status', { org: a.id });
    expect(ofA.status, ofA.text).to.equal(200);
    const jobA = ofA.body.jobs.find((j: { name: string }) => j.name === 'leads-auto-archive');
    expect(jobA).to.include({ success_count: 1, error_count: 0, last_error_at: null, last_error_code: null });
    expect(ofA.text).to.not.include('555').and.not.include(b.id).and.not.include('cannot archive');

    const ofB = await api.call('GET', '/v1/admin/jobs/status', { org: b.id });
    const jobB = ofB.body.jobs.find((j: { name: string }) => j.name === 'leads-auto-archive');
    expect(jobB).to.include({ success_count: 0, error_count: 1, last_error_code: 'internal.unexpected', last_success_at: null });
    expect(Date.parse(jobB.last_error_at), 'the time of the failed run').to.be.at.least(now.getTime());
    expect(ofB.text, 'no error text, even in the org it came from').to.not.include('555').and.not.include('cannot archive');
    expect(Object.keys(jobB).sort()).to.deep.equal(['error_count', 'last_error_at', 'last_error_code', 'last_run_at', 'last_success_at', 'name', 'success_count']);
  });
});
