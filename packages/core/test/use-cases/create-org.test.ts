import { expect } from 'chai';
import { coreFixture, expectAppError, expectInvalid, T0, type CoreFixture } from '../support/core-fixture.js';

describe('CreateOrg', () => {
  let fx: CoreFixture;

  beforeEach(() => {
    fx = coreFixture();
  });

  it('creates the org with default settings (UTC, USD, auto-archive off) and a system audit row', async () => {
    const [orgId, auditId] = [fx.ids.peek(1), fx.ids.peek(2)];
    const result = await fx.core.orgs.create.execute(fx.sys({ requestId: 'req-boot', reason: 'bootstrap' }), { name: '  Acme Cleaning ', slug: ' Acme-Cleaning ' });
    expect(result).to.deep.equal({
      org: { id: orgId, name: 'Acme Cleaning', slug: 'acme-cleaning', createdAt: T0 },
      settings: { orgId, timeZone: 'UTC', currency: 'USD', leadAutoArchiveDays: null, locale: 'en', notificationsDisabled: [], dunningDays: [3, 7, 14], updatedAt: T0 },
    });
    expect(fx.state.orgs.get(orgId)).to.deep.equal(result.org);
    expect(await fx.core.orgs.getSettings.execute(fx.ctx(orgId))).to.deep.equal(result.settings);
    expect(fx.state.systemAudit).to.deep.equal([
      {
        id: auditId,
        actorId: 'test-setup',
        action: 'org.create',
        reason: 'bootstrap',
        metadata: { org_id: orgId, slug: 'acme-cleaning' },
        requestId: 'req-boot',
        createdAt: T0,
      },
    ]);
  });

  it('takes the given settings, upper-casing the currency', async () => {
    const { settings } = await fx.core.orgs.create.execute(fx.sys(), { name: 'A', slug: 'a', timeZone: 'Europe/London', currency: 'gbp', leadAutoArchiveDays: 45 });
    expect(settings).to.deep.include({ timeZone: 'Europe/London', currency: 'GBP', leadAutoArchiveDays: 45 });
  });

  it('treats leadAutoArchiveDays null as off and accepts the bounds 1 and 3650', async () => {
    expect((await fx.core.orgs.create.execute(fx.sys(), { name: 'A', slug: 'a', leadAutoArchiveDays: null })).settings.leadAutoArchiveDays).to.equal(null);
    expect((await fx.core.orgs.create.execute(fx.sys(), { name: 'B', slug: 'b', leadAutoArchiveDays: 1 })).settings.leadAutoArchiveDays).to.equal(1);
    expect((await fx.core.orgs.create.execute(fx.sys(), { name: 'C', slug: 'c', leadAutoArchiveDays: 3650 })).settings.leadAutoArchiveDays).to.equal(3650);
  });

  it('uses a pinned id (lower-cased) instead of a generated one', async () => {
    const pinned = 'A0B1C2D3-E4F5-4A6B-8C7D-9E0F1A2B3C4D';
    const issued = fx.ids.count;
    const { org, settings } = await fx.core.orgs.create.execute(fx.sys(), { id: pinned, name: 'Default', slug: 'default' });
    expect([org.id, settings.orgId]).to.deep.equal([pinned.toLowerCase(), pinned.toLowerCase()]);
    expect(fx.ids.count - issued).to.equal(1); // only the audit row id was generated
    expect(fx.state.orgs.has(pinned.toLowerCase())).to.equal(true);
  });

  describe('validation.failed', () => {
    it('names every malformed field in declaration order; an unknown zone once the rest is well-formed', async () => {
      await expectInvalid(
        fx.core.orgs.create.execute(fx.sys(), { id: 'org-1', name: '', slug: '-acme', timeZone: 'Mars/Olympus', currency: 'US', leadAutoArchiveDays: 0 }),
        ['/id', '/name', '/slug', '/currency', '/leadAutoArchiveDays'],
      );
      await expectInvalid(fx.core.orgs.create.execute(fx.sys(), { name: 'A', slug: 'a', timeZone: 'Mars/Olympus' }), ['/timeZone']);
    });

    it('refuses malformed slugs', async () => {
      for (const slug of ['acme_clean', 'acme-', 'a b', '', 12]) {
        await expectInvalid(fx.core.orgs.create.execute(fx.sys(), ({ name: 'A', slug } as never)), ['/slug']);
      }
    });

    it('refuses unknown zones and malformed currencies', async () => {
      await expectInvalid(fx.core.orgs.create.execute(fx.sys(), { name: 'A', slug: 'a', timeZone: 'GMT+5' }), ['/timeZone']);
      await expectInvalid(fx.core.orgs.create.execute(fx.sys(), { name: 'A', slug: 'a', currency: 'U$D' }), ['/currency']);
      await expectInvalid(fx.core.orgs.create.execute(fx.sys(), ({ name: 'A', slug: 'a', currency: 840 } as never)), ['/currency']);
    });

    it('refuses days outside 1..3650 or not an integer', async () => {
      for (const days of [0, 3651, 2.5, '30']) {
        await expectInvalid(fx.core.orgs.create.execute(fx.sys(), ({ name: 'A', slug: 'a', leadAutoArchiveDays: days } as never)), ['/leadAutoArchiveDays']);
      }
      expect(fx.state.orgs.size).to.equal(0);
      expect(fx.state.systemAudit).to.deep.equal([]);
    });
  });

  it('org.slug_taken for a slug in use (compared lower-cased), writing nothing', async () => {
    await fx.core.orgs.create.execute(fx.sys(), { name: 'Acme', slug: 'acme' });
    const err = await expectAppError(fx.core.orgs.create.execute(fx.sys(), { name: 'Other Acme', slug: 'ACME' }), 'org.slug_taken');
    expect(err.kind).to.equal('conflict');
    expect(fx.state.orgs.size).to.equal(1);
    expect(fx.state.systemAudit).to.have.length(1);
  });
});
