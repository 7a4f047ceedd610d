/**
 * `/v1/iam/users` over HTTP (guide 000 "IAM onboarding operations"): who may manage whom, the
 * last-owner rule, temporary passwords shown once, and every change ending the member's
 * sessions and leaving an audit row.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { onEachDatabase } from '@cws/e2e-tests';

onEachDatabase('staff management (IAM)', (h) => {
  const email = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.com`;

  it('lists the members of this org only, with role, MFA and status', async () => {
    const org = await h().newOrg();
    const elsewhere = await h().newOrg();
    const owner = await h().staff(org.id, 'owner');
    const viewer = await h().staff(org.id, 'viewer');
    const stranger = await h().staff(elsewhere.id, 'admin');
    const r = await h().api.call('GET', '/v1/iam/users', { token: owner.accessToken });
    expect(r.status).to.equal(200);
    expect(r.body.next_cursor).to.equal(null);
    const ids = r.body.items.map((m: { id: string }) => m.id);
    expect(ids).to.include.members([owner.userId, viewer.userId]);
    expect(ids).to.not.include(stranger.userId);
    expect(r.body.items.find((m: { id: string }) => m.id === viewer.userId)).to.include({ role: 'viewer', email: viewer.email, mfa_enabled: false, deactivated_at: null });
  });

  it('invites with a temporary password shown once; refuses a second invite of the same member and an ADMIN inviting an OWNER', async () => {
    const org = await h().newOrg();
    const admin = await h().staff(org.id, 'admin');
    const address = email('new');
    const r = await h().api.call('POST', '/v1/iam/users', { token: admin.accessToken, body: { email: address, role: 'finance' } });
    expect(r.status, r.text).to.equal(201);
    expect(r.headers.get('location')).to.equal(`/v1/iam/users/${r.body.id}`);
    expect(r.body.temporary_password).to.be.a('string');
    const listed = await h().api.call('GET', '/v1/iam/users', { token: admin.accessToken });
    expect(listed.text, 'the temporary password is never shown again').to.not.include(r.body.temporary_password);
    const twice = await h().api.call('POST', '/v1/iam/users', { token: admin.accessToken, body: { email: address.toUpperCase(), role: 'viewer' } });
    expect(twice.status).to.equal(409);
    const owner = await h().api.call('POST', '/v1/iam/users', { token: admin.accessToken, body: { email: email('boss'), role: 'owner' } });
    expect(owner.status).to.equal(403);
    expect(owner.body.code).to.equal('iam.owner_only');
    const bad = await h().api.call('POST', '/v1/iam/users', { token: admin.accessToken, body: { email: 'not-an-email', role: 'superuser' } });
    expect(bad.status).to.equal(422);
    const audit = await h().api.call('GET', `/v1/admin/audit-logs?action=iam.user_invite&resource_id=${r.body.id}`, { token: admin.accessToken });
    expect(audit.body.items).to.have.length(1);
    expect(audit.body.items[0].actor_id).to.equal(admin.userId);
    expect(JSON.stringify(audit.body.items[0]), 'the password is not in the audit').to.not.include(r.body.temporary_password);
  });

  it('refuses what the contracts refuse, naming every field where it was sent; id-only writes take no body', async () => {
    const org = await h().newOrg();
    const owner = await h().staff(org.id, 'owner');
    const member = await h().staff(org.id, 'viewer');
    const errorsOf = (r: { body: { errors: Array<{ pointer: string; detail: string; in: string }> } }) => r.body.errors.map((e) => [e.pointer, e.detail, e.in]);
    const bad = await h().api.call('POST', '/v1/iam/users', { token: owner.accessToken, body: { email: 'not-an-email', display_name: '  ', role: 'boss', org_id: 'x' } });
    expect(bad.status, bad.text).to.equal(422);
    expect(errorsOf(bad)).to.deep.equal([
      ['/email', 'must be an email address', 'body'],
      ['/display_name', 'must not be empty', 'body'],
      ['/role', 'must be one of: owner, admin, finance, dispatcher, viewer', 'body'],
      ['/org_id', 'is not a known field', 'body'],
    ]);
    const path = await h().api.call('POST', '/v1/iam/users/not-a-uuid/deactivate', { token: owner.accessToken });
    expect(path.status, path.text).to.equal(422);
    expect(errorsOf(path)).to.deep.equal([['/id', 'must be a UUID', 'path']]);
    const query = await h().api.call('GET', '/v1/iam/users?limit=5', { token: owner.accessToken });
    expect([query.status, query.body.errors?.[0]?.pointer, query.body.errors?.[0]?.in]).to.deep.equal([422, '/limit', 'query']);
    const patch = await h().api.call('PATCH', `/v1/iam/users/${member.userId}`, { token: owner.accessToken, body: { role: 'viewer', display_name: 'x' } });
    expect(errorsOf(patch)).to.deep.equal([['/display_name', 'is not a known field', 'body']]);
    const logout = await h().api.call('POST', `/v1/iam/users/${member.userId.toUpperCase()}/logout`, { token: owner.accessToken, body: { ignored: true } });
    expect(logout.status, logout.text).to.equal(200);
    expect(logout.body.id, 'the id as stored (lower case)').to.equal(member.userId);
    expect(logout.body.sessions_ended).to.be.at.least(1);
    expect((await h().api.call('GET', '/v1/auth/me', { token: member.accessToken })).status).to.equal(401);
  });

  it('changes a role, audited with before and after, ending the member’s sessions; an ADMIN cannot touch an OWNER', async () => {
    const org = await h().newOrg();
    const owner = await h().staff(org.id, 'owner');
    const admin = await h().staff(org.id, 'admin');
    const member = await h().staff(org.id, 'viewer');
    const r = await h().api.call('PATCH', `/v1/iam/users/${member.userId}`, { token: admin.accessToken, body: { role: 'dispatcher' } });
    expect(r.status, r.text).to.equal(200);
    expect(r.body.role).to.equal('dispatcher');
    expect((await h().api.call('GET', '/v1/auth/me', { token: member.accessToken })).status, 'sessions carry the role: they end').to.equal(401);
    const again = await h().signIn({ email: member.email, password: member.password });
    expect(again.role).to.equal('dispatcher');
    expect((await h().api.call('POST', '/v1/admin/leads', { token: again.accessToken, body: { name: 'Now allowed', phone: '+1 555 0100' } })).status).to.equal(201);

    const audit = await h().api.call('GET', `/v1/admin/audit-logs?action=iam.role_change&resource_id=${member.userId}`, { token: admin.accessToken });
    expect(audit.body.items[0].before.role).to.equal('viewer');
    expect(audit.body.items[0].after.role).to.equal('dispatcher');

    const raise = await h().api.call('PATCH', `/v1/iam/users/${member.userId}`, { token: admin.accessToken, body: { role: 'owner' } });
    expect(raise.body.code).to.equal('iam.owner_only');
    const demote = await h().api.call('PATCH', `/v1/iam/users/${owner.userId}`, { token: admin.accessToken, body: { role: 'viewer' } });
    expect(demote.body.code).to.equal('iam.owner_only');
    const promote = await h().api.call('PATCH', `/v1/iam/users/${member.userId}`, { token: owner.accessToken, body: { role: 'owner' } });
    expect(promote.status, 'an owner may grant owner').to.equal(200);
  });

  it('never leaves an org without an owner: the last one can be neither demoted nor deactivated', async () => {
    const org = await h().newOrg();
    const owner = await h().staff(org.id, 'owner');
    const demote = await h().api.call('PATCH', `/v1/iam/users/${owner.userId}`, { token: owner.accessToken, body: { role: 'admin' } });
    expect(demote.status).to.equal(409);
    expect(demote.body.code).to.equal('iam.last_owner');
    const deactivate = await h().api.call('POST', `/v1/iam/users/${owner.userId}/deactivate`, { token: owner.accessToken });
    expect(deactivate.body.code).to.equal('iam.last_owner');
    const second = await h().staff(org.id, 'owner');
    const now = await h().api.call('PATCH', `/v1/iam/users/${owner.userId}`, { token: second.accessToken, body: { role: 'admin' } });
    expect(now.status, 'with a second owner it is allowed').to.equal(200);
  });

  it('deactivates (idempotently): the member can no longer sign in and their sessions end', async () => {
    const org = await h().newOrg();
    const admin = await h().staff(org.id, 'admin');
    const member = await h().staff(org.id, 'dispatcher');
    const first = await h().api.call('POST', `/v1/iam/users/${member.userId}/deactivate`, { token: admin.accessToken });
    expect(first.status, first.text).to.equal(200);
    expect(first.body.deactivated_at).to.be.a('string');
    const second = await h().api.call('POST', `/v1/iam/users/${member.userId}/deactivate`, { token: admin.accessToken });
    expect(second.body.deactivated_at).to.equal(first.body.deactivated_at);
    expect((await h().api.call('GET', '/v1/auth/me', { token: member.accessToken })).status).to.equal(401);
    const login = await h().api.call('POST', '/v1/auth/login', { as: null, body: { email: member.email, password: member.password } });
    expect(login.status).to.equal(401);
    expect(login.body.code).to.equal('auth.invalid_credentials');
    const audit = await h().api.call('GET', `/v1/admin/audit-logs?action=iam.user_deactivate&resource_id=${member.userId}`, { token: admin.accessToken });
    expect(audit.body.items, 'audited once, not per repeat').to.have.length(1);
  });

  it('resets a password: a new temporary one shown once, the old one and every session stop working', async () => {
    const org = await h().newOrg();
    const admin = await h().staff(org.id, 'admin');
    const member = await h().staff(org.id, 'finance');
    const r = await h().api.call('POST', `/v1/iam/users/${member.userId}/reset-password`, { token: admin.accessToken });
    expect(r.status, r.text).to.equal(200);
    expect(r.headers.get('cache-control')).to.equal('no-store');
    expect(r.body).to.include({ id: member.userId, must_change_password: true });
    expect((await h().api.call('GET', '/v1/auth/me', { token: member.accessToken })).status).to.equal(401);
    expect((await h().api.call('POST', '/v1/auth/login', { as: null, body: { email: member.email, password: member.password } })).status).to.equal(401);
    const temp = await h().signIn({ email: member.email, password: r.body.temporary_password });
    const blocked = await h().api.call('GET', '/v1/admin/leads', { token: temp.accessToken });
    expect(blocked.body.code).to.equal('auth.password_change_required');
    const audit = await h().api.call('GET', `/v1/admin/audit-logs?action=iam.password_reset&resource_id=${member.userId}`, { token: admin.accessToken });
    expect(audit.body.items[0].metadata).to.include({ notification: 'password_set_notice' });
  });

  it('refuses to reset the password or second factor of an account another org linked (its holder manages it)', async () => {
    const a = await h().newOrg();
    const b = await h().newOrg();
    const ownerA = await h().staff(a.id, 'owner');
    const ownerB = await h().staff(b.id, 'owner');
    const shared = await h().staff(b.id, 'dispatcher');
    // Before the holder accepts A's invitation, A has no handle on the account at all.
    const invited = await h().api.call('POST', '/v1/iam/users', { token: ownerA.accessToken, body: { email: shared.email, role: 'viewer' } });
    expect(invited.status, invited.text).to.equal(202);
    expect((await h().api.call('POST', `/v1/iam/users/${shared.userId}/reset-password`, { token: ownerA.accessToken })).status).to.equal(404);
    const accepted = await h().api.call('POST', '/v1/auth/invitations/accept', { as: null, body: { token: await h().mailedToken('invitation', shared.email), new_password: 'Own-Kettle-Harbour-Violin-7' } });
    expect(accepted.status, accepted.text).to.equal(200);
    for (const owner of [ownerA, ownerB]) {
      const reset = await h().api.call('POST', `/v1/iam/users/${shared.userId}/reset-password`, { token: owner.accessToken });
      expect([reset.status, reset.body.code]).to.deep.equal([409, 'iam.self_managed_account']);
      const mfa = await h().api.call('POST', '/v1/auth/2fa/disable', { token: owner.accessToken, body: { user_id: shared.userId } });
      expect([mfa.status, mfa.body.code]).to.deep.equal([409, 'iam.self_managed_account']);
    }
    const listed = await h().api.call('GET', '/v1/iam/users', { token: ownerA.accessToken });
    expect(listed.body.items.find((m: { id: string }) => m.id === shared.userId)).to.include({ credentials_managed_here: false, role: 'viewer' });
    await h().signIn({ email: shared.email, password: 'Own-Kettle-Harbour-Violin-7', orgId: b.id });
  });
});
