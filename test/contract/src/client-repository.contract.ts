import { expect } from 'chai';
import { SEARCH_FIELDS, type Client, type ClientListQuery } from '@cws/core';
import { aClient, anAddress, at, caught, createOrg } from './fixtures.js';
import type { StorageHarness, StorageHarnessFactory } from './harness.js';

const everything: ClientListQuery = { createdFrom: null, createdTo: null, search: null, archived: 'include', after: null, limit: 100 };

export function clientRepositoryContract(name: string, factory: StorageHarnessFactory): void {
  describe(`${name}: ClientRepository`, function () {
    let h: StorageHarness;
    before(async () => {
      h = await factory();
    });
    after(async () => h.dispose());

    it('stores a client with its addresses, primary first then oldest', async () => {
      const { ctx } = await createOrg(h);
      const client = aClient(ctx.orgId, {}, 3);
      await h.uow.run(ctx, (r) => r.clients.insert(client));
      expect(await h.uow.run(ctx, (r) => r.clients.findById(client.id))).to.deep.equal(client);
    });

    it('finds several clients by id with their addresses, leaving out unknown ids and other orgs’ clients', async () => {
      const { ctx } = await createOrg(h);
      const other = await createOrg(h);
      const [a, b] = [aClient(ctx.orgId, {}, 2), aClient(ctx.orgId, { name: 'Second' }, 0)];
      const theirs = aClient(other.ctx.orgId);
      await h.uow.run(ctx, async (r) => {
        await r.clients.insert(a);
        await r.clients.insert(b);
      });
      await h.uow.run(other.ctx, (r) => r.clients.insert(theirs));
      const found = await h.uow.run(ctx, (r) => r.clients.findByIds([b.id, a.id, '0b7c4bd4-33c8-4fc0-9a8e-6c5d8b6f1a01', theirs.id, a.id]));
      expect([...found].sort((x, y) => (x.id < y.id ? -1 : 1))).to.deep.equal([a, b].sort((x, y) => (x.id < y.id ? -1 : 1)));
      expect(await h.uow.run(ctx, (r) => r.clients.findByIds([]))).to.deep.equal([]);
      const contacts = await h.uow.run(ctx, (r) => r.clients.findContacts([b.id, a.id, '0b7c4bd4-33c8-4fc0-9a8e-6c5d8b6f1a01', theirs.id, a.id]));
      const contactOf = (c: typeof a) => ({ id: c.id, name: c.name, email: c.email, phone: c.phone, archivedAt: c.archivedAt });
      expect([...contacts].sort((x, y) => (x.id < y.id ? -1 : 1))).to.deep.equal([a, b].map(contactOf).sort((x, y) => (x.id < y.id ? -1 : 1)));
      expect(await h.uow.run(ctx, (r) => r.clients.findContacts([]))).to.deep.equal([]);
      expect(await h.uow.run(other.ctx, (r) => r.clients.findContacts([a.id]))).to.deep.equal([]);
    });

    it('answers null for an unknown client', async () => {
      const { ctx } = await createOrg(h);
      expect(await h.uow.run(ctx, (r) => r.clients.findById('0b7c4bd4-33c8-4fc0-9a8e-6c5d8b6f1a01'))).to.equal(null);
    });

    it('updates the client fields and leaves addresses alone', async () => {
      const { ctx } = await createOrg(h);
      const client = aClient(ctx.orgId, {}, 2);
      await h.uow.run(ctx, (r) => r.clients.insert(client));
      const changed: Client = { ...client, name: 'Grace B. Hopper', phone: null, updatedAt: at('2026-03-03T00:00:00.000Z'), addresses: [] };
      await h.uow.run(ctx, (r) => r.clients.update(changed));
      const found = await h.uow.run(ctx, (r) => r.clients.findById(client.id));
      expect(found).to.deep.equal({ ...changed, addresses: client.addresses });
    });

    it('fails to update an unknown client with client.not_found', async () => {
      const { ctx } = await createOrg(h);
      expect((await caught(() => h.uow.run(ctx, (r) => r.clients.update(aClient(ctx.orgId))))).code).to.equal('client.not_found');
    });

    it('adds, changes and removes addresses', async () => {
      const { ctx } = await createOrg(h);
      const client = aClient(ctx.orgId, {}, 1);
      await h.uow.run(ctx, (r) => r.clients.insert(client));
      const office = anAddress(ctx.orgId, client.id, { label: 'Office', createdAt: at('2026-03-02T00:00:00.000Z') });
      await h.uow.run(ctx, (r) => r.clients.insertAddress(office));
      const moved = { ...office, line1: '99 Broom Road', accessNotes: null, updatedAt: at('2026-03-04T00:00:00.000Z') };
      await h.uow.run(ctx, (r) => r.clients.updateAddress(moved));
      let found = await h.uow.run(ctx, (r) => r.clients.findById(client.id));
      expect(found!.addresses).to.deep.equal([client.addresses[0], moved]);
      expect(await h.uow.run(ctx, (r) => r.clients.deleteAddress(client.id, office.id))).to.equal(true);
      expect(await h.uow.run(ctx, (r) => r.clients.deleteAddress(client.id, office.id))).to.equal(false);
      found = await h.uow.run(ctx, (r) => r.clients.findById(client.id));
      expect(found!.addresses.map((a) => a.id)).to.deep.equal([client.addresses[0]!.id]);
    });

    it('fails to change an unknown address with client.address_not_found', async () => {
      const { ctx } = await createOrg(h);
      const client = aClient(ctx.orgId, {}, 0);
      await h.uow.run(ctx, (r) => r.clients.insert(client));
      const err = await caught(() => h.uow.run(ctx, (r) => r.clients.updateAddress(anAddress(ctx.orgId, client.id))));
      expect(err.code).to.equal('client.address_not_found');
    });

    it('refuses an address for a client that does not exist with client.not_found', async () => {
      const { ctx } = await createOrg(h);
      const err = await caught(() => h.uow.run(ctx, (r) => r.clients.insertAddress(anAddress(ctx.orgId, '5e0d7c2a-1f3b-4a5c-8d9e-0f1a2b3c4d5e'))));
      expect(err.code).to.equal('client.not_found');
    });

    it('refuses a second primary address as a conflict', async () => {
      const { ctx } = await createOrg(h);
      const client = aClient(ctx.orgId, {}, 1);
      await h.uow.run(ctx, (r) => r.clients.insert(client));
      const err = await caught(() => h.uow.run(ctx, (r) => r.clients.insertAddress(anAddress(ctx.orgId, client.id, { isPrimary: true }))));
      expect(err.kind).to.equal('conflict');
    });

    it('lists newest first with addresses, filtered by search, created range and archived state', async () => {
      const { ctx } = await createOrg(h);
      const a = aClient(ctx.orgId, { name: 'Alpha Homes', email: 'office@alpha.example', phone: '+441134960000', createdAt: at('2026-06-01T00:00:00.000Z') }, 2);
      const b = aClient(ctx.orgId, { name: 'Beta Lofts', email: null, phone: '+15551230000', createdAt: at('2026-06-02T00:00:00.000Z') }, 0);
      const c = aClient(ctx.orgId, { name: 'Gamma', phone: null, createdAt: at('2026-06-03T00:00:00.000Z'), archivedAt: at('2026-06-04T00:00:00.000Z') }, 1);
      await h.uow.run(ctx, async (r) => {
        for (const x of [a, b, c]) await r.clients.insert(x);
      });
      const list = (q: Partial<ClientListQuery>) => h.uow.run(ctx, (r) => r.clients.list({ ...everything, ...q }));
      const all = await list({});
      expect(all.map((x) => x.id)).to.deep.equal([c.id, b.id, a.id]);
      expect(all[2]!.addresses).to.deep.equal(a.addresses);
      expect((await list({ search: { text: 'alpha', digits: null, fields: SEARCH_FIELDS } })).map((x) => x.id)).to.deep.equal([a.id]);
      expect((await list({ search: { text: '123', digits: '123', fields: SEARCH_FIELDS } })).map((x) => x.id)).to.deep.equal([b.id]);
      expect((await list({ search: { text: 'office@', digits: null, fields: ['name'] } })).map((x) => x.id)).to.deep.equal([]);
      expect((await list({ search: { text: '1230000', digits: '1230000', fields: ['name', 'email'] } })).map((x) => x.id)).to.deep.equal([]);
      expect((await list({ archived: 'exclude' })).map((x) => x.id)).to.deep.equal([b.id, a.id]);
      expect((await list({ createdFrom: at('2026-06-02T00:00:00.000Z'), createdTo: at('2026-06-03T00:00:00.000Z') })).map((x) => x.id)).to.deep.equal([b.id]);
      const firstPage = await list({ limit: 1 });
      const secondPage = await list({ limit: 1, after: { createdAt: firstPage[0]!.createdAt, id: firstPage[0]!.id } });
      expect(secondPage.map((x) => x.id)).to.deep.equal([b.id]);
    });
  });
}
