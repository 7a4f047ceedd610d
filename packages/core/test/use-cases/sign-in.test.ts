import { expect } from 'chai';
import { RandomSecretTokens } from '@cws/core';
import { ScryptPasswordHasher, type AuthSession, type PasswordHasher } from '@cws/core';
import { expectAppError, expectInvalid, T0 } from '../support/core-fixture.js';
import { MINUTE } from '../support/fixed-clock.js';
import { CLIENT_IP, identityFixture, PASSWORD, STEP_MS, type IdentityFixture } from '../support/identity-fixture.js';
import { GatedHasher } from '../support/gated-hasher.js';
import { totpStep, wrongCodeAt } from '../support/oracle-totp-verifier.js';

const EMAIL = 'olga@example.com';

describe('SignIn', () => {
  let fx: IdentityFixture;
  let orgId: string;
  let ownerId: string;

  beforeEach(async () => {
    fx = identityFixture();
    ({ orgId, ownerId } = await fx.newOrgWithOwner('acme', EMAIL));
  });

  const loginFailures = () => fx.state.systemAudit.filter((r) => r.action === 'auth.login_failed');

  it('returns a session in the only org, a refresh token `<orgId>.<secret>`, and audits the login', async () => {
    const [sessionId, refreshId, auditId] = [fx.ids.peek(1), fx.ids.peek(2), fx.ids.peek(3)];
    const result = await fx.signIn('Olga@Example.COM', PASSWORD, { requestId: 'req-login' });
    const expected: AuthSession = {
      id: sessionId,
      orgId,
      userId: ownerId,
      role: 'owner',
      mfaVerified: false,
      createdAt: T0,
      expiresAt: new Date(T0.getTime() + 720 * MINUTE),
      lastSeenAt: T0,
      revokedAt: null,
      revokedReason: null,
    };
    expect(result.session).to.deep.equal(expected);
    expect(fx.storedSession(sessionId)).to.deep.equal(expected);
    expect(result.user.id).to.equal(ownerId);
    expect(result.membership).to.deep.include({ orgId, userId: ownerId, role: 'owner' });

    const [prefix, secret] = result.refreshToken.split('.');
    expect(prefix).to.equal(orgId);
    expect(secret).to.match(/^[A-Za-z0-9_-]{43}$/);
    // The refresh token never outlives the session (default refresh TTL is 14 days).
    expect(result.refreshExpiresAt).to.deep.equal(expected.expiresAt);
    const record = fx.state.tables.refreshTokens.get(refreshId)!;
    expect(record).to.deep.include({ sessionId, orgId, tokenHash: fx.tokens.hash(secret!), rotatedAt: null, expiresAt: expected.expiresAt });

    const rows = fx.auditRows(orgId).filter((r) => r.action === 'auth.login');
    expect(rows.map((r) => [r.id, r.actorId, r.actorRole, r.resourceType, r.resourceId, r.requestId])).to.deep.equal([
      [auditId, ownerId, 'owner', 'user', ownerId, 'req-login'],
    ]);
    expect(rows[0]!.metadata).to.deep.equal({ session_id: sessionId, mfa_verified: false, client_ip: CLIENT_IP });
    expect(loginFailures()).to.deep.equal([]);
  });

  describe('wrong credentials', () => {
    it('a wrong password and an unknown email get the same error, and no session', async () => {
      const wrong = await expectAppError(fx.signIn(EMAIL, 'Not-The-Password-1'), 'auth.invalid_credentials');
      const unknown = await expectAppError(fx.signIn('nobody@example.com', PASSWORD), 'auth.invalid_credentials');
      expect(unknown.message).to.equal(wrong.message);
      expect(unknown.details).to.deep.equal(wrong.details);
      expect(fx.state.tables.sessions.size).to.equal(0);
      expect(fx.auditRows(orgId).map((r) => r.action)).not.to.include('auth.login');
    });

    it('audits each failure to the system audit with its reason and a keyed fingerprint of the email, never the email', async () => {
      await expectAppError(fx.signIn(EMAIL, 'Not-The-Password-1', { requestId: 'req-a' }), 'auth.invalid_credentials');
      await expectAppError(fx.signIn('Nobody@Example.com', PASSWORD, { requestId: 'req-b', clientIp: '198.51.100.9' }), 'auth.invalid_credentials');
      const rows = loginFailures();
      expect(rows.map((r) => [r.actorId, r.reason, r.requestId, r.createdAt])).to.deep.equal([
        [ownerId, 'wrong_password', 'req-a', T0],
        ['anonymous', 'unknown_email', 'req-b', T0],
      ]);
      expect(rows[0]!.metadata).to.deep.equal({ client_ip: CLIENT_IP, user_id: ownerId, email_hmac: fx.tokens.fingerprint(EMAIL) });
      expect(rows[1]!.metadata).to.deep.equal({ client_ip: '198.51.100.9', user_id: null, email_hmac: fx.tokens.fingerprint('nobody@example.com') });
      expect(JSON.stringify(rows).toLowerCase()).not.to.match(/olga@|nobody@/);
      // Not a bare hash: hashing a list of addresses does not find it (the key is the server's).
      expect(JSON.stringify(rows)).not.to.include(fx.tokens.hash(EMAIL));
      expect(fx.tokens.fingerprint(EMAIL)).not.to.equal(new RandomSecretTokens().fingerprint(EMAIL));
      expect(new RandomSecretTokens({ serverSecret: 'k1' }).fingerprint(EMAIL)).to.equal(new RandomSecretTokens({ serverSecret: 'k1' }).fingerprint(EMAIL));
    });

    it('a deactivated membership is refused like a wrong password (reason no_active_membership)', async () => {
      const { userId, password } = await fx.invite(orgId, 'dan@example.com', 'dispatcher');
      await fx.core.iam.deactivate.execute(fx.ctx(orgId), { id: userId });
      const err = await expectAppError(fx.signIn('dan@example.com', password!), 'auth.invalid_credentials');
      expect(err.message).to.equal('The email or password is not correct');
      expect(loginFailures().map((r) => [r.actorId, r.reason])).to.deep.equal([[userId, 'no_active_membership']]);
    });

    it('validation.failed for a missing email and a non-string password', async () => {
      await expectInvalid(fx.core.identity.signIn.execute(fx.attempt(), ({ email: undefined, password: 42 } as never)), ['/email', '/password']);
      await expectInvalid(fx.signIn(EMAIL, PASSWORD, { orgId: 'acme' }), ['/orgId']);
      expect(loginFailures()).to.deep.equal([]);
    });
  });

  describe('brute-force limits (10 failures in 15 minutes)', () => {
    const fail = (email: string, clientIp = CLIENT_IP) => expectAppError(fx.signIn(email, 'Not-The-Password-1', { clientIp }), 'auth.invalid_credentials');

    it('per account: the 11th attempt is refused with Retry-After, even with the right password and from another address', async () => {
      for (let i = 0; i < 10; i += 1) await fail(EMAIL, `198.51.100.${i}`);
      const err = await expectAppError(fx.signIn(EMAIL, PASSWORD, { clientIp: '192.0.2.1' }), 'request.rate_limited');
      expect(err.retryAfterSeconds).to.be.greaterThan(0).and.at.most(15 * 60);
      expect(err.retryable).to.equal(true);
      // A refused attempt is not a failure: nothing more is audited, and the block simply ends.
      expect(loginFailures()).to.have.length(10);
      fx.clock.advance(15 * MINUTE);
      await fx.signIn(EMAIL, PASSWORD);
    });

    it('per address: the 11th attempt from an address is refused for any account; other addresses still work', async () => {
      // Unknown emails: also proves they count (they run against the dummy hash).
      for (let i = 0; i < 10; i += 1) await fail(`stranger${i}@example.com`);
      const err = await expectAppError(fx.signIn(EMAIL, PASSWORD), 'request.rate_limited');
      expect(err.retryAfterSeconds).to.be.greaterThan(0);
      await fx.signIn(EMAIL, PASSWORD, { clientIp: '192.0.2.1' });
    });

    it('a success resets the account’s failures but not the address’s', async () => {
      for (let i = 0; i < 9; i += 1) await fail(EMAIL, '192.0.2.1');
      await fx.signIn(EMAIL, PASSWORD, { clientIp: '192.0.2.1' });
      // Without the reset these would be failures 10..18 of the account, refused from the 11th.
      for (let i = 0; i < 9; i += 1) await fail(EMAIL, '192.0.2.2');
      await fx.signIn(EMAIL, PASSWORD, { clientIp: '192.0.2.2' });
      // 192.0.2.1 still has its 9 failures: one more and it is blocked.
      await fail(EMAIL, '192.0.2.1');
      await expectAppError(fx.signIn(EMAIL, PASSWORD, { clientIp: '192.0.2.1' }), 'request.rate_limited');
    });

    it('without a client address (an embedder that has none): only the account limit applies, and the audit says so', async () => {
      const anonymous = { requestId: 'req-embedded', now: fx.clock.now() };
      for (let i = 0; i < 10; i += 1) {
        await expectAppError(fx.core.identity.signIn.execute(anonymous, { email: `stranger${i}@example.com`, password: 'Not-The-Password-1' }), 'auth.invalid_credentials');
      }
      await fx.core.identity.signIn.execute(anonymous, { email: EMAIL, password: PASSWORD });
      expect(loginFailures().map((r) => r.metadata['client_ip'])).to.deep.equal(Array.from({ length: 10 }, () => null));
    });
  });

  describe('several orgs', () => {
    let secondOrgId: string;

    beforeEach(async () => {
      ({ orgId: secondOrgId } = await fx.newOrgWithOwner('second', EMAIL));
    });

    it('auth.org_required, listing the orgs, when none is chosen', async () => {
      const err = await expectAppError(fx.signIn(EMAIL, PASSWORD), 'auth.org_required');
      expect(err.details).to.deep.equal({
        orgs: [
          { org_id: orgId, role: 'owner' },
          { org_id: secondOrgId, role: 'owner' },
        ],
      });
      expect(fx.state.tables.sessions.size).to.equal(0);
    });

    it('signs in to the chosen org (its id in any case)', async () => {
      const { session, refreshToken } = await fx.signIn(EMAIL, PASSWORD, { orgId: secondOrgId.toUpperCase() });
      expect(session).to.deep.include({ orgId: secondOrgId, userId: ownerId });
      expect(refreshToken.startsWith(`${secondOrgId}.`)).to.equal(true);
    });

    it('auth.forbidden for an org the user is not a member of', async () => {
      const { orgId: strangerOrg } = await fx.newOrgWithOwner('stranger', 'sam@example.com');
      await expectAppError(fx.signIn(EMAIL, PASSWORD, { orgId: strangerOrg }), 'auth.forbidden');
      expect(fx.state.tables.sessions.size).to.equal(0);
    });

    it('a deactivated membership is not offered: the remaining org is chosen without asking', async () => {
      await fx.invite(secondOrgId, 'co@example.com', 'owner'); // so the last-owner rule lets Olga go
      await fx.core.iam.deactivate.execute(fx.ctx(secondOrgId), { id: ownerId });
      const { session } = await fx.signIn(EMAIL, PASSWORD);
      expect(session.orgId).to.equal(orgId);
      await expectAppError(fx.signIn(EMAIL, PASSWORD, { orgId: secondOrgId }), 'auth.forbidden');
    });
  });

  describe('with TOTP on', () => {
    let secret: string;
    let recoveryCodes: string[];

    beforeEach(async () => {
      const { session } = await fx.signIn(EMAIL, PASSWORD);
      ({ secret, recoveryCodes } = await fx.enableTotp(session));
      fx.state.systemAudit.length = 0;
    });

    it('auth.mfa_required without a code: the first step of a two-step sign-in, no session, and no failure counted', async () => {
      const sessionsBefore = fx.state.tables.sessions.size;
      for (let i = 0; i < 12; i += 1) {
        const err = await expectAppError(fx.signIn(EMAIL, PASSWORD), 'auth.mfa_required');
        expect(err.details).to.deep.equal({ reason: 'code_missing' });
      }
      expect(loginFailures()).to.deep.equal([]);
      expect(fx.state.tables.sessions.size).to.equal(sessionsBefore);
      // Twelve right passwords without a code did not spend the budget of ten.
      expect((await fx.signIn(EMAIL, PASSWORD, { totpCode: fx.code(secret) })).session.mfaVerified).to.equal(true);
    });

    it('a wrong code is audited as a failure (reason mfa), no session', async () => {
      const sessionsBefore = fx.state.tables.sessions.size;
      await expectAppError(fx.signIn(EMAIL, PASSWORD, { totpCode: '000000' === fx.code(secret) ? '111111' : '000000' }), 'auth.mfa_required');
      expect(loginFailures().map((r) => [r.actorId, r.reason])).to.deep.equal([[ownerId, 'mfa']]);
      expect(fx.state.tables.sessions.size).to.equal(sessionsBefore);
    });

    it('a wrong password with a right code is still invalid_credentials (the code is not checked first)', async () => {
      await expectAppError(fx.signIn(EMAIL, 'Not-The-Password-1', { totpCode: fx.code(secret) }), 'auth.invalid_credentials');
      expect(fx.storedUser(ownerId).totpLastStep).to.equal(totpStep(fx.clock.now()) - 1);
    });

    it('a valid code signs in once (mfaVerified); the same code is refused as a replay, the next step’s works', async () => {
      const code = fx.code(secret);
      const { session } = await fx.signIn(EMAIL, PASSWORD, { totpCode: ` ${code} ` });
      expect(session.mfaVerified).to.equal(true);
      expect(fx.storedUser(ownerId).totpLastStep).to.equal(totpStep(fx.clock.now()));
      expect(fx.auditRows(orgId).at(-1)!.metadata).to.deep.include({ mfa_verified: true });

      fx.clock.advance(10_000); // same 30-second step
      await expectAppError(fx.signIn(EMAIL, PASSWORD, { totpCode: code }), 'auth.mfa_required');
      fx.clock.advance(STEP_MS);
      // Now the old code would be "one step back" (drift window) — still refused: its step was used.
      await expectAppError(fx.signIn(EMAIL, PASSWORD, { totpCode: code }), 'auth.mfa_required');
      const next = await fx.signIn(EMAIL, PASSWORD, { totpCode: fx.code(secret) });
      expect(next.session.mfaVerified).to.equal(true);
    });

    it('a wrong code is auth.mfa_required and changes nothing', async () => {
      const before = fx.storedUser(ownerId);
      await expectAppError(fx.signIn(EMAIL, PASSWORD, { totpCode: wrongCodeAt(secret, fx.clock.now()) }), 'auth.mfa_required');
      expect(fx.storedUser(ownerId)).to.deep.equal(before);
      expect(loginFailures().map((r) => r.reason)).to.deep.equal(['mfa']);
    });

    it('an unused recovery code signs in once (typed loosely), and is then spent', async () => {
      const [first, second] = recoveryCodes as [string, string];
      const loose = first.toLowerCase().replace(/-/g, ' ');
      const { session } = await fx.signIn(EMAIL, PASSWORD, { recoveryCode: loose });
      expect(session.mfaVerified).to.equal(true);
      expect(fx.storedUser(ownerId).recoveryCodeHashes).to.have.length(9);
      await expectAppError(fx.signIn(EMAIL, PASSWORD, { recoveryCode: first }), 'auth.mfa_required');
      await fx.signIn(EMAIL, PASSWORD, { recoveryCode: second });
      expect(fx.storedUser(ownerId).recoveryCodeHashes).to.have.length(8);
    });

    it('wrong codes count as sign-in failures: after 10, the right code is refused with Retry-After', async () => {
      for (let i = 0; i < 10; i += 1) {
        await expectAppError(fx.signIn(EMAIL, PASSWORD, { totpCode: wrongCodeAt(secret, fx.clock.now()) }), 'auth.mfa_required');
      }
      const err = await expectAppError(fx.signIn(EMAIL, PASSWORD, { totpCode: fx.code(secret) }), 'request.rate_limited');
      expect(err.retryAfterSeconds).to.be.greaterThan(0);
    });
  });
});

