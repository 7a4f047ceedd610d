import { expect } from 'chai';
import { AppError, type AuditEntry, type Client, type Lead } from '@cws/core';
import { MINUTE } from '../support/fixed-clock.js';
import {
  archiveClientDirectly,
  auditRows,
  coreFixture,
  expectAppError,
  expectInvalid,
  storedClient,
  storedLead,
  T0,
  type CoreFixture,
} from '../support/core-fixture.js';

describe('ConvertLead', () => {
  let fx: CoreFixture;
  let orgId: string;
  let lead: Lead;
  const at = new Date(T0.getTime() + 3 * MINUTE);

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme');
    lead = await fx.core.leads.create.execute(fx.ctx(orgId), {
      name: 'Ann Smith',
      email: 'ann@example.com',
      phone: '+15550100',
      notes: 'two dogs',
      serviceRequested: 'weekly clean',
      status: 'qualified',
      address: { label: 'Home', line1: '1 High St', line2: 'Flat 2', city: 'Leeds', region: 'West Yorkshire', postalCode: 'LS1 1AA', country: 'GB', accessNotes: 'Key with the porter' },
    });
    fx.clock.advance(3 * MINUTE);
  });

  it('creates a client from the lead name, contact, notes and address (primary, with its label and access notes) and marks the lead converted', async () => {
    const [clientId, addressId] = [fx.ids.peek(1), fx.ids.peek(2)];
    const result = await fx.core.leads.convert.execute(fx.ctx(orgId), { id: lead.id });
    const expectedClient: Client = {
      id: clientId,
      orgId,
      name: 'Ann Smith',
      email: 'ann@example.com',
      phone: '+15550100',
      notes: 'two dogs',
      sourceLeadId: lead.id,
      archivedAt: null,
      createdAt: at,
      updatedAt: at,
      addresses: [
        {
          id: addressId,
          orgId,
          clientId,
          line1: '1 High St',
          line2: 'Flat 2',
          city: 'Leeds',
          region: 'West Yorkshire',
          postalCode: 'LS1 1AA',
          country: 'GB',
          label: 'Home',
          accessNotes: 'Key with the porter',
          isPrimary: true,
          createdAt: at,
          updatedAt: at,
        },
      ],
    };
    const expectedLead: Lead = { ...lead, status: 'converted', convertedClientId: clientId, convertedAt: at, updatedAt: at };
    expect(result).to.deep.equal({ lead: expectedLead, client: expectedClient, clientCreated: true });
    expect(storedLead(fx, lead.id)).to.deep.equal(expectedLead);
    expect(await fx.core.clients.get.execute(fx.ctx(orgId), { id: clientId })).to.deep.equal(expectedClient);
  });

  it('audits client.create then lead.convert, in the same request', async () => {
    const [clientId, , clientAuditId, leadAuditId] = [fx.ids.peek(1), fx.ids.peek(2), fx.ids.peek(3), fx.ids.peek(4)];
    const before = auditRows(fx, orgId).length;
    const { lead: after, client } = await fx.core.leads.convert.execute(fx.ctx(orgId, { requestId: 'req-conv' }), { id: lead.id });
    const rows = auditRows(fx, orgId).slice(before);
    expect(rows.map((r) => [r.id, r.action, r.resourceType, r.resourceId, r.requestId])).to.deep.equal([
      [clientAuditId, 'client.create', 'client', clientId, 'req-conv'],
      [leadAuditId, 'lead.convert', 'lead', lead.id, 'req-conv'],
    ]);
    expect(rows[0]!.metadata).to.deep.equal({ from_lead_id: lead.id });
    expect(rows[0]!.after).to.deep.equal(JSON.parse(JSON.stringify(client)));
    expect(rows[1]!.metadata).to.deep.equal({ client_id: clientId, client_created: true });
    expect(rows[1]!.before).to.deep.equal(JSON.parse(JSON.stringify(lead)));
    expect(rows[1]!.after).to.deep.equal(JSON.parse(JSON.stringify(after)));
  });

  it('creates a client without addresses from a lead without one', async () => {
    const bare = await fx.core.leads.create.execute(fx.ctx(orgId), { name: 'Bo', phone: '+15550199' });
    const { client } = await fx.core.leads.convert.execute(fx.ctx(orgId), { id: bare.id });
    expect(client.addresses).to.deep.equal([]);
    expect([client.name, client.email, client.phone, client.notes]).to.deep.equal(['Bo', null, '+15550199', null]);
  });

  it('links an existing client instead of creating one', async () => {
    const existing = await fx.core.clients.create.execute(fx.ctx(orgId), { name: 'Ann S.', email: 'ann@old.example' });
    const clientsBefore = fx.state.tables.clients.size;
    const auditBefore = auditRows(fx, orgId).length;
    const result = await fx.core.leads.convert.execute(fx.ctx(orgId), { id: lead.id, clientId: existing.id.toUpperCase() });
    expect(result.clientCreated).to.equal(false);
    expect(result.client).to.deep.equal(existing);
    expect(result.lead).to.deep.include({ status: 'converted', convertedClientId: existing.id, convertedAt: at });
    expect(fx.state.tables.clients.size).to.equal(clientsBefore);
    const rows = auditRows(fx, orgId).slice(auditBefore);
    expect(rows.map((r) => r.action)).to.deep.equal(['lead.convert']);
    expect(rows[0]!.metadata).to.deep.equal({ client_id: existing.id, client_created: false });
  });

  describe('refusals', () => {
    it('validation.failed when either id is not a UUID', async () => {
      await expectInvalid(fx.core.leads.convert.execute(fx.ctx(orgId), { id: 'lead', clientId: 'client' }), ['/id', '/clientId']);
    });

    it('lead.not_found for an unknown lead and another org’s lead', async () => {
      await expectAppError(fx.core.leads.convert.execute(fx.ctx(orgId), { id: '5f0c4a8e-2b1d-4e3f-9a7b-6c5d4e3f2a1b' }), 'lead.not_found');
      const other = await fx.newOrg('other');
      await expectAppError(fx.core.leads.convert.execute(fx.ctx(other), { id: lead.id }), 'lead.not_found');
      expect(storedLead(fx, lead.id)?.status).to.equal('qualified');
    });

    it('lead.archived for an archived lead, creating no client', async () => {
      await fx.core.leads.archive.execute(fx.ctx(orgId), { id: lead.id });
      await expectAppError(fx.core.leads.convert.execute(fx.ctx(orgId), { id: lead.id }), 'lead.archived');
      expect(fx.state.tables.clients.size).to.equal(0);
    });

    it('lead.already_converted on a second conversion, naming the client', async () => {
      const { client } = await fx.core.leads.convert.execute(fx.ctx(orgId), { id: lead.id });
      const auditBefore = auditRows(fx, orgId).length;
      const err = await expectAppError(fx.core.leads.convert.execute(fx.ctx(orgId), { id: lead.id }), 'lead.already_converted');
      expect(err.kind).to.equal('conflict');
      expect(err.details).to.deep.equal({ lead_id: lead.id, client_id: client.id });
      expect(fx.state.tables.clients.size).to.equal(1);
      expect(auditRows(fx, orgId)).to.have.length(auditBefore);
    });

    it('client.not_found for an unknown client and another org’s client, leaving the lead as it was', async () => {
      const missing = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
      const err = await expectAppError(fx.core.leads.convert.execute(fx.ctx(orgId), { id: lead.id, clientId: missing }), 'client.not_found');
      expect(err.details).to.deep.equal({ client_id: missing });
      const other = await fx.newOrg('other');
      const foreign = await fx.core.clients.create.execute(fx.ctx(other), { name: 'Zed' });
      await expectAppError(fx.core.leads.convert.execute(fx.ctx(orgId), { id: lead.id, clientId: foreign.id }), 'client.not_found');
      expect(storedLead(fx, lead.id)).to.deep.equal(lead);
    });

    it('client.archived when the client to link is archived', async () => {
      const existing = await fx.core.clients.create.execute(fx.ctx(orgId), { name: 'Old' });
      await archiveClientDirectly(fx, orgId, existing.id, T0);
      const err = await expectAppError(fx.core.leads.convert.execute(fx.ctx(orgId), { id: lead.id, clientId: existing.id }), 'client.archived');
      expect(err.details).to.deep.equal({ client_id: existing.id });
      expect(storedLead(fx, lead.id)).to.deep.equal(lead);
    });
  });

  describe('atomicity', () => {
    function failAuditOn(action: string): void {
      fx.uow.overrides = (real) => ({
        audit: {
          append: async (entry: AuditEntry) => {
            if (entry.action === action) throw new AppError('storage.unavailable', 'injected audit failure');
            await real.audit.append(entry);
          },
        },
      });
    }

    it('leaves no client, no audit row and no lead change when the lead.convert audit append fails', async () => {
      const auditBefore = auditRows(fx, orgId).length;
      failAuditOn('lead.convert');
      const err = await expectAppError(fx.core.leads.convert.execute(fx.ctx(orgId), { id: lead.id }), 'storage.unavailable');
      expect(err.message).to.equal('injected audit failure');
      expect(fx.state.tables.clients.size).to.equal(0);
      expect(fx.state.tables.addresses.size).to.equal(0);
      expect(storedLead(fx, lead.id)).to.deep.equal(lead);
      expect(auditRows(fx, orgId)).to.have.length(auditBefore);
    });

    it('leaves nothing when the client.create audit append fails', async () => {
      failAuditOn('client.create');
      await expectAppError(fx.core.leads.convert.execute(fx.ctx(orgId), { id: lead.id }), 'storage.unavailable');
      expect(fx.state.tables.clients.size).to.equal(0);
      expect(storedLead(fx, lead.id)).to.deep.equal(lead);
    });

    it('converts normally once the fault is gone (the rollback left a consistent state)', async () => {
      failAuditOn('lead.convert');
      await expectAppError(fx.core.leads.convert.execute(fx.ctx(orgId), { id: lead.id }), 'storage.unavailable');
      fx.uow.overrides = null;
      const { client } = await fx.core.leads.convert.execute(fx.ctx(orgId), { id: lead.id });
      expect(storedClient(fx, client.id)?.sourceLeadId).to.equal(lead.id);
      expect(fx.state.tables.clients.size).to.equal(1);
      expect(storedLead(fx, lead.id)?.convertedClientId).to.equal(client.id);
    });
  });
});
