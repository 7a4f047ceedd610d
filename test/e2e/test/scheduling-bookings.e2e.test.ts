/**
 * Bookings over HTTP against a real database: creation with defaults, the database refusing
 * double bookings (also under concurrency), Idempotency-Key, status machine, reschedule,
 * blackouts, assignment changes and the audit history; plus the workforce routes they rely on.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { OrgApi, at, onEachDatabase, q, utcDay } from '@cws/e2e-tests';

onEachDatabase('scheduling: bookings over HTTP', (h) => {
  it('creates a team, workers, a service and a client, then books a visit with defaults from the service and the client', async () => {
    const o = await OrgApi.create(h());
    const team = await o.team('North crew');
    expect(team).to.include({ name: 'North crew', active: true, org_id: o.orgId });
    const ana = await o.worker({ name: 'Ana', phone: '+1 (555) 010-2001', email: 'Ana@Example.com', skills: ['Windows', 'deep-clean'], team_id: team.id });
    expect(ana).to.include({ name: 'Ana', phone: '+15550102001', email: 'ana@example.com', team_id: team.id, has_portal_password: false });
    expect(ana.skills).to.deep.equal(['deep-clean', 'windows']);
    const ben = await o.worker({ name: 'Ben', team_id: team.id });
    const service = await o.service({ duration_minutes: 90, price_minor: 9900 });
    const client = await o.client();

    const start = at(utcDay(5), 10);
    const created = await o.book({ client_id: client.id, service_id: service.id, start, worker_ids: [ana.id], notes: 'Bring ladder' });
    expect(created.status, created.text).to.equal(201);
    expect(created.headers.get('location')).to.equal(`/v1/admin/bookings/${created.body.id}`);
    expect(created.body).to.deep.include({
      org_id: o.orgId,
      client_id: client.id,
      address_id: client.addresses[0].id,
      service_id: service.id,
      series_id: null,
      occurrence_date: null,
      detached: false,
      starts_at: start,
      ends_at: at(utcDay(5), 11.5),
      status: 'pending',
      team_id: null,
      workers: [{ worker_id: ana.id, via_team: false }],
      notes: 'Bring ladder',
      price_estimate_minor: 9900,
      currency: 'USD',
      cancellation_reason: null,
      started_at: null,
      completed_at: null,
      cancelled_at: null,
    });
    expect((await o.call('GET', `/v1/admin/bookings/${created.body.id}`)).body).to.deep.equal(created.body);

    // A team booking occupies the team's active members.
    const teamBooking = await o.booking({ client_id: client.id, start: at(utcDay(6), 9), end: at(utcDay(6), 11), team_id: team.id, status: 'confirmed' });
    const members = [ana.id, ben.id].sort().map((id) => ({ worker_id: id, via_team: true }));
    expect(teamBooking).to.deep.include({ status: 'confirmed', team_id: team.id, workers: members, price_estimate_minor: null });

    const noEnd = await o.book({ client_id: client.id, start: at(utcDay(7), 9) });
    expect(noEnd.status).to.equal(422);
    expect(noEnd.body.errors).to.deep.equal([{ pointer: '/end', detail: 'is required when no service gives a duration', in: 'body' }]);
    const tooLong = await o.book({ client_id: client.id, start: at(utcDay(7), 9), end: at(utcDay(8), 10) });
    expect(tooLong.status).to.equal(422);
    const unknownClient = await o.book({ client_id: randomUUID(), start: at(utcDay(7), 9), end: at(utcDay(7), 10) });
    expect([unknownClient.status, unknownClient.body.code]).to.deep.equal([404, 'client.not_found']);
  });

  it('refuses an overlapping booking of the same worker with 409 problem+json naming the first booking', async () => {
    const o = await OrgApi.create(h());
    const [w1, w2, client] = [await o.worker({ name: 'Rosa Lima' }), await o.worker(), await o.client()];
    const day = utcDay(3);
    const first = await o.booking({ client_id: client.id, start: at(day, 9), end: at(day, 11), worker_ids: [w1.id] });

    const clash = await o.book({ client_id: client.id, start: at(day, 10), end: at(day, 12), worker_ids: [w1.id] });
    expect(clash.status).to.equal(409);
    expect(clash.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(clash.body).to.include({ code: 'booking.slot_unavailable', status: 409, type: '/problems/booking/slot_unavailable', conflicting_booking_id: first.id });
    expect(clash.body.detail).to.include(first.id);
    // The worker by name as well as id: a dispatcher reads who is taken without a lookup.
    expect(clash.body.detail).to.include(`Rosa Lima (worker ${w1.id})`);
    expect(clash.body.conflicts[0]).to.include({ booking_id: first.id, worker_id: w1.id, worker_name: 'Rosa Lima' });

    // Back to back is not a clash, and another worker may take the same time.
    expect((await o.book({ client_id: client.id, start: at(day, 11), end: at(day, 12), worker_ids: [w1.id] })).status).to.equal(201);
    expect((await o.book({ client_id: client.id, start: at(day, 10), end: at(day, 12), worker_ids: [w2.id] })).status).to.equal(201);
    expect((await o.list(q({ start: at(day, 0), end: at(day, 24), worker_id: w1.id }))).map((b) => b.starts_at)).to.deep.equal([at(day, 9), at(day, 11)]);
  });

  it('lets exactly one of 10 concurrent overlapping bookings of one worker through; the other nine are 409', async () => {
    const o = await OrgApi.create(h());
    const [worker, client] = [await o.worker(), await o.client()];
    const day = utcDay(4);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => o.book({ client_id: client.id, start: at(day, 9 + i / 6), end: at(day, 11 + i / 6), worker_ids: [worker.id] })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).to.deep.equal([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 201)!.body;
    for (const lost of answers.filter((a) => a.status === 409)) {
      expect(lost.body).to.include({ code: 'booking.slot_unavailable', conflicting_booking_id: winner.id });
    }
    expect((await o.list(q({ start: at(day, 0), end: at(day, 24), worker_id: worker.id }))).map((b) => b.id)).to.deep.equal([winner.id]);
  });

  it('replays a booking for a retried Idempotency-Key, once even under 10 concurrent retries, and refuses the key for another body', async () => {
    const o = await OrgApi.create(h());
    const client = await o.client();
    const day = utcDay(9);
    const body = { client_id: client.id, start: at(day, 9), end: at(day, 10), notes: 'first' };
    const key = `key-${randomUUID()}`;

    const first = await o.book(body, { 'Idempotency-Key': key });
    expect(first.status).to.equal(201);
    expect(first.headers.get('idempotent-replayed')).to.equal(null);
    const retry = await o.book(body, { 'Idempotency-Key': key });
    expect(retry.status).to.equal(201);
    expect(retry.headers.get('idempotent-replayed')).to.equal('true');
    expect(retry.body).to.deep.equal(first.body);

    const reused = await o.book({ ...body, notes: 'another body' }, { 'Idempotency-Key': key });
    expect(reused.status).to.equal(422);
    expect(reused.body.code).to.equal('idempotency.key_reused');

    // Without workers nothing else stops a duplicate, so the list shows whether one was made.
    const concurrentKey = `key-${randomUUID()}`;
    const other = { client_id: client.id, start: at(day, 14), end: at(day, 15) };
    const answers = await Promise.all(Array.from({ length: 10 }, () => o.book(other, { 'Idempotency-Key': concurrentKey })));
    expect(answers.map((a) => a.status)).to.deep.equal(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).to.equal(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).to.have.length(9);
    expect(await o.list(q({ start: at(day, 0), end: at(day, 24) }))).to.have.length(2);

    const bad = await o.book(other, { 'Idempotency-Key': 'x'.repeat(256) });
    expect(bad.status).to.equal(422);
    expect(bad.body.errors).to.deep.equal([
      { pointer: '/Idempotency-Key', detail: 'must be 1-255 visible ASCII characters (letters, digits, - and the like: a UUID works)', in: 'header' },
    ]);
  });

  it('frees the slot when a booking is cancelled, and needs a reason to cancel', async () => {
    const o = await OrgApi.create(h());
    const [worker, client] = [await o.worker(), await o.client()];
    const day = utcDay(2);
    const slot = { client_id: client.id, start: at(day, 13), end: at(day, 15), worker_ids: [worker.id] };
    const first = await o.booking(slot);
    expect((await o.book(slot)).status).to.equal(409);

    const noReason = await o.call('POST', `/v1/admin/bookings/${first.id}/cancel`, { body: {} });
    expect(noReason.status).to.equal(422);
    expect(noReason.body.errors).to.deep.equal([{ pointer: '/reason', detail: 'is required', in: 'body' }]);
    // Cancelling through the status machine needs a reason too.
    const statusNoReason = await o.call('POST', `/v1/admin/bookings/${first.id}/status`, { body: { status: 'cancelled', reason: ' ' } });
    expect([statusNoReason.status, statusNoReason.body.errors]).to.deep.equal([422, [{ pointer: '/reason', detail: 'must not be empty', in: 'body' }]]);
    const cancelled = await o.call('POST', `/v1/admin/bookings/${first.id}/cancel`, { body: { reason: 'client away' } });
    expect(cancelled.status).to.equal(200);
    expect(cancelled.body).to.include({ status: 'cancelled', cancellation_reason: 'client away' });
    expect(cancelled.body.cancelled_at).to.be.a('string');

    const again = await o.book(slot);
    expect(again.status, again.text).to.equal(201);
    const statuses = (await o.list(q({ start: at(day, 0), end: at(day, 24), status: 'cancelled' }))).map((b) => b.id);
    expect(statuses).to.deep.equal([first.id]);
  });

  it('moves a booking only along allowed status transitions, stamping start and completion', async () => {
    const o = await OrgApi.create(h());
    const client = await o.client();
    const b = await o.booking({ client_id: client.id, start: at(utcDay(1), 8), end: at(utcDay(1), 9) });
    const status = (to: string, reason?: string) => o.call('POST', `/v1/admin/bookings/${b.id}/status`, { body: { status: to, ...(reason ? { reason } : {}) } });

    const skip = await status('in_progress');
    expect(skip.status).to.equal(409);
    expect(skip.body).to.include({ code: 'booking.invalid_transition', from: 'pending', to: 'in_progress' });
    expect(skip.body.allowed).to.deep.equal(['confirmed', 'cancelled']);
    expect((await status('confirmed')).body.status).to.equal('confirmed');
    const started = await status('in_progress');
    expect(started.body.status).to.equal('in_progress');
    expect(started.body.started_at).to.be.a('string');
    const done = await status('completed');
    expect(done.body.status).to.equal('completed');
    expect(done.body.completed_at).to.be.a('string');
    const late = await status('cancelled', 'too late');
    expect([late.status, late.body.code]).to.deep.equal([409, 'booking.invalid_transition']);
    const notPlannable = await o.call('POST', `/v1/admin/bookings/${b.id}/reschedule`, { body: { start: at(utcDay(1), 10) } });
    expect([notPlannable.status, notPlannable.body.code]).to.deep.equal([409, 'booking.not_plannable']);
    const unknown = await o.call('POST', `/v1/admin/bookings/${b.id}/status`, { body: { status: 'done' } });
    expect(unknown.status).to.equal(422);
    expect(unknown.body.errors).to.deep.equal([{ pointer: '/status', detail: 'must be one of: pending, confirmed, in_progress, completed, cancelled, no_show', in: 'body' }]);
  });

  it('reschedules keeping the length, refuses a move into a clash and leaves the booking unchanged', async () => {
    const o = await OrgApi.create(h());
    const [worker, client] = [await o.worker(), await o.client()];
    const day = utcDay(6);
    const busy = await o.booking({ client_id: client.id, start: at(day, 14), end: at(day, 16), worker_ids: [worker.id] });
    const b = await o.booking({ client_id: client.id, start: at(day, 9), end: at(day, 10.5), worker_ids: [worker.id] });

    const clash = await o.call('POST', `/v1/admin/bookings/${b.id}/reschedule`, { body: { start: at(day, 15) } });
    expect(clash.status).to.equal(409);
    expect(clash.body).to.include({ code: 'booking.slot_unavailable', conflicting_booking_id: busy.id });
    expect((await o.call('GET', `/v1/admin/bookings/${b.id}`)).body).to.deep.equal(b);

    const moved = await o.call('POST', `/v1/admin/bookings/${b.id}/reschedule`, { body: { start: at(day, 11) } });
    expect(moved.status).to.equal(200);
    expect(moved.body).to.include({ starts_at: at(day, 11), ends_at: at(day, 12.5) });
    const stretched = await o.call('POST', `/v1/admin/bookings/${b.id}/reschedule`, { body: { start: at(day, 11), end: at(day, 14) } });
    expect(stretched.body.ends_at).to.equal(at(day, 14));
    const backwards = await o.call('POST', `/v1/admin/bookings/${b.id}/reschedule`, { body: { start: at(day, 11), end: at(day, 10) } });
    expect(backwards.status).to.equal(422);
  });

  it('refuses bookings a blackout covers (worker, team or whole org) until the blackout is removed', async () => {
    const o = await OrgApi.create(h());
    const team = await o.team();
    const [member, solo, client] = [await o.worker({ team_id: team.id }), await o.worker(), await o.client()];
    const day = utcDay(12);
    const holiday = await o.expect(201, 'POST', '/v1/admin/blackouts', { scope: 'worker', worker_id: solo.id, start: at(day, 0), end: at(day, 24), reason: 'Annual leave' });
    expect(holiday).to.include({ scope: 'worker', worker_id: solo.id, team_id: null, reason: 'Annual leave', starts_at: at(day, 0) });

    const refused = await o.book({ client_id: client.id, start: at(day, 9), end: at(day, 10), worker_ids: [solo.id] });
    expect(refused.status).to.equal(409);
    expect(refused.body).to.include({ code: 'booking.blacked_out', type: '/problems/booking/blacked_out', blackout_id: holiday.id, scope: 'worker' });

    const training = await o.expect(201, 'POST', '/v1/admin/blackouts', { scope: 'team', team_id: team.id, start: at(day, 8), end: at(day, 12), reason: 'Training' });
    expect((await o.book({ client_id: client.id, start: at(day, 9), end: at(day, 10), team_id: team.id })).body.code).to.equal('booking.blacked_out');
    // A member booked on their own is at their team's training too.
    expect((await o.book({ client_id: client.id, start: at(day, 9), end: at(day, 10), worker_ids: [member.id] })).body).to.include({ code: 'booking.blacked_out', blackout_id: training.id });

    const orgWide = await o.expect(201, 'POST', '/v1/admin/blackouts', { start: at(day, 18), end: at(day, 20), reason: 'Office closed' });
    expect(orgWide.scope).to.equal('org');
    expect((await o.book({ client_id: client.id, start: at(day, 18), end: at(day, 19) })).body.code).to.equal('booking.blacked_out');

    const listed = await o.call('GET', `/v1/admin/blackouts?${q({ start: at(day, 0), end: at(day, 24) })}`);
    expect(listed.body.items.map((b: { id: string }) => b.id)).to.deep.equal([holiday.id, training.id, orgWide.id]);
    const removed = await o.call('DELETE', `/v1/admin/blackouts/${holiday.id}`);
    expect(removed.status).to.equal(204);
    expect((await o.call('DELETE', `/v1/admin/blackouts/${holiday.id}`)).status).to.equal(404);
    expect((await o.book({ client_id: client.id, start: at(day, 9), end: at(day, 10), worker_ids: [solo.id] })).status).to.equal(201);
    const inverted = await o.call('POST', '/v1/admin/blackouts', { body: { start: at(day, 10), end: at(day, 9), reason: 'x' } });
    expect(inverted.status).to.equal(422);
    expect(inverted.body.errors).to.deep.equal([{ pointer: '/end', detail: 'must be after start', in: 'body' }]);
    const nobody = await o.call('POST', '/v1/admin/blackouts', { body: { scope: 'team', start: at(day, 9), end: at(day, 10), reason: 'x' } });
    expect([nobody.status, nobody.body.errors]).to.deep.equal([422, [{ pointer: '/team_id', detail: 'is required for a team blackout', in: 'body' }]]);
    const tooLong = await o.call('GET', `/v1/admin/blackouts?${q({ start: at(day, 0), end: at(utcDay(12 + 367), 0) })}`);
    expect([tooLong.status, tooLong.body.errors]).to.deep.equal([422, [{ pointer: '/end', detail: 'must be at most 8784 hours after start', in: 'query' }]]);
  });

  it('assigns, unassigns and reassigns, refusing a worker who is busy then, and keeps the history of every change', async () => {
    const o = await OrgApi.create(h());
    const team = await o.team();
    const [w1, w2, m1, client] = [await o.worker(), await o.worker(), await o.worker({ team_id: team.id }), await o.client()];
    const day = utcDay(8);
    const other = await o.booking({ client_id: client.id, start: at(day, 9), end: at(day, 12), worker_ids: [w2.id] });
    const b = await o.booking({ client_id: client.id, start: at(day, 10), end: at(day, 11), worker_ids: [w1.id] });
    const path = (action: string) => `/v1/admin/bookings/${b.id}/${action}`;

    const busy = await o.call('POST', path('assign'), { body: { worker_ids: [w2.id] } });
    expect(busy.status).to.equal(409);
    expect(busy.body.conflicting_booking_id).to.equal(other.id);
    const nobody = await o.call('POST', path('assign'), { body: {} });
    expect(nobody.status).to.equal(422);
    expect(nobody.body.errors).to.deep.equal([{ pointer: '/worker_ids', detail: 'name a team or at least one worker', in: 'body' }]);

    // No body at all is refused on each assignment route: an empty reassign must not clear the booking.
    for (const action of ['assign', 'unassign', 'reassign']) {
      const bare = await o.call('POST', path(action));
      expect(bare.status, action).to.equal(422);
      expect(bare.body.errors, action).to.deep.equal([{ pointer: '/', detail: 'a JSON body is required', in: 'body' }]);
    }

    const withTeam = await o.call('POST', path('assign'), { body: { team_id: team.id } });
    expect(withTeam.status).to.equal(200);
    expect(withTeam.body.team_id).to.equal(team.id);
    expect(withTeam.body.workers).to.deep.equal([{ worker_id: w1.id, via_team: false }, { worker_id: m1.id, via_team: true }].sort((a, c) => (a.worker_id < c.worker_id ? -1 : 1)));
    const off = await o.call('POST', path('unassign'), { body: { worker_ids: [w1.id] } });
    expect(off.body.workers).to.deep.equal([{ worker_id: m1.id, via_team: true }]);
    const replaced = await o.call('POST', path('reassign'), { body: { worker_ids: [w1.id] } });
    expect(replaced.body).to.deep.include({ team_id: null, workers: [{ worker_id: w1.id, via_team: false }] });
    const cleared = await o.call('POST', path('reassign'), { body: { team_id: null, worker_ids: [] } });
    expect(cleared.body).to.deep.include({ team_id: null, workers: [] });

    const patched = await o.call('PATCH', `/v1/admin/bookings/${b.id}`, { body: { notes: 'Side door', price_estimate_minor: 15000 } });
    expect(patched.body).to.include({ notes: 'Side door', price_estimate_minor: 15000 });
    await o.expect(200, 'POST', path('reschedule'), { start: at(day, 15) });

    const history = await o.call('GET', path('history'));
    expect(history.status).to.equal(200);
    expect(history.body.items.map((e: { action: string }) => e.action)).to.deep.equal([
      'booking.reschedule',
      'booking.update',
      'booking.reassign',
      'booking.reassign',
      'booking.unassign',
      'booking.assign',
      'booking.create',
    ]);
    const reschedule = history.body.items[0];
    expect(reschedule).to.include({ resource_type: 'booking', resource_id: b.id, actor_id: 'basic:admin', admin_role: 'admin' });
    expect(reschedule.before.starts_at).to.equal(at(day, 10));
    expect(reschedule.after.starts_at).to.equal(at(day, 15));
    expect((await o.call('GET', `/v1/admin/bookings/${randomUUID()}/history`)).status).to.equal(404);
  });

  it('lists bookings by window, status list, worker, team, client and unassigned, paging with cursors', async () => {
    const o = await OrgApi.create(h());
    const team = await o.team();
    const [w, member, c1, c2] = [await o.worker(), await o.worker({ team_id: team.id }), await o.client(), await o.client()];
    const day = utcDay(10);
    const a = await o.booking({ client_id: c1.id, start: at(day, 8), end: at(day, 9), worker_ids: [w.id] });
    const b = await o.booking({ client_id: c1.id, start: at(day, 9), end: at(day, 10), team_id: team.id, status: 'confirmed' });
    const c = await o.booking({ client_id: c2.id, start: at(day, 10), end: at(day, 11) });
    const d = await o.booking({ client_id: c2.id, start: at(day, 11), end: at(day, 12) });
    await o.expect(200, 'POST', `/v1/admin/bookings/${d.id}/cancel`, { reason: 'duplicate' });
    const ids = async (extra: Record<string, string | number | boolean>) => (await o.list(q({ start: at(day, 0), end: at(day, 24), ...extra }))).map((x) => x.id);

    expect(await ids({})).to.deep.equal([a.id, b.id, c.id, d.id]);
    expect(await ids({ status: 'pending,confirmed' })).to.deep.equal([a.id, b.id, c.id]);
    expect(await o.list(`${q({ start: at(day, 0), end: at(day, 24) })}&status=confirmed&status=cancelled`).then((l) => l.map((x) => x.id))).to.deep.equal([b.id, d.id]);
    expect(await ids({ worker_id: w.id })).to.deep.equal([a.id]);
    expect(await ids({ worker_id: member.id })).to.deep.equal([b.id]);
    expect(await ids({ team_id: team.id })).to.deep.equal([b.id]);
    expect(await ids({ client_id: c2.id })).to.deep.equal([c.id, d.id]);
    expect(await ids({ unassigned: true, status: 'pending' })).to.deep.equal([c.id]);
    expect(await ids({ start: at(day, 9.5), end: at(day, 10.5) })).to.deep.equal([b.id, c.id]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; next_cursor: string | null } } = await o.call(
        'GET',
        `/v1/admin/bookings?${q({ start: at(day, 0), end: at(day, 24), limit: 3, ...(cursor ? { cursor } : {}) })}`,
      );
      seen.push(...page.body.items.map((x) => x.id));
      cursor = page.body.next_cursor;
    } while (cursor !== null);
    expect(seen).to.deep.equal([a.id, b.id, c.id, d.id]);

    const inverted = await o.call('GET', `/v1/admin/bookings?${q({ start: at(day, 10), end: at(day, 9) })}`);
    expect(inverted.status).to.equal(422);
    expect(inverted.body.errors[0]).to.include({ pointer: '/end', in: 'query' });
    const badStatus = await o.call('GET', `/v1/admin/bookings?${q({ start: at(day, 0), end: at(day, 24), status: 'pending,done' })}`);
    expect(badStatus.status).to.equal(422);
    expect(badStatus.body.errors[0]).to.include({ pointer: '/status/0', in: 'query' });
    const tooLong = await o.call('GET', `/v1/admin/bookings?${q({ start: at(day, 0), end: at(day, 367 * 24) })}`);
    expect(tooLong.body.errors).to.deep.equal([{ pointer: '/end', detail: 'must be at most 8784 hours after start', in: 'query' }]);
  });

  it('lists today and the next 6 days in the org’s zone when no window is given, and says which window it listed', async () => {
    const o = await OrgApi.create(h(), { timeZone: 'Pacific/Auckland' });
    const client = await o.client();
    const todayThere = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const dayBefore = todayThere();
    const page = await o.call('GET', '/v1/admin/bookings');
    const dayAfter = todayThere(); // the same unless Auckland's midnight passed during the call
    expect(page.status, page.text).to.equal(200);
    expect(page.body.time_zone).to.equal('Pacific/Auckland');
    const { start, end } = page.body.window;
    // Local midnights in Auckland, the first one today there.
    const local = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Auckland', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
    expect([`${dayBefore}, 00:00`, `${dayAfter}, 00:00`]).to.include(local(start));
    expect(local(end)).to.match(/, 00:00$/);
    const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
    expect(days).to.be.within(6.95, 7.05); // 7 local days (one may be an hour short or long)

    const soon = await o.booking({ client_id: client.id, start: new Date(Date.parse(start) + 26 * 3_600_000).toISOString(), end: new Date(Date.parse(start) + 27 * 3_600_000).toISOString() });
    const later = await o.booking({ client_id: client.id, start: new Date(Date.parse(end) + 3_600_000).toISOString(), end: new Date(Date.parse(end) + 2 * 3_600_000).toISOString() });
    const ids = (await o.call('GET', '/v1/admin/bookings')).body.items.map((b: { id: string }) => b.id);
    expect(ids).to.include(soon.id).and.not.include(later.id);
    const fromStart = await o.call('GET', `/v1/admin/bookings?${q({ start: soon.starts_at })}`);
    expect(fromStart.body.window).to.deep.equal({ start: soon.starts_at, end: new Date(Date.parse(soon.starts_at) + 7 * 86_400_000).toISOString() });
    expect(fromStart.body.items.map((b: { id: string }) => b.id)).to.deep.equal([soon.id, later.id]);
  });

  it('manages teams, workers and services, never showing a portal password hash', async () => {
    const o = await OrgApi.create(h());
    const team = await o.team('Alpha');
    const renamed = await o.call('PATCH', `/v1/admin/teams/${team.id}`, { body: { name: 'Alpha crew', active: false } });
    expect(renamed.body).to.include({ name: 'Alpha crew', active: false });
    expect((await o.call('GET', '/v1/admin/teams')).body.items.map((t: { name: string }) => t.name)).to.deep.equal(['Alpha crew']);
    const unknownTeam = await o.call('POST', '/v1/admin/workers', { body: { name: 'Zed', team_id: randomUUID() } });
    expect([unknownTeam.status, unknownTeam.body.code]).to.deep.equal([404, 'team.not_found']);

    const w = await o.worker({ name: 'Bea', phone: '555-010-3003', working_hours: { mon: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] } });
    expect(w.working_hours).to.deep.equal({ mon: [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }] });
    const taken = await o.call('POST', '/v1/admin/workers', { body: { name: 'Copy', phone: '5550103003' } });
    expect([taken.status, taken.body.code]).to.deep.equal([409, 'worker.contact_taken']);
    const overlapping = await o.call('POST', '/v1/admin/workers', { body: { name: 'Odd', working_hours: { mon: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } } });
    expect(overlapping.status).to.equal(422);
    expect(overlapping.body.errors).to.deep.equal([{ pointer: '/working_hours/mon', detail: 'spans must not overlap', in: 'body' }]);
    const malformed = await o.call('POST', '/v1/admin/workers', { body: { name: 'Odd', skills: ['ok', '!'], working_hours: { funday: [], mon: [{ start: '8am', end: '24:00' }] } } });
    expect([malformed.status, malformed.body.errors]).to.deep.equal([
      422,
      [
        { pointer: '/skills/1', detail: 'must be 1-40 letters, digits, spaces, - or _', in: 'body' },
        { pointer: '/working_hours/mon/0/start', detail: 'must be a time HH:MM from 00:00 to 23:59', in: 'body' },
        { pointer: '/working_hours/funday', detail: 'is not a known field', in: 'body' },
      ],
    ]);

    const password = await o.call('POST', `/v1/admin/workers/${w.id}/portal-password`);
    expect(password.status).to.equal(200);
    expect(password.headers.get('cache-control')).to.equal('no-store');
    expect(password.body.temporary_password).to.be.a('string').with.length.greaterThan(8);
    expect(password.body.worker.has_portal_password).to.equal(true);
    const read = await o.call('GET', `/v1/admin/workers/${w.id}`);
    expect(Object.keys(read.body).sort()).to.deep.equal(
      ['active', 'created_at', 'email', 'has_portal_password', 'id', 'must_change_portal_password', 'name', 'org_id', 'phone', 'skills', 'team_id', 'updated_at', 'working_hours'].sort(),
    );
    expect(read.body.must_change_portal_password, 'staff set it: the worker must choose their own').to.equal(true);
    expect(read.text).to.not.match(/scrypt|\$|hash"/i);
    const chosen = await o.call('POST', `/v1/admin/workers/${w.id}/portal-password`, { body: { password: 'short' } });
    expect(chosen.status).to.equal(422);
    expect(chosen.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/password']);
    expect(chosen.body.errors[0].detail).to.match(/at least 12 characters/);

    const off = await o.call('PATCH', `/v1/admin/workers/${w.id}`, { body: { active: false } });
    expect(off.body.active).to.equal(false);
    const other = await o.worker({ name: 'Cal' });
    expect((await o.call('GET', '/v1/admin/workers?active=true')).body.items.map((x: { id: string }) => x.id)).to.deep.equal([other.id]);
    expect((await o.call('GET', '/v1/admin/workers?active=false')).body.items.map((x: { id: string }) => x.id)).to.deep.equal([w.id]);
    const client = await o.client();
    const inactive = await o.book({ client_id: client.id, start: at(utcDay(3), 9), end: at(utcDay(3), 10), worker_ids: [w.id] });
    expect([inactive.status, inactive.body.code]).to.deep.equal([409, 'worker.inactive']);

    const svc = await o.service({ name: 'Deep clean', duration_minutes: 240, price_minor: 30000 });
    const cheaper = await o.call('PATCH', `/v1/admin/services/${svc.id}`, { body: { price_minor: 25000, active: false } });
    expect(cheaper.body).to.include({ price_minor: 25000, active: false, duration_minutes: 240 });
    expect((await o.call('GET', '/v1/admin/services?active=false')).body.items.map((s: { id: string }) => s.id)).to.deep.equal([svc.id]);
    const tooShort = await o.call('POST', '/v1/admin/services', { body: { name: 'Blink', duration_minutes: 5, price_minor: 100 } });
    expect(tooShort.status).to.equal(422);
    expect(tooShort.body.errors).to.deep.equal([{ pointer: '/duration_minutes', detail: 'must be an integer from 15 to 1440', in: 'body' }]);
    const nothing = await o.call('PATCH', `/v1/admin/teams/${team.id}`, { body: {} });
    expect(nothing.status).to.equal(422);
  });
});
