import { expect } from 'chai';
import type { IdentityOptions, SignInResult } from '@cws/core';
import { expectAppError, expectInvalid, T0 } from '../support/core-fixture.js';
import { MINUTE } from '../support/fixed-clock.js';
import { CLIENT_IP, identityFixture, PASSWORD, STEP_MS, type IdentityFixture } from '../support/identity-fixture.js';
import { codeAt, totpStep, wrongCodeAt } from '../support/oracle-totp-verifier.js';

const EMAIL = 'olga@example.com';

describe('RefreshSession', () => {
  let fx: IdentityFixture;
  let orgId: string;
  let signed: SignInResult;

  async function setUp(identity: Partial<IdentityOptions> = {}) {
    fx = identityFixture({ identity });
    ({ orgId } = await fx.newOrgWithOwner('acme', EMAIL));
    signed = await fx.signIn(EMAIL, PASSWORD);
  }

  const refresh = (refreshToken: unknown, extra: { totpCode?: string; requestId?: string } = {}) =>
    fx.core.identity.refresh.execute(fx.attempt(extra.requestId), ({ refreshToken, ...(extra.totpCode !== undefined ? { totpCode: extra.totpCode } : {}) } as never));
  const recordOf = (token: string) => [...fx.state.tables.refreshTokens.values()].find((r) => r.tokenHash === fx.tokens.hash(token.split('.')[1]!))!;

  describe('rotation', () => {
    beforeEach(() => setUp());

    it('exchanges the token for a new one and marks the old one rotated; the new one works in turn', async () => {
      const at = fx.clock.advance(5 * MINUTE);
      const first = await refresh(signed.refreshToken);
      expect(first.refreshToken).not.to.equal(signed.refreshToken);
      expect(first.refreshToken.startsWith(`${orgId}.`)).to.equal(true);
      expect(first.session).to.deep.equal({ ...signed.session, lastSeenAt: at });
      expect(fx.storedSession(signed.session.id).lastSeenAt).to.deep.equal(at);
      expect(recordOf(signed.refreshToken).rotatedAt).to.deep.equal(at);
      expect(recordOf(first.refreshToken)).to.deep.include({ sessionId: signed.session.id, rotatedAt: null, createdAt: at });

      fx.clock.advance(MINUTE);
      const second = await refresh(first.refreshToken);
      expect(second.session.id).to.equal(signed.session.id);
      expect(recordOf(first.refreshToken).rotatedAt).not.to.equal(null);
    });

    it('presenting a rotated token again is reuse: the session is revoked (audited) and the newest token dies too', async () => {
      const rotatedAt = fx.clock.advance(MINUTE);
      const next = await refresh(signed.refreshToken);
      const at = fx.clock.advance(MINUTE);
      await expectAppError(refresh(signed.refreshToken, { requestId: 'req-reuse' }), 'auth.session_revoked');

      expect(fx.storedSession(signed.session.id)).to.deep.include({ revokedAt: at, revokedReason: 'refresh_token_reuse' });
      const rows = fx.auditRows(orgId).filter((r) => r.action === 'auth.refresh_reuse');
      expect(rows.map((r) => [r.actorId, r.resourceType, r.resourceId, r.requestId])).to.deep.equal([
        [signed.user.id, 'session', signed.session.id, 'req-reuse'],
      ]);
      expect(rows[0]!.metadata).to.deep.equal({ client_ip: CLIENT_IP, rotated_at: rotatedAt.toISOString() });

      await expectAppError(fx.core.identity.resolveSession.execute(fx.as(signed.session), { sessionId: signed.session.id }), 'auth.session_revoked');
      await expectAppError(refresh(next.refreshToken), 'auth.session_revoked');
    });

    it('a session whose membership was deactivated cannot be refreshed, even if not revoked', async () => {
      // Written straight to the store: DeactivateUser revokes the sessions too, hiding this check.
      const membership = [...fx.state.tables.memberships.values()].find((m) => m.userId === signed.user.id)!;
      fx.state.tables.memberships.set(membership.id, { ...membership, deactivatedAt: fx.clock.now() });
      await expectAppError(refresh(signed.refreshToken), 'auth.session_revoked');
      expect(recordOf(signed.refreshToken).rotatedAt).to.equal(null);
    });

    it('a signed-out session cannot be refreshed', async () => {
      await fx.core.identity.signOut.execute(fx.as(signed.session), { sessionId: signed.session.id });
      await expectAppError(refresh(signed.refreshToken), 'auth.session_revoked');
      expect(recordOf(signed.refreshToken).rotatedAt).to.equal(null);
    });
  });

  describe('lifetimes', () => {
    it('a refresh token past its own expiry is refused, though the session lives on', async () => {
      await setUp({ refreshTokenTtlMinutes: 60 });
      expect(signed.refreshExpiresAt).to.deep.equal(new Date(T0.getTime() + 60 * MINUTE));
      fx.clock.advance(60 * MINUTE);
      await expectAppError(refresh(signed.refreshToken), 'auth.session_revoked');
      await fx.core.identity.resolveSession.execute(fx.as(signed.session), { sessionId: signed.session.id });
    });

    it('a refresh just before its expiry gets a new token with a fresh expiry', async () => {
      await setUp({ refreshTokenTtlMinutes: 60 });
      const at = fx.clock.advance(59 * MINUTE);
      const next = await refresh(signed.refreshToken);
      expect(next.refreshExpiresAt).to.deep.equal(new Date(at.getTime() + 60 * MINUTE));
    });

    it('never goes past the session’s absolute end, whatever the refresh TTL', async () => {
      await setUp(); // session 720 min, refresh 14 days
      const end = new Date(T0.getTime() + 720 * MINUTE);
      fx.clock.advance(700 * MINUTE);
      const next = await refresh(signed.refreshToken);
      expect(next.refreshExpiresAt).to.deep.equal(end);
      expect(next.session.expiresAt).to.deep.equal(end);
      fx.clock.set(end);
      await expectAppError(refresh(next.refreshToken), 'auth.session_revoked');
    });
  });

  describe('bad tokens', () => {
    beforeEach(() => setUp());

    it('auth.token_invalid for malformed tokens', async () => {
      const secret = signed.refreshToken.split('.')[1]!;
      for (const token of ['', 'garbage', secret, `${orgId}.short`, `not-a-uuid.${secret}`, `${orgId}.${secret}${'x'.repeat(100)}`]) {
        await expectAppError(refresh(token), 'auth.token_invalid');
      }
    });

    it('validation.failed for what is not a token at all: missing, not a string, or longer than 200 characters', async () => {
      const secret = signed.refreshToken.split('.')[1]!;
      for (const token of [undefined, 42, `${orgId}.${secret}${'x'.repeat(200)}`]) await expectInvalid(refresh(token), ['/refreshToken']);
    });

    it('auth.token_invalid for a well-formed unknown token, and for a real secret under another org’s id', async () => {
      await expectAppError(refresh(`${orgId}.${fx.tokens.random(32)}`), 'auth.token_invalid');
      const { orgId: otherOrg } = await fx.newOrgWithOwner('other', 'sam@example.com');
      await expectAppError(refresh(`${otherOrg}.${signed.refreshToken.split('.')[1]!}`), 'auth.token_invalid');
      // Neither attempt spent the real token.
      await refresh(signed.refreshToken);
    });
  });

  describe('with ADMIN_MFA_REQUIRED', () => {
    let secondOrg: string;
    let unproven: SignInResult;
    let secret: string;

    /**
     * Enabling TOTP proves the enabling session and ends every other session of the user in all
     * their orgs, so no flow leaves an owner with TOTP on and an unproven session. Refresh still
     * demands the code from one (defence in depth, e.g. sessions from before a rule change), so
     * the test plants one: the enabling session, marked unproven in storage.
     */
    async function ownerWithUnprovenSession(identity: Partial<IdentityOptions>) {
      await setUp(identity);
      ({ orgId: secondOrg } = await fx.newOrgWithOwner('second', EMAIL));
      const elsewhere = await fx.signIn(EMAIL, PASSWORD, { orgId: secondOrg });
      unproven = await fx.signIn(EMAIL, PASSWORD, { orgId });
      ({ secret } = await fx.enableTotp(unproven.session));
      expect(fx.storedSession(elsewhere.session.id).revokedAt, 'sessions in other orgs end too').to.not.equal(null);
      const row = fx.state.tables.sessions.get(unproven.session.id)!;
      fx.state.tables.sessions.set(row.id, { ...row, mfaVerified: false });
      expect(fx.storedSession(unproven.session.id)).to.deep.include({ revokedAt: null, mfaVerified: false });
    }

    it('an owner session not yet proven needs a code; a wrong one changes nothing, a right one upgrades the session', async () => {
      await ownerWithUnprovenSession({ adminMfaRequired: true });
      await expectAppError(refresh(unproven.refreshToken), 'auth.mfa_required');
      await expectAppError(refresh(unproven.refreshToken, { totpCode: wrongCodeAt(secret, fx.clock.now()) }), 'auth.mfa_required');
      expect(recordOf(unproven.refreshToken).rotatedAt).to.equal(null);
      expect(fx.storedSession(unproven.session.id).mfaVerified).to.equal(false);

      const next = await refresh(unproven.refreshToken, { totpCode: fx.code(secret) });
      expect(next.session).to.deep.include({ id: unproven.session.id, mfaVerified: true });
      expect(fx.storedSession(unproven.session.id).mfaVerified).to.equal(true);
      expect(fx.storedUser(unproven.user.id).totpLastStep).to.equal(totpStep(fx.clock.now()));
      // Once proven, later refreshes need no code.
      await refresh(next.refreshToken);
    });

    it('a replayed code is refused and its holder told, once per code', async () => {
      await ownerWithUnprovenSession({ adminMfaRequired: true });
      // The code enrolment spent, one step ago, is still inside the window: a replay.
      const spent = codeAt(secret, new Date(fx.clock.now().getTime() - STEP_MS));
      for (let i = 0; i < 2; i++) await expectAppError(refresh(unproven.refreshToken, { totpCode: spent }), 'auth.mfa_required');
      expect(fx.storedSession(unproven.session.id).mfaVerified).to.equal(false);
      const notices = fx.queued(EMAIL, 'security_totp_replay');
      expect(notices.map((n) => [n.event.orgId, n.event.dedupeKey])).to.deep.equal([[orgId, `account:${unproven.user.id}:totp_replay:${totpStep(fx.clock.now()) - 1}`]]);
    });

    it('ten wrong codes: request.rate_limited, even for the right one', async () => {
      await ownerWithUnprovenSession({ adminMfaRequired: true });
      for (let i = 0; i < 10; i += 1) {
        await expectAppError(refresh(unproven.refreshToken, { totpCode: wrongCodeAt(secret, fx.clock.now()) }), 'auth.mfa_required');
      }
      const err = await expectAppError(refresh(unproven.refreshToken, { totpCode: fx.code(secret) }), 'request.rate_limited');
      expect(err.retryAfterSeconds).to.be.greaterThan(0);
    });

    it('without the flag, the same session refreshes without a code and stays unproven', async () => {
      await ownerWithUnprovenSession({ adminMfaRequired: false });
      const next = await refresh(unproven.refreshToken);
      expect(next.session.mfaVerified).to.equal(false);
    });

    it('an owner without TOTP refreshes without a code (enrolment is enforced elsewhere)', async () => {
      await setUp({ adminMfaRequired: true });
      const next = await refresh(signed.refreshToken);
      expect(next.session.mfaVerified).to.equal(false);
    });
  });
});
