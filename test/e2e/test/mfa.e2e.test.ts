/**
 * TOTP over HTTP with the real otplib verifier and the real clock: enrol, verify, sign-in
 * needing a code, replay refused, recovery codes single use, and an owner turning it off.
 * Codes are computed by the contract suite's RFC 6238 oracle. The verifier accepts the current
 * and the previous 30-second step, so a test spends the previous step first and the current one
 * next; it first waits out the end of a step so both stay valid while it runs.
 */
import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { totpCode, totpStep } from '@cws/contract-tests';
import { onEachDatabase, type StaffSession } from '@cws/e2e-tests';

/** Waits until at least `seconds` remain in the current 30-second step. */
async function roomInStep(seconds = 8): Promise<void> {
  const into = (Date.now() / 1000) % 30;
  if (30 - into < seconds) await sleep((30 - into) * 1000 + 100);
}

onEachDatabase('two-factor sign-in (TOTP)', (h, db) => {
  async function enrol(s: StaffSession): Promise<{ secret: string; recoveryCodes: string[]; accessToken: string }> {
    const started = await h().api.call('POST', '/v1/auth/2fa/enroll', { token: s.accessToken, body: { current_password: s.password } });
    expect(started.status, started.text).to.equal(200);
    const secret = started.body.secret as string;
    expect(secret).to.match(/^[A-Z2-7]+=*$/);
    const uri = new URL(started.body.otpauth_uri);
    expect(uri.protocol).to.equal('otpauth:');
    expect(uri.searchParams.get('secret')).to.equal(secret);
    expect(decodeURIComponent(uri.pathname)).to.include(s.email);
    const verified = await h().api.call('POST', '/v1/auth/2fa/verify', { token: s.accessToken, body: { code: totpCode(secret, totpStep(new Date()) - 1) } });
    expect(verified.status, verified.text).to.equal(200);
    expect(verified.body.enabled).to.equal(true);
    return { secret, recoveryCodes: verified.body.recovery_codes, accessToken: verified.body.access_token };
  }

  it('enrols with a code: TOTP is on, this session is verified, the user’s other sessions end', async () => {
    await roomInStep();
    const org = await h().newOrg();
    const s = await h().staff(org.id, 'admin');
    const other = await h().signIn({ email: s.email, password: s.password });
    const notYet = await h().api.call('POST', '/v1/auth/2fa/verify', { token: s.accessToken, body: { code: '123456' } });
    expect(notYet.status, 'verify before enrol').to.equal(409);
    expect(notYet.body.code).to.equal('identity.mfa_not_enrolled');
    // Step-up: the access token alone does not enrol a second factor.
    const bare = await h().api.call('POST', '/v1/auth/2fa/enroll', { token: s.accessToken, body: {} });
    expect([bare.status, bare.body.errors?.[0]?.pointer]).to.deep.equal([422, '/current_password']);
    const guessed = await h().api.call('POST', '/v1/auth/2fa/enroll', { token: s.accessToken, body: { current_password: 'Not-The-Password-42' } });
    expect([guessed.status, guessed.body.errors?.[0]?.pointer]).to.deep.equal([422, '/current_password']);
    const started = await h().api.call('POST', '/v1/auth/2fa/enroll', { token: s.accessToken, body: { current_password: s.password } });
    expect(started.status, started.text).to.equal(200);
    const wrong = await h().api.call('POST', '/v1/auth/2fa/verify', { token: s.accessToken, body: { code: totpCode(started.body.secret, totpStep(new Date()) + 5) } });
    expect(wrong.status).to.equal(422);
    expect(wrong.body.errors[0].pointer).to.equal('/code');
    const verified = await h().api.call('POST', '/v1/auth/2fa/verify', { token: s.accessToken, body: { code: totpCode(started.body.secret, totpStep(new Date())) } });
    expect(verified.status, verified.text).to.equal(200);
    expect(verified.body.recovery_codes).to.have.length(10);
    const me = await h().api.call('GET', '/v1/auth/me', { token: verified.body.access_token });
    expect([me.body.mfa_verified, me.body.user.mfa_enabled, me.body.user.recovery_codes_left]).to.deep.equal([true, true, 10]);
    // The token used to enrol says no second factor was proven: its claims no longer hold.
    expect((await h().api.call('GET', '/v1/auth/me', { token: s.accessToken })).status, 'the pre-verification token').to.equal(401);
    expect((await h().api.call('GET', '/v1/admin/leads', { token: s.accessToken })).status, 'the pre-verification token, on a unit of work').to.equal(401);
    expect((await h().api.call('GET', '/v1/auth/me', { token: other.accessToken })).status, 'other sessions end').to.equal(401);
    const again = await h().api.call('POST', '/v1/auth/2fa/enroll', { token: verified.body.access_token, body: { current_password: s.password } });
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('identity.mfa_already_enabled');
    const audit = await h().api.call('GET', `/v1/admin/audit-logs?action=auth.mfa_enable&resource_id=${s.userId}`, { org: org.id });
    expect(audit.body.items).to.have.length(1);
  });

  it('then needs a code at sign-in, accepts it once, refuses its replay, and takes each recovery code once', async () => {
    await roomInStep();
    const org = await h().newOrg();
    const s = await h().staff(org.id, 'owner');
    const { secret, recoveryCodes } = await enrol(s);

    const missing = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email: s.email, password: s.password } });
    expect(missing.status).to.equal(401);
    expect(missing.body.code).to.equal('auth.mfa_required');
    expect(missing.body.type).to.match(/mfa_required$/);

    const step = totpStep(new Date());
    const code = totpCode(secret, step);
    const ok = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email: s.email, password: s.password, totp_code: code } });
    expect(ok.status, ok.text).to.equal(200);
    expect(ok.body.mfa_verified).to.equal(true);
    const replay = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email: s.email, password: s.password, totp_code: code } });
    expect(replay.status, 'the same code twice').to.equal(401);
    expect(replay.body.code).to.equal('auth.mfa_required');
    const older = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email: s.email, password: s.password, totp_code: totpCode(secret, totpStep(new Date()) - 1) } });
    expect(older.status, 'a code older than the last accepted one').to.equal(401);
    // The holder hears of each replayed code once (the enrolment's code, spent, is one too).
    const again = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email: s.email, password: s.password, totp_code: code } });
    expect(again.status).to.equal(401);
    const notices = await h().queued(s.email, 'security_totp_replay');
    expect(notices.map((n) => n.event.dedupeKey).sort()).to.deep.equal([`account:${s.userId}:totp_replay:${step - 1}`, `account:${s.userId}:totp_replay:${step}`]);
    expect(notices.map((n) => [n.event.orgId, n.secret])).to.deep.equal([[org.id, null], [org.id, null]]);

    const recovery = recoveryCodes[0]!;
    const withRecovery = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email: s.email, password: s.password, recovery_code: recovery.toLowerCase() } });
    expect(withRecovery.status, withRecovery.text).to.equal(200);
    expect(withRecovery.body.mfa_verified).to.equal(true);
    const twice = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email: s.email, password: s.password, recovery_code: recovery } });
    expect(twice.status, 'a recovery code is single use').to.equal(401);
    const me = await h().api.call('GET', '/v1/auth/me', { token: withRecovery.body.access_token });
    expect(me.body.user.recovery_codes_left).to.equal(9);
  });

  it('accepts a code once even when two sign-ins send it at the same moment (row lock in the database)', async () => {
    await roomInStep();
    const org = await h().newOrg();
    const s = await h().staff(org.id, 'admin');
    const { secret } = await enrol(s);
    const body = { email: s.email, password: s.password, totp_code: totpCode(secret, totpStep(new Date())) };
    const answers = await Promise.all([1, 2, 3].map(() => h().api.call('POST', '/v1/auth/login', { as: null, body })));
    expect(answers.map((a) => a.status).sort()).to.deep.equal([200, 401, 401]);
  });

  it('lets only an owner turn off a member’s TOTP (lost device), which ends their sessions and lets them sign in without a code', async () => {
    await roomInStep();
    const org = await h().newOrg();
    const owner = await h().staff(org.id, 'owner');
    const admin = await h().staff(org.id, 'admin');
    const member = await h().staff(org.id, 'dispatcher');
    await enrol(member);
    const byAdmin = await h().api.call('POST', '/v1/auth/2fa/disable', { token: admin.accessToken, body: { user_id: member.userId } });
    expect(byAdmin.status).to.equal(403);
    const r = await h().api.call('POST', '/v1/auth/2fa/disable', { token: owner.accessToken, body: { user_id: member.userId } });
    expect(r.status, r.text).to.equal(204);
    expect((await h().api.call('GET', '/v1/auth/me', { token: member.accessToken })).status).to.equal(401);
    const back = await h().signIn({ email: member.email, password: member.password });
    expect(back.mfaVerified).to.equal(false);
    const audit = await h().api.call('GET', `/v1/admin/audit-logs?action=auth.mfa_disable&resource_id=${member.userId}`, { org: org.id });
    expect(audit.body.items).to.have.length(1);
    expect(audit.body.items[0].actor_id).to.equal(owner.userId);
  });

  it('stores the secret encrypted: neither the secret nor a recovery code appears in the database', async function () {
    if (h().runtime.connectionString === null) this.skip();
    await roomInStep();
    const org = await h().newOrg();
    const s = await h().staff(org.id, 'finance');
    const { secret, recoveryCodes } = await enrol(s);
    const { default: pg } = await import('pg');
    // As the owner: the app's own role sees only users of its org, and none outside a transaction.
    const client = new pg.Client({ connectionString: db().ownerConnectionString });
    await client.connect();
    try {
      const row = (await client.query('SELECT to_jsonb(u) AS u FROM users u WHERE id = $1', [s.userId])).rows[0].u;
      const text = JSON.stringify(row);
      expect(text).to.not.include(secret);
      for (const code of recoveryCodes) expect(text).to.not.include(code.replace(/-/g, ''));
      expect(text).to.include(s.userId);
    } finally {
      await client.end();
    }
  });
});
