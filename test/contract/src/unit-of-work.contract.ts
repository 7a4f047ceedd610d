import { expect } from 'chai';
import { SEARCH_FIELDS } from '@cws/core';
import { aClient, aLead, anAuditEntry, createOrg } from './fixtures.js';
import type { StorageHarness, StorageHarnessFactory } from './harness.js';

export function unitOfWorkContract(name: string, factory: StorageHarnessFactory): void {
  describe(`${name}: UnitOfWork`, function () {
    let h: StorageHarness;
    before(async () => {
      h = await factory();
    });
    after(async () => h.dispose());

    it('commits everything written in one unit and returns the work result', async () => {
      const { ctx } = await createOrg(h);
      const lead = aLead(ctx.orgId);
      const result = await h.uow.run(ctx, async (r) => {
        await r.leads.insert(lead);
        await r.audit.append(anAuditEntry(ctx, { resourceId: lead.id }));
        return 'done';
      });
      expect(result).to.equal('done');
      expect(await h.uow.run(ctx, (r) => r.leads.findById(lead.id))).to.deep.equal(lead);
    });

    it('rolls back every write of a unit that throws', async () => {
      const { ctx } = await createOrg(h);
      const lead = aLead(ctx.orgId);
      const client = aClient(ctx.orgId);
      const boom = new Error('boom');
      let thrown: unknown;
      try {
        await h.uow.run(ctx, async (r) => {
          await r.leads.insert(lead);
          await r.clients.insert(client);
          await r.audit.append(anAuditEntry(ctx, { resourceId: lead.id }));
          throw boom;
        });
      } catch (err) {
        thrown = err;
      }
      expect(thrown).to.equal(boom);
      expect(await h.uow.run(ctx, (r) => r.leads.findById(lead.id))).to.equal(null);
      expect(await h.uow.run(ctx, (r) => r.clients.findById(client.id))).to.equal(null);
      const audit = await h.uow.run(ctx, (r) => r.audit.list({ resourceType: null, resourceId: lead.id, action: null, actorId: null, createdFrom: null, createdTo: null, after: null, limit: 10 }));
      expect(audit).to.deep.equal([]);
    });

    it('runs concurrent units of different orgs to completion, each seeing only its own rows', async () => {
      const orgs = await Promise.all([createOrg(h), createOrg(h), createOrg(h)]);
      const perOrg = 8;
      await Promise.all(
        orgs.flatMap(({ ctx }) =>
          Array.from({ length: perOrg }, () =>
            h.uow.run(ctx, async (r) => {
              await r.leads.insert(aLead(ctx.orgId));
              // A second statement in the same unit: the org binding must hold across awaits.
              const rows = await r.leads.list({ statuses: null, createdFrom: null, createdTo: null, search: null, archived: 'include', after: null, limit: 1000 });
              expect(rows.every((l) => l.orgId === ctx.orgId)).to.equal(true);
            }),
          ),
        ),
      );
      for (const { ctx } of orgs) {
        const rows = await h.uow.run(ctx, (r) => r.leads.list({ statuses: null, createdFrom: null, createdTo: null, search: null, archived: 'include', after: null, limit: 1000 }));
        expect(rows).to.have.length(perOrg);
      }
    });

    describe('read-only units', () => {
      const everyLead = { statuses: null, createdFrom: null, createdTo: null, search: null, archived: 'include', after: null, limit: 1000 } as const;

      it('answer a single read as a unit would, and only from the unit\'s org', async () => {
        const [a, b] = [(await createOrg(h)).ctx, (await createOrg(h)).ctx];
        const mine = aLead(a.orgId);
        const theirs = aLead(b.orgId);
        await h.uow.run(a, (r) => r.leads.insert(mine));
        await h.uow.run(b, (r) => r.leads.insert(theirs));
        expect(await h.uow.run(a, (r) => r.leads.list(everyLead), { readOnly: true })).to.deep.equal([mine]);
        expect(await h.uow.run(a, (r) => r.leads.findById(mine.id), { readOnly: true })).to.deep.equal(mine);
        expect(await h.uow.run(a, (r) => r.leads.findById(theirs.id), { readOnly: true }), "another org's id").to.equal(null);
      });

      it('answer work of several reads, concurrent ones included, each from the unit\'s org', async () => {
        const [a, b] = [(await createOrg(h)).ctx, (await createOrg(h)).ctx];
        const lead = aLead(a.orgId);
        const client = aClient(a.orgId);
        await h.uow.run(a, async (r) => {
          await r.leads.insert(lead);
          await r.clients.insert(client);
        });
        await h.uow.run(b, (r) => r.leads.insert(aLead(b.orgId)));
        const [sequential, concurrent] = await Promise.all([
          h.uow.run(a, async (r) => [await r.leads.findById(lead.id), await r.clients.findById(client.id), await r.leads.list(everyLead)] as const, { readOnly: true }),
          h.uow.run(a, (r) => Promise.all([r.leads.findById(lead.id), r.clients.findById(client.id), r.leads.list(everyLead)]), { readOnly: true }),
        ]);
        for (const answer of [sequential, concurrent]) expect(answer).to.deep.equal([lead, client, [lead]]);
        // A search takes several statements (its planner settings, then the query) on the server.
        for (const text of ["o'brien \\ $$ ? ünï", 'lovelace']) {
          const found = await h.uow.run(a, (r) => r.leads.list({ ...everyLead, search: { text, digits: null, fields: SEARCH_FIELDS } }), { readOnly: true });
          expect(found.map((l) => l.id), text).to.deep.equal(text === 'lovelace' ? [lead.id] : []);
        }
      });

      it('never keep a write, and pass the work\'s error through', async () => {
        const { ctx } = await createOrg(h);
        const lead = aLead(ctx.orgId);
        let refused: unknown = null;
        try {
          await h.uow.run(ctx, (r) => r.leads.insert(lead), { readOnly: true });
        } catch (err) {
          refused = err;
        }
        expect(refused, 'the write is refused').to.not.equal(null);
        expect(await h.uow.run(ctx, (r) => r.leads.findById(lead.id))).to.equal(null);
        const boom = new Error('boom');
        const thrown = await h.uow.run(ctx, async () => Promise.reject(boom), { readOnly: true }).catch((err: unknown) => err);
        expect(thrown).to.equal(boom);
      });
    });
  });
}
