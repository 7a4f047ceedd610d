import { expect } from 'chai';
import { AesGcmSecretSealer } from '@cws/core';
import { totpVerifierContract } from '@cws/contract-tests';
import type { SignInResult } from '@cws/core';
import { expectAppError, expectInvalid } from '../support/core-fixture.js';
import { MINUTE } from '../support/fixed-clock.js';
import { GatedHasher } from '../support/gated-hasher.js';
import { identityFixture, PASSWORD, type IdentityFixture } from '../support/identity-fixture.js';
import { OracleTotpVerifier, totpStep, wrongCodeAt } from '../support/oracle-totp-verifier.js';

const EMAIL = 'olga@example.com';

// The double the core tests use must behave like the real adapter.
totpVerifierContract('OracleTotpVerifier (core test double)', () => new OracleTotpVerifier());

describe('TOTP (EnrollTotp, VerifyTotp, DisableTotp)', () => {
  let fx: IdentityFixture;
  let orgId: string;
  let ownerId: string;
  let signed: SignInResult;

  beforeEach(async () => {
    fx = identityFixture();
    ({ orgId, ownerId } = await fx.newOrgWithOwner('acme', EMAIL));
    signed = await fx.signIn(EMAIL, PASSWORD);
  });

  const enroll = (session = signed.session, currentPassword: unknown = PASSWORD) =>
    fx.core.identity.enrollTotp.execute(fx.as(session, 'req-2fa'), ({ sessionId: session.id, currentPassword, clientIp: '203.0.113.7' } as never));
  const verify = (code: unknown, session = signed.session) => fx.core.identity.verifyTotp.execute(fx.as(session, 'req-2fa'), ({ sessionId: session.id, code } as never));

  describe('EnrollTotp', () => {
    it('returns a base32 secret and its otpauth URI, and stores the secret sealed and pending', async () => {
      const { secret, otpauthUri } = await enroll();
      expect(secret).to.match(/^[A-Z2-7]{32,}$/);
      const uri = new URL(otpauthUri);
      expect(uri.protocol).to.equal('otpauth:');
      expect(uri.searchParams.get('secret')).to.equal(secret);
      expect(uri.searchParams.get('issuer')).to.equal('CleanWithSnapshot');
      expect(decodeURIComponent(uri.pathname)).to.include(EMAIL);

      const stored = fx.storedUser(ownerId);
      expect(stored.totpPendingSecretSealed).to.be.a('string').and.not.include(secret);
      expect(fx.sealer.open(stored.totpPendingSecretSealed!)).to.equal(secret);
      expect(stored).to.deep.include({ totpSecretSealed: null, totpEnabledAt: null });
      expect(fx.auditRows(orgId).filter((r) => r.action === 'auth.mfa_enroll').map((r) => [r.resourceId, r.requestId])).to.deep.equal([[ownerId, 'req-2fa']]);
      // Not on yet: signing in still needs no code.
      expect((await fx.signIn(EMAIL, PASSWORD)).session.mfaVerified).to.equal(false);
    });

    it('needs the current password (step-up): a stolen access token alone cannot enrol, and wrong passwords count as failed sign-ins', async () => {
      await expectInvalid(enroll(signed.session, null), ['/currentPassword']);
      for (let i = 0; i < 10; i += 1) await expectInvalid(enroll(signed.session, `Not-The-Password-${i}`), ['/currentPassword']);
      expect(fx.storedUser(ownerId).totpPendingSecretSealed).to.equal(null);
      await expectAppError(enroll(signed.session, PASSWORD), 'request.rate_limited');
      await expectAppError(fx.signIn(EMAIL, PASSWORD), 'request.rate_limited');
      expect(fx.auditRows(orgId).filter((r) => r.action === 'auth.mfa_enroll')).to.deep.equal([]);
    });

    it('uses the configured issuer', async () => {
      fx = identityFixture({ identity: { totpIssuer: 'Sparkle & Shine' } });
      await fx.newOrgWithOwner('acme', EMAIL);
      signed = await fx.signIn(EMAIL, PASSWORD);
      const { otpauthUri } = await enroll();
      expect(new URL(otpauthUri).searchParams.get('issuer')).to.equal('Sparkle & Shine');
    });

    it('enrolling again replaces the pending secret', async () => {
      const first = await enroll();
      const second = await enroll();
      expect(second.secret).not.to.equal(first.secret);
      await expectInvalid(verify(fx.code(first.secret)), ['/code']);
      await verify(fx.code(second.secret));
    });

    it('identity.mfa_already_enabled once TOTP is on', async () => {
      await fx.enableTotp(signed.session);
      const sealedBefore = fx.storedUser(ownerId).totpSecretSealed;
      await expectAppError(enroll(), 'identity.mfa_already_enabled');
      expect(fx.storedUser(ownerId)).to.deep.include({ totpSecretSealed: sealedBefore, totpPendingSecretSealed: null });
    });

    it('auth.session_revoked from an ended session', async () => {
      await fx.core.identity.signOut.execute(fx.as(signed.session), { sessionId: signed.session.id });
      await expectAppError(enroll(), 'auth.session_revoked');
    });
  });

  describe('VerifyTotp', () => {
    it('turns TOTP on, proves this session, ends the others here, and returns 10 recovery codes once', async () => {
      const other = await fx.signIn(EMAIL, PASSWORD);
      const { secret } = await enroll();
      const at = fx.clock.advance(MINUTE);
      const { recoveryCodes } = await verify(fx.code(secret));

      expect(recoveryCodes).to.have.length(10);
      expect(new Set(recoveryCodes).size).to.equal(10);
      for (const code of recoveryCodes) expect(code).to.match(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);

      const stored = fx.storedUser(ownerId);
      expect(stored).to.deep.include({ totpEnabledAt: at, totpPendingSecretSealed: null, totpLastStep: totpStep(at) });
      expect(fx.sealer.open(stored.totpSecretSealed!)).to.equal(secret);
      // Only hashes of the recovery codes are kept.
      expect([...stored.recoveryCodeHashes].sort()).to.deep.equal(recoveryCodes.map((c) => fx.tokens.hash(c.replace(/-/g, ''))).sort());
      expect(JSON.stringify(stored)).not.to.include(recoveryCodes[0]!.replace(/-/g, ''));

      expect(fx.storedSession(signed.session.id)).to.deep.include({ mfaVerified: true, revokedAt: null });
      expect(fx.storedSession(other.session.id)).to.deep.include({ revokedAt: at, revokedReason: 'mfa_enabled' });
      const rows = fx.auditRows(orgId).filter((r) => r.action === 'auth.mfa_enable');
      expect(rows.map((r) => [r.resourceId, r.requestId, r.metadata])).to.deep.equal([[ownerId, 'req-2fa', { other_sessions_ended: 1 }]]);

      // From now on a sign-in needs a code.
      await expectAppError(fx.signIn(EMAIL, PASSWORD), 'auth.mfa_required');
    });

    it('the code used to verify is spent: it cannot sign in', async () => {
      const { secret } = await enroll();
      const code = fx.code(secret);
      await verify(code);
      await expectAppError(fx.signIn(EMAIL, PASSWORD, { totpCode: code }), 'auth.mfa_required');
    });

    // A wrong code is a field error of this request (422), not a failed authentication (401).
    it('validation.failed (/code) for a wrong, missing or malformed code; TOTP stays off and the enrolment pending', async () => {
      const { secret } = await enroll();
      await expectInvalid(verify(wrongCodeAt(secret, fx.clock.now())), ['/code']);
      await expectInvalid(verify(undefined), ['/code']);
      await expectInvalid(verify('12ab56'), ['/code']);
      const stored = fx.storedUser(ownerId);
      expect(stored).to.deep.include({ totpEnabledAt: null, totpSecretSealed: null, recoveryCodeHashes: [] });
      expect(stored.totpPendingSecretSealed).not.to.equal(null);
      expect(fx.storedSession(signed.session.id).mfaVerified).to.equal(false);
    });

    it('after 10 wrong codes, request.rate_limited even for the right code, until the window ends', async () => {
      const { secret } = await enroll();
      for (let i = 0; i < 10; i += 1) await expectInvalid(verify(wrongCodeAt(secret, fx.clock.now())), ['/code']);
      const err = await expectAppError(verify(fx.code(secret)), 'request.rate_limited');
      expect(err.retryAfterSeconds).to.be.greaterThan(0).and.at.most(15 * 60);
      expect(fx.storedUser(ownerId).totpEnabledAt).to.equal(null);
      fx.clock.advance(15 * MINUTE);
      await verify(fx.code(secret));
    });

    it('identity.mfa_not_enrolled without a pending enrolment', async () => {
      await expectAppError(verify('123456'), 'identity.mfa_not_enrolled');
    });
  });

  describe('when the stored secret cannot be read', () => {
    it('identity.totp_unreadable (not a 500) after MFA_SECRET_KEY changed; a recovery code still signs in', async () => {
      const { recoveryCodes } = await fx.enableTotp(signed.session);
      // The sealed secret of another key, as after a rotation of MFA_SECRET_KEY.
      const rotated = new AesGcmSecretSealer('another-sealing-secret').seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
      fx.state.tables.users.set(ownerId, { ...fx.storedUser(ownerId), totpSecretSealed: rotated });
      const err = await expectAppError(fx.signIn(EMAIL, PASSWORD, { totpCode: '123456' }), 'identity.totp_unreadable');
      expect(err.kind).to.equal('precondition');
      expect(err.message).to.match(/recovery code/);
      expect((await fx.signIn(EMAIL, PASSWORD, { recoveryCode: recoveryCodes[0]! })).session.mfaVerified).to.equal(true);
    });
  });

  describe('a code used twice', () => {
    it('says it was already used, so the holder waits for the next one', async () => {
      const { secret } = await fx.enableTotp(signed.session);
      const code = fx.code(secret);
      await fx.signIn(EMAIL, PASSWORD, { totpCode: code });
      const err = await expectAppError(fx.signIn(EMAIL, PASSWORD, { totpCode: code }), 'auth.mfa_required');
      expect(err.message).to.match(/already used/);
      expect(err.details).to.deep.equal({ reason: 'code_already_used' });
    });
  });

  describe('DisableTotp', () => {
    let adminId: string;
    let adminPassword: string;
    let admin: SignInResult;

    beforeEach(async () => {
      const invited = await fx.invite(orgId, 'ada@example.com', 'admin');
      [adminId, adminPassword] = [invited.userId, invited.password!];
      admin = await fx.signIn('ada@example.com', adminPassword);
      await fx.enableTotp(admin.session, adminPassword);
    });

    const disable = (userId: unknown, ctx = fx.as(signed.session, 'req-off')) => fx.core.identity.disableTotp.execute(ctx, ({ userId } as never));

    it('an owner turns a member’s TOTP off: secret and codes cleared, their sessions here ended, audited', async () => {
      const at = fx.clock.advance(MINUTE);
      await disable(adminId);
      expect(fx.storedUser(adminId)).to.deep.include({
        totpSecretSealed: null,
        totpPendingSecretSealed: null,
        totpEnabledAt: null,
        totpLastStep: null,
        recoveryCodeHashes: [],
        updatedAt: at,
      });
      expect(fx.storedSession(admin.session.id)).to.deep.include({ revokedAt: at, revokedReason: 'mfa_disabled' });
      const rows = fx.auditRows(orgId).filter((r) => r.action === 'auth.mfa_disable');
      expect(rows.map((r) => [r.resourceId, r.actorId, r.requestId, r.metadata])).to.deep.equal([[adminId, ownerId, 'req-off', { sessions_ended: 1 }]]);
      // The member signs in without a code (same password) and may enrol again.
      const again = await fx.signIn('ada@example.com', adminPassword);
      expect(again.session.mfaVerified).to.equal(false);
      await fx.core.identity.enrollTotp.execute(fx.as(again.session), { sessionId: again.session.id, currentPassword: adminPassword });
    });

    it('iam.owner_only for an admin, even on themself', async () => {
      await expectAppError(disable(adminId, fx.as(admin.session)), 'iam.owner_only');
      await expectAppError(disable(ownerId, fx.as(admin.session)), 'iam.owner_only');
      expect(fx.storedUser(adminId).totpEnabledAt).not.to.equal(null);
      expect(fx.storedSession(admin.session.id).revokedAt).to.equal(null);
    });

    it('validation.failed for a malformed id; identity.user_not_found outside this org', async () => {
      await expectInvalid(disable('ada'), ['/userId']);
      await expectAppError(disable(fx.ids.peek(50)), 'identity.user_not_found');
      const { ownerId: strangerId } = await fx.newOrgWithOwner('other', 'sam@example.com');
      await expectAppError(disable(strangerId), 'identity.user_not_found');
    });
  });
});

