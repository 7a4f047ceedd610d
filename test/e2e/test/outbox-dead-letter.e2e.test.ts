/**
 * The operators' dead-letter queue over HTTP (guide 000 "Outbox delivery + DLQ", "DLQ queue";
 * guide 003 "Dead Letter Queue Check"): `GET /v1/admin/outbox/dead-letter`,
 * `POST /v1/admin/outbox/{id}/replay` and `GET /v1/admin/queue/dlq`. Events are written through
 * the runtime's own unit of work (as a use case enqueues them), then given up on in the
 * database as the delivery job would leave them: dead, attempts spent, a sanitised error.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { OutboxPayload, Role } from '@cws/core';
import { OrgApi, onEachDatabase, startApi, type ApiHarness, type ApiResponse } from '@cws/e2e-tests';
import type { TestDatabase } from '@cws/test-support';

type Fate = 'dead' | 'pending' | 'sent';

const SEALED = 'sealed-token-must-never-show';
const mail = (to: string): OutboxPayload => ({
  kind: 'email',
  message: { template: 'password_reset', to, toName: 'Pat Secretname', data: { expiresAt: '2030-01-01T00:00:00Z' } as never, sealedSecret: SEALED },
});
const sms = (to: string): OutboxPayload => ({ kind: 'sms', message: { template: 'booking_reminder', to, toName: null, data: {} as never, sealedSecret: null } });
const webhook: OutboxPayload = {
  kind: 'webhook',
  webhook: { url: 'https://hook-user:hook-pass@hooks.example.com/in/path-secret?signature=query-secret', eventType: 'booking.created', body: { note: 'webhook-body-secret' } },
};
const exported: OutboxPayload = { kind: 'export', export: { exportId: 'export-42', destination: 'sftp://files.example.com/destination-secret' } };
const SECRETS = [SEALED, 'Secretname', 'hook-pass', 'path-secret', 'query-secret', 'webhook-body-secret', 'destination-secret'];

/** Each seeded event is a second younger than the previous one: lists are newest first. */
let clock = Date.now() - 3_600_000;

async function seed(h: ApiHarness, db: TestDatabase, orgId: string, payload: OutboxPayload, fate: Fate = 'dead'): Promise<string> {
  const id = randomUUID();
  const createdAt = new Date((clock += 1000));
  const ctx = { orgId, actor: { kind: 'system' as const, id: 'e2e-seed', role: null }, requestId: `seed-${id}`, now: createdAt };
  await h.runtime.ports.uow.run(ctx, (repos) => repos.outbox.enqueue({ id, orgId, dedupeKey: `e2e:${id}:${payload.kind}`, payload, createdAt }));
  if (fate === 'dead') {
    await db.ownerKnex.raw(`UPDATE outbox_events SET status = 'dead', attempts = 25, last_error = 'SMTP 550 mailbox unavailable [address]' WHERE id = ?`, [id]);
  } else if (fate === 'sent') {
    await db.ownerKnex.raw(`UPDATE outbox_events SET status = 'sent', attempts = 1, sent_at = now() WHERE id = ?`, [id]);
  }
  return id;
}

async function stored(db: TestDatabase, id: string): Promise<{ status: string; attempts: number; next_attempt_at: Date }> {
  const r = await db.ownerKnex.raw('SELECT status, attempts, next_attempt_at FROM outbox_events WHERE id = ?', [id]);
  return r.rows[0];
}

function expectProblem(r: ApiResponse, status: number, code: string, label = ''): void {
  expect(r.status, `${label} ${r.text}`).to.equal(status);
  expect(r.headers.get('content-type'), label).to.match(/^application\/problem\+json/);
  expect(r.body.code, label).to.equal(code);
}

const LIST = '/v1/admin/outbox/dead-letter';
const QUEUE = '/v1/admin/queue/dlq';
const replayPath = (id: string) => `/v1/admin/outbox/${id}/replay`;

