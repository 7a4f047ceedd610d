import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { AuditListQuery } from '@cws/core';
import { anAuditEntry, at, createOrg } from './fixtures.js';
import type { StorageHarness, StorageHarnessFactory } from './harness.js';

const everything: AuditListQuery = {
  resourceType: null,
  resourceId: null,
  action: null,
  actorId: null,
  createdFrom: null,
  createdTo: null,
  after: null,
  limit: 100,
};

export function auditLogContract(name: string, factory: StorageHarnessFactory): void {
  describe(`${name}: AuditLog and SystemAuditLog`, function () {
    let h: StorageHarness;
    before(async () => {
      h = await factory();
    });
    after(async () => h.dispose());

    it('appends entries and lists them newest first with every field intact', async () => {
      const { ctx } = await createOrg(h);
      const first = anAuditEntry(ctx, { createdAt: at('2026-03-01T00:00:00.000Z') });
      const second = anAuditEntry(ctx, { action: 'lead.archive', before: null, after: null, metadata: {}, createdAt: at('2026-03-02T00:00:00.000Z') });
      await h.uow.run(ctx, async (r) => {
        await r.audit.append(first);
        await r.audit.append(second);
      });
      expect(await h.uow.run(ctx, (r) => r.audit.list(everything))).to.deep.equal([second, first]);
    });

    it('filters by resource, action, actor and time, and pages by key', async () => {
      const { ctx } = await createOrg(h);
      const leadId = '3c1f4a55-0b2e-4c3d-9e8f-7a6b5c4d3e2f';
      const e1 = anAuditEntry(ctx, { resourceId: leadId, action: 'lead.create', createdAt: at('2026-03-01T00:00:00.000Z') });
      const e2 = anAuditEntry(ctx, { resourceId: leadId, action: 'lead.update', actorId: 'basic:dispatcher', createdAt: at('2026-03-02T00:00:00.000Z') });
      const e3 = anAuditEntry(ctx, { resourceType: 'client', action: 'client.create', createdAt: at('2026-03-03T00:00:00.000Z') });
      await h.uow.run(ctx, async (r) => {
        for (const e of [e1, e2, e3]) await r.audit.append(e);
      });
      const list = (q: Partial<AuditListQuery>) => h.uow.run(ctx, (r) => r.audit.list({ ...everything, ...q })).then((rows) => rows.map((x) => x.id));
      expect(await list({ resourceType: 'lead', resourceId: leadId })).to.deep.equal([e2.id, e1.id]);
      expect(await list({ action: 'client.create' })).to.deep.equal([e3.id]);
      expect(await list({ actorId: 'basic:dispatcher' })).to.deep.equal([e2.id]);
      expect(await list({ createdFrom: at('2026-03-02T00:00:00.000Z'), createdTo: at('2026-03-03T00:00:00.000Z') })).to.deep.equal([e2.id]);
      expect(await list({ after: { createdAt: e3.createdAt, id: e3.id }, limit: 1 })).to.deep.equal([e2.id]);
    });

    it('records cross-org work in the system audit log', async () => {
      const entry = {
        id: randomUUID(),
        actorId: 'job:contract',
        action: 'system.contract_check',
        reason: 'proves the system audit log stores what it is given',
        metadata: { orgs: 3 },
        requestId: 'req-contract',
        // In the future, so it is the newest row even on a shared database.
        createdAt: new Date(Date.now() + 60_000),
      };
      await h.systemAudit.append(entry);
      const recent = await h.systemAudit.listRecent(5);
      expect(recent[0]).to.deep.equal(entry);
    });
  });
}
