import { expect } from 'chai';
import { AppError, systemActor, type Lead, type LeadStatus, type SystemContext } from '@cws/core';
import { DAY } from '../support/fixed-clock.js';
import { auditRows, coreFixture, expectAppError, expectInvalid, insertLead, leadRow, storedLead, T0, type CoreFixture } from '../support/core-fixture.js';

describe('ArchiveStaleLeads', () => {
  let fx: CoreFixture;
  const runAt = T0;
  const jobSys = (requestId = 'req-job-1'): SystemContext => ({
    actor: systemActor('leads-auto-archive'),
    requestId,
    now: runAt,
    reason: 'nightly lead auto-archive',
  });
  const ago = (ms: number) => new Date(runAt.getTime() - ms);

  beforeEach(() => {
    fx = coreFixture();
  });

  async function stale(orgId: string, status: LeadStatus, updatedAt: Date, extra: Partial<Lead> = {}): Promise<Lead> {
    return insertLead(fx, leadRow(orgId, fx.ids.next(), { status, createdAt: new Date(updatedAt.getTime() - 5 * DAY), updatedAt, ...extra }));
  }

  it('archives only new/contacted leads untouched for longer than the org’s days, in enabled orgs only', async () => {
    const enabled = await fx.newOrg('thirty', { leadAutoArchiveDays: 30 });
    const disabled = await fx.newOrg('off');
    const archivedAlready = new Date(runAt.getTime() - 60 * DAY);

    const oldNew = await stale(enabled, 'new', ago(31 * DAY));
    const oldContacted = await stale(enabled, 'contacted', ago(40 * DAY));
    const justOver = await stale(enabled, 'new', ago(30 * DAY + 1));
    const exactlyThirty = await stale(enabled, 'new', ago(30 * DAY));
    const recent = await stale(enabled, 'contacted', ago(29 * DAY));
    const qualified = await stale(enabled, 'qualified', ago(100 * DAY));
    const lost = await stale(enabled, 'lost', ago(100 * DAY));
    const converted = await stale(enabled, 'converted', ago(100 * DAY), { convertedAt: ago(100 * DAY) });
    const oldButTouched = await stale(enabled, 'new', ago(2 * DAY), { createdAt: ago(300 * DAY) });
    const alreadyArchived = await stale(enabled, 'new', archivedAlready, { archivedAt: archivedAlready });
    const inDisabledOrg = await stale(disabled, 'new', ago(400 * DAY));

    const result = await fx.core.leads.archiveStale.execute(jobSys());
    expect(result).to.deep.equal({ orgsScanned: 2, orgsEnabled: 1, leadsArchived: 3, orgsFailed: 0 });

    for (const lead of [oldNew, oldContacted, justOver]) {
      expect(storedLead(fx, lead.id)).to.deep.equal({ ...lead, archivedAt: runAt, updatedAt: runAt });
    }
    for (const lead of [exactlyThirty, recent, qualified, lost, converted, oldButTouched, alreadyArchived, inDisabledOrg]) {
      expect(storedLead(fx, lead.id), lead.status).to.deep.equal(lead);
    }
  });

  it('writes one system audit row per run and one lead.archive row per lead, with reason auto_archive', async () => {
    const orgId = await fx.newOrg('seven', { leadAutoArchiveDays: 7 });
    const a = await stale(orgId, 'new', ago(10 * DAY));
    const b = await stale(orgId, 'contacted', ago(8 * DAY));
    const systemBefore = fx.state.systemAudit.length;
    const runAuditId = fx.ids.peek(1);

    await fx.core.leads.archiveStale.execute(jobSys('req-night'));

    expect(fx.state.systemAudit.slice(systemBefore)).to.deep.equal([
      {
        id: runAuditId,
        actorId: 'leads-auto-archive',
        action: 'system.leads_auto_archive',
        reason: 'nightly lead auto-archive',
        metadata: {},
        requestId: 'req-night',
        createdAt: runAt,
      },
    ]);
    const rows = auditRows(fx, orgId).filter((r) => r.action === 'lead.archive');
    // oldest first: listStale orders by updatedAt
    expect(rows.map((r) => r.resourceId)).to.deep.equal([a.id, b.id]);
    for (const [row, lead] of [[rows[0]!, a], [rows[1]!, b]] as const) {
      expect(row).to.deep.include({
        orgId,
        actorKind: 'system',
        actorId: 'leads-auto-archive',
        actorRole: null,
        resourceType: 'lead',
        requestId: 'req-night',
        createdAt: runAt,
      });
      expect(row.metadata).to.deep.equal({ reason: 'auto_archive', days: 7 });
      expect(row.before).to.deep.equal(JSON.parse(JSON.stringify(lead)));
      expect(row.after).to.deep.equal(JSON.parse(JSON.stringify({ ...lead, archivedAt: runAt, updatedAt: runAt })));
    }
  });

  it('archives nothing more when run again, but still records the run', async () => {
    const orgId = await fx.newOrg('seven', { leadAutoArchiveDays: 7 });
    await stale(orgId, 'new', ago(10 * DAY));
    expect((await fx.core.leads.archiveStale.execute(jobSys())).leadsArchived).to.equal(1);
    const leadAudit = auditRows(fx, orgId).length;
    const systemBefore = fx.state.systemAudit.length;

    expect(await fx.core.leads.archiveStale.execute(jobSys('req-job-2'))).to.deep.equal({ orgsScanned: 1, orgsEnabled: 1, leadsArchived: 0, orgsFailed: 0 });
    expect(auditRows(fx, orgId)).to.have.length(leadAudit);
    expect(fx.state.systemAudit).to.have.length(systemBefore + 1);
  });

  it('archives every stale lead across batches (batchSize 2, 5 stale leads)', async () => {
    const orgId = await fx.newOrg('batch', { leadAutoArchiveDays: 1 });
    const leads: Lead[] = [];
    for (let i = 0; i < 5; i += 1) leads.push(await stale(orgId, i % 2 === 0 ? 'new' : 'contacted', ago((10 + i) * DAY)));
    const fresh = await stale(orgId, 'new', ago(DAY / 2));

    const result = await fx.core.leads.archiveStale.execute(jobSys(), { batchSize: 2 });
    expect(result).to.deep.equal({ orgsScanned: 1, orgsEnabled: 1, leadsArchived: 5, orgsFailed: 0 });
    for (const lead of leads) expect(storedLead(fx, lead.id)?.archivedAt).to.deep.equal(runAt);
    expect(storedLead(fx, fresh.id)?.archivedAt).to.equal(null);
    expect(auditRows(fx, orgId).filter((r) => r.action === 'lead.archive')).to.have.length(5);
  });

  it('stops after an exactly full last batch (batchSize 2, 4 stale leads)', async () => {
    const orgId = await fx.newOrg('even', { leadAutoArchiveDays: 1 });
    for (let i = 0; i < 4; i += 1) await stale(orgId, 'new', ago((3 + i) * DAY));
    expect(await fx.core.leads.archiveStale.execute(jobSys(), { batchSize: 2 })).to.deep.equal({ orgsScanned: 1, orgsEnabled: 1, leadsArchived: 4, orgsFailed: 0 });
  });

  it('uses each org’s own number of days', async () => {
    const week = await fx.newOrg('week', { leadAutoArchiveDays: 7 });
    const month = await fx.newOrg('month', { leadAutoArchiveDays: 30 });
    const inWeek = await stale(week, 'new', ago(10 * DAY));
    const inMonth = await stale(month, 'new', ago(10 * DAY));
    const result = await fx.core.leads.archiveStale.execute(jobSys());
    expect(result).to.deep.equal({ orgsScanned: 2, orgsEnabled: 2, leadsArchived: 1, orgsFailed: 0 });
    expect(storedLead(fx, inWeek.id)?.archivedAt).to.deep.equal(runAt);
    expect(storedLead(fx, inMonth.id)?.archivedAt).to.equal(null);
  });

  it('reaches orgs beyond the first page of 100 orgs', async () => {
    for (let i = 0; i < 100; i += 1) await fx.newOrg(`org-${i}`);
    const last = await fx.newOrg('org-last', { leadAutoArchiveDays: 5 });
    const lead = await stale(last, 'contacted', ago(6 * DAY));
    expect(await fx.core.leads.archiveStale.execute(jobSys())).to.deep.equal({ orgsScanned: 101, orgsEnabled: 1, leadsArchived: 1, orgsFailed: 0 });
    expect(storedLead(fx, lead.id)?.archivedAt).to.deep.equal(runAt);
  });

  it('does nothing to leads once the org turns auto-archive off', async () => {
    const orgId = await fx.newOrg('toggle', { leadAutoArchiveDays: 3 });
    const lead = await stale(orgId, 'new', ago(10 * DAY));
    await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { leadAutoArchiveDays: null });
    expect(await fx.core.leads.archiveStale.execute(jobSys())).to.deep.equal({ orgsScanned: 1, orgsEnabled: 0, leadsArchived: 0, orgsFailed: 0 });
    expect(storedLead(fx, lead.id)).to.deep.equal(lead);
  });

  it('refuses a batch size outside 1..10000 before doing anything', async () => {
    await fx.newOrg('any', { leadAutoArchiveDays: 30 });
    const err = await expectInvalid(fx.core.leads.archiveStale.execute(jobSys(), { batchSize: 0 }), ['/batchSize']);
    expect(err.code).to.equal('validation.failed');
    expect(fx.state.systemAudit.filter((e) => e.action === 'system.leads_auto_archive')).to.deep.equal([]);
  });

  it('keeps going in the other orgs when one org fails, then reports the failure', async () => {
    const broken = await fx.newOrg('broken', { leadAutoArchiveDays: 30 });
    const healthy = await fx.newOrg('healthy', { leadAutoArchiveDays: 30 });
    await stale(broken, 'new', ago(40 * DAY));
    const ok = await stale(healthy, 'new', ago(40 * DAY));
    fx.uow.overrides = (real) => ({
      leads: {
        listStale: async (q) => {
          if ((await real.orgSettings.get())?.orgId === broken) throw new AppError('storage.unavailable', 'this org’s shard is down');
          return real.leads.listStale(q);
        },
      },
    });
    await expectAppError(fx.core.leads.archiveStale.execute(jobSys()), 'storage.unavailable');
    expect(storedLead(fx, ok.id)!.archivedAt).to.deep.equal(runAt);
  });
});

