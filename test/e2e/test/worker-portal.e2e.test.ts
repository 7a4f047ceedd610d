/**
 * The worker portal over HTTP: sign-in by phone or email into an org, own jobs only, start and
 * complete, and sessions that end with a password reset or deactivation. Worker tokens and staff
 * credentials are never interchangeable. Few failed sign-ins per suite: failures count against
 * the shared per-address login limit (10 in 15 minutes), which has its own test below.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { OrgApi, at, fromNow, onEachDatabase, q, startApi, utcDay, type ApiClient } from '@cws/e2e-tests';

const PASSWORD = 'Portal-pass-7Kq2-long';

async function login(api: ApiClient, body: Record<string, unknown>) {
  return api.call('POST', '/v1/worker/portal/login', { as: null, body });
}


onEachDatabase('worker portal over HTTP', (h, db) => {
  it('signs a worker in by phone or by email and answers a 12-hour worker token; every failure looks the same', async () => {
    const o = await OrgApi.create(h());
    const worker = await o.worker({ name: 'Wanda', phone: '+1 555 010 4001', email: 'wanda@example.com' });
    const nopass = await o.worker({ name: 'Nina', phone: '+15550104002' });
    await o.portalPassword(worker.id, 'wanda@example.com', PASSWORD);
    const api = h().api;

    const byPhone = await login(api, { org: o.slug, login: '+1 (555) 010-4001', password: PASSWORD });
    expect(byPhone.status, byPhone.text).to.equal(200);
    expect(byPhone.headers.get('cache-control')).to.equal('no-store');
    expect(byPhone.body).to.include({ token_type: 'Bearer', expires_in: 43_200, must_change_password: false });
    expect(byPhone.body.worker).to.deep.equal({
      id: worker.id,
      org_id: o.orgId,
      name: 'Wanda',
      phone: '+15550104001',
      email: 'wanda@example.com',
      skills: [],
      team_id: null,
      working_hours: null,
      must_change_password: false,
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
    expect(noLogin.body.errors).to.deep.equal([{ pointer: '/login', detail: 'must be a phone number or an email address', in: 'body' }]);
    const longSlug = await login(api, { org: 'x'.repeat(64), login: '+15550104001', password: PASSWORD });
    expect([longSlug.status, longSlug.body.errors[0].pointer]).to.deep.equal([422, '/org']);
    // With several orgs and no DEFAULT_ORG_ID the org must be named.
    await h().newOrg();
    const noOrg = await login(api, { login: '+15550104001', password: PASSWORD });
    expect(noOrg.status).to.equal(422);
    expect(noOrg.body.errors[0].pointer).to.equal('/org');
  });

  it('signs in to DEFAULT_ORG_ID when no org is named', async () => {
    const o = await OrgApi.create(h());
    const worker = await o.worker({ email: 'dora@example.com' });
    await o.portalPassword(worker.id, 'dora@example.com', PASSWORD);
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
    await o.portalPassword(me.id, 'me@example.com', PASSWORD);
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
    await o.portalPassword(worker.id, 'solo@example.com', PASSWORD);
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
    await o.portalPassword(worker.id, '+15550105005', PASSWORD);
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
      await o.portalPassword(worker.id, 'tries@example.com', PASSWORD);
      for (let i = 0; i < 10; i++) expect((await login(isolated.api, { org: o.slug, login: 'tries@example.com', password: `wrong-${i}-password` })).status).to.equal(401);
      const blocked = await login(isolated.api, { org: o.slug, login: 'tries@example.com', password: PASSWORD });
      expect([blocked.status, blocked.body.code]).to.deep.equal([429, 'request.rate_limited']);
      expect(Number(blocked.headers.get('retry-after'))).to.be.greaterThan(0);
    } finally {
      await isolated.close();
    }
  });

  it('a password staff set must be changed: until then only me, change-password and logout answer; the change ends earlier tokens and is audited', async () => {
    const o = await OrgApi.create(h());
    const worker = await o.worker({ name: 'Tess', email: 'tess@example.com' });
    const client = await o.client();
    const job = await o.booking({ client_id: client.id, start: fromNow(1), end: fromNow(2), worker_ids: [worker.id], status: 'confirmed' });
    await o.expect(200, 'POST', `/v1/admin/workers/${worker.id}/portal-password`, { password: 'Staff-Chose-This-Broom-8' });
    const api = h().api;
    const first = await login(api, { org: o.slug, login: 'tess@example.com', password: 'Staff-Chose-This-Broom-8' });
    expect(first.status).to.equal(200);
    expect([first.body.must_change_password, first.body.worker.must_change_password]).to.deep.equal([true, true]);
    const temporary = first.body.access_token as string;
    const portal = (method: string, path: string, token: string, body?: unknown) => api.call(method, `/v1/worker/portal${path}`, { token, ...(body === undefined ? {} : { body }) });

    expect((await portal('GET', '/me', temporary)).body.must_change_password).to.equal(true);
    for (const [method, path] of [['GET', '/jobs'], ['GET', `/jobs/${job.id}`], ['POST', `/jobs/${job.id}/start`]] as const) {
      const refused = await portal(method, path, temporary);
      expect([refused.status, refused.body.code], path).to.deep.equal([403, 'auth.password_change_required']);
      expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(refused.body.detail).to.include('POST /v1/worker/portal/change-password');
    }
    const wrong = await portal('POST', '/change-password', temporary, { current_password: 'Not-The-Password-1', new_password: 'My-Own-Mop-Choice-31' });
    expect([wrong.status, wrong.body.errors]).to.deep.equal([422, [{ pointer: '/current_password', detail: 'is not correct', in: 'body' }]]);
    const weak = await portal('POST', '/change-password', temporary, { current_password: 'Staff-Chose-This-Broom-8', new_password: 'short' });
    expect([weak.status, weak.body.errors[0].pointer]).to.deep.equal([422, '/new_password']);

    const changed = await portal('POST', '/change-password', temporary, { current_password: 'Staff-Chose-This-Broom-8', new_password: 'My-Own-Mop-Choice-31' });
    expect(changed.status, changed.text).to.equal(200);
    expect(changed.headers.get('cache-control')).to.equal('no-store');
    expect(changed.body.must_change_password).to.equal(false);
    const own = changed.body.access_token as string;
    const ended = await portal('GET', '/me', temporary);
    expect([ended.status, ended.body.code]).to.deep.equal([401, 'auth.session_revoked']);
    expect((await portal('GET', '/jobs', own)).body.items.map((j: { id: string }) => j.id)).to.deep.equal([job.id]);
    expect((await login(api, { org: o.slug, login: 'tess@example.com', password: 'Staff-Chose-This-Broom-8' })).status, 'the staff-set password').to.equal(401);
    expect((await login(api, { org: o.slug, login: 'tess@example.com', password: 'My-Own-Mop-Choice-31' })).body.must_change_password).to.equal(false);
    expect((await o.call('GET', `/v1/admin/workers/${worker.id}`)).body.must_change_portal_password).to.equal(false);

    const audit = await o.call('GET', `/v1/admin/audit-logs?${q({ resource_type: 'worker', resource_id: worker.id })}`);
    const actions = audit.body.items.map((e: { action: string; actor_kind: string; metadata: unknown }) => [e.action, e.actor_kind]);
    expect(actions).to.deep.include.members([
      ['worker.password_reset', 'staff'],
      ['worker.portal_password_change', 'worker'],
    ]);
    expect(audit.text).to.not.include('My-Own-Mop-Choice-31').and.not.include('Staff-Chose-This-Broom-8');

    // Signing out ends the portal sessions (every one: portal tokens are not stored one by one).
    const out = await portal('POST', '/logout', own);
    expect(out.status).to.equal(204);
    const after = await portal('GET', '/me', own);
    expect([after.status, after.body.code]).to.deep.equal([401, 'auth.session_revoked']);
  });

  it('tells the worker only the moves they may make, refuses a start more than 2 hours ahead saying when, and shows local times and the address', async () => {
    const o = await OrgApi.create(h(), { timeZone: 'America/New_York' });
    const me = await o.worker({ email: 'early@example.com' });
    const token = await o.portalPassword(me.id, 'early@example.com', PASSWORD);
    const client = await o.client({ name: 'Maria', addresses: [{ label: 'Home', line1: '221 W 79th St', city: 'New York', access_notes: 'Doorman has the key' }] });
    const soon = await o.booking({ client_id: client.id, start: fromNow(1), end: fromNow(3), worker_ids: [me.id], status: 'confirmed' });
    const later = await o.booking({ client_id: client.id, start: fromNow(5), end: fromNow(6), worker_ids: [me.id], status: 'confirmed' });
    const pending = await o.booking({ client_id: client.id, start: fromNow(7), end: fromNow(8), worker_ids: [me.id] });
    const portal = (method: string, path: string) => h().api.call(method, `/v1/worker/portal${path}`, { token });

    const jobs = (await portal('GET', '/jobs')).body.items as Array<Record<string, any>>;
    const byId = new Map(jobs.map((j) => [j['id'], j]));
    expect(byId.get(soon.id)).to.deep.include({ allowed_actions: ['start'], can_start_from: new Date(Date.parse(soon.starts_at) - 2 * 3_600_000).toISOString() });
    expect(byId.get(later.id)).to.deep.include({ allowed_actions: [], can_start_from: new Date(Date.parse(later.starts_at) - 2 * 3_600_000).toISOString() });
    expect(byId.get(pending.id)).to.deep.include({ allowed_actions: [], can_start_from: null });
    const shown = byId.get(soon.id)!;
    expect(shown).to.deep.include({ time_zone: 'America/New_York', local_starts_at: soon.local_starts_at, local_ends_at: soon.local_ends_at, client: { name: 'Maria', phone: null } });
    expect(shown['local_starts_at']).to.match(/-0[45]:00$/);
    expect(shown['address']).to.deep.equal(client.addresses[0]);

    const tooEarly = await portal('POST', `/jobs/${later.id}/start`);
    expect([tooEarly.status, tooEarly.body.code]).to.deep.equal([409, 'booking.too_early_to_start']);
    expect(tooEarly.body).to.include({ can_start_from: byId.get(later.id)!['can_start_from'], start_window_minutes: 120 });
    expect(tooEarly.body.local_can_start_from).to.match(/-0[45]:00$/);
    expect(tooEarly.body.detail).to.include(tooEarly.body.local_can_start_from);
    const complete = await portal('POST', `/jobs/${soon.id}/complete`);
    expect([complete.status, complete.body.code, complete.body.allowed_actions]).to.deep.equal([409, 'booking.invalid_transition', ['start']]);
    expect(complete.body.detail).to.equal('A confirmed job cannot be completed: you may start it');

    const started = await portal('POST', `/jobs/${soon.id}/start`);
    expect([started.status, started.body.status, started.body.allowed_actions]).to.deep.equal([200, 'in_progress', ['complete']]);
    const done = await portal('POST', `/jobs/${soon.id}/complete`);
    expect([done.body.status, done.body.allowed_actions]).to.deep.equal(['completed', []]);
  });

  it('takes the start window from WORKER_JOB_START_WINDOW_MINUTES', async () => {
    const strict = await startApi(db(), { env: { WORKER_JOB_START_WINDOW_MINUTES: '0' } });
    try {
      const o = await OrgApi.create(strict);
      const me = await o.worker({ email: 'strict@example.com' });
      const token = await o.portalPassword(me.id, 'strict@example.com', PASSWORD);
      const client = await o.client();
      const job = await o.booking({ client_id: client.id, start: fromNow(0.5), end: fromNow(1.5), worker_ids: [me.id], status: 'confirmed' });
      const r = await strict.api.call('POST', `/v1/worker/portal/jobs/${job.id}/start`, { token });
      expect([r.status, r.body.code, r.body.start_window_minutes, r.body.can_start_from]).to.deep.equal([409, 'booking.too_early_to_start', 0, job.starts_at]);
    } finally {
      await strict.close();
    }
  });
});
