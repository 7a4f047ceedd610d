import { expect } from 'chai';
import type { Lead } from '@cws/core';
import { MINUTE } from '../support/fixed-clock.js';
import { auditRows, coreFixture, expectAppError, expectInvalid, storedLead, T0, type CoreFixture } from '../support/core-fixture.js';

describe('UpdateLead', () => {
  let fx: CoreFixture;
  let orgId: string;
  let lead: Lead;

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
    lead = await fx.core.leads.create.execute(fx.ctx(orgId), {
      name: 'Ann',
      email: 'ann@example.com',
      phone: '+15550100',
      source: 'referral',
      notes: 'call after 5',
      serviceRequested: 'deep clean',
      address: { line1: '1 High St', city: 'Leeds' },
    });
    fx.clock.advance(5 * MINUTE);
  });

  const later = new Date(T0.getTime() + 5 * MINUTE);

  it('keeps absent fields, clears null ones, and stamps updatedAt with the context time', async () => {
    const after = await fx.core.leads.update.execute(fx.ctx(orgId), { id: lead.id, name: '  Ann Smith ', notes: null, address: null });
    expect(after).to.deep.equal({ ...lead, name: 'Ann Smith', notes: null, address: null, updatedAt: later });
    expect(storedLead(fx, lead.id)).to.deep.equal(after);
  });

  it('treats blank optional text as a clear', async () => {
    const after = await fx.core.leads.update.execute(fx.ctx(orgId), { id: lead.id, source: '  ', serviceRequested: '' });
    expect([after.source, after.serviceRequested]).to.deep.equal([null, null]);
  });

  it('replaces the address as a whole and normalises contact changes', async () => {
    const after = await fx.core.leads.update.execute(fx.ctx(orgId), {
      id: lead.id,
      email: 'ANN@Example.org',
      phone: '(0113) 496-0000',
      address: { line1: '2 Low Rd', city: 'York', country: 'gb' },
    });
    expect(after.email).to.equal('ann@example.org');
    expect(after.phone).to.equal('01134960000');
    expect(after.address).to.deep.equal({ label: null, line1: '2 Low Rd', line2: null, city: 'York', region: null, postalCode: null, country: 'GB', accessNotes: null });
  });

  it('allows clearing one of email and phone while the other remains', async () => {
    const after = await fx.core.leads.update.execute(fx.ctx(orgId), { id: lead.id, email: null });
    expect([after.email, after.phone]).to.deep.equal([null, '+15550100']);
  });

  it('audits a plain edit as lead.update with before and after snapshots', async () => {
    const auditId = fx.ids.peek(1);
    const after = await fx.core.leads.update.execute(fx.ctx(orgId, { requestId: 'req-upd' }), { id: lead.id, notes: 'call before 9' });
    const row = auditRows(fx, orgId).at(-1)!;
    expect(row).to.deep.include({ id: auditId, action: 'lead.update', resourceType: 'lead', resourceId: lead.id, requestId: 'req-upd', createdAt: later });
    expect(row.before).to.deep.equal(JSON.parse(JSON.stringify(lead)));
    expect(row.after).to.deep.equal(JSON.parse(JSON.stringify(after)));
  });

  it('audits a status change as lead.status_change', async () => {
    await fx.core.leads.update.execute(fx.ctx(orgId), { id: lead.id, status: 'qualified', notes: 'keen' });
    const row = auditRows(fx, orgId).at(-1)!;
    expect(row.action).to.equal('lead.status_change');
    expect([row.before!['status'], row.after!['status']]).to.deep.equal(['new', 'qualified']);
  });

  it('audits a status that does not change as lead.update', async () => {
    await fx.core.leads.update.execute(fx.ctx(orgId), { id: lead.id, status: 'new' });
    expect(auditRows(fx, orgId).at(-1)!.action).to.equal('lead.update');
  });

  describe('validation.failed', () => {
    it('refuses a non-UUID id', async () => {
      await expectInvalid(fx.core.leads.update.execute(fx.ctx(orgId), { id: '42', name: 'x' }), ['/id']);
    });

    it('refuses malformed fields, naming each', async () => {
      await expectInvalid(fx.core.leads.update.execute(fx.ctx(orgId), ({ id: lead.id, name: null, email: 'x@', status: 'converted', source: 'UP' } as never)), [
        '/name',
        '/email',
        '/source',
        '/status',
      ]);
    });

    it('refuses clearing both email and phone and writes nothing', async () => {
      const auditBefore = auditRows(fx, orgId).length;
      const err = await expectInvalid(fx.core.leads.update.execute(fx.ctx(orgId), { id: lead.id, email: null, phone: '  ', name: 'Changed' }), ['/email']);
      expect(err.errors[0]!.detail).to.equal('an email or a phone is required');
      expect(storedLead(fx, lead.id)).to.deep.equal(lead);
      expect(auditRows(fx, orgId)).to.have.length(auditBefore);
    });

    it('refuses clearing the only contact left', async () => {
      await fx.core.leads.update.execute(fx.ctx(orgId), { id: lead.id, phone: null });
      await expectInvalid(fx.core.leads.update.execute(fx.ctx(orgId), { id: lead.id, email: null }), ['/email']);
      expect(storedLead(fx, lead.id)?.email).to.equal('ann@example.com');
    });
  });

  it('lead.not_found for an unknown lead and for another org’s lead', async () => {
    await expectAppError(fx.core.leads.update.execute(fx.ctx(orgId), { id: '3b2ad7c4-1d3e-4f5a-8b6c-7d8e9f0a1b2c', name: 'x' }), 'lead.not_found');
    const other = await fx.newOrg('other');
    const err = await expectAppError(fx.core.leads.update.execute(fx.ctx(other), { id: lead.id, name: 'Hijack' }), 'lead.not_found');
    expect(err.details).to.deep.equal({ lead_id: lead.id });
    expect(storedLead(fx, lead.id)?.name).to.equal('Ann');
  });

  it('lead.archived: an archived lead is frozen and no audit row is written', async () => {
    const archived = await fx.core.leads.archive.execute(fx.ctx(orgId), { id: lead.id });
    const auditBefore = auditRows(fx, orgId).length;
    fx.clock.advance(MINUTE);
    const err = await expectAppError(fx.core.leads.update.execute(fx.ctx(orgId), { id: lead.id, name: 'Changed' }), 'lead.archived');
    expect(err.kind).to.equal('conflict');
    expect(err.details).to.deep.equal({ lead_id: lead.id });
    expect(storedLead(fx, lead.id)).to.deep.equal(archived);
    expect(auditRows(fx, orgId)).to.have.length(auditBefore);
  });

  it('lead.already_converted: a converted lead is frozen, and details name the client', async () => {
    const { client, lead: converted } = await fx.core.leads.convert.execute(fx.ctx(orgId), { id: lead.id });
    const auditBefore = auditRows(fx, orgId).length;
    const err = await expectAppError(fx.core.leads.update.execute(fx.ctx(orgId), { id: lead.id, status: 'lost' }), 'lead.already_converted');
    expect(err.details).to.deep.equal({ lead_id: lead.id, client_id: client.id });
    expect(storedLead(fx, lead.id)).to.deep.equal(converted);
    expect(auditRows(fx, orgId)).to.have.length(auditBefore);
  });
});
