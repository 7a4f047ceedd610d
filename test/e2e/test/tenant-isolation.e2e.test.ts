/**
 * No staff route reveals or changes another org's rows. The matrix is generated from the host's
 * route table: a new staff route fails this suite until it says how to call it here. For each
 * route, an OWNER of org B (every permission there) presents org A's ids (in the path, or in the
 * body); the answer must be the same as for an id that exists nowhere, lists must hold none of
 * A's rows, and A's rows — leads, clients, settings, members, audit — must be unchanged after.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { onEachDatabase, type ApiClient, type ApiHarness } from '@cws/e2e-tests';

interface Ids {
  lead: string;
  client: string;
  address: string;
  /** A member of the org (not its owner). */
  user: string;
  org: string;
}

/** How to call each staff route: the ids it takes from `ids` and a valid body. */
const CALLS: Record<string, (ids: Ids) => { path: string; body?: unknown }> = {
  getProfile: () => ({ path: '/v1/admin/profile' }),
  getOrgSettings: () => ({ path: '/v1/admin/org/settings' }),
  updateOrgSettings: () => ({ path: '/v1/admin/org/settings', body: { time_zone: 'Asia/Tokyo' } }),
  listAuditLogs: () => ({ path: '/v1/admin/audit-logs?limit=200' }),
  listLeads: () => ({ path: '/v1/admin/leads?archived=include&limit=200' }),
  createLead: () => ({ path: '/v1/admin/leads', body: { name: 'B lead', email: 'b@example.com' } }),
  getLead: (i) => ({ path: `/v1/admin/leads/${i.lead}` }),
  updateLead: (i) => ({ path: `/v1/admin/leads/${i.lead}`, body: { name: 'Hijacked' } }),
  archiveLead: (i) => ({ path: `/v1/admin/leads/${i.lead}/archive` }),
  convertLead: (i) => ({ path: `/v1/admin/leads/${i.lead}/convert` }),
  listClients: () => ({ path: '/v1/admin/clients?archived=include&limit=200' }),
  createClient: () => ({ path: '/v1/admin/clients', body: { name: 'B client' } }),
  getClient: (i) => ({ path: `/v1/admin/clients/${i.client}` }),
  updateClient: (i) => ({ path: `/v1/admin/clients/${i.client}`, body: { name: 'Hijacked' } }),
  addClientAddress: (i) => ({ path: `/v1/admin/clients/${i.client}/addresses`, body: { line1: 'Hijack St', city: 'Nowhere' } }),
  updateClientAddress: (i) => ({ path: `/v1/admin/clients/${i.client}/addresses/${i.address}`, body: { line1: 'Hijack St' } }),
  removeClientAddress: (i) => ({ path: `/v1/admin/clients/${i.client}/addresses/${i.address}` }),
  getJobsStatus: () => ({ path: '/v1/admin/jobs/status' }),
  logout: () => ({ path: '/v1/auth/logout' }),
  getMe: () => ({ path: '/v1/auth/me' }),
  switchOrg: (i) => ({ path: '/v1/auth/switch-org', body: { org_id: i.org } }),
  changePassword: () => ({ path: '/v1/auth/change-password', body: { current_password: 'not-the-password', new_password: 'Another-long-passphrase-9' } }),
  enrollTotp: () => ({ path: '/v1/auth/2fa/enroll' }),
  verifyTotp: () => ({ path: '/v1/auth/2fa/verify', body: { code: '000000' } }),
  disableTotp: (i) => ({ path: '/v1/auth/2fa/disable', body: { user_id: i.user } }),
  listUsers: () => ({ path: '/v1/iam/users' }),
  inviteUser: () => ({ path: '/v1/iam/users', body: { email: `new-${randomUUID().slice(0, 8)}@example.com`, role: 'viewer' } }),
  resetUserPassword: (i) => ({ path: `/v1/iam/users/${i.user}/reset-password` }),
  changeUserRole: (i) => ({ path: `/v1/iam/users/${i.user}`, body: { role: 'admin' } }),
  deactivateUser: (i) => ({ path: `/v1/iam/users/${i.user}/deactivate` }),
  logoutUser: (i) => ({ path: `/v1/iam/users/${i.user}/logout` }),
  startBreakGlass: () => ({ path: '/v1/admin/break-glass/start', body: { reason: 'isolation test incident', ttl_minutes: 5 } }),
  getConfig: () => ({ path: '/v1/admin/config' }),
  getFeatureFlags: () => ({ path: '/v1/admin/feature-flags' }),
};

