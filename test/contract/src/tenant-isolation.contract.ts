/**
 * The promise that matters most: org B never reads, changes or writes into org A's rows, whatever
 * ids it presents. In PostgreSQL this is row level security plus composite foreign keys; the
 * memory adapter must behave the same so embedders get the same guarantee.
 */
import { expect } from 'chai';
import { SEARCH_FIELDS, type LeadListQuery, type RequestContext } from '@cws/core';
import { aClient, aLead, anAddress, anAuditEntry, caught, createOrg } from './fixtures.js';
import type { StorageHarness, StorageHarnessFactory } from './harness.js';

const allLeads: LeadListQuery = { statuses: null, createdFrom: null, createdTo: null, search: null, archived: 'include', after: null, limit: 1000 };

export function tenantIsolationContract(name: string, factory: StorageHarnessFactory): void {
  describe(`${name}: tenant isolation`, function () {
    let h: StorageHarness;
    let a: RequestContext;
    let b: RequestContext;
    const leadA = () => aLead(a.orgId, { name: 'Only In A', email: 'only-a@example.com' });

    before(async () => {
      h = await factory();
    });
    after(async () => h.dispose());
    beforeEach(async () => {
      a = (await createOrg(h)).ctx;
      b = (await createOrg(h)).ctx;
    });

    it("never shows org A's leads, clients or audit rows to org B, by id, list or search", async () => {
      const lead = leadA();
      const client = aClient(a.orgId, { name: 'Only In A' }, 1);
      const entry = anAuditEntry(a, { resourceId: lead.id });
      await h.uow.run(a, async (r) => {
        await r.leads.insert(lead);
        await r.clients.insert(client);
        await r.audit.append(entry);
      });
      await h.uow.run(b, async (r) => {
        expect(await r.leads.findById(lead.id)).to.equal(null);
        expect(await r.leads.list(allLeads)).to.deep.equal([]);
        expect(await r.leads.list({ ...allLeads, search: { text: 'only in a', digits: null, fields: SEARCH_FIELDS } })).to.deep.equal([]);
        expect(await r.leads.listStale({ updatedBefore: new Date('2100-01-01T00:00:00Z'), statuses: ['new'], limit: 10 })).to.deep.equal([]);
        expect(await r.clients.findById(client.id)).to.equal(null);
        expect(await r.clients.list({ createdFrom: null, createdTo: null, search: null, archived: 'include', after: null, limit: 100 })).to.deep.equal([]);
        const audit = await r.audit.list({ resourceType: null, resourceId: null, action: null, actorId: null, createdFrom: null, createdTo: null, after: null, limit: 100 });
        expect(audit.map((e) => e.orgId)).to.not.include(a.orgId);
        expect((await r.orgSettings.get())!.orgId).to.equal(b.orgId);
      });
    });

    it("refuses to write a lead, client, address or audit row carrying org A's id from org B", async () => {
      const client = aClient(a.orgId, {}, 0);
      await h.uow.run(a, (r) => r.clients.insert(client));
      const attempts: Array<[string, () => Promise<unknown>]> = [
        ['lead', () => h.uow.run(b, (r) => r.leads.insert(leadA()))],
        ['client', () => h.uow.run(b, (r) => r.clients.insert(aClient(a.orgId)))],
        ['address', () => h.uow.run(b, (r) => r.clients.insertAddress(anAddress(a.orgId, client.id)))],
        ['audit', () => h.uow.run(b, (r) => r.audit.append(anAuditEntry(a)))],
      ];
      for (const [what, attempt] of attempts) {
        const err = await caught(attempt);
        expect(err.code, what).to.equal('tenant.cross_org_write');
        expect(err.kind, what).to.equal('forbidden');
      }
      await h.uow.run(a, async (r) => {
        expect(await r.leads.list(allLeads), 'no lead landed in A').to.deep.equal([]);
        expect((await r.clients.findById(client.id))!.addresses, 'no address landed in A').to.deep.equal([]);
      });
    });

    it("cannot change or delete org A's rows from org B, whatever the ids say", async () => {
      const lead = leadA();
      const client = aClient(a.orgId, {}, 1);
      const address = client.addresses[0]!;
      await h.uow.run(a, async (r) => {
        await r.leads.insert(lead);
        await r.clients.insert(client);
      });
      // B presents A's ids with its own org id: to B those rows do not exist.
      expect((await caught(() => h.uow.run(b, (r) => r.leads.update({ ...lead, orgId: b.orgId, name: 'Hijacked' })))).code).to.equal('lead.not_found');
      expect((await caught(() => h.uow.run(b, (r) => r.clients.update({ ...client, orgId: b.orgId, name: 'Hijacked' })))).code).to.equal('client.not_found');
      expect((await caught(() => h.uow.run(b, (r) => r.clients.updateAddress({ ...address, orgId: b.orgId, line1: 'Hijacked' })))).code).to.equal(
        'client.address_not_found',
      );
      expect(await h.uow.run(b, (r) => r.clients.deleteAddress(client.id, address.id))).to.equal(false);
      // B presents A's rows unchanged (A's org id): refused as a cross-org write or as absent.
      for (const attempt of [
        () => h.uow.run(b, (r) => r.leads.update({ ...lead, name: 'Hijacked' })),
        () => h.uow.run(b, (r) => r.clients.update({ ...client, name: 'Hijacked' })),
        () => h.uow.run(b, (r) => r.clients.updateAddress({ ...address, line1: 'Hijacked' })),
      ]) {
        expect(['tenant.cross_org_write', 'lead.not_found', 'client.not_found', 'client.address_not_found']).to.include((await caught(attempt)).code);
      }
      // B may not attach its own address to A's client either (composite foreign key).
      expect((await caught(() => h.uow.run(b, (r) => r.clients.insertAddress(anAddress(b.orgId, client.id))))).code).to.equal('client.not_found');
      await h.uow.run(a, async (r) => {
        expect(await r.leads.findById(lead.id)).to.deep.equal(lead);
        expect(await r.clients.findById(client.id)).to.deep.equal(client);
      });
    });

    it("cannot overwrite org A's settings from org B", async () => {
      const settingsA = await h.uow.run(a, (r) => r.orgSettings.get());
      const attempt = await caught(() => h.uow.run(b, (r) => r.orgSettings.update({ ...settingsA!, timeZone: 'Asia/Tokyo' })));
      expect(['tenant.cross_org_write', 'org.not_found']).to.include(attempt.code);
      expect(await h.uow.run(a, (r) => r.orgSettings.get())).to.deep.equal(settingsA);
    });
  });
}
