import { expect } from 'chai';
import type { Role } from '@cws/core';
import { expectAppError, expectInvalid, T0 } from '../support/core-fixture.js';
import { MINUTE } from '../support/fixed-clock.js';
import { identityFixture, type IdentityFixture } from '../support/identity-fixture.js';

const REASON = 'INC-42: payroll export stuck';

describe('break-glass (StartBreakGlass, AuthorizeBreakGlassWrite)', () => {
  let fx: IdentityFixture;
  let orgId: string;

  beforeEach(async () => {
    fx = identityFixture();
    ({ orgId } = await fx.newOrgWithOwner('acme', 'olga@example.com'));
  });

  const admin = (org = orgId, requestId = 'req-bg') => fx.ctx(org, { role: 'admin', actorId: 'user-ada', requestId });
  const start = (input: { reason?: unknown; ttlMinutes?: unknown }, ctx = admin()) => fx.core.identity.startBreakGlass.execute(ctx, ({ reason: REASON, ttlMinutes: 30, ...input } as never));
  const authorize = (token: string, ctx = admin(), method: 'PATCH' | 'DELETE' = 'PATCH', path = '/v1/admin/leads/1') =>
    fx.core.identity.authorizeBreakGlassWrite.execute(ctx, { token, method, path });

  describe('StartBreakGlass', () => {
    it('returns a one-time `bg_` token and its expiry; stores only its hash; audits the start with the reason', async () => {
      const recordId = fx.ids.peek(1);
      const { token, expiresAt } = await start({ reason: `  ${REASON}  ` });
      expect(token).to.match(/^bg_[A-Za-z0-9_-]{43}$/);
      expect(expiresAt).to.deep.equal(new Date(T0.getTime() + 30 * MINUTE));
      expect(fx.state.tables.breakGlass.get(recordId)).to.deep.equal({
        id: recordId,
        orgId,
        tokenHash: fx.tokens.hash(token),
        reason: REASON,
        createdBy: 'user-ada',
        createdAt: T0,
        expiresAt,
      });
      expect(JSON.stringify([...fx.state.tables.breakGlass.values()])).not.to.include(token);
      const rows = fx.auditRows(orgId).filter((r) => r.action === 'break_glass.start');
      expect(rows.map((r) => [r.resourceType, r.resourceId, r.actorId, r.actorRole, r.requestId, r.metadata])).to.deep.equal([
        ['break_glass', recordId, 'user-ada', 'admin', 'req-bg', { reason: REASON, expires_at: expiresAt.toISOString(), ttl_minutes: 30 }],
      ]);
      expect(JSON.stringify(fx.auditRows(orgId))).not.to.include(token);
    });

    it('accepts a TTL from 1 to BREAK_GLASS_MAX_TTL_MINUTES, and an owner too', async () => {
      await start({ ttlMinutes: 1 });
      await start({ ttlMinutes: 60 }, fx.ctx(orgId, { role: 'owner' }));
      fx = identityFixture({ identity: { breakGlassMaxTtlMinutes: 30 } });
      ({ orgId } = await fx.newOrgWithOwner('acme', 'olga@example.com'));
      expect((await start({ ttlMinutes: 30 })).expiresAt).to.deep.equal(new Date(T0.getTime() + 30 * MINUTE));
      const err = await expectInvalid(start({ ttlMinutes: 31 }), ['/ttlMinutes']);
      expect(err.errors[0]!.detail).to.equal('must be an integer from 1 to 30 (BREAK_GLASS_MAX_TTL_MINUTES)');
    });

    it('never beyond 60 minutes: the configuration can only lower the limit', async () => {
      fx = identityFixture({ identity: { breakGlassMaxTtlMinutes: 120 } });
      ({ orgId } = await fx.newOrgWithOwner('acme', 'olga@example.com'));
      expect((await start({ ttlMinutes: 60 })).expiresAt).to.deep.equal(new Date(T0.getTime() + 60 * MINUTE));
      const err = await expectInvalid(start({ ttlMinutes: 61 }), ['/ttlMinutes']);
      expect(err.errors[0]!.detail).to.equal('must be an integer from 1 to 60');
    });

    it('validation.failed without a reason or with a TTL outside 1..max', async () => {
      await expectInvalid(start({ reason: undefined, ttlMinutes: undefined }), ['/reason', '/ttlMinutes']);
      await expectInvalid(start({ reason: 'oops' }), ['/reason']);
      await expectInvalid(start({ reason: 'x'.repeat(501) }), ['/reason']);
      for (const ttlMinutes of [0, -5, 61, 1.5, '30', null]) await expectInvalid(start({ ttlMinutes }), ['/ttlMinutes']);
      expect(fx.state.tables.breakGlass.size).to.equal(0);
    });

    for (const role of ['finance', 'dispatcher', 'viewer'] as const satisfies readonly Role[]) {
      it(`auth.forbidden for a ${role}`, async () => {
        await expectAppError(start({}, fx.ctx(orgId, { role })), 'auth.forbidden');
        expect(fx.state.tables.breakGlass.size).to.equal(0);
      });
    }
  });

  describe('AuthorizeBreakGlassWrite', () => {
    let token: string;
    let expiresAt: Date;

    beforeEach(async () => {
      ({ token, expiresAt } = await start({}));
    });

    const writes = (org = orgId) => fx.auditRows(org).filter((r) => r.action === 'break_glass.write');

    it('admits writes with a valid token and audits each one with the reason', async () => {
      fx.clock.advance(MINUTE);
      expect(await authorize(token, admin(orgId, 'req-w1'), 'PATCH', '/v1/admin/leads/1')).to.deep.equal({ reason: REASON, expiresAt });
      fx.clock.advance(MINUTE);
      await authorize(token, admin(orgId, 'req-w2'), 'DELETE', '/v1/iam/users/2');
      expect(writes().map((r) => [r.requestId, r.actorId, r.metadata])).to.deep.equal([
        ['req-w1', 'user-ada', { reason: REASON, method: 'PATCH', path: '/v1/admin/leads/1' }],
        ['req-w2', 'user-ada', { reason: REASON, method: 'DELETE', path: '/v1/iam/users/2' }],
      ]);
    });

    it('auth.admin_read_only from the moment the token expires', async () => {
      fx.clock.set(new Date(expiresAt.getTime() - 1));
      await authorize(token);
      fx.clock.set(expiresAt);
      await expectAppError(authorize(token), 'auth.admin_read_only');
      expect(writes()).to.have.length(1);
    });

    it('is bound to whoever started it: another member of the org (even an owner) is refused, and the attempt audited', async () => {
      const olga = fx.ctx(orgId, { role: 'owner', actorId: 'user-olga', requestId: 'req-steal' });
      const err = await expectAppError(authorize(token, olga, 'DELETE', '/v1/iam/users/3'), 'auth.break_glass_not_yours');
      expect(err.kind).to.equal('forbidden');
      expect(writes()).to.deep.equal([]);
      const refused = fx.auditRows(orgId).filter((r) => r.action === 'break_glass.refused');
      expect(refused.map((r) => [r.actorId, r.requestId, r.metadata])).to.deep.equal([
        ['user-olga', 'req-steal', { reason: REASON, method: 'DELETE', path: '/v1/iam/users/3', started_by: 'user-ada', refusal: 'another_actor' }],
      ]);
      // The one who started it still may.
      await authorize(token);
      expect(writes()).to.have.length(1);
    });

    it('auth.admin_read_only for an unknown token and for this token in another org', async () => {
      await expectAppError(authorize(`bg_${fx.tokens.random(32)}`), 'auth.admin_read_only');
      await expectAppError(authorize(''), 'auth.admin_read_only');
      const { orgId: otherOrg } = await fx.newOrgWithOwner('other', 'sam@example.com');
      await expectAppError(authorize(token, admin(otherOrg)), 'auth.admin_read_only');
      expect(writes()).to.deep.equal([]);
      expect(writes(otherOrg)).to.deep.equal([]);
    });
  });
});
