import { expect } from 'chai';
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
  });
}
