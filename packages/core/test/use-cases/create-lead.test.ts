import { expect } from 'chai';
import { coreFixture, expectInvalid, auditRows, storedLead, T0, type CoreFixture } from '../support/core-fixture.js';

describe('CreateLead', () => {
  let fx: CoreFixture;
  let orgId: string;

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
  });

  it('trims and normalises every field, defaults status to new and stamps the context time', async () => {
    const leadId = fx.ids.peek(1);
    const lead = await fx.core.leads.create.execute(fx.ctx(orgId), {
      name: '  Ann Smith  ',
      email: '  Ann.Smith@Example.COM ',
      phone: ' +44 (20) 7946-0958 ',
      source: 'referral',
      notes: '  likes mornings  ',
      serviceRequested: ' deep clean ',
      address: { line1: ' 1 High St ', line2: '  ', city: ' London ', region: null, postalCode: ' SW1A 1AA ', country: 'gb' },
    });
    expect(lead).to.deep.equal({
      id: leadId,
      orgId,
      name: 'Ann Smith',
      email: 'ann.smith@example.com',
      phone: '+442079460958',
      source: 'referral',
      status: 'new',
      notes: 'likes mornings',
      serviceRequested: 'deep clean',
      address: { label: null, line1: '1 High St', line2: null, city: 'London', region: null, postalCode: 'SW1A 1AA', country: 'GB', accessNotes: null },
      convertedClientId: null,
      convertedAt: null,
      archivedAt: null,
      createdAt: T0,
      updatedAt: T0,
    });
    expect(storedLead(fx, leadId)).to.deep.equal(lead);
  });

  it('fills absent optional fields with null', async () => {
    const lead = await fx.core.leads.create.execute(fx.ctx(orgId), { name: 'Bo', phone: '020 7946 0958' });
    expect(lead.phone).to.equal('02079460958');
    expect([lead.email, lead.source, lead.notes, lead.serviceRequested, lead.address]).to.deep.equal([null, null, null, null, null]);
  });

  it('keeps a settable status given on creation', async () => {
    const lead = await fx.core.leads.create.execute(fx.ctx(orgId), { name: 'Cy', email: 'cy@example.com', status: 'contacted' });
    expect(lead.status).to.equal('contacted');
    expect(storedLead(fx, lead.id)?.status).to.equal('contacted');
  });

  it('writes a lead.create audit row with the after snapshot and the actor, role and request id of the context', async () => {
    const leadId = fx.ids.peek(1);
    const auditId = fx.ids.peek(2);
    const before = auditRows(fx, orgId).length;
    const ctx = fx.ctx(orgId, { role: 'dispatcher', actorId: 'user-77', requestId: 'req-create-lead' });
    const lead = await fx.core.leads.create.execute(ctx, { name: 'Ann', email: 'ann@example.com' });
    const rows = auditRows(fx, orgId);
    expect(rows).to.have.length(before + 1);
    expect(rows[rows.length - 1]).to.deep.equal({
      id: auditId,
      orgId,
      actorKind: 'staff',
      actorId: 'user-77',
      actorRole: 'dispatcher',
      action: 'lead.create',
      resourceType: 'lead',
      resourceId: leadId,
      before: null,
      after: JSON.parse(JSON.stringify(lead)),
      metadata: {},
      requestId: 'req-create-lead',
      createdAt: T0,
    });
    expect(rows[rows.length - 1]!.after!['createdAt']).to.equal('2026-03-02T09:30:00.000Z');
  });

  describe('validation.failed', () => {
    it('requires a name (the contract), then an email or a phone (a domain rule, checked once the fields are well-formed)', async () => {
      await expectInvalid(fx.core.leads.create.execute(fx.ctx(orgId), ({} as never)), ['/name']);
      const err = await expectInvalid(fx.core.leads.create.execute(fx.ctx(orgId), { name: 'A' }), ['/email']);
      expect(err.errors[0]!.detail).to.equal('an email or a phone is required');
    });

    it('refuses a blank name and a name over 200 characters', async () => {
      await expectInvalid(fx.core.leads.create.execute(fx.ctx(orgId), { name: '   ', email: 'a@example.com' }), ['/name']);
      await expectInvalid(fx.core.leads.create.execute(fx.ctx(orgId), { name: 'x'.repeat(201), email: 'a@example.com' }), ['/name']);
    });

    it('refuses a malformed email and a malformed phone', async () => {
      await expectInvalid(fx.core.leads.create.execute(fx.ctx(orgId), { name: 'A', email: 'not-an-email', phone: '+1 555 0100 22' }), ['/email']);
      await expectInvalid(fx.core.leads.create.execute(fx.ctx(orgId), { name: 'A', email: 'a@example.com', phone: '12-34' }), ['/phone']);
    });

    it('refuses a source outside the lower-case pattern', async () => {
      const err = await expectInvalid(fx.core.leads.create.execute(fx.ctx(orgId), { name: 'A', email: 'a@example.com', source: 'Web Form' }), ['/source']);
      expect(err.errors[0]!.detail).to.equal('must be lower-case letters, digits, _ or -');
    });

    it('refuses status converted (only conversion reaches it) and unknown statuses', async () => {
      await expectInvalid(fx.core.leads.create.execute(fx.ctx(orgId), ({ name: 'A', email: 'a@example.com', status: 'converted' } as never)), ['/status']);
      await expectInvalid(fx.core.leads.create.execute(fx.ctx(orgId), ({ name: 'A', email: 'a@example.com', status: 'won' } as never)), ['/status']);
    });

    it('points into the address for its missing parts', async () => {
      await expectInvalid(fx.core.leads.create.execute(fx.ctx(orgId), ({ name: 'A', email: 'a@example.com', address: { line1: '' } } as never)), [
        '/address/line1',
        '/address/city',
      ]);
      await expectInvalid(fx.core.leads.create.execute(fx.ctx(orgId), ({ name: 'A', email: 'a@example.com', address: 'Main St' } as never)), ['/address']);
      await expectInvalid(
        fx.core.leads.create.execute(fx.ctx(orgId), { name: 'A', email: 'a@example.com', address: { line1: '1 Rd', city: 'X', country: '1A' } }),
        ['/address/country'],
      );
    });

    it('reports every bad field at once and writes nothing', async () => {
      const auditBefore = auditRows(fx, orgId).length;
      await expectInvalid(
        fx.core.leads.create.execute(fx.ctx(orgId), ({ name: 42, email: 'a@example.com', notes: 7, serviceRequested: 'x'.repeat(501) } as never)),
        ['/name', '/notes', '/serviceRequested'],
      );
      expect(fx.state.tables.leads.size).to.equal(0);
      expect(auditRows(fx, orgId)).to.have.length(auditBefore);
    });
  });
});