describe('SignIn with the default password hasher', () => {
  it('an unknown email is auth.invalid_credentials, like a wrong password; the right one signs in', async () => {
    const fx = identityFixture({ defaultHasher: true });
    await fx.newOrgWithOwner('acme', EMAIL);
    await expectAppError(fx.signIn('nobody@example.com', PASSWORD), 'auth.invalid_credentials');
    await expectAppError(fx.signIn(EMAIL, 'Not-The-Password-1'), 'auth.invalid_credentials');
    expect((await fx.signIn(EMAIL, PASSWORD)).user.email).to.equal(EMAIL);
  });

  it('an unknown email is checked against a well-formed hash of the hasher’s own cost (same work as a real account)', async () => {
    // A malformed or cheaper stand-in hash would make verify() answer faster: a timing oracle for
    // "does this account exist". Record what verify() is given and parse it as the hasher does.
    const real = new ScryptPasswordHasher();
    const seen: string[] = [];
    const spy: PasswordHasher = {
      hash: (password) => real.hash(password),
      verify: (hash, password) => {
        seen.push(hash);
        return real.verify(hash, password);
      },
    };
    const fx = identityFixture({ passwordHasher: spy });
    await fx.newOrgWithOwner('acme', EMAIL);
    await expectAppError(fx.signIn('nobody@example.com', PASSWORD), 'auth.invalid_credentials');
    const dummy = seen.at(-1)!.split('$');
    const genuine = fx.storedUser([...fx.state.tables.users.keys()][0]!).passwordHash.split('$');
    expect(dummy).to.have.length(6);
    expect(dummy.slice(0, 4), 'algorithm and cost').to.deep.equal(genuine.slice(0, 4));
    expect(Buffer.from(dummy[4]!, 'base64url'), 'salt').to.have.length(16);
    expect(Buffer.from(dummy[5]!, 'base64url'), 'key').to.have.length(32);
  });
});