onEachDatabase('outbox dead-letter queue over HTTP', (h, db) => {
  it('lists dead events with a payload summary and nothing secret, filtered by kind and paged with a total', async () => {
    const org = await h().newOrg();
    const m1 = await seed(h(), db(), org.id, mail('pat@example.com'));
    const w = await seed(h(), db(), org.id, webhook);
    const m2 = await seed(h(), db(), org.id, mail('sam@example.com'));
    const s = await seed(h(), db(), org.id, sms('+15550100'));
    await seed(h(), db(), org.id, mail('alive@example.com'), 'pending');
    await seed(h(), db(), org.id, mail('gone@example.com'), 'sent');

    const all = await h().api.call('GET', LIST, { org: org.id });
    expect(all.status, all.text).to.equal(200);
    expect(all.body).to.include({ total: 4, limit: 50, offset: 0 });
    expect(all.body.items.map((i: { id: string }) => i.id)).to.deep.equal([s, m2, w, m1]);
    const first = all.body.items.find((i: { id: string }) => i.id === m1);
    expect(Object.keys(first).sort()).to.deep.equal(
      ['attempts', 'created_at', 'dedupe_key', 'id', 'kind', 'last_error', 'next_attempt_at', 'payload_summary', 'queue', 'status', 'updated_at'].sort(),
    );
    expect(first).to.deep.include({ kind: 'email', queue: 'outbox', status: 'dead', attempts: 25, last_error: 'SMTP 550 mailbox unavailable [address]', dedupe_key: `e2e:${m1}:email` });
    expect(first.payload_summary).to.deep.equal({ template: 'password_reset', recipient: 'pat@example.com', url_host: null, event_type: null, export_id: null });
    const hook = all.body.items.find((i: { id: string }) => i.id === w);
    expect(hook.payload_summary).to.deep.equal({ template: null, recipient: null, url_host: 'hooks.example.com', event_type: 'booking.created', export_id: null });
    for (const secret of SECRETS) expect(all.text, secret).to.not.include(secret);
    expect(all.text).to.not.include('alive@example.com').and.not.include('gone@example.com');

    const emails = await h().api.call('GET', `${LIST}?kind=email`, { org: org.id });
    expect(emails.body.items.map((i: { id: string }) => i.id)).to.deep.equal([m2, m1]);
    expect(emails.body.total).to.equal(2);
    const page2 = await h().api.call('GET', `${LIST}?limit=2&offset=2`, { org: org.id });
    expect(page2.body).to.deep.include({ total: 4, limit: 2, offset: 2 });
    expect(page2.body.items.map((i: { id: string }) => i.id)).to.deep.equal([w, m1]);
    const past = await h().api.call('GET', `${LIST}?limit=2&offset=500`, { org: org.id });
    expect(past.body).to.deep.include({ items: [], total: 4, offset: 500 });
  });

  it('queue/dlq counts both queues whatever the filter and pages the chosen one (kind=all|outbox|export)', async () => {
    const org = await h().newOrg();
    const m = await seed(h(), db(), org.id, mail('pat@example.com'));
    const x1 = await seed(h(), db(), org.id, exported);
    const w = await seed(h(), db(), org.id, webhook);
    const x2 = await seed(h(), db(), org.id, { kind: 'export', export: { exportId: 'export-43', destination: 'local' } });
    await seed(h(), db(), org.id, exported, 'pending');

    // The pre-deploy check of guide 003, on an org with nothing dead.
    const empty = await h().newOrg();
    const check = await h().api.call('GET', `${QUEUE}?kind=all&limit=1`, { org: empty.id });
    expect(check.status, check.text).to.equal(200);
    expect(check.body).to.deep.equal({ outbox_dead_count: 0, export_dead_count: 0, items: [], total: 0, limit: 1, offset: 0 });

    const ids = (r: ApiResponse) => r.body.items.map((i: { id: string }) => i.id);
    const all = await h().api.call('GET', QUEUE, { org: org.id });
    expect(all.body).to.include({ outbox_dead_count: 2, export_dead_count: 2, total: 4, limit: 50, offset: 0 });
    expect(ids(all)).to.deep.equal([x2, w, x1, m]);
    expect(all.body.items.map((i: { queue: string }) => i.queue)).to.deep.equal(['export', 'outbox', 'export', 'outbox']);
    const firstOfAll = await h().api.call('GET', `${QUEUE}?kind=all&limit=1`, { org: org.id });
    expect(firstOfAll.body).to.include({ outbox_dead_count: 2, export_dead_count: 2, total: 4 });
    expect(ids(firstOfAll)).to.deep.equal([x2]);
    const outbox = await h().api.call('GET', `${QUEUE}?kind=outbox`, { org: org.id });
    expect(outbox.body).to.include({ outbox_dead_count: 2, export_dead_count: 2, total: 2 });
    expect(ids(outbox)).to.deep.equal([w, m]);
    const exports = await h().api.call('GET', `${QUEUE}?kind=export&limit=1&offset=1`, { org: org.id });
    expect(exports.body).to.include({ total: 2, limit: 1, offset: 1 });
    expect(ids(exports)).to.deep.equal([x1]);
    expect(exports.body.items[0].payload_summary).to.include({ export_id: 'export-42' });
    // Past the last page: no items, and still the counts and the total.
    const past = await h().api.call('GET', `${QUEUE}?kind=outbox&offset=100`, { org: org.id });
    expect(past.body).to.deep.equal({ outbox_dead_count: 2, export_dead_count: 2, items: [], total: 2, limit: 50, offset: 100 });
    for (const secret of SECRETS) expect(all.text, secret).to.not.include(secret);
  });

  it('replays a dead event: 202 with the event pending, due now, attempts 0, and an outbox.replay audit row', async () => {
    const org = await h().newOrg();
    const admin = await h().staff(org.id, 'admin');
    const id = await seed(h(), db(), org.id, mail('pat@example.com'));
    const before = Date.now();
    const r = await h().api.call('POST', replayPath(id), { token: admin.accessToken, body: { reason: 'mailbox fixed' } });
    expect(r.status, r.text).to.equal(202);
    expect(r.body).to.deep.include({ id, status: 'pending', attempts: 0, kind: 'email' });
    expect(Date.parse(r.body.next_attempt_at)).to.be.within(before - 1000, Date.now() + 1000);
    for (const secret of SECRETS) expect(r.text, secret).to.not.include(secret);
    expect(await stored(db(), id)).to.deep.include({ status: 'pending', attempts: 0 });

    const audit = await h().api.call('GET', `/v1/admin/audit-logs?action=outbox.replay&resource_id=${id}`, { org: org.id });
    expect(audit.body.items).to.have.length(1);
    const row = audit.body.items[0];
    expect(row).to.deep.include({ actor_id: admin.userId, admin_role: 'admin', resource_type: 'outbox_event', resource_id: id });
    expect(row.before).to.deep.include({ status: 'dead', attempts: 25 });
    expect(row.after).to.deep.include({ status: 'pending', attempts: 0 });
    expect(row.metadata).to.deep.include({ kind: 'email', reason: 'mailbox fixed' });
    expect(JSON.stringify(row)).to.not.include(SEALED).and.not.include('pat@example.com');

    const gone = await h().api.call('GET', QUEUE, { org: org.id });
    expect(gone.body).to.include({ outbox_dead_count: 0, total: 0 });
    // Replaying again: it is pending now.
    expectProblem(await h().api.call('POST', replayPath(id), { org: org.id }), 409, 'outbox.not_dead');
  });

  it('409 outbox.not_dead for a pending or a sent event, 404 for an unknown id; nothing audited', async () => {
    const org = await h().newOrg();
    const pending = await seed(h(), db(), org.id, mail('p@example.com'), 'pending');
    const sent = await seed(h(), db(), org.id, mail('s@example.com'), 'sent');
    expectProblem(await h().api.call('POST', replayPath(pending), { org: org.id }), 409, 'outbox.not_dead', 'pending');
    expectProblem(await h().api.call('POST', replayPath(sent), { org: org.id }), 409, 'outbox.not_dead', 'sent');
    expectProblem(await h().api.call('POST', replayPath(randomUUID()), { org: org.id }), 404, 'outbox.event_not_found');
    expect(await stored(db(), sent)).to.deep.include({ status: 'sent', attempts: 1 });
    const audit = await h().api.call('GET', '/v1/admin/audit-logs?action=outbox.replay', { org: org.id });
    expect(audit.body.items).to.deep.equal([]);
  });

  it('of racing replays of one event exactly one is accepted, the rest are 409, and one audit row is written', async () => {
    const org = await h().newOrg();
    const id = await seed(h(), db(), org.id, mail('race@example.com'));
    const answers = await Promise.all(Array.from({ length: 5 }, () => h().api.call('POST', replayPath(id), { org: org.id })));
    expect(answers.map((a) => a.status).sort()).to.deep.equal([202, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).to.equal('outbox.not_dead');
    const audit = await h().api.call('GET', `/v1/admin/audit-logs?action=outbox.replay&resource_id=${id}`, { org: org.id });
    expect(audit.body.items).to.have.length(1);
  });

  it("org B's admin neither sees nor replays org A's dead events (404 as for a missing id; A's event stays dead)", async () => {
    const a = await h().newOrg();
    const b = await h().newOrg();
    const ofA = await seed(h(), db(), a.id, mail('a-secret@example.com'));
    const ofB = await seed(h(), db(), b.id, mail('b@example.com'));
    const adminB = await h().staff(b.id, 'admin');
    for (const path of [LIST, QUEUE, `${QUEUE}?kind=outbox`]) {
      const r = await h().api.call('GET', path, { token: adminB.accessToken });
      expect(r.status, r.text).to.equal(200);
      expect(r.body.items.map((i: { id: string }) => i.id), path).to.deep.equal([ofB]);
      expect(r.text).to.not.include(ofA).and.not.include('a-secret');
    }
    const queueB = await h().api.call('GET', QUEUE, { token: adminB.accessToken });
    expect(queueB.body).to.include({ outbox_dead_count: 1, export_dead_count: 0 });
    const foreign = await h().api.call('POST', replayPath(ofA), { token: adminB.accessToken });
    const missing = await h().api.call('POST', replayPath(randomUUID()), { token: adminB.accessToken });
    expectProblem(foreign, 404, 'outbox.event_not_found', 'foreign id');
    expect(foreign.body.code).to.equal(missing.body.code);
    expect(await stored(db(), ofA)).to.deep.include({ status: 'dead', attempts: 25 });
    // Basic Auth with X-Test-Org naming B cannot reach A's row either.
    expectProblem(await h().api.call('POST', replayPath(ofA), { org: b.id }), 404, 'outbox.event_not_found', 'basic in B');
    expect(await stored(db(), ofA)).to.deep.include({ status: 'dead' });
  });

  it('owner and admin may use the queue; dispatcher, finance, viewer get 403; no credentials 401; a worker token 401', async () => {
    const org = await OrgApi.create(h());
    const id = await seed(h(), db(), org.orgId, mail('perm@example.com'));
    const allowed: Role[] = ['owner', 'admin'];
    for (const role of ['owner', 'admin', 'dispatcher', 'finance', 'viewer'] as const) {
      const member = await h().staff(org.orgId, role);
      for (const [method, path] of [['GET', LIST], ['GET', QUEUE], ['POST', replayPath(randomUUID())]] as const) {
        const r = await h().api.call(method, path, { token: member.accessToken });
        const label = `${role} ${method} ${path}`;
        if (allowed.includes(role)) expect(r.status, `${label}: ${r.text}`).to.be.oneOf([200, 404]);
        else expectProblem(r, 403, 'auth.forbidden', label);
      }
    }
    for (const basic of ['dispatcher', 'finance', 'viewer'] as const) expectProblem(await h().api.call('POST', replayPath(id), { as: basic, org: org.orgId }), 403, 'auth.forbidden', basic);
    for (const [method, path] of [['GET', LIST], ['GET', QUEUE], ['POST', replayPath(id)]] as const) {
      const none = await h().api.call(method, path, { as: null, org: org.orgId });
      expectProblem(none, 401, 'auth.unauthenticated', `${method} ${path}`);
    }
    const worker = await org.worker({ email: `dlq-worker-${randomUUID().slice(0, 8)}@example.com` });
    const workerToken = await org.portalPassword(worker.id, worker.email, 'Worker-Chose-This-Mop-42');
    const asWorker = await h().api.call('POST', replayPath(id), { token: workerToken });
    expect(asWorker.status, asWorker.text).to.equal(401);
    expect(await stored(db(), id)).to.deep.include({ status: 'dead' });
  });

  it('422 problem+json for hostile query values and a bad kind, and for a malformed id', async () => {
    const org = await h().newOrg();
    const cases: Array<[string, string]> = [
      [`${LIST}?offset=-1`, '/offset'],
      [`${LIST}?limit=0`, '/limit'],
      [`${LIST}?limit=1000000000`, '/limit'],
      [`${LIST}?offset=100001`, '/offset'],
      [`${LIST}?kind=fax`, '/kind'],
      [`${LIST}?kind=email%00`, '/kind'],
      [`${LIST}?kind=${'e'.repeat(10_000)}`, '/kind'],
      [`${LIST}?status=dead`, '/status'],
      [`${QUEUE}?kind=email`, '/kind'],
      [`${QUEUE}?kind=all%00`, '/kind'],
      [`${QUEUE}?kind=%ED%A0%80`, '/kind'],
      [`${QUEUE}?offset=-1`, '/offset'],
      [`${QUEUE}?limit=0`, '/limit'],
      [`${QUEUE}?limit=1000000000`, '/limit'],
    ];
    for (const [path, pointer] of cases) {
      const r = await h().api.call('GET', path, { org: org.id });
      expectProblem(r, 422, 'validation.failed', path.slice(0, 80));
      expect(r.body.errors.map((e: { pointer: string }) => e.pointer), path.slice(0, 80)).to.include(pointer);
    }
    const badId = await h().api.call('POST', '/v1/admin/outbox/not-a-uuid/replay', { org: org.id });
    expectProblem(badId, 422, 'validation.failed');
    const longReason = await h().api.call('POST', replayPath(randomUUID()), { org: org.id, body: { reason: 'r'.repeat(501) } });
    expectProblem(longReason, 422, 'validation.failed');
  });

  it('ADMIN_READ_ONLY refuses the replay (409 auth.admin_read_only) but serves the lists; break-glass admits it', async () => {
    const readOnly = await startApi(db(), { env: { ADMIN_READ_ONLY: 'true' } });
    try {
      const org = await readOnly.newOrg();
      const owner = await readOnly.staff(org.id, 'owner');
      const id = await seed(readOnly, db(), org.id, mail('incident@example.com'));
      const refused = await readOnly.api.call('POST', replayPath(id), { token: owner.accessToken });
      expectProblem(refused, 409, 'auth.admin_read_only');
      expect(await stored(db(), id)).to.deep.include({ status: 'dead' });
      const listed = await readOnly.api.call('GET', QUEUE, { token: owner.accessToken });
      expect(listed.status, listed.text).to.equal(200);
      expect(listed.body.outbox_dead_count).to.equal(1);
      const started = await readOnly.api.call('POST', '/v1/admin/break-glass/start', { token: owner.accessToken, body: { reason: 'replay dead invitations', ttl_minutes: 5 } });
      expect(started.status, started.text).to.equal(201);
      const admitted = await readOnly.api.call('POST', replayPath(id), { token: owner.accessToken, headers: { 'x-break-glass-token': started.body.token } });
      expect(admitted.status, admitted.text).to.equal(202);
      expect(await stored(db(), id)).to.deep.include({ status: 'pending', attempts: 0 });
    } finally {
      await readOnly.close();
    }
  });
});
