import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { caught, createOrg } from './fixtures.js';
import type { StorageHarness, StorageHarnessFactory } from './harness.js';

export function orgDirectoryContract(name: string, factory: StorageHarnessFactory): void {
  describe(`${name}: OrgDirectory and OrgSettingsRepository`, function () {
    let h: StorageHarness;
    before(async () => {
      h = await factory();
    });
    after(async () => h.dispose());

    it('creates an org with its settings and a system audit row, all readable afterwards', async () => {
      const before = await h.orgs.count();
      const { org, settings, ctx } = await createOrg(h, { timeZone: 'America/Chicago', currency: 'USD', leadAutoArchiveDays: 30 });
      expect(await h.orgs.count()).to.equal(before + 1);
      expect(await h.orgs.findById(org.id)).to.deep.equal(org);
      expect(await h.orgs.findBySlug(org.slug)).to.deep.equal(org);
      expect(await h.uow.run(ctx, (r) => r.orgSettings.get())).to.deep.equal(settings);
      const audit = await h.systemAudit.listRecent(50);
      expect(audit.some((e) => e.action === 'org.create' && e.metadata['org_id'] === org.id)).to.equal(true);
    });

    it('answers null for an unknown id or slug', async () => {
      expect(await h.orgs.findById(randomUUID())).to.equal(null);
      expect(await h.orgs.findBySlug(`missing-${randomUUID().slice(0, 8)}`)).to.equal(null);
    });

    it('refuses a slug already in use with org.slug_taken and creates nothing', async () => {
      const { org } = await createOrg(h);
      const count = await h.orgs.count();
      const id = randomUUID();
      const err = await caught(() =>
        h.orgs.create(
          { id, name: 'Copycat', slug: org.slug, createdAt: new Date() },
          { orgId: id, timeZone: 'UTC', currency: 'USD', leadAutoArchiveDays: null, locale: 'en', notificationsDisabled: [], dunningDays: [3, 7, 14], updatedAt: new Date() },
          { id: randomUUID(), actorId: 'contract', action: 'org.create', reason: 'test', metadata: {}, requestId: 'r', createdAt: new Date() },
        ),
      );
      expect(err.code).to.equal('org.slug_taken');
      expect(await h.orgs.count()).to.equal(count);
      expect(await h.orgs.findById(id)).to.equal(null);
    });

    it('lists orgs in id order, in batches after an id', async () => {
      for (let i = 0; i < 3; i += 1) await createOrg(h);
      const all = await h.orgs.list(null, 10_000);
      const sorted = [...all].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(all.map((o) => o.id)).to.deep.equal(sorted.map((o) => o.id));
      const firstTwo = await h.orgs.list(null, 2);
      const next = await h.orgs.list(firstTwo[1]!.id, 1);
      expect(next[0]!.id).to.equal(all[2]!.id);
    });

    it('updates the settings of the bound org', async () => {
      const { ctx, settings } = await createOrg(h);
      const changed = { ...settings, timeZone: 'Australia/Sydney', leadAutoArchiveDays: 14, dunningDays: [1, 30, 365], updatedAt: new Date('2026-07-01T00:00:00.000Z') };
      await h.uow.run(ctx, (r) => r.orgSettings.update(changed));
      expect(await h.uow.run(ctx, (r) => r.orgSettings.get())).to.deep.equal(changed);
    });
  });
}