/**
 * ChangePassword reads the user in one unit of work (loadSession) and writes after the slow
 * password hashing. It must write only the password fields: a whole-row write of the copy it
 * read would undo what changed meanwhile — here, TOTP being turned on.
 */
describe('TOTP under concurrency: writes name only the fields they change', () => {
  it('TOTP enabled while a password change is in flight stays enabled', async () => {
    const hasher = new GatedHasher();
    const fx = identityFixture({ passwordHasher: hasher });
    const { ownerId } = await fx.newOrgWithOwner('acme', EMAIL);
    const { session } = await fx.signIn(EMAIL, PASSWORD);
    const { secret } = await fx.core.identity.enrollTotp.execute(fx.as(session), { sessionId: session.id, currentPassword: PASSWORD });

    // Hold the password change after it has read the user, and enable TOTP meanwhile.
    const { reached, release } = hasher.holdNextVerify();
    const changing = fx.core.identity.changePassword.execute(fx.as(session), { sessionId: session.id, currentPassword: PASSWORD, newPassword: 'Fresh-Mop-Bucket-2026' });
    await reached;
    const { recoveryCodes } = await fx.core.identity.verifyTotp.execute(fx.as(session), { sessionId: session.id, code: fx.code(secret) });
    expect(recoveryCodes).to.have.length(10);
    release();
    await changing;

    const stored = fx.storedUser(ownerId);
    expect({ enabled: stored.totpEnabledAt !== null, sealed: stored.totpSecretSealed !== null, recoveryCodes: stored.recoveryCodeHashes.length }, 'TOTP must stay on').to.deep.equal({
      enabled: true,
      sealed: true,
      recoveryCodes: 10,
    });
  });
});
