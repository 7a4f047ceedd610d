import { expect } from 'chai';
import type { Lead } from '@cws/core';
import { MINUTE } from '../support/fixed-clock.js';
import { auditRows, coreFixture, expectAppError, expectInvalid, storedLead, T0, type CoreFixture } from '../support/core-fixture.js';

describe('ArchiveLead', () => {
  let fx: CoreFixture;
  let orgId: string;
  let lead: Lead;

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
    lead = await fx.core.leads.create.execute(fx.ctx(orgId), { name: 'Ann', email: 'ann@example.com', status: 'contacted' });
    fx.clock.advance(10 * MINUTE);
  });

  const at = new Date(T0.getTime() + 10 * MINUTE);

  it('stamps archivedAt and updatedAt with the context time and keeps the rest', async () => {
    const archived = await fx.core.leads.archive.execute(fx.ctx(orgId), { id: lead.id });
    expect(archived).to.deep.equal({ ...lead, archivedAt: at, updatedAt: at });
    expect(storedLead(fx, lead.id)).to.deep.equal(archived);
  });

  it('writes a lead.archive audit row with the reason in its metadata', async () => {
    const auditId = fx.ids.peek(1);
    const archived = await fx.core.leads.archive.execute(fx.ctx(orgId, { actorId: 'user-9', role: 'owner' }), { id: lead.id, reason: '  duplicate of another lead ' });
    const row = auditRows(fx, orgId).at(-1)!;
    expect(row).to.deep.include({ id: auditId, action: 'lead.archive', resourceId: lead.id, actorId: 'user-9', actorRole: 'owner', createdAt: at });
    expect(row.metadata).to.deep.equal({ reason: 'duplicate of another lead' });
    expect(row.before).to.deep.equal(JSON.parse(JSON.stringify(lead)));
    expect(row.after).to.deep.equal(JSON.parse(JSON.stringify(archived)));
  });

  it('leaves the metadata empty without a reason (absent or blank)', async () => {
    await fx.core.leads.archive.execute(fx.ctx(orgId), { id: lead.id, reason: '   ' });
    expect(auditRows(fx, orgId).at(-1)!.metadata).to.deep.equal({});
  });

  it('is idempotent: a second call returns the same archivedAt and writes no second audit row', async () => {
    const first = await fx.core.leads.archive.execute(fx.ctx(orgId), { id: lead.id });
    const rows = auditRows(fx, orgId).length;
    fx.clock.advance(60 * MINUTE);
    const second = await fx.core.leads.archive.execute(fx.ctx(orgId), { id: lead.id, reason: 'again' });
    expect(second).to.deep.equal(first);
    expect(second.archivedAt).to.deep.equal(at);
    expect(auditRows(fx, orgId)).to.have.length(rows);
    expect(auditRows(fx, orgId).filter((r) => r.action === 'lead.archive')).to.have.length(1);
  });

  it('validation.failed for a non-UUID id and an over-long reason', async () => {
    await expectInvalid(fx.core.leads.archive.execute(fx.ctx(orgId), { id: 'x', reason: 'r'.repeat(501) }), ['/id', '/reason']);
    expect(storedLead(fx, lead.id)?.archivedAt).to.equal(null);
  });

  it('lead.not_found for an unknown lead and for another org’s lead', async () => {
    await expectAppError(fx.core.leads.archive.execute(fx.ctx(orgId), { id: 'a0e1c2d3-b4a5-4c6d-8e7f-901234567890' }), 'lead.not_found');
    const other = await fx.newOrg('other');
    await expectAppError(fx.core.leads.archive.execute(fx.ctx(other), { id: lead.id }), 'lead.not_found');
    expect(storedLead(fx, lead.id)?.archivedAt).to.equal(null);
  });
});
