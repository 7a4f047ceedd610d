import { expect } from 'chai';
import { auditRows, coreFixture, expectAppError, expectInvalid, storedLead, type CoreFixture } from '../support/core-fixture.js';

describe('SubmitPublicLead', () => {
  let fx: CoreFixture;
  let orgId: string;
  let otherOrgId: string;
  const submitter = { requestId: 'req-public-1', now: new Date('2026-03-03T12:00:00.000Z') };

  beforeEach(async () => {
    fx = coreFixture();
    otherOrgId = await fx.newOrg('other-co');
    orgId = await fx.newOrg('acme-cleaning');
  });

  it('finds the org by slug case-insensitively and records a new public_form lead there', async () => {
    const leadId = fx.ids.peek(1);
    const { lead, orgId: chosen } = await fx.core.leads.submitPublic.execute(submitter, {
      orgSlug: '  ACME-Cleaning ',
      name: ' Pat ',
      email: 'Pat@Example.com',
      serviceRequested: 'end of tenancy',
    });
    expect(chosen).to.equal(orgId);
    expect(lead).to.deep.equal({
      id: leadId,
      orgId,
      name: 'Pat',
      email: 'pat@example.com',
      phone: null,
      source: 'public_form',
      status: 'new',
      notes: null,
      serviceRequested: 'end of tenancy',
      address: null,
      convertedClientId: null,
      convertedAt: null,
      archivedAt: null,
      createdAt: submitter.now,
      updatedAt: submitter.now,
    });
    expect(storedLead(fx, leadId)).to.deep.equal(lead);
    expect((await fx.core.leads.list.execute(fx.ctx(otherOrgId), {})).items).to.deep.equal([]);
  });

  it('keeps a source the form gives', async () => {
    const { lead } = await fx.core.leads.submitPublic.execute(submitter, { orgSlug: 'acme-cleaning', name: 'Pat', phone: '+15550100', source: 'landing_page' });
    expect(lead.source).to.equal('landing_page');
  });

  it('refuses a status sent from outside (the contract has none) and stores nothing', async () => {
    for (const status of ['qualified', 'converted', 'bogus']) {
      const input = { orgSlug: 'acme-cleaning', name: 'Pat', email: 'pat@example.com', status };
      await expectInvalid(fx.core.leads.submitPublic.execute(submitter, input as never), ['/status']);
    }
    expect(fx.state.tables.leads.size).to.equal(0);
  });

  it('audits lead.create as the public actor with the submitter’s request id and time', async () => {
    const auditId = fx.ids.peek(2);
    const { lead } = await fx.core.leads.submitPublic.execute(submitter, { orgSlug: 'acme-cleaning', name: 'Pat', email: 'pat@example.com' });
    expect(auditRows(fx, orgId).at(-1)).to.deep.equal({
      id: auditId,
      orgId,
      actorKind: 'public',
      actorId: 'public-intake',
      actorRole: null,
      action: 'lead.create',
      resourceType: 'lead',
      resourceId: lead.id,
      before: null,
      after: JSON.parse(JSON.stringify(lead)),
      metadata: {},
      requestId: 'req-public-1',
      createdAt: submitter.now,
    });
  });

  it('answers an unknown slug like a known one — a fresh id, status received — storing nothing in any org and auditing the probe', async () => {
    const unknown = await fx.core.leads.submitPublic.execute({ ...submitter, clientIp: '198.51.100.4' }, { orgSlug: 'No-Such-Org', name: 'Pat', email: 'pat@example.com' });
    const known = await fx.core.leads.submitPublic.execute({ ...submitter, clientIp: '198.51.100.4' }, { orgSlug: 'acme-cleaning', name: 'Pat', email: 'pat@example.com' });
    expect(Object.keys(unknown.lead).sort()).to.deep.equal(Object.keys(known.lead).sort());
    expect(unknown.lead.id).to.match(/^[0-9a-f-]{36}$/);
    expect(unknown.lead.id).not.to.equal(known.lead.id);
    expect(unknown.orgId).to.equal(null);
    expect([...fx.state.tables.leads.values()].map((l) => l.id)).to.deep.equal([known.lead.id]);
    const probe = fx.state.systemAudit.filter((r) => r.action === 'lead.public_submit_unknown_org');
    expect(probe.map((r) => r.metadata)).to.deep.equal([{ org_slug: 'no-such-org', client_ip: '198.51.100.4' }]);
  });

  it('spends the same per-address intake budget for unknown and known slugs (30 an hour), then request.rate_limited', async () => {
    for (let i = 0; i < 30; i += 1) {
      await fx.core.leads.submitPublic.execute({ ...submitter, clientIp: '198.51.100.5' }, { orgSlug: i % 2 === 0 ? 'no-such-org' : 'acme-cleaning', name: 'Pat', email: 'pat@example.com' });
    }
    for (const orgSlug of ['acme-cleaning', 'no-such-org']) {
      const err = await expectAppError(fx.core.leads.submitPublic.execute({ ...submitter, clientIp: '198.51.100.5' }, { orgSlug, name: 'Pat', email: 'pat@example.com' }), 'request.rate_limited');
      expect(err.retryAfterSeconds).to.be.greaterThan(0);
    }
    // Another address is not affected; bad input is refused the same for either slug, before any budget is spent.
    await fx.core.leads.submitPublic.execute({ ...submitter, clientIp: '198.51.100.6' }, { orgSlug: 'acme-cleaning', name: 'Pat', email: 'pat@example.com' });
    for (const orgSlug of ['acme-cleaning', 'no-such-org']) {
      await expectInvalid(fx.core.leads.submitPublic.execute({ ...submitter, clientIp: '198.51.100.5' }, { orgSlug, name: '', phone: 'call me' }), ['/name', '/phone']);
    }
  });

  describe('validation.failed', () => {
    it('refuses a missing or non-text slug', async () => {
      await expectInvalid(fx.core.leads.submitPublic.execute(submitter, { orgSlug: '  ', name: 'Pat', email: 'pat@example.com' }), ['/orgSlug']);
      await expectInvalid(fx.core.leads.submitPublic.execute(submitter, ({ orgSlug: 7, name: 'Pat', email: 'pat@example.com' } as never)), ['/orgSlug']);
    });

    it('refuses bad lead fields for a known org, writing nothing', async () => {
      await expectInvalid(fx.core.leads.submitPublic.execute(submitter, { orgSlug: 'acme-cleaning', name: '', phone: 'call me' }), [
        '/name',
        '/phone',
      ]);
      expect(fx.state.tables.leads.size).to.equal(0);
      expect(auditRows(fx, orgId)).to.deep.equal([]);
    });
  });
});
