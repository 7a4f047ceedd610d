import { expect } from 'chai';
import type { AuthSession, SignInResult } from '@cws/core';
import { expectAppError, expectInvalid } from '../support/core-fixture.js';
import { MINUTE } from '../support/fixed-clock.js';
import { identityFixture, PASSWORD, type IdentityFixture } from '../support/identity-fixture.js';

const EMAIL = 'olga@example.com';
const NEW_PASSWORD = 'Fresh-Mop-Bucket-2026';

describe('session actions', () => {
  let fx: IdentityFixture;
  let orgId: string;
  let ownerId: string;
  let signed: SignInResult;

  beforeEach(async () => {
    fx = identityFixture();
    ({ orgId, ownerId } = await fx.newOrgWithOwner('acme', EMAIL));
    signed = await fx.signIn(EMAIL, PASSWORD);
  });

  const resolve = (session: AuthSession, ctx = fx.as(session)) => fx.core.identity.resolveSession.execute(ctx, { sessionId: session.id });

  describe('ResolveSession', () => {
    it('returns the live session with its user and membership', async () => {
      const resolved = await resolve(signed.session);
      expect(resolved.session).to.deep.equal(signed.session);
      expect(resolved.user).to.deep.equal(fx.storedUser(ownerId));
      expect(resolved.membership).to.deep.include({ orgId, userId: ownerId, role: 'owner' });
    });

    it('auth.session_revoked for an unknown id, another user’s session, or the session looked up from another org', async () => {
      await expectAppError(fx.core.identity.resolveSession.execute(fx.as(signed.session), { sessionId: fx.ids.peek(50) }), 'auth.session_revoked');
      const { password } = await fx.invite(orgId, 'dan@example.com', 'dispatcher');
      const dan = await fx.signIn('dan@example.com', password!);
      await expectAppError(resolve(signed.session, fx.as(dan.session)), 'auth.session_revoked');
      const { orgId: otherOrg } = await fx.newOrgWithOwner('other', 'sam@example.com');
      await expectAppError(resolve(signed.session, { ...fx.as(signed.session), orgId: otherOrg }), 'auth.session_revoked');
    });

    it('auth.session_revoked when the membership is deactivated, even if the session itself was not revoked', async () => {
      // Written straight to the store: DeactivateUser revokes sessions too, hiding this check.
      const membership = [...fx.state.tables.memberships.values()].find((m) => m.userId === ownerId)!;
      fx.state.tables.memberships.set(membership.id, { ...membership, deactivatedAt: fx.clock.now() });
      expect(fx.storedSession(signed.session.id).revokedAt).to.equal(null);
      await expectAppError(resolve(signed.session), 'auth.session_revoked');
    });

    it('auth.session_revoked once the session reaches its absolute end', async () => {
      fx.clock.advance(720 * MINUTE - 1);
      await resolve(signed.session);
      fx.clock.advance(1);
      await expectAppError(resolve(signed.session), 'auth.session_revoked');
    });

    describe('ends at once, whatever the access token’s expiry, after', () => {
      let dan: SignInResult;
      let danId: string;

      beforeEach(async () => {
        const invited = await fx.invite(orgId, 'dan@example.com', 'dispatcher');
        danId = invited.userId;
        dan = await fx.signIn('dan@example.com', invited.password!);
      });

      const expectEnded = async (reason: string) => {
        await expectAppError(resolve(dan.session), 'auth.session_revoked');
        expect(fx.storedSession(dan.session.id)).to.deep.include({ revokedAt: fx.clock.now(), revokedReason: reason });
        // The owner's session is untouched.
        await resolve(signed.session);
      };

      it('sign-out', async () => {
        await fx.core.identity.signOut.execute(fx.as(dan.session), { sessionId: dan.session.id });
        await expectEnded('logout');
      });

      it('iam.logoutUser', async () => {
        await fx.core.iam.logoutUser.execute(fx.as(signed.session), { id: danId });
        await expectEnded('logout_by_admin');
      });

      it('deactivation', async () => {
        await fx.core.iam.deactivate.execute(fx.as(signed.session), { id: danId });
        await expectEnded('deactivated');
      });

      it('a role change (the session carries the old role)', async () => {
        await fx.core.iam.changeRole.execute(fx.as(signed.session), { id: danId, role: 'finance' });
        await expectEnded('role_changed');
      });

      it('a password reset', async () => {
        await fx.core.iam.resetPassword.execute(fx.as(signed.session), { id: danId });
        await expectEnded('password_reset');
      });
    });
  });

  describe('GetMe', () => {
    it('lists the user’s active memberships in every org, besides this session', async () => {
      const { orgId: second } = await fx.newOrgWithOwner('second', EMAIL);
      const { orgId: third } = await fx.newOrgWithOwner('third', 'sam@example.com');
      await fx.invite(third, EMAIL, 'viewer');
      await fx.invite(second, 'co@example.com', 'owner');
      await fx.core.iam.deactivate.execute(fx.ctx(second), { id: ownerId });
      // Joining other orgs replaced the org-set password and ended every session: sign in again.
      signed = await fx.signIn(EMAIL, PASSWORD, { orgId });
      const me = await fx.core.identity.me.execute(fx.as(signed.session), { sessionId: signed.session.id });
      expect(me.session.id).to.equal(signed.session.id);
      expect(me.user.email).to.equal(EMAIL);
      expect(me.orgs.map((m) => [m.orgId, m.role])).to.deep.equal([
        [orgId, 'owner'],
        [third, 'viewer'],
      ]);
    });

    it('auth.session_revoked for an ended session', async () => {
      await fx.core.identity.signOut.execute(fx.as(signed.session), { sessionId: signed.session.id });
      await expectAppError(fx.core.identity.me.execute(fx.as(signed.session), { sessionId: signed.session.id }), 'auth.session_revoked');
    });
  });

  describe('SignOut', () => {
    it('revokes only this session, audits it once, and is idempotent', async () => {
      const other = await fx.signIn(EMAIL, PASSWORD);
      const at = fx.clock.advance(MINUTE);
      await fx.core.identity.signOut.execute(fx.as(signed.session, 'req-out'), { sessionId: signed.session.id });
      await fx.core.identity.signOut.execute(fx.as(signed.session), { sessionId: signed.session.id });
      expect(fx.storedSession(signed.session.id)).to.deep.include({ revokedAt: at, revokedReason: 'logout' });
      const rows = fx.auditRows(orgId).filter((r) => r.action === 'auth.logout');
      expect(rows.map((r) => [r.resourceType, r.resourceId, r.actorId, r.requestId])).to.deep.equal([['session', signed.session.id, ownerId, 'req-out']]);
      await resolve(other.session);
    });

    it('another user’s session id is a no-op: one signs out only oneself', async () => {
      const { password } = await fx.invite(orgId, 'dan@example.com', 'dispatcher');
      const dan = await fx.signIn('dan@example.com', password!);
      await fx.core.identity.signOut.execute(fx.as(dan.session), { sessionId: signed.session.id });
      await resolve(signed.session);
    });

    it('an unknown session id is a no-op', async () => {
      const before = fx.auditRows(orgId).length;
      await fx.core.identity.signOut.execute(fx.as(signed.session), { sessionId: fx.ids.peek(50) });
      expect(fx.auditRows(orgId)).to.have.length(before);
    });
  });

  describe('SwitchOrg', () => {
    let second: string;

    beforeEach(async () => {
      ({ orgId: second } = await fx.newOrgWithOwner('second', 'sam@example.com'));
      await fx.invite(second, EMAIL, 'finance');
      // Accepting replaced the org-set password and ended every session: sign in again.
      signed = await fx.signIn(EMAIL, PASSWORD, { orgId });
    });

    it('issues a session in the other org with the role there, audited there; the current session lives on', async () => {
      const at = fx.clock.advance(MINUTE);
      const switched = await fx.core.identity.switchOrg.execute(fx.as(signed.session, 'req-switch'), { sessionId: signed.session.id, orgId: second });
      expect(switched.session).to.deep.include({ orgId: second, userId: ownerId, role: 'finance', mfaVerified: false, createdAt: at });
      expect(switched.membership).to.deep.include({ orgId: second, role: 'finance' });
      expect(switched.refreshToken.startsWith(`${second}.`)).to.equal(true);
      expect(fx.storedSession(switched.session.id)).to.deep.equal(switched.session);
      const rows = fx.auditRows(second).filter((r) => r.action === 'auth.switch_org');
      expect(rows.map((r) => [r.resourceId, r.actorId, r.actorRole, r.requestId, r.metadata])).to.deep.equal([
        [switched.session.id, ownerId, 'finance', 'req-switch', { from_org_id: orgId }],
      ]);
      await resolve(switched.session);
      await resolve(signed.session);
      // The new refresh token belongs to the new session.
      const refreshed = await fx.core.identity.refresh.execute(fx.attempt(undefined, '192.0.2.1'), { refreshToken: switched.refreshToken });
      expect(refreshed.session.id).to.equal(switched.session.id);
    });

    it('keeps a proven second factor', async () => {
      const { secret } = await fx.enableTotp(signed.session);
      const proven = await fx.signIn(EMAIL, PASSWORD, { orgId, totpCode: fx.code(secret) });
      expect(proven.session.mfaVerified).to.equal(true);
      const switched = await fx.core.identity.switchOrg.execute(fx.as(proven.session), { sessionId: proven.session.id, orgId: second });
      expect(switched.session.mfaVerified).to.equal(true);
    });

    it('auth.forbidden for an org the user is not (or no longer) an active member of', async () => {
      const { orgId: stranger } = await fx.newOrgWithOwner('stranger', 'tia@example.com');
      await expectAppError(fx.core.identity.switchOrg.execute(fx.as(signed.session), { sessionId: signed.session.id, orgId: stranger }), 'auth.forbidden');
      await fx.core.iam.deactivate.execute(fx.ctx(second), { id: ownerId });
      await expectAppError(fx.core.identity.switchOrg.execute(fx.as(signed.session), { sessionId: signed.session.id, orgId: second }), 'auth.forbidden');
      expect([...fx.state.tables.sessions.values()].filter((s) => s.orgId !== orgId)).to.deep.equal([]);
    });

    it('validation.failed for a malformed org id; auth.session_revoked from an ended session', async () => {
      await expectInvalid(fx.core.identity.switchOrg.execute(fx.as(signed.session), { sessionId: signed.session.id, orgId: 'second' }), ['/orgId']);
      await fx.core.identity.signOut.execute(fx.as(signed.session), { sessionId: signed.session.id });
      await expectAppError(fx.core.identity.switchOrg.execute(fx.as(signed.session), { sessionId: signed.session.id, orgId: second }), 'auth.session_revoked');
    });
  });

  describe('ChangePassword', () => {
    let danId: string;
    let temporary: string;
    let dan: SignInResult;

    beforeEach(async () => {
      const invited = await fx.invite(orgId, 'dan@example.com', 'dispatcher');
      [danId, temporary] = [invited.userId, invited.password!];
      dan = await fx.signIn('dan@example.com', temporary);
    });

    const change = (currentPassword: unknown, newPassword: unknown, session = dan.session) =>
      fx.core.identity.changePassword.execute(fx.as(session, 'req-pw'), ({ sessionId: session.id, currentPassword, newPassword } as never));

    it('sets the new password, clears mustChangePassword, and ends the user’s other sessions here but not this one', async () => {
      const otherDan = await fx.signIn('dan@example.com', temporary);
      expect(fx.storedUser(danId).mustChangePassword).to.equal(true);
      const at = fx.clock.advance(MINUTE);
      await change(temporary, NEW_PASSWORD);

      const stored = fx.storedUser(danId);
      expect(stored).to.deep.include({ mustChangePassword: false, passwordChangedAt: at, updatedAt: at });
      expect(await fx.hasher.verify(stored.passwordHash, NEW_PASSWORD)).to.equal(true);
      await resolve(dan.session);
      expect(fx.storedSession(otherDan.session.id)).to.deep.include({ revokedAt: at, revokedReason: 'password_changed' });
      await resolve(signed.session); // another user's session is no business of this
      const rows = fx.auditRows(orgId).filter((r) => r.action === 'auth.password_change');
      expect(rows.map((r) => [r.resourceId, r.actorId, r.requestId, r.metadata])).to.deep.equal([[danId, danId, 'req-pw', { other_sessions_ended: 1 }]]);

      await expectAppError(fx.signIn('dan@example.com', temporary), 'auth.invalid_credentials');
      expect((await fx.signIn('dan@example.com', NEW_PASSWORD)).user.mustChangePassword).to.equal(false);
    });

    it('ends the user’s sessions in their other orgs too (one account, one password), audited there', async () => {
      const { orgId: otherOrg } = await fx.newOrgWithOwner('other', 'sam@example.com');
      // Dan accepts the other org's invitation, choosing his own password (PASSWORD).
      await fx.invite(otherOrg, 'dan@example.com', 'viewer');
      const here = await fx.signIn('dan@example.com', PASSWORD, { orgId });
      const elsewhere = await fx.signIn('dan@example.com', PASSWORD, { orgId: otherOrg });
      const at = fx.clock.advance(MINUTE);
      await change(PASSWORD, NEW_PASSWORD, here.session);
      expect(fx.storedSession(elsewhere.session.id)).to.deep.include({ revokedAt: at, revokedReason: 'password_changed' });
      const there = fx.auditRows(otherOrg).filter((r) => r.action === 'auth.sessions_ended');
      expect(there.map((r) => [r.resourceId, r.metadata])).to.deep.equal([[danId, { reason: 'password_changed', sessions_ended: 1, changed_in_org_id: orgId }]]);
    });

    // A field error (422), not 401: the session itself is fine.
    it('validation.failed (/currentPassword) for a wrong current password, changing nothing', async () => {
      const before = fx.storedUser(danId);
      await expectInvalid(change('Not-The-Password-1', NEW_PASSWORD), ['/currentPassword']);
      await expectInvalid(change(undefined, NEW_PASSWORD), ['/currentPassword']);
      expect(fx.storedUser(danId)).to.deep.equal(before);
      await resolve(dan.session);
    });

    it('wrong current passwords count as failed sign-ins: after 10, request.rate_limited here and at sign-in', async () => {
      for (let i = 0; i < 10; i += 1) await expectInvalid(change(`Not-The-Password-${i}`, NEW_PASSWORD), ['/currentPassword']);
      const err = await expectAppError(change(temporary, NEW_PASSWORD), 'request.rate_limited');
      expect(err.retryAfterSeconds).to.be.greaterThan(0);
      await expectAppError(fx.signIn('dan@example.com', temporary), 'request.rate_limited');
      expect(fx.storedUser(danId).mustChangePassword).to.equal(true);
    });

    it('validation.failed for a short, long, guessable, email-equal or unchanged new password', async () => {
      for (const weak of ['Short-1', 'x'.repeat(257), 'MyPassword-Is-Long', 'qwerty-qwerty-1', 'welcome-home-2026', 'Dan@Example.com', temporary, 42]) {
        await expectInvalid(change(temporary, weak), ['/newPassword']);
      }
      expect(fx.storedUser(danId).mustChangePassword).to.equal(true);
    });

    it('auth.session_revoked from an ended session', async () => {
      await fx.core.identity.signOut.execute(fx.as(dan.session), { sessionId: dan.session.id });
      await expectAppError(change(temporary, NEW_PASSWORD), 'auth.session_revoked');
    });
  });
});