/**
 * SignIn reads the user by email before its (slow) password check. The second factor must be
 * checked and spent on a row read again under a lock inside the unit of work, and only the
 * changed fields written: otherwise concurrent sign-ins see the same `totpLastStep` and recovery
 * codes, and a whole-row write-back undoes changes made meanwhile.
 */
describe('SignIn under concurrency: the second factor is spent once, on a fresh row', () => {
  it('two concurrent sign-ins with the same TOTP code do not both succeed (RFC 6238 §5.2 replay)', async () => {
    const fx = identityFixture();
    await fx.newOrgWithOwner('acme', EMAIL);
    const { secret } = await fx.enableTotp((await fx.signIn(EMAIL, PASSWORD)).session);
    const code = fx.code(secret);
    // Deterministic: both read the user before either finishes its (thread-pool) password hash.
    const outcomes = await Promise.allSettled([fx.signIn(EMAIL, PASSWORD, { totpCode: code }), fx.signIn(EMAIL, PASSWORD, { totpCode: code })]);
    expect(outcomes.map((o) => o.status).sort(), 'one sign-in must be refused as a replay').to.deep.equal(['fulfilled', 'rejected']);
  });

  it('a password reset made while a TOTP sign-in is in flight is not undone by that sign-in', async () => {
    const hasher = new GatedHasher();
    const fx = identityFixture({ passwordHasher: hasher });
    const { orgId } = await fx.newOrgWithOwner('acme', EMAIL);
    const { userId: danId, password: temporary } = await fx.invite(orgId, 'dan@example.com', 'dispatcher');
    const { session } = await fx.signIn('dan@example.com', temporary!);
    await fx.core.identity.changePassword.execute(fx.as(session), { sessionId: session.id, currentPassword: temporary!, newPassword: PASSWORD });
    const { secret } = await fx.enableTotp(session);

    // Hold the sign-in's password check, so the reset lands between its read and its write.
    const { reached, release } = hasher.holdNextVerify();
    const signing = fx.signIn('dan@example.com', PASSWORD, { totpCode: fx.code(secret) });
    await reached;
    const { temporaryPassword } = await fx.core.iam.resetPassword.execute(fx.ctx(orgId), { id: danId });
    release();
    await signing.catch(() => undefined);

    const stored = fx.storedUser(danId);
    expect(
      { mustChange: stored.mustChangePassword, temporaryWorks: await fx.hasher.verify(stored.passwordHash, temporaryPassword), oldWorks: await fx.hasher.verify(stored.passwordHash, PASSWORD) },
      'the reset must stay in force',
    ).to.deep.equal({ mustChange: true, temporaryWorks: true, oldWorks: false });
  });
});