async function seedOrg(h: ApiHarness, orgId: string, label: string): Promise<Ids> {
  const { api } = h;
  const member = await h.staff(orgId, 'dispatcher', { email: `member-${label}-${randomUUID().slice(0, 8)}@example.com` });
  const lead = await api.call('POST', '/v1/admin/leads', { org: orgId, body: { name: `${label} secret lead`, email: `secret-${label}@example.com`, phone: '+15550009999' } });
  const client = await api.call('POST', '/v1/admin/clients', {
    org: orgId,
    body: { name: `${label} secret client`, email: `client-${label}@example.com`, addresses: [{ line1: `1 ${label} Private Rd`, city: 'Hidden' }] },
  });
  return { lead: lead.body.id, client: client.body.id, address: client.body.addresses[0].id, user: member.userId, org: orgId };
}

async function snapshotOf(api: ApiClient, orgId: string, ids: Ids) {
  return {
    lead: (await api.call('GET', `/v1/admin/leads/${ids.lead}`, { org: orgId })).body,
    client: (await api.call('GET', `/v1/admin/clients/${ids.client}`, { org: orgId })).body,
    settings: (await api.call('GET', '/v1/admin/org/settings', { org: orgId })).body,
    members: (await api.call('GET', '/v1/iam/users', { org: orgId })).body,
    audit: (await api.call('GET', '/v1/admin/audit-logs?limit=200', { org: orgId })).body.items.length,
  };
}

onEachDatabase('tenant isolation over HTTP', (h) => {
  it('has a call for every staff route (a new route must be added to this matrix)', () => {
    const staff = h().http.routes.filter((r) => r.audience === 'staff').map((r) => r.operationId);
    expect(staff.filter((id) => CALLS[id] === undefined), 'staff routes missing from the isolation matrix').to.deep.equal([]);
  });

  it("org B can neither read nor change org A's leads, clients, addresses, settings or members through any route", async function () {
    this.timeout(120_000);
    const api = h().api;
    const a = await h().newOrg();
    const b = await h().newOrg();
    const idsA = await seedOrg(h(), a.id, 'a');
    await seedOrg(h(), b.id, 'b');
    const ownerB = await h().staff(b.id, 'owner');
    const nowhere: Ids = { lead: randomUUID(), client: randomUUID(), address: randomUUID(), user: randomUUID(), org: randomUUID() };
    const before = await snapshotOf(api, a.id, idsA);
    const asB = async (method: string, call: { path: string; body?: unknown }) => {
      // A fresh session each time: some routes end the caller's session.
      const session = await h().signIn({ email: ownerB.email, password: ownerB.password, orgId: b.id });
      return api.call(method, call.path, { token: session.accessToken, ...(call.body !== undefined ? { body: call.body } : {}) });
    };

    for (const route of h().http.routes.filter((r) => r.audience === 'staff')) {
      const foreign = CALLS[route.operationId]!(idsA);
      const label = `${route.method} ${route.path}`;
      const answer = await asB(route.method, foreign);
      expect(answer.status, `${label} must not fail on the server`).to.be.below(500);
      expect(answer.status, `${label} must not refuse B's owner wholesale`).to.not.equal(401);
      const sent = foreign.path + JSON.stringify(foreign.body ?? null);
      if (!sent.includes(a.id)) expect(answer.text, `${label} leaked org A's id`).to.not.include(a.id);
      for (const id of Object.values(idsA)) {
        // Echoing back an id the caller sent reveals nothing; any other id of A would.
        if (!sent.includes(id)) expect(answer.text, `${label} leaked an id of org A`).to.not.include(id);
      }
      expect(answer.text).to.not.include('secret-a@example.com');
      expect(answer.text).to.not.include('member-a-');
      const sentIdOfA = [idsA.lead, idsA.client, idsA.address, idsA.user].some((id) => sent.includes(id));
      if (sentIdOfA) {
        const random = CALLS[route.operationId]!(nowhere);
        const control = await asB(route.method, random);
        expect(answer.status, `${label}: a foreign id answers like a missing one`).to.equal(control.status);
        expect(answer.body.code, label).to.equal(control.body.code);
        expect(answer.status, `${label}: ${answer.text}`).to.equal(404);
      }
    }
    const switched = await asB('POST', CALLS['switchOrg']!(idsA));
    expect(switched.status, 'switching into an org one is not a member of').to.equal(403);

    // Ids of org A inside a body are as unknown to B as ids in a path.
    const bLead = await api.call('POST', '/v1/admin/leads', { org: b.id, body: { name: 'B lead 2', phone: '5550002222' } });
    const link = await api.call('POST', `/v1/admin/leads/${bLead.body.id}/convert`, { org: b.id, body: { client_id: idsA.client } });
    expect(link.status).to.equal(404);
    expect(link.body.code).to.equal('client.not_found');

    expect(await snapshotOf(api, a.id, idsA), "org A's rows changed").to.deep.equal(before);
  });
});
