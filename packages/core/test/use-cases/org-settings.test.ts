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
        locale: 'en',
        notificationsDisabled: [],
        dunningDays: [3, 7, 14],
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
      expect(after).to.deep.equal({ orgId, timeZone: 'America/New_York', currency: 'EUR', leadAutoArchiveDays: 30, locale: 'en', notificationsDisabled: [], dunningDays: [3, 7, 14], updatedAt: later });
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

    it('stores a locale in its canonical form', async () => {
      expect((await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { locale: ' EN-gb ' })).locale).to.equal('en-GB');
      expect((await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { locale: 'zh-hant-tw' })).locale).to.equal('zh-Hant-TW');
      expect((await fx.core.orgs.getSettings.execute(fx.ctx(orgId))).locale).to.equal('zh-Hant-TW');
    });

    it('refuses a locale that is not a BCP 47 tag, too short or too long, and changes nothing', async () => {
      for (const locale of ['english!', 'e', 'en_GB', 'x-private', 'en-\u0000', `en-${'a'.repeat(40)}`, '\ud800en']) {
        const err = await expectInvalid(fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { locale }), ['/locale']);
        expect(err.errors[0]!.detail, locale).to.match(/BCP 47|at most|at least|NUL|surrogate/);
      }
      expect((await fx.core.orgs.getSettings.execute(fx.ctx(orgId))).locale).to.equal('en');
      expect(auditRows(fx, orgId)).to.deep.equal([]);
    });

    it('turns the named notifications off and on, keeping the others, and audits the change', async () => {
      const off = await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { notifications: { workerAssignment: false, bookingReminder: false } });
      expect(off.notificationsDisabled).to.deep.equal(['booking_reminder', 'worker_assignment']);
      const again = await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { notifications: { bookingReminder: true, bookingConfirmed: false, bookingCancelled: true } });
      expect(again.notificationsDisabled).to.deep.equal(['booking_confirmed', 'worker_assignment']);
      expect((await fx.core.orgs.getSettings.execute(fx.ctx(orgId))).notificationsDisabled).to.deep.equal(['booking_confirmed', 'worker_assignment']);
      const rows = auditRows(fx, orgId).filter((r) => r.action === 'org.settings_update');
      expect(rows.map((r) => [r.before?.['notificationsDisabled'], r.after?.['notificationsDisabled']])).to.deep.equal([
        [[], ['booking_reminder', 'worker_assignment']],
        [['booking_reminder', 'worker_assignment'], ['booking_confirmed', 'worker_assignment']],
      ]);
    });

    it('refuses an unknown notification, a non-boolean switch and an empty set of switches', async () => {
      await expectInvalid(fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { notifications: { invoiceSent: false } } as never), ['/notifications/invoiceSent']);
      await expectInvalid(fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { notifications: { bookingReminder: 'no' } } as never), ['/notifications/bookingReminder']);
      await expectInvalid(fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { notifications: {} }), ['/notifications']);
      await expectInvalid(fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { notifications: { __proto__: { bookingReminder: false } } } as never), ['/notifications']);
      expect((await fx.core.orgs.getSettings.execute(fx.ctx(orgId))).notificationsDisabled).to.deep.equal([]);
    });

    it('org.not_found when the org does not exist, writing nothing', async () => {
      await expectAppError(fx.core.orgs.updateSettings.execute(fx.ctx(UNKNOWN_ORG), { currency: 'EUR' }), 'org.not_found');
      expect(fx.state.tables.audit).to.deep.equal([]);
    });
  });
});
