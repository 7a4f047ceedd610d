import { expect } from 'chai';
import { MINUTE } from '../support/fixed-clock.js';
import { auditRows, coreFixture, expectAppError, expectInvalid, T0, type CoreFixture } from '../support/core-fixture.js';

const UNKNOWN_ORG = '4d3c2b1a-0f9e-4d8c-b7a6-5f4e3d2c1b0a';

describe('org settings', () => {
  let fx: CoreFixture;
  let orgId: string;

  beforeEach(async () => {
    fx = coreFixture();
    orgId = await fx.newOrg('acme', { timeZone: 'America/New_York', leadAutoArchiveDays: 30 });
  });

  describe('GetOrgSettings', () => {
    it('returns the caller org’s settings', async () => {
      expect(await fx.core.orgs.getSettings.execute(fx.ctx(orgId))).to.deep.equal({
        orgId,
        timeZone: 'America/New_York',
        currency: 'USD',
        leadAutoArchiveDays: 30,
        updatedAt: T0,
      });
    });

    it('org.not_found when the org does not exist', async () => {
      const err = await expectAppError(fx.core.orgs.getSettings.execute(fx.ctx(UNKNOWN_ORG)), 'org.not_found');
      expect(err.details).to.deep.equal({ org_id: UNKNOWN_ORG });
    });

    it('validation.failed for a field it does not take', async () => {
      await expectInvalid(fx.core.orgs.getSettings.execute(fx.ctx(orgId), { orgId } as never), ['/orgId']);
    });
  });

  describe('UpdateOrgSettings', () => {
    const later = new Date(T0.getTime() + 2 * MINUTE);

    beforeEach(() => {
      fx.clock.advance(2 * MINUTE);
    });

    it('changes the given settings, keeps the rest, and stamps updatedAt', async () => {
      const after = await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { currency: 'eur' });
      expect(after).to.deep.equal({ orgId, timeZone: 'America/New_York', currency: 'EUR', leadAutoArchiveDays: 30, updatedAt: later });
      expect(await fx.core.orgs.getSettings.execute(fx.ctx(orgId))).to.deep.equal(after);
    });

    it('turns auto-archive off with null and changes the zone', async () => {
      const after = await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { leadAutoArchiveDays: null, timeZone: 'Europe/Berlin' });
      expect([after.leadAutoArchiveDays, after.timeZone]).to.deep.equal([null, 'Europe/Berlin']);
    });

    it('audits org.settings_update on the org with before and after', async () => {
      const auditId = fx.ids.peek(1);
      const before = await fx.core.orgs.getSettings.execute(fx.ctx(orgId));
      const after = await fx.core.orgs.updateSettings.execute(fx.ctx(orgId, { role: 'owner', actorId: 'user-owner' }), { leadAutoArchiveDays: 90 });
      expect(auditRows(fx, orgId).at(-1)).to.deep.equal({
        id: auditId,
        orgId,
        actorKind: 'staff',
        actorId: 'user-owner',
        actorRole: 'owner',
        action: 'org.settings_update',
        resourceType: 'org',
        resourceId: orgId,
        before: JSON.parse(JSON.stringify(before)),
        after: JSON.parse(JSON.stringify(after)),
        metadata: {},
        requestId: 'req-1',
        createdAt: later,
      });
    });

    it('validation.failed names each bad setting and changes nothing', async () => {
      await expectInvalid(fx.core.orgs.updateSettings.execute(fx.ctx(orgId), ({ timeZone: 'Nowhere/Special', currency: 'E1R', leadAutoArchiveDays: '7' } as never)), [
        '/currency',
        '/leadAutoArchiveDays',
      ]);
      const err = await expectInvalid(fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { timeZone: 'Nowhere/Special', currency: 'EUR' }), ['/timeZone']);
      expect(err.errors[0]!.detail).to.equal('must be an IANA time zone such as Europe/London');
      await expectInvalid(fx.core.orgs.updateSettings.execute(fx.ctx(orgId), {}), ['/']);
      await expectInvalid(fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { leadAutoArchiveDays: 3651 }), ['/leadAutoArchiveDays']);
      expect((await fx.core.orgs.getSettings.execute(fx.ctx(orgId))).updatedAt).to.deep.equal(T0);
      expect(auditRows(fx, orgId)).to.deep.equal([]);
    });

    it('org.not_found when the org does not exist, writing nothing', async () => {
      await expectAppError(fx.core.orgs.updateSettings.execute(fx.ctx(UNKNOWN_ORG), { currency: 'EUR' }), 'org.not_found');
      expect(fx.state.tables.audit).to.deep.equal([]);
    });
  });
});
