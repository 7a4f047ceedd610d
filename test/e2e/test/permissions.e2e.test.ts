/**
 * Every staff route against every Basic Auth role: allowed exactly when the core's permission
 * table says so, 403 problem otherwise. Generated from the route table, so a route cannot ship
 * without a declared permission (mountRoutes refuses it) or without being checked here.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { PERMISSIONS, type Role } from '@cws/core';
import { onEachDatabase, type BasicRole } from '@cws/e2e-tests';

const ROLE_OF: Record<BasicRole, Role> = { admin: 'admin', dispatcher: 'dispatcher', finance: 'finance', viewer: 'viewer' };

onEachDatabase('route permissions', (h) => {
  it('allows each staff route to exactly the roles its permission names', async () => {
    const org = await h().newOrg();
    const path = (p: string) => p.replace(/:[A-Za-z]+/g, randomUUID());
    const staff = h().http.routes.filter((r) => r.audience === 'staff');
    expect(staff.length).to.be.greaterThan(10);
    for (const route of staff) {
      for (const basic of Object.keys(ROLE_OF) as BasicRole[]) {
        const allowed = (PERMISSIONS[route.permission!] as readonly Role[]).includes(ROLE_OF[basic]);
        const r = await h().api.call(route.method, path(route.path), { as: basic, org: org.id, ...(route.body ? { body: {} } : {}) });
        const label = `${basic} → ${route.method} ${route.path}`;
        if (allowed) expect(r.status, label).to.not.equal(403);
        else {
          expect(r.status, label).to.equal(403);
          expect(r.body.code, label).to.equal('auth.forbidden');
        }
      }
    }
  });

  it('answers 401 with WWW-Authenticate: Basic without or with wrong credentials', async () => {
    const none = await h().api.call('GET', '/v1/admin/profile', { as: null });
    expect(none.status).to.equal(401);
    expect(none.headers.get('www-authenticate')).to.match(/^Basic /);
    expect(none.body.code).to.equal('auth.unauthenticated');
    const wrong = await h().api.call('GET', '/v1/admin/profile', { as: null, headers: { authorization: `Basic ${Buffer.from('admin:wrong-password').toString('base64')}` } });
    expect(wrong.status).to.equal(401);
  });

  it('tells the caller who they are and which org they act in', async () => {
    const org = await h().newOrg();
    const r = await h().api.call('GET', '/v1/admin/profile', { as: 'finance', org: org.id });
    expect(r.body).to.deep.equal({ user_id: 'basic:accounts', username: 'accounts', role: 'finance', org_id: org.id, auth_method: 'basic', mfa_verified: false });
  });
});
