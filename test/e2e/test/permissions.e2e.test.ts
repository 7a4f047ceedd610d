/**
 * Every staff route against every role: allowed exactly when the core's permission table says
 * so, 403 problem otherwise. Generated from the route table, so a route cannot ship without a
 * declared permission (mountRoutes refuses it) or without being checked here. Signed-in users
 * of all five roles are checked on every route; the legacy Basic Auth pairs on every route that
 * does not need a session (and those must refuse Basic Auth with 401).
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { PERMISSIONS, ROLES, type Role } from '@cws/core';
import { onEachDatabase, type BasicRole, type StaffSession } from '@cws/e2e-tests';

const BASIC_ROLE: Record<BasicRole, Role> = { admin: 'admin', dispatcher: 'dispatcher', finance: 'finance', viewer: 'viewer' };

const allows = (permission: string, role: Role) => (PERMISSIONS[permission as keyof typeof PERMISSIONS] as readonly Role[]).includes(role);

onEachDatabase('route permissions', (h) => {
  const path = (p: string) => p.replace(/:[A-Za-z]+/g, randomUUID());

  it('allows each staff route to exactly the signed-in roles its permission names', async function () {
    this.timeout(120_000);
    const org = await h().newOrg();
    const staff = h().http.routes.filter((r) => r.audience === 'staff');
    expect(staff.length).to.be.greaterThan(25);
    const members = new Map<Role, StaffSession>();
    for (const role of ROLES) members.set(role, await h().staff(org.id, role));
    for (const route of staff) {
      for (const role of ROLES) {
        // A fresh session per call: some routes (logout, MFA) end sessions.
        const member = members.get(role)!;
        const session = await h().signIn({ email: member.email, password: member.password, orgId: org.id });
        const r = await h().api.call(route.method, path(route.path), { token: session.accessToken, ...(route.body ? { body: {} } : {}) });
        const label = `${role} → ${route.method} ${route.path}`;
        if (allows(route.permission!, role)) {
          expect(r.status, `${label}: ${r.text}`).to.not.be.oneOf([401, 403]);
        } else {
          expect(r.status, label).to.equal(403);
          expect(r.body.code, label).to.equal('auth.forbidden');
        }
      }
    }
  });

  it('allows each route that needs no session to exactly the Basic Auth roles its permission names, and refuses Basic Auth where a session is needed', async () => {
    const org = await h().newOrg();
    for (const route of h().http.routes.filter((r) => r.audience === 'staff')) {
      for (const basic of Object.keys(BASIC_ROLE) as BasicRole[]) {
        const r = await h().api.call(route.method, path(route.path), { as: basic, org: org.id, ...(route.body ? { body: {} } : {}) });
        const label = `basic ${basic} → ${route.method} ${route.path}`;
        if (!allows(route.permission!, BASIC_ROLE[basic])) {
          expect(r.status, label).to.equal(403);
          expect(r.body.code, label).to.equal('auth.forbidden');
        } else if (route.sessionOnly === true) {
          expect(r.status, label).to.equal(401);
          expect(r.headers.get('www-authenticate'), label).to.match(/^Bearer/);
        } else {
          expect(r.status, `${label}: ${r.text}`).to.not.be.oneOf([401, 403]);
        }
      }
    }
  });

  it('answers 401 naming both schemes without credentials, and 401 for wrong Basic credentials or a forged token', async () => {
    const none = await h().api.call('GET', '/v1/admin/profile', { as: null });
    expect(none.status).to.equal(401);
    expect(none.headers.get('www-authenticate')).to.match(/^Bearer realm="cleanwithsnapshot", Basic realm=/);
    expect(none.body.code).to.equal('auth.unauthenticated');
    const wrong = await h().api.call('GET', '/v1/admin/profile', { as: null, headers: { authorization: `Basic ${Buffer.from('admin:wrong-password').toString('base64')}` } });
    expect(wrong.status).to.equal(401);
    const org = await h().newOrg();
    const owner = await h().staff(org.id, 'owner');
    const [head, payload] = owner.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, role: 'owner', org: randomUUID() })).toString('base64url');
    const forged = await h().api.call('GET', '/v1/admin/profile', { token: `${head}.${forgedPayload}.${owner.accessToken.split('.')[2]}` });
    expect(forged.status).to.equal(401);
    expect(forged.body.code).to.equal('auth.token_invalid');
    expect(forged.headers.get('www-authenticate')).to.include('error="invalid_token"');
  });

  it('tells the caller who they are and which org they act in, for Basic Auth and for a signed-in user', async () => {
    const org = await h().newOrg();
    const basic = await h().api.call('GET', '/v1/admin/profile', { as: 'finance', org: org.id });
    expect(basic.body).to.deep.equal({ user_id: 'basic:accounts', username: 'accounts', role: 'finance', org_id: org.id, auth_method: 'basic', mfa_verified: false });
    const dispatcher = await h().staff(org.id, 'dispatcher');
    const signedIn = await h().api.call('GET', '/v1/admin/profile', { token: dispatcher.accessToken });
    expect(signedIn.body).to.deep.equal({ user_id: dispatcher.userId, username: dispatcher.email, role: 'dispatcher', org_id: org.id, auth_method: 'token', mfa_verified: false });
  });
});
