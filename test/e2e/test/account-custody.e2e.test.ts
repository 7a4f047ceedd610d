/**
 * The account takeovers of the security review, replayed over HTTP as the attacker ran them, on
 * PGlite and the server (ADR 13): an org's admin provisioning an address another org invites
 * later; an owner clearing the second factor of another org's member; sixty password guesses at
 * once; a token whose claims no longer hold. Each must fail for the attacker.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { AccessTokens } from '@cws/host-http';
import { totpCode, totpStep } from '@cws/contract-tests';
import { onEachDatabase, type ApiHarness, type StaffSession } from '@cws/e2e-tests';

const fresh = (label: string) => `${label}-${randomUUID().slice(0, 8)}@custody.example.com`;

onEachDatabase('account custody across orgs (review findings 1, 2, 3, 8)', (h) => {
  const call = (...args: Parameters<ApiHarness['api']['call']>) => h().api.call(...args);

  /** An owner of a new org, signed in. */
  async function orgWithOwner(): Promise<{ orgId: string; owner: StaffSession }> {
    const org = await h().newOrg();
    return { orgId: org.id, owner: await h().staff(org.id, 'owner') };
  }

  it("pre-invite takeover: B's admin provisions an address A invites later; A's invite links nothing; the real holder's acceptance locks the attacker out", async () => {
    const a = await orgWithOwner();
    const b = await orgWithOwner();
    const victim = fresh('new.hire');
    // The attacker, an admin of B, provisions the address and makes the account theirs.
    const made = await call('POST', '/v1/iam/users', { token: b.owner.accessToken, body: { email: victim, role: 'viewer', display_name: 'Mallory Was Here' } });
    expect(made.status, made.text).to.equal(201);
    const attackerPassword = `Attacker-${randomUUID()}`;
    const first = await h().signIn({ email: victim, password: made.body.temporary_password, orgId: b.orgId });
    const changed = await call('POST', '/v1/auth/change-password', { token: first.accessToken, body: { current_password: made.body.temporary_password, new_password: attackerPassword } });
    expect(changed.status, changed.text).to.equal(200);

    // A invites the same address: an invitation, nothing about the account, nothing linked.
    const invited = await call('POST', '/v1/iam/users', { token: a.owner.accessToken, body: { email: victim, role: 'admin' } });
    expect(invited.status, invited.text).to.equal(202);
    expect(invited.text).to.not.include(made.body.id);
    expect(invited.text).to.not.include('Mallory');
    expect(invited.text).to.not.include(b.orgId);
    expect(invited.body.invitation).to.include({ email: victim, role: 'admin', status: 'pending' });
    const intoA = await call('POST', '/v1/auth/login', { as: null, body: { email: victim, password: attackerPassword, org_id: a.orgId } });
    expect([intoA.status, intoA.body.code]).to.deep.equal([403, 'auth.forbidden']);
    const members = await call('GET', '/v1/iam/users', { token: a.owner.accessToken });
    expect(members.text).to.not.include(victim);

    // The holder of the mailbox accepts: the password B's admin set is not accepted as theirs.
    const token = await h().mailedToken('invitation', victim);
    const withOld = await call('POST', '/v1/auth/invitations/accept', { as: null, body: { token, password: attackerPassword } });
    expect([withOld.status, withOld.body.errors?.[0]?.pointer]).to.deep.equal([422, '/new_password']);
    const own = `Holder-${randomUUID()}`;
    const accepted = await call('POST', '/v1/auth/invitations/accept', { as: null, body: { token, new_password: own } });
    expect(accepted.status, accepted.text).to.equal(200);
    expect(accepted.body).to.include({ org_id: a.orgId, role: 'admin', credentials_replaced: true });

    const attackerAgain = await call('POST', '/v1/auth/login', { as: null, body: { email: victim, password: attackerPassword, org_id: b.orgId } });
    expect(attackerAgain.status).to.equal(401);
    expect((await call('GET', '/v1/auth/me', { token: first.accessToken })).status, "the attacker's session ended").to.equal(401);
    // B cannot take it back.
    const reset = await call('POST', `/v1/iam/users/${made.body.id}/reset-password`, { token: b.owner.accessToken });
    expect([reset.status, reset.body.code]).to.deep.equal([409, 'iam.self_managed_account']);
    const holder = await h().signIn({ email: victim, password: own, orgId: a.orgId });
    expect(holder.role).to.equal('admin');
    // The token was spent.
    const replay = await call('POST', '/v1/auth/invitations/accept', { as: null, body: { token, new_password: `Other-${randomUUID()}` } });
    expect([replay.status, replay.body.code]).to.deep.equal([401, 'auth.token_invalid']);
  });

  it("cross-org second-factor removal: B's owner invites A's member and calls 2fa/disable — nothing changes, A's sessions live on", async () => {
    const a = await orgWithOwner();
    const b = await orgWithOwner();
    const alice = await h().staff(a.orgId, 'dispatcher');
    const enrolled = await call('POST', '/v1/auth/2fa/enroll', { token: alice.accessToken, body: { current_password: alice.password } });
    expect(enrolled.status, enrolled.text).to.equal(200);
    const verified = await call('POST', '/v1/auth/2fa/verify', { token: alice.accessToken, body: { code: totpCode(enrolled.body.secret, totpStep(new Date())) } });
    expect(verified.status, verified.text).to.equal(200);
    const aliceToken = verified.body.access_token as string;

    const invited = await call('POST', '/v1/iam/users', { token: b.owner.accessToken, body: { email: alice.email, role: 'viewer' } });
    expect(invited.status).to.equal(202);
    const disabled = await call('POST', '/v1/auth/2fa/disable', { token: b.owner.accessToken, body: { user_id: alice.userId } });
    expect([disabled.status, disabled.body.code]).to.deep.equal([404, 'identity.user_not_found']);
    const me = await call('GET', '/v1/auth/me', { token: aliceToken });
    expect(me.status, me.text).to.equal(200);
    expect(me.body.user.mfa_enabled).to.equal(true);
    const bAudit = await call('GET', '/v1/admin/audit-logs?action=auth.mfa_disable', { org: b.orgId });
    expect(bAudit.body.items).to.deep.equal([]);
  });

  it('a token whose claims no longer hold is refused: forged with the signing key, or from before a change', async () => {
    const a = await orgWithOwner();
    const viewer = await h().staff(a.orgId, 'viewer');
    const claims = JSON.parse(Buffer.from(viewer.accessToken.split('.')[1]!, 'base64url').toString('utf8'));
    const leaked = new AccessTokens(h().runtime.config.auth.secretKey, 15);
    const forge = (role: 'owner' | 'viewer', mfaVerified: boolean) =>
      leaked.issue({ userId: viewer.userId, email: viewer.email, orgId: a.orgId, role, sessionId: claims.sid, mfaVerified, mustChangePassword: false }, new Date());
    // Same session, raised role: refused on a route with database work and on one without.
    const owner = (await forge('owner', false)).token;
    for (const [method, path] of [
      ['GET', '/v1/admin/leads'],
      ['GET', '/v1/iam/users'],
      ['GET', '/v1/admin/feature-flags'],
    ] as const) {
      const r = await call(method, path, { token: owner });
      expect([r.status, r.body.code], `${method} ${path}`).to.deep.equal([401, 'auth.session_revoked']);
    }
    const mfa = (await forge('viewer', true)).token;
    expect((await call('GET', '/v1/admin/leads', { token: mfa })).status, 'a second factor the session never proved').to.equal(401);
    // The honest claims still work.
    expect((await call('GET', '/v1/admin/leads', { token: (await forge('viewer', false)).token })).status).to.equal(200);
  });

  it('an emailed password reset answers the same for unknown addresses and resets every org session of the holder', async () => {
    const a = await orgWithOwner();
    const sam = await h().staff(a.orgId, 'dispatcher');
    const unknown = await call('POST', '/v1/auth/password-reset/request', { as: null, body: { email: fresh('nobody') } });
    const known = await call('POST', '/v1/auth/password-reset/request', { as: null, body: { email: sam.email } });
    expect([unknown.status, known.status]).to.deep.equal([202, 202]);
    expect(unknown.body).to.deep.equal(known.body);
    const weak = await call('POST', '/v1/auth/password-reset/confirm', { as: null, body: { token: await h().mailedToken('password_reset', sam.email), new_password: 'Summer2026!!' } });
    expect([weak.status, weak.body.errors?.[0]?.pointer]).to.deep.equal([422, '/new_password']);
    expect(weak.body.errors[0].detail).to.match(/too easy to guess/);
    const done = await call('POST', '/v1/auth/password-reset/confirm', { as: null, body: { token: await h().mailedToken('password_reset', sam.email), new_password: `Reset-${randomUUID()}` } });
    expect(done.status, done.text).to.equal(204);
    expect((await call('GET', '/v1/auth/me', { token: sam.accessToken })).status).to.equal(401);
  });

  it("lists, renews and revokes an org's invitations; a revoked token is refused", async () => {
    const a = await orgWithOwner();
    const elsewhere = await h().staff((await h().newOrg()).id, 'viewer');
    const invited = await call('POST', '/v1/iam/users', { token: a.owner.accessToken, body: { email: elsewhere.email, role: 'finance' } });
    expect(invited.headers.get('location')).to.equal(`/v1/iam/invitations/${invited.body.invitation.id}`);
    const listed = await call('GET', '/v1/iam/invitations', { token: a.owner.accessToken });
    expect(listed.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).to.deep.equal([[invited.body.invitation.id, 'pending']]);
    const resent = await call('POST', `/v1/iam/invitations/${invited.body.invitation.id}/resend`, { token: a.owner.accessToken });
    expect(resent.status, resent.text).to.equal(200);
    const token = await h().mailedToken('invitation', elsewhere.email);
    const revoked = await call('POST', `/v1/iam/invitations/${invited.body.invitation.id}/revoke`, { token: a.owner.accessToken });
    expect(revoked.body.status).to.equal('revoked');
    const accept = await call('POST', '/v1/auth/invitations/accept', { as: null, body: { token, password: elsewhere.password } });
    expect([accept.status, accept.body.code]).to.deep.equal([401, 'auth.token_invalid']);
    // What the contract refuses is refused before any token is looked at, every field named.
    const malformed = await call('POST', '/v1/auth/invitations/accept', { as: null, body: { password: elsewhere.password, org_id: a.orgId, totp_code: 7 } });
    expect(malformed.status, malformed.text).to.equal(422);
    expect(malformed.body.errors.map((e: { pointer: string; detail: string }) => [e.pointer, e.detail])).to.deep.equal([
      ['/token', 'is required'],
      ['/totp_code', 'must be a string, not number'],
      ['/org_id', 'is not a known field'],
    ]);
    const badId = await call('POST', '/v1/iam/invitations/not-an-id/resend', { token: a.owner.accessToken });
    expect([badId.status, badId.body.errors?.[0]?.pointer, badId.body.errors?.[0]?.in]).to.deep.equal([422, '/id', 'path']);
  });
});

// Its own host: the guesses spend the rate-limit budgets of that runtime. Each guess comes from
// its own address (through a trusted proxy), so only the per-account budget can stop them.
onEachDatabase(
  'brute force under concurrency (review finding 3)',
  (h) => {
    it('sixty simultaneous wrong passwords for one account: at most ten are checked, the rest are 429', async () => {
      const org = await h().newOrg();
      const target = await h().staff(org.id, 'viewer');
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          h().api.call('POST', '/v1/auth/login', { as: null, headers: { 'x-forwarded-for': `198.51.100.${i}` }, body: { email: target.email, password: `Wrong-guess-${i}` } }),
        ),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 401).length, 'passwords checked').to.be.at.most(10);
      expect(statuses.filter((s) => s === 429).length).to.be.at.least(50);
      expect(statuses.filter((s) => s !== 401 && s !== 429)).to.deep.equal([]);
      for (const r of answers.filter((x) => x.status === 429)) expect(Number(r.headers.get('retry-after'))).to.be.greaterThan(0);
    });
  },
  { env: { TRUST_PROXY_HEADERS: 'true', TRUSTED_PROXY_IPS: '127.0.0.1' } },
);
