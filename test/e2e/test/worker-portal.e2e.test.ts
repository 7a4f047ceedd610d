/**
 * The worker portal over HTTP: sign-in by phone or email into an org, own jobs only, start and
 * complete, and sessions that end with a password reset or deactivation. Worker tokens and staff
 * credentials are never interchangeable. Few failed sign-ins per suite: failures count against
 * the shared per-address login limit (10 in 15 minutes), which has its own test below.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { OrgApi, at, fromNow, onEachDatabase, startApi, utcDay, type ApiClient } from '@cws/e2e-tests';

const PASSWORD = 'Portal-pass-7Kq2-long';

async function login(api: ApiClient, body: Record<string, unknown>) {
  return api.call('POST', '/v1/worker/portal/login', { as: null, body });
}


onEachDatabase('worker portal over HTTP', (h, db) => {
  it('signs a worker in by phone or by email and answers a 12-hour worker token; every failure looks the same', async () => {
    const o = await OrgApi.create(h());
    const worker = await o.worker({ name: 'Wanda', phone: '+1 555 010 4001', email: 'wanda@example.com' });
    const nopass = await o.worker({ name: 'Nina', phone: '+15550104002' });
    await o.expect(200, 'POST', `/v1/admin/workers/${worker.id}/portal-password`, { password: PASSWORD });
    const api = h().api;

    const byPhone = await login(api, { org: o.slug, login: '+1 (555) 010-4001', password: PASSWORD });
    expect(byPhone.status, byPhone.text).to.equal(200);
    expect(byPhone.headers.get('cache-control')).to.equal('no-store');
    expect(byPhone.body).to.include({ token_type: 'Bearer', expires_in: 43_200 });
    expect(byPhone.body.worker).to.deep.equal({
      id: worker.id,
      org_id: o.orgId,
      name: 'Wanda',
      phone: '+15550104001',
      email: 'wanda@example.com',
      skills: [],
      team_id: null,
      working_hours: null,
    });
    const [header, payload] = byPhone.body.access_token.split('.').slice(0, 2).map((p: string) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')));
    expect(header.alg).to.equal('HS256');
    expect(payload).to.include({ sub: worker.id, org: o.orgId, typ: 'worker' });
    expect(payload.exp - payload.iat).to.equal(43_200);
    const byEmail = await login(api, { org: o.slug.toUpperCase(), login: 'WANDA@example.com', password: PASSWORD });
    expect(byEmail.status).to.equal(200);
    const me = await api.call('GET', '/v1/worker/portal/me', { token: byEmail.body.access_token });
    expect(me.status).to.equal(200);
    expect(me.body.id).to.equal(worker.id);

    const failures = [
      await login(api, { org: o.slug, login: '+15550104001', password: 'wrong-password-123' }),
      await login(api, { org: o.slug, login: '+15550109999', password: PASSWORD }),
      await login(api, { org: `no-such-org-${randomUUID().slice(0, 6)}`, login: '+15550104001', password: PASSWORD }),
      await login(api, { org: o.slug, login: nopass.phone, password: PASSWORD }),
    ];
    for (const f of failures) {
      expect(f.status).to.equal(401);
      expect({ code: f.body.code, detail: f.body.detail, title: f.body.title }).to.deep.equal({
        code: 'auth.invalid_credentials',
        detail: failures[0]!.body.detail,
        title: failures[0]!.body.title,
      });
    }
    const noLogin = await login(api, { org: o.slug, login: 'not a phone', password: PASSWORD });
    expect(noLogin.status).to.equal(422);
    // With several orgs and no DEFAULT_ORG_ID the org must be named.
    await h().newOrg();
    const noOrg = await login(api, { login: '+15550104001', password: PASSWORD });
    expect(noOrg.status).to.equal(422);
    expect(noOrg.body.errors[0].pointer).to.equal('/org');
  });

  it('signs in to DEFAULT_ORG_ID when no org is named', async () => {
    const o = await OrgApi.create(h());
    const worker = await o.worker({ email: 'dora@example.com' });
    await o.expect(200, 'POST', `/v1/admin/workers/${worker.id}/portal-password`, { password: PASSWORD });
    const other = await startApi(db(), { env: { DEFAULT_ORG_ID: o.orgId } });
    try {
      const r = await login(other.api, { login: 'dora@example.com', password: PASSWORD });
      expect(r.status, r.text).to.equal(200);
      expect(r.body.worker.id).to.equal(worker.id);
    } finally {
      await other.close();
    }
  });

  it('shows a worker only their own jobs, today’s and upcoming, and lets them start and complete them', async () => {
    const o = await OrgApi.create(h());
    const service = await o.service({ name: 'Move-out clean' });
    const [me, colleague] = [await o.worker({ email: 'me@example.com' }), await o.worker({ email: 'colleague@example.com' })];
    await o.expect(200, 'POST', `/v1/admin/workers/${me.id}/portal-password`, { password: PASSWORD });
    const client = await o.client({ name: 'Carla', phone: '+15550107777' });
    const today = utcDay(0);
    const todayJob = await o.booking({ client_id: client.id, service_id: service.id, start: at(today, 0.25), end: at(today, 1.25), worker_ids: [me.id], status: 'confirmed', notes: 'Feed the cat', price_estimate_minor: 5000 });
    const upcoming = await o.booking({ client_id: client.id, start: fromNow(48), end: fromNow(50), worker_ids: [me.id] });
    const dropped = await o.booking({ client_id: client.id, start: fromNow(60), end: fromNow(61), worker_ids: [me.id] });
    await o.expect(200, 'POST', `/v1/admin/bookings/${dropped.id}/cancel`, { reason: 'client cancelled' });
    const theirs = await o.booking({ client_id: client.id, start: at(today, 2), end: at(today, 3), worker_ids: [colleague.id], status: 'confirmed' });
    const token = (await login(h().api, { org: o.slug, login: 'me@example.com', password: PASSWORD })).body.access_token as string;
    const portal = (method: string, path: string) => h().api.call(method, `/v1/worker/portal${path}`, { token });

    const todays = await portal('GET', '/jobs?scope=today');
    expect(todays.status).to.equal(200);
    expect(todays.body.items.map((j: { id: string }) => j.id)).to.deep.equal([todayJob.id]);
    const job = todays.body.items[0];
    expect(job).to.deep.include({ status: 'confirmed', service_name: 'Move-out clean', notes: 'Feed the cat', client: { name: 'Carla', phone: '+15550107777' } });
    expect(job.address).to.include({ line1: '12 Mop Lane', access_notes: 'Key in the lockbox 4821' });
    expect(job).to.not.have.property('price_estimate_minor');
    const ahead = (await portal('GET', '/jobs?scope=upcoming&days=7')).body.items.map((j: { id: string }) => j.id);
    expect(ahead).to.include(upcoming.id).and.not.include(dropped.id).and.not.include(theirs.id);
    const defaults = (await portal('GET', '/jobs')).body.items.map((j: { id: string }) => j.id);
    expect(defaults).to.include(upcoming.id);
    expect((await portal('GET', '/jobs?days=61')).status).to.equal(422);

    expect((await portal('GET', `/jobs/${todayJob.id}`)).body.id).to.equal(todayJob.id);
    for (const id of [theirs.id, dropped.id, randomUUID()]) {
      const hidden = await portal('GET', `/jobs/${id}`);
      expect([hidden.status, hidden.body.code], id).to.deep.equal([404, 'booking.not_found']);
      expect((await portal('POST', `/jobs/${id}/start`)).status).to.equal(404);
    }

    const pendingStart = await portal('POST', `/jobs/${upcoming.id}/start`);
    expect([pendingStart.status, pendingStart.body.code], 'a pending job is not confirmed yet').to.deep.equal([409, 'booking.invalid_transition']);
    const started = await portal('POST', `/jobs/${todayJob.id}/start`);
    expect(started.status).to.equal(200);
    expect(started.body.status).to.equal('in_progress');
    expect(started.body.started_at).to.be.a('string');
    const completed = await portal('POST', `/jobs/${todayJob.id}/complete`);
    expect(completed.body.status).to.equal('completed');
    expect((await portal('POST', `/jobs/${todayJob.id}/complete`)).status).to.equal(409);

    const staffView = await o.call('GET', `/v1/admin/bookings/${todayJob.id}`);
    expect(staffView.body).to.include({ status: 'completed', started_at: started.body.started_at, completed_at: completed.body.completed_at });
    const history = (await o.call('GET', `/v1/admin/bookings/${todayJob.id}/history`)).body.items;
    expect(history.slice(0, 2).map((e: { action: string; actor_kind: string; actor_id: string }) => [e.action, e.actor_kind, e.actor_id])).to.deep.equal([
      ['booking.status.completed', 'worker', me.id],
      ['booking.status.in_progress', 'worker', me.id],
    ]);
    expect(history[0].metadata).to.deep.equal({ via: 'worker_portal' });
  });

  it('refuses staff credentials on portal routes and worker tokens on staff routes', async () => {
    const o = await OrgApi.create(h());
    const worker = await o.worker({ email: 'solo@example.com' });
    await o.expect(200, 'POST', `/v1/admin/workers/${worker.id}/portal-password`, { password: PASSWORD });
    const workerToken = (await login(h().api, { org: o.slug, login: 'solo@example.com', password: PASSWORD })).body.access_token as string;
    const owner = await h().staff(o.orgId, 'owner');

    for (const options of [{ token: owner.accessToken }, { as: 'admin' as const, org: o.orgId }, { as: null }]) {
      const r = await h().api.call('GET', '/v1/worker/portal/me', options);
      expect(r.status).to.equal(401);
      expect(r.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(r.headers.get('www-authenticate')).to.match(/^Bearer realm="cleanwithsnapshot-worker-portal"/);
    }
    const staffTokenThere = await h().api.call('GET', '/v1/worker/portal/jobs', { token: owner.accessToken });
    expect(staffTokenThere.body.code).to.equal('auth.token_invalid');

    for (const path of ['/v1/admin/profile', '/v1/admin/bookings?start=2027-01-01T00:00:00Z&end=2027-01-02T00:00:00Z', `/v1/admin/workers/${worker.id}`]) {
      const r = await h().api.call('GET', path, { token: workerToken });
      expect([r.status, r.body.code], path).to.deep.equal([401, 'auth.token_invalid']);
    }
    // An edited token (another worker, same signature) is refused.
    const [head, payload, signature] = workerToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: randomUUID() })).toString('base64url')}.${signature}`;
    expect((await h().api.call('GET', '/v1/worker/portal/me', { token: forged })).status).to.equal(401);
  });

  it('ends portal sessions when the password is reset or the worker is deactivated', async () => {
    const o = await OrgApi.create(h());
    const worker = await o.worker({ phone: '+15550105005' });
    await o.expect(200, 'POST', `/v1/admin/workers/${worker.id}/portal-password`, { password: PASSWORD });
    const first = (await login(h().api, { org: o.slug, login: '+15550105005', password: PASSWORD })).body.access_token as string;
    expect((await h().api.call('GET', '/v1/worker/portal/me', { token: first })).status).to.equal(200);

    const reset = await o.expect(200, 'POST', `/v1/admin/workers/${worker.id}/portal-password`);
    const temporary = reset.temporary_password as string;
    const old = await h().api.call('GET', '/v1/worker/portal/jobs', { token: first });
    expect([old.status, old.body.code]).to.deep.equal([401, 'auth.session_revoked']);
    expect(old.headers.get('www-authenticate')).to.match(/^Bearer/);
    expect((await login(h().api, { org: o.slug, login: '+15550105005', password: PASSWORD })).status, 'the old password').to.equal(401);
    const second = await login(h().api, { org: o.slug, login: '+15550105005', password: temporary });
    expect(second.status).to.equal(200);
    expect((await h().api.call('GET', '/v1/worker/portal/me', { token: second.body.access_token })).status).to.equal(200);

    await o.expect(200, 'PATCH', `/v1/admin/workers/${worker.id}`, { active: false });
    const afterDeactivation = await h().api.call('GET', '/v1/worker/portal/me', { token: second.body.access_token });
    expect([afterDeactivation.status, afterDeactivation.body.code]).to.deep.equal([401, 'auth.session_revoked']);
    const refused = await login(h().api, { org: o.slug, login: '+15550105005', password: temporary });
    expect([refused.status, refused.body.code]).to.deep.equal([401, 'auth.invalid_credentials']);
  });

  it('blocks sign-in after 10 failures from one address, with Retry-After', async () => {
    // Its own host: the failure counters live in the runtime's limiter and would block the other tests.
    const isolated = await startApi(db());
    try {
      const o = await OrgApi.create(isolated);
      const worker = await o.worker({ email: 'tries@example.com' });
      await o.expect(200, 'POST', `/v1/admin/workers/${worker.id}/portal-password`, { password: PASSWORD });
      for (let i = 0; i < 10; i++) expect((await login(isolated.api, { org: o.slug, login: 'tries@example.com', password: `wrong-${i}-password` })).status).to.equal(401);
      const blocked = await login(isolated.api, { org: o.slug, login: 'tries@example.com', password: PASSWORD });
      expect([blocked.status, blocked.body.code]).to.deep.equal([429, 'request.rate_limited']);
      expect(Number(blocked.headers.get('retry-after'))).to.be.greaterThan(0);
    } finally {
      await isolated.close();
    }
  });
});
