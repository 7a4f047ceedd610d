/**
 * Signing in and the life of a session over HTTP: login, refresh with rotation, reuse of a
 * rotated refresh token ending the session, logout and admin logout taking effect at once,
 * switching org, and the temporary-password flow. Every answer is checked against what the
 * database then holds (the next call), not only against the status.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { onEachDatabase } from '@cws/e2e-tests';

onEachDatabase('sessions', (h) => {
  it('signs in with email and password and returns a bearer token that works, with a refresh token bound to the org', async () => {
    const org = await h().newOrg();
    const member = await h().staff(org.id, 'dispatcher');
    const r = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email: member.email.toUpperCase(), password: member.password } });
    expect(r.status, r.text).to.equal(200);
    expect(r.headers.get('cache-control')).to.equal('no-store');
    expect(r.body).to.include({ token_type: 'Bearer', org_id: org.id, role: 'dispatcher', user_id: member.userId, mfa_verified: false, must_change_password: false });
    expect(r.body.expires_in).to.equal(15 * 60);
    expect(r.body.refresh_token.startsWith(`${org.id}.`)).to.equal(true);
    expect(new Date(r.body.refresh_expires_at).getTime()).to.be.at.most(new Date(r.body.session_expires_at).getTime());
    const me = await h().api.call('GET', '/v1/auth/me', { token: r.body.access_token });
    expect(me.status).to.equal(200);
    expect(me.body).to.deep.include({ org_id: org.id, role: 'dispatcher', session_id: r.body.session_id, orgs: [{ org_id: org.id, role: 'dispatcher' }] });
    expect(me.body.user).to.include({ id: member.userId, email: member.email, mfa_enabled: false, must_change_password: false });
    const audit = await h().api.call('GET', `/v1/admin/audit-logs?action=auth.login&resource_id=${member.userId}`, { org: org.id });
    expect(audit.body.items.length, 'each sign-in is audited').to.be.at.least(2);
  });

  it('gives the same 401 for an unknown email and a wrong password', async () => {
    const org = await h().newOrg();
    const member = await h().staff(org.id, 'viewer');
    const wrong = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email: member.email, password: 'not-the-password-at-all' } });
    const unknown = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email: `nobody-${member.userId}@example.com`, password: 'not-the-password-at-all' } });
    expect([wrong.status, unknown.status]).to.deep.equal([401, 401]);
    const shape = (b: Record<string, unknown>) => ({ code: b['code'], title: b['title'], detail: b['detail'], type: b['type'] });
    expect(shape(unknown.body)).to.deep.equal(shape(wrong.body));
    expect(wrong.body.code).to.equal('auth.invalid_credentials');
  });

  it('rotates refresh tokens: the new one works, and presenting the old one again ends the whole session', async () => {
    const org = await h().newOrg();
    const s = await h().staff(org.id, 'finance');
    const first = await h().api.call('POST', '/v1/auth/refresh', { as: null, body: { refresh_token: s.refreshToken } });
    expect(first.status, first.text).to.equal(200);
    expect(first.body.session_id).to.equal(s.sessionId);
    expect(first.body.refresh_token).to.not.equal(s.refreshToken);
    expect((await h().api.call('GET', '/v1/auth/me', { token: first.body.access_token })).status).to.equal(200);

    const reuse = await h().api.call('POST', '/v1/auth/refresh', { as: null, body: { refresh_token: s.refreshToken } });
    expect(reuse.status).to.equal(401);
    expect(reuse.body.code).to.equal('auth.session_revoked');
    // The thief's copy and the legitimate holder's newer tokens are all dead now.
    const next = await h().api.call('POST', '/v1/auth/refresh', { as: null, body: { refresh_token: first.body.refresh_token } });
    expect(next.status).to.equal(401);
    expect((await h().api.call('GET', '/v1/auth/me', { token: first.body.access_token })).status).to.equal(401);
    expect((await h().api.call('GET', '/v1/auth/me', { token: s.accessToken })).body.code).to.equal('auth.session_revoked');
    const audit = await h().api.call('GET', `/v1/admin/audit-logs?action=auth.refresh_reuse&resource_id=${s.sessionId}`, { org: org.id });
    expect(audit.body.items).to.have.length(1);
  });

  it('refuses malformed and unknown refresh tokens with 401 token_invalid', async () => {
    const org = await h().newOrg();
    for (const token of ['garbage', `${org.id}.${'x'.repeat(43)}`]) {
      const r = await h().api.call('POST', '/v1/auth/refresh', { as: null, body: { refresh_token: token } });
      expect(r.status, token).to.equal(401);
      expect(r.body.code, token).to.equal('auth.token_invalid');
    }
  });

  it('ends the session at logout: the access token stops working at once, and so does the refresh token', async () => {
    const org = await h().newOrg();
    const s = await h().staff(org.id, 'admin');
    const other = await h().signIn({ email: s.email, password: s.password });
    expect((await h().api.call('POST', '/v1/auth/logout', { token: s.accessToken })).status).to.equal(204);
    const after = await h().api.call('GET', '/v1/admin/leads', { token: s.accessToken });
    expect(after.status).to.equal(401);
    expect(after.body.code).to.equal('auth.session_revoked');
    expect((await h().api.call('POST', '/v1/auth/refresh', { as: null, body: { refresh_token: s.refreshToken } })).status).to.equal(401);
    // Also where no unit of work runs (the host checks the session itself), and where the request fails anyway.
    for (const path of ['/v1/admin/profile', '/v1/admin/feature-flags', '/v1/admin/config', '/v1/admin/jobs/status', '/v1/admin/leads?limit=100000']) {
      const r = await h().api.call('GET', path, { token: s.accessToken });
      expect([r.status, r.body.code], path).to.deep.equal([401, 'auth.session_revoked']);
    }
    const write = await h().api.call('POST', '/v1/admin/leads', { token: s.accessToken, body: { name: 'After logout', phone: '+1 555 0100' } });
    expect(write.status).to.equal(401);
    expect((await h().api.call('GET', '/v1/admin/leads', { token: other.accessToken })).body.items, 'nothing was written').to.have.length(0);
    expect((await h().api.call('GET', '/v1/admin/leads', { token: other.accessToken })).status, 'another session of the same user lives on').to.equal(200);
  });

  it('lets an admin end every session of a member at once (POST /v1/iam/users/{id}/logout)', async () => {
    const org = await h().newOrg();
    const admin = await h().staff(org.id, 'admin');
    const member = await h().staff(org.id, 'dispatcher');
    const second = await h().signIn({ email: member.email, password: member.password });
    const r = await h().api.call('POST', `/v1/iam/users/${member.userId}/logout`, { token: admin.accessToken });
    expect(r.status, r.text).to.equal(200);
    // Three: staff() signed in once with the temporary password (kept alive by the change), then again.
    expect(r.body).to.deep.equal({ id: member.userId, sessions_ended: 3 });
    for (const token of [member.accessToken, second.accessToken]) expect((await h().api.call('GET', '/v1/auth/me', { token })).status).to.equal(401);
    expect((await h().api.call('GET', '/v1/auth/me', { token: admin.accessToken })).status).to.equal(200);
  });

  it('asks a member of several orgs to choose, signs in to the chosen one, and switches org with a new session', async () => {
    const a = await h().newOrg();
    const b = await h().newOrg();
    const inA = await h().staff(a.id, 'admin');
    const ownerB = await h().staff(b.id, 'owner');
    const added = await h().api.call('POST', '/v1/iam/users', { token: ownerB.accessToken, body: { email: inA.email, role: 'viewer' } });
    expect(added.status, added.text).to.equal(202);
    // The holder accepts from the mailbox, choosing a password of their own (A created the account).
    const ownPassword = `Own-${randomUUID()}`;
    const accepted = await h().api.call('POST', '/v1/auth/invitations/accept', { as: null, body: { token: await h().mailedToken('invitation', inA.email), new_password: ownPassword } });
    expect(accepted.status, accepted.text).to.equal(200);
    expect(accepted.body).to.include({ org_id: b.id, user_id: inA.userId, role: 'viewer', credentials_replaced: true });

    const ask = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email: inA.email, password: ownPassword } });
    expect(ask.status).to.equal(409);
    expect(ask.body.code).to.equal('auth.org_required');
    expect(ask.body.orgs.map((o: { org_id: string }) => o.org_id).sort()).to.deep.equal([a.id, b.id].sort());

    const intoB = await h().signIn({ email: inA.email, password: ownPassword, orgId: b.id });
    expect([intoB.orgId, intoB.role]).to.deep.equal([b.id, 'viewer']);
    const switched = await h().api.call('POST', '/v1/auth/switch-org', { token: intoB.accessToken, body: { org_id: a.id } });
    expect(switched.status, switched.text).to.equal(200);
    expect([switched.body.org_id, switched.body.role]).to.deep.equal([a.id, 'admin']);
    expect(switched.body.session_id).to.not.equal(intoB.sessionId);
    const leadsInA = await h().api.call('GET', '/v1/admin/leads', { token: switched.body.access_token });
    expect(leadsInA.status).to.equal(200);
    const me = await h().api.call('GET', '/v1/auth/me', { token: switched.body.access_token });
    expect(me.body.orgs).to.have.length(2);
    const stranger = await h().newOrg();
    const refused = await h().api.call('POST', '/v1/auth/switch-org', { token: intoB.accessToken, body: { org_id: stranger.id } });
    expect(refused.status).to.equal(403);
  });

  it('holds a member with a temporary password to changing it, then lets them work', async () => {
    const org = await h().newOrg();
    const owner = await h().staff(org.id, 'owner');
    const email = `temp-${owner.userId.slice(0, 8)}@example.com`;
    const invited = await h().api.call('POST', '/v1/iam/users', { token: owner.accessToken, body: { email, role: 'dispatcher', display_name: 'Temp Person' } });
    expect(invited.status, invited.text).to.equal(201);
    expect(invited.headers.get('cache-control')).to.equal('no-store');
    const temporary = invited.body.temporary_password as string;
    expect(temporary).to.have.length.of.at.least(20);
    expect(invited.body).to.include({ email, role: 'dispatcher', must_change_password: true, display_name: 'Temp Person' });

    const login = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email, password: temporary } });
    expect(login.status).to.equal(200);
    expect(login.body.must_change_password).to.equal(true);
    const token = login.body.access_token;
    const blocked = await h().api.call('GET', '/v1/admin/leads', { token });
    expect(blocked.status).to.equal(403);
    expect(blocked.body.code).to.equal('auth.password_change_required');
    expect((await h().api.call('GET', '/v1/auth/me', { token })).status).to.equal(200);

    const weak = await h().api.call('POST', '/v1/auth/change-password', { token, body: { current_password: temporary, new_password: 'short' } });
    expect(weak.status).to.equal(422);
    expect(weak.body.errors[0]).to.include({ pointer: '/new_password', in: 'body' });
    const wrong = await h().api.call('POST', '/v1/auth/change-password', { token, body: { current_password: 'not-the-temporary-one', new_password: 'A-much-better-passphrase-42' } });
    expect(wrong.status).to.equal(422);
    expect(wrong.body.errors[0]).to.include({ pointer: '/current_password' });
    const changed = await h().api.call('POST', '/v1/auth/change-password', { token, body: { current_password: temporary, new_password: 'A-much-better-passphrase-42' } });
    expect(changed.status, changed.text).to.equal(200);
    expect(changed.headers.get('cache-control')).to.equal('no-store');
    // The old token still says a change is due; the new one, for the same session, does not.
    expect((await h().api.call('GET', '/v1/admin/leads', { token })).body.code).to.equal('auth.password_change_required');
    const fresh = changed.body.access_token as string;
    expect((await h().api.call('GET', '/v1/admin/leads', { token: fresh })).status, 'the same session may now work').to.equal(200);
    expect((await h().api.call('GET', '/v1/auth/me', { token: fresh })).body.session_id).to.equal(login.body.session_id);
    const old = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email, password: temporary } });
    expect(old.status, 'the temporary password is gone').to.equal(401);
    await h().signIn({ email, password: 'A-much-better-passphrase-42' });
  });
});
