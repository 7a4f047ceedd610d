import { expect } from 'chai';
import { SEARCH_FIELDS, type Lead, type LeadListQuery, type SearchField } from '@cws/core';
import { aLead, at, caught, createOrg } from './fixtures.js';
import type { StorageHarness, StorageHarnessFactory } from './harness.js';

const everything: LeadListQuery = {
  statuses: null,
  createdFrom: null,
  createdTo: null,
  search: null,
  archived: 'include',
  after: null,
  limit: 100,
};

export function leadRepositoryContract(name: string, factory: StorageHarnessFactory): void {
  describe(`${name}: LeadRepository`, function () {
    let h: StorageHarness;
    before(async () => {
      h = await factory();
    });
    after(async () => h.dispose());

    const ids = (rows: readonly Lead[]) => rows.map((r) => r.id);

    it('stores a lead and reads back every field', async () => {
      const { ctx } = await createOrg(h);
      const lead = aLead(ctx.orgId, { notes: 'Prefers mornings', address: null });
      await h.uow.run(ctx, (r) => r.leads.insert(lead));
      const found = await h.uow.run(ctx, (r) => r.leads.findById(lead.id));
      expect(found).to.deep.equal(lead);
      const withAddress = aLead(ctx.orgId);
      await h.uow.run(ctx, (r) => r.leads.insert(withAddress));
      expect(await h.uow.run(ctx, (r) => r.leads.findById(withAddress.id))).to.deep.equal(withAddress);
    });

    it('answers null for an unknown id', async () => {
      const { ctx } = await createOrg(h);
      expect(await h.uow.run(ctx, (r) => r.leads.findById('7d0c2a36-5a1b-4b8e-9d0c-2a365a1b4b8e'))).to.equal(null);
    });

    it('refuses a second lead with the same id as a conflict', async () => {
      const { ctx } = await createOrg(h);
      const lead = aLead(ctx.orgId);
      await h.uow.run(ctx, (r) => r.leads.insert(lead));
      const err = await caught(() => h.uow.run(ctx, (r) => r.leads.insert({ ...lead, name: 'Copy' })));
      expect(err.kind).to.equal('conflict');
    });

    it('updates a lead in place and keeps its creation time', async () => {
      const { ctx } = await createOrg(h);
      const lead = aLead(ctx.orgId);
      await h.uow.run(ctx, (r) => r.leads.insert(lead));
      const changed: Lead = { ...lead, status: 'contacted', email: null, notes: 'Called back', updatedAt: at('2026-03-02T09:00:00.000Z') };
      await h.uow.run(ctx, (r) => r.leads.update(changed));
      expect(await h.uow.run(ctx, (r) => r.leads.findById(lead.id))).to.deep.equal(changed);
    });

    it('fails to update a lead that does not exist with lead.not_found', async () => {
      const { ctx } = await createOrg(h);
      const err = await caught(() => h.uow.run(ctx, (r) => r.leads.update(aLead(ctx.orgId))));
      expect(err.code).to.equal('lead.not_found');
    });

    it('lists newest first and pages with a key without gaps or repeats, ties broken by id', async () => {
      const { ctx } = await createOrg(h);
      const sameInstant = at('2026-03-05T12:00:00.000Z');
      const leads = [
        aLead(ctx.orgId, { createdAt: at('2026-03-01T00:00:00.000Z') }),
        aLead(ctx.orgId, { createdAt: sameInstant }),
        aLead(ctx.orgId, { createdAt: sameInstant }),
        aLead(ctx.orgId, { createdAt: sameInstant }),
        aLead(ctx.orgId, { createdAt: at('2026-03-09T00:00:00.000Z') }),
      ];
      await h.uow.run(ctx, async (r) => {
        for (const l of leads) await r.leads.insert(l);
      });
      const expected = [...leads].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
      const all = await h.uow.run(ctx, (r) => r.leads.list(everything));
      expect(ids(all)).to.deep.equal(ids(expected));

      const seen: string[] = [];
      let after: LeadListQuery['after'] = null;
      for (let page = 0; page < 5; page += 1) {
        const rows: readonly Lead[] = await h.uow.run(ctx, (r) => r.leads.list({ ...everything, after, limit: 2 }));
        seen.push(...ids(rows));
        if (rows.length < 2) break;
        const last = rows[rows.length - 1]!;
        after = { createdAt: last.createdAt, id: last.id };
      }
      expect(seen).to.deep.equal(ids(expected));
    });

    it('filters by status, by created range (from inclusive, to exclusive) and by archived state', async () => {
      const { ctx } = await createOrg(h);
      const a = aLead(ctx.orgId, { status: 'new', createdAt: at('2026-04-01T00:00:00.000Z') });
      const b = aLead(ctx.orgId, { status: 'qualified', createdAt: at('2026-04-02T00:00:00.000Z') });
      const c = aLead(ctx.orgId, { status: 'lost', createdAt: at('2026-04-03T00:00:00.000Z'), archivedAt: at('2026-04-04T00:00:00.000Z') });
      await h.uow.run(ctx, async (r) => {
        for (const l of [a, b, c]) await r.leads.insert(l);
      });
      const list = (q: Partial<LeadListQuery>) => h.uow.run(ctx, (r) => r.leads.list({ ...everything, ...q })).then(ids);
      expect(await list({ statuses: ['qualified', 'lost'] })).to.deep.equal([c.id, b.id]);
      expect(await list({ createdFrom: at('2026-04-02T00:00:00.000Z') })).to.deep.equal([c.id, b.id]);
      expect(await list({ createdTo: at('2026-04-02T00:00:00.000Z') })).to.deep.equal([a.id]);
      expect(await list({ archived: 'exclude' })).to.deep.equal([b.id, a.id]);
      expect(await list({ archived: 'only' })).to.deep.equal([c.id]);
    });

    it('searches name and email case-insensitively and phone by digits, with LIKE wildcards taken literally', async () => {
      const { ctx } = await createOrg(h);
      const ada = aLead(ctx.orgId, { name: 'Ada Lovelace', email: 'ada@engines.example', phone: '+447700900123', createdAt: at('2026-05-01T00:00:00.000Z') });
      const bob = aLead(ctx.orgId, { name: 'Bob 100% Clean', email: null, phone: '+15550001111', createdAt: at('2026-05-02T00:00:00.000Z') });
      const cy = aLead(ctx.orgId, { name: 'Cy_Twombly', email: 'cy@art.example', phone: null, createdAt: at('2026-05-03T00:00:00.000Z') });
      await h.uow.run(ctx, async (r) => {
        for (const l of [ada, bob, cy]) await r.leads.insert(l);
      });
      const search = (text: string, digits: string | null = null) =>
        h.uow.run(ctx, (r) => r.leads.list({ ...everything, search: { text, digits, fields: SEARCH_FIELDS } })).then(ids);
      expect(await search('lovelace')).to.deep.equal([ada.id]);
      expect(await search('engines.exa')).to.deep.equal([ada.id]);
      expect(await search('0900 123', '0900123')).to.deep.equal([ada.id]);
      expect(await search('100%')).to.deep.equal([bob.id]);
      expect(await search('%')).to.deep.equal([bob.id]);
      expect(await search('y_t')).to.deep.equal([cy.id]);
      expect(await search('_')).to.deep.equal([cy.id]);
      expect(await search('nobody')).to.deep.equal([]);
    });

    it('matches only the fields the search names: a name-only search finds nothing by email or phone', async () => {
      const { ctx } = await createOrg(h);
      const ada = aLead(ctx.orgId, { name: 'Ada Lovelace', email: 'countess@engines.example', phone: '+447700900123', createdAt: at('2026-05-01T00:00:00.000Z') });
      const named = aLead(ctx.orgId, { name: 'Mr 0900123 Countess', email: null, phone: '+15550001111', createdAt: at('2026-05-02T00:00:00.000Z') });
      await h.uow.run(ctx, async (r) => {
        for (const l of [ada, named]) await r.leads.insert(l);
      });
      const search = (text: string, digits: string | null, fields: readonly SearchField[]) =>
        h.uow.run(ctx, (r) => r.leads.list({ ...everything, search: { text, digits, fields } })).then(ids);
      expect(await search('countess', null, SEARCH_FIELDS)).to.deep.equal([named.id, ada.id]);
      expect(await search('countess', null, ['name'])).to.deep.equal([named.id]);
      expect(await search('engines', null, ['name'])).to.deep.equal([]);
      expect(await search('0900123', '0900123', ['name'])).to.deep.equal([named.id]);
      expect(await search('7700900', '7700900', ['name'])).to.deep.equal([]);
      expect(await search('7700900', '7700900', ['phone'])).to.deep.equal([ada.id]);
      expect(await search('ada', null, ['email', 'phone'])).to.deep.equal([]);
    });

    it('lists stale leads: unarchived, in the given statuses, updated before the cutoff, oldest first, limited', async () => {
      const { ctx } = await createOrg(h);
      const old1 = aLead(ctx.orgId, { status: 'new', updatedAt: at('2026-01-01T00:00:00.000Z'), createdAt: at('2026-01-01T00:00:00.000Z') });
      const old2 = aLead(ctx.orgId, { status: 'contacted', updatedAt: at('2026-01-02T00:00:00.000Z'), createdAt: at('2026-01-01T00:00:00.000Z') });
      const oldQualified = aLead(ctx.orgId, { status: 'qualified', updatedAt: at('2026-01-01T00:00:00.000Z'), createdAt: at('2026-01-01T00:00:00.000Z') });
      const oldArchived = aLead(ctx.orgId, { status: 'new', updatedAt: at('2026-01-01T00:00:00.000Z'), createdAt: at('2026-01-01T00:00:00.000Z'), archivedAt: at('2026-01-05T00:00:00.000Z') });
      const fresh = aLead(ctx.orgId, { status: 'new', updatedAt: at('2026-03-01T00:00:00.000Z'), createdAt: at('2026-01-01T00:00:00.000Z') });
      await h.uow.run(ctx, async (r) => {
        for (const l of [fresh, old2, oldQualified, oldArchived, old1]) await r.leads.insert(l);
      });
      const stale = await h.uow.run(ctx, (r) => r.leads.listStale({ updatedBefore: at('2026-02-01T00:00:00.000Z'), statuses: ['new', 'contacted'], limit: 10 }));
      expect(ids(stale)).to.deep.equal([old1.id, old2.id]);
      const one = await h.uow.run(ctx, (r) => r.leads.listStale({ updatedBefore: at('2026-02-01T00:00:00.000Z'), statuses: ['new', 'contacted'], limit: 1 }));
      expect(ids(one)).to.deep.equal([old1.id]);
    });
  });
}
