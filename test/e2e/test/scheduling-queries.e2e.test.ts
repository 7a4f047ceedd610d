/**
 * The dispatcher's questions over HTTP: conflicts (with reasons, window limits, other orgs' ids
 * as 404), suggestions (skills ranking, busy or team-blocked workers left out), the board per
 * worker, and the assignments queue (next N days, urgent within 24 h).
 */
import { expect } from 'chai';
import { OrgApi, at, fromNow, onEachDatabase, q, utcDay } from '@cws/e2e-tests';

onEachDatabase('scheduling: dispatcher queries over HTTP', (h) => {
  it('lists the bookings, blackouts and worker clashes that block a window, each with its reason', async () => {
    const o = await OrgApi.create(h());
    const team = await o.team('Crew');
    const [m1, m2] = [await o.worker({ name: 'Mia', team_id: team.id }), await o.worker({ name: 'Max', team_id: team.id })];
    const solo = await o.worker({ name: 'Sol' });
    const client = await o.client();
    const day = utcDay(7);
    const teamJob = await o.booking({ client_id: client.id, start: at(day, 9), end: at(day, 11), team_id: team.id });
    const soloJob = await o.booking({ client_id: client.id, start: at(day, 13), end: at(day, 15), worker_ids: [solo.id] });
    const dentist = await o.expect(201, 'POST', '/v1/admin/blackouts', { scope: 'worker', worker_id: solo.id, start: at(day, 14.5), end: at(day, 18), reason: 'Dentist' });
    const conflicts = (params: Record<string, string>) => o.call('GET', `/v1/admin/schedule/conflicts?${q(params)}`);

    const forTeam = await conflicts({ start: at(day, 10), end: at(day, 12), team_id: team.id });
    expect(forTeam.status).to.equal(200);
    expect(forTeam.body.available).to.equal(false);
    expect(forTeam.body.window).to.deep.equal({ start: at(day, 10), end: at(day, 12) });
    const teamClash = forTeam.body.conflicts.find((c: { team_id: string | null }) => c.team_id === team.id);
    expect(teamClash).to.include({ kind: 'booking', blocking: true, booking_id: teamJob.id });
    expect(teamClash.reason).to.include(teamJob.id);
    const workerClashes = forTeam.body.conflicts.filter((c: { worker_id: string | null }) => c.worker_id !== null);
    expect(workerClashes.map((c: { worker_id: string }) => c.worker_id).sort()).to.deep.equal([m1.id, m2.id].sort());
    for (const c of workerClashes) expect(c).to.include({ kind: 'booking', booking_id: teamJob.id, starts_at: at(day, 9), ends_at: at(day, 11) });
    expect(workerClashes.map((c: { reason: string }) => c.reason).join(' ')).to.include('Mia').and.include('with their team');

    const forSolo = await conflicts({ start: at(day, 14), end: at(day, 16), worker_id: solo.id });
    const kinds = forSolo.body.conflicts.map((c: { kind: string; booking_id: string | null; blackout_id: string | null }) => [c.kind, c.booking_id ?? c.blackout_id]);
    expect(kinds).to.have.deep.members([
      ['blackout', dentist.id],
      ['booking', soloJob.id],
    ]);
    expect(forSolo.body.conflicts.find((c: { kind: string }) => c.kind === 'blackout').reason).to.include('Dentist');

    // Moving the booking itself: it does not clash with itself.
    const moving = await conflicts({ start: at(day, 13.5), end: at(day, 14.5), booking_id: soloJob.id });
    expect(moving.body).to.deep.include({ available: true, conflicts: [] });
    const free = await conflicts({ start: at(day, 19), end: at(day, 20), worker_id: solo.id });
    expect(free.body).to.deep.include({ available: true, conflicts: [] });

    // Outside working hours is a warning, not a block.
    const early = await o.worker({ name: 'Eve', working_hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '06:00', end: '12:00' }]])) });
    const late = await conflicts({ start: at(day, 13), end: at(day, 14), worker_id: early.id });
    expect(late.body.available).to.equal(true);
    expect(late.body.conflicts).to.have.length(1);
    expect(late.body.conflicts[0]).to.include({ kind: 'outside_working_hours', blocking: false, worker_id: early.id });

    const inverted = await conflicts({ start: at(day, 12), end: at(day, 12) });
    expect(inverted.status).to.equal(422);
    expect(inverted.body.errors[0]).to.include({ pointer: '/end', in: 'query' });
    const tooLong = await conflicts({ start: at(day, 0), end: at(day, 7 * 24 + 1) });
    expect(tooLong.status).to.equal(422);
    expect((await conflicts({ start: at(day, 0), end: at(day, 7 * 24) })).status, 'exactly seven days is allowed').to.equal(200);

    const other = await OrgApi.create(h());
    for (const [name, id, code] of [
      ['team_id', team.id, 'team.not_found'],
      ['worker_id', solo.id, 'worker.not_found'],
      ['booking_id', soloJob.id, 'booking.not_found'],
    ] as const) {
      const foreign = await other.call('GET', `/v1/admin/schedule/conflicts?${q({ start: at(day, 9), end: at(day, 10), [name]: id })}`);
      expect([foreign.status, foreign.body.code], name).to.deep.equal([404, code]);
      expect(foreign.text).to.not.include('Dentist');
    }
    expect((await o.call('GET', `/v1/admin/schedule/conflicts?${q({ start: at(day, 9), end: at(day, 10) })}`, { as: 'viewer' })).status, 'dispatcher rights needed').to.equal(403);
    expect((await o.call('GET', `/v1/admin/schedule/conflicts?${q({ start: at(day, 9), end: at(day, 10) })}`, { as: 'dispatcher' })).status).to.equal(200);
  });

  it('suggests free workers ranked by skills, leaving out busy ones and those whose team is booked', async () => {
    const o = await OrgApi.create(h());
    const busyTeam = await o.team('Busy crew');
    const freeTeam = await o.team('Free crew');
    const client = await o.client();
    const day = utcDay(9);
    const window = { start: at(day, 10), end: at(day, 12) };
    const both = await o.worker({ name: 'Both', skills: ['windows', 'deep-clean'], email: 'both@example.com', phone: '+447700900123' });
    const one = await o.worker({ name: 'One', skills: ['windows'], team_id: freeTeam.id });
    await o.worker({ name: 'None', skills: ['ironing'] });
    const booked = await o.worker({ name: 'Booked', skills: ['windows', 'deep-clean'] });
    const earlier = await o.booking({ client_id: client.id, start: at(day, 11), end: at(day, 13), worker_ids: [booked.id] });
    await o.booking({ client_id: client.id, start: at(day, 9), end: at(day, 11), team_id: busyTeam.id });
    // Joins the team after its booking was made: not on it, but their team is taken then.
    const joiner = await o.worker({ name: 'Joiner', skills: ['windows', 'deep-clean'], team_id: busyTeam.id });
    const suggest = (extra: Record<string, string>) => o.call('GET', `/v1/admin/schedule/suggestions?${q({ ...window, ...extra })}`);

    const ranked = await suggest({ skill_tags: 'windows,deep-clean' });
    expect(ranked.status, ranked.text).to.equal(200);
    expect(ranked.body.workers.map((s: { worker: { name: string }; rank: number }) => [s.worker.name, s.rank])).to.deep.equal([
      ['Both', 1],
      ['One', 2],
    ]);
    expect(ranked.body.workers[1]).to.deep.include({ skills_matched: ['windows'], skills_missing: ['deep-clean'], within_working_hours: true, load_minutes: 0 });
    expect(ranked.body.workers[1].reasons.join(' ')).to.include('1 of 2 skills');
    expect(ranked.text).to.not.include(joiner.id);
    expect(ranked.text).to.not.include(booked.id);
    expect(ranked.body.teams.map((t: { team: { id: string }; member_count: number }) => [t.team, t.member_count])).to.deep.equal([[{ id: freeTeam.id, name: 'Free crew' }, 1]]);
    expect(ranked.body.blocked_by).to.deep.equal([]);
    expect(ranked.body.total).to.deep.equal({ teams: 1, workers: 2 });
    // Only what a dispatcher picks by: who and their team; no contact details, credentials or bookkeeping.
    expect(ranked.body.workers[0].worker).to.deep.equal({ id: both.id, name: 'Both', team_id: null, team_name: null });
    expect(ranked.body.workers[1].worker).to.deep.equal({ id: one.id, name: 'One', team_id: freeTeam.id, team_name: 'Free crew' });
    expect(ranked.text).to.not.include('both@example.com').and.not.include('+447700900123');
    const best = await suggest({ skill_tags: 'windows,deep-clean', limit: '1' });
    expect([best.body.workers.map((s: { worker: { id: string } }) => s.worker.id), best.body.total]).to.deep.equal([[both.id], { teams: 1, workers: 2 }]);
    expect((await suggest({ limit: '101' })).status).to.equal(422);

    const repeated = await o.call('GET', `/v1/admin/schedule/suggestions?${q(window)}&skill_tags=windows&skill_tags=deep-clean`);
    expect(repeated.body.workers.map((s: { worker: { id: string } }) => s.worker.id)).to.deep.equal([both.id, one.id]);
    const anyone = await suggest({});
    expect(anyone.body.workers.map((s: { worker: { name: string } }) => s.worker.name)).to.deep.equal(['Both', 'None', 'One']);
    // Ignoring the booking being moved frees its worker.
    const moving = await suggest({ skill_tags: 'deep-clean', booking_id: earlier.id });
    expect(moving.body.workers.map((s: { worker: { name: string } }) => s.worker.name)).to.have.members(['Both', 'Booked']);

    await o.expect(201, 'POST', '/v1/admin/blackouts', { start: at(day, 0), end: at(day, 24), reason: 'Public holiday' });
    const holiday = await suggest({});
    expect(holiday.body.workers).to.deep.equal([]);
    expect(holiday.body.blocked_by[0].reason).to.include('Public holiday');
    expect((await suggest({ end: at(day, 10) })).status).to.equal(422);
    // At most 20 tags, however they are sent.
    const tooMany = await suggest({ skill_tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(',') });
    expect([tooMany.status, tooMany.body.errors[0]]).to.deep.equal([422, { pointer: '/skill_tags', detail: 'must have at most 20 tags', in: 'query' }]);
  });

  it('shows the board per worker with the unassigned bookings apart, and filters by team', async () => {
    const o = await OrgApi.create(h());
    const team = await o.team();
    const [a, b] = [await o.worker({ name: 'Amy', team_id: team.id }), await o.worker({ name: 'Bob' })];
    const idle = await o.worker({ name: 'Cid' });
    const client = await o.client();
    const day = utcDay(11);
    const teamJob = await o.booking({ client_id: client.id, start: at(day, 8), end: at(day, 9), team_id: team.id });
    const bob1 = await o.booking({ client_id: client.id, start: at(day, 12), end: at(day, 13), worker_ids: [b.id] });
    const bob0 = await o.booking({ client_id: client.id, start: at(day, 10), end: at(day, 11), worker_ids: [b.id] });
    const open = await o.booking({ client_id: client.id, start: at(day, 14), end: at(day, 15) });
    const gone = await o.booking({ client_id: client.id, start: at(day, 16), end: at(day, 17), worker_ids: [b.id] });
    await o.expect(200, 'POST', `/v1/admin/bookings/${gone.id}/cancel`, { reason: 'client ill' });

    const board = await o.call('GET', `/v1/admin/schedule/board?${q({ start: at(day, 0), end: at(day, 24) })}`, { as: 'viewer' });
    expect(board.status).to.equal(200);
    expect(board.body.time_zone).to.equal('UTC');
    const rows = board.body.workers.map((r: { worker: { id: string }; bookings: Array<{ id: string }> }) => [r.worker.id, r.bookings.map((x) => x.id)]);
    expect(rows).to.deep.equal([
      [a.id, [teamJob.id]],
      [b.id, [bob0.id, bob1.id]],
      [idle.id, []],
    ]);
    expect(board.body.unassigned.map((x: { id: string }) => x.id)).to.deep.equal([open.id]);

    const teamBoard = await o.call('GET', `/v1/admin/schedule/board?${q({ start: at(day, 0), end: at(day, 24), team_id: team.id })}`);
    expect(teamBoard.body.workers.map((r: { worker: { id: string } }) => r.worker.id)).to.deep.equal([a.id]);
    expect(teamBoard.body.unassigned).to.deep.equal([]);
    expect((await o.call('GET', `/v1/admin/schedule/board?${q({ start: at(day, 0), end: at(day, 15 * 24) })}`)).status, 'at most 14 days').to.equal(422);
  });

  it('puts on each board booking the client’s name, the address as a client’s addresses show it and the local times with the offset', async () => {
    const o = await OrgApi.create(h(), { timeZone: 'America/New_York' });
    const worker = await o.worker({ name: 'Rosa' });
    const service = await o.service({ name: 'Deep clean' });
    const client = await o.client({ name: 'Maria Gonzalez', addresses: [{ label: 'Home', line1: '221 W 79th St', city: 'New York', access_notes: 'Doorman has the key' }] });
    const day = utcDay(5);
    const job = await o.booking({ client_id: client.id, service_id: service.id, start: at(day, 15), end: at(day, 17), worker_ids: [worker.id] });
    const open = await o.booking({ client_id: client.id, start: at(day, 18), end: at(day, 19) });
    const window = q({ start: at(day, 0), end: at(day, 48) });

    const board = (await o.expect(200, 'GET', `/v1/admin/schedule/board?${window}`)) as any;
    const entry = board.workers.find((r: { worker: { id: string } }) => r.worker.id === worker.id).bookings[0];
    expect(entry).to.deep.include({ id: job.id, client: { id: client.id, name: 'Maria Gonzalez' }, service_name: 'Deep clean', time_zone: 'America/New_York' });
    expect(entry.address).to.deep.equal(client.addresses[0]);
    expect(entry.local_starts_at).to.match(/^\d{4}-\d{2}-\d{2}T1[01]:00:00-0[45]:00$/);
    expect(entry.local_starts_at).to.equal(job.local_starts_at);
    expect(board.unassigned.map((x: { id: string; client: { name: string } }) => [x.id, x.client.name])).to.deep.equal([[open.id, 'Maria Gonzalez']]);
    // Viewers see the board with the address's street and access notes masked.
    const masked = await o.call('GET', `/v1/admin/schedule/board?${window}`, { as: 'viewer' });
    expect(masked.status).to.equal(200);
    expect(masked.text).to.include('Maria Gonzalez').and.not.include('221 W 79th St').and.not.include('Doorman has the key');
  });

  it('shows today and the next 6 days in the org’s zone when no window is given', async () => {
    const o = await OrgApi.create(h(), { timeZone: 'Asia/Kolkata' });
    const worker = await o.worker();
    const client = await o.client();
    const board = await o.call('GET', '/v1/admin/schedule/board');
    expect(board.status, board.text).to.equal(200);
    const { start, end } = board.body.window;
    expect(Date.parse(end) - Date.parse(start)).to.equal(7 * 86_400_000); // no DST in India
    // Local midnight in Kolkata (+05:30) is 18:30 UTC.
    expect(start).to.match(/T18:30:00\.000Z$/);
    expect(Date.parse(start)).to.be.at.most(Date.now()).and.above(Date.now() - 86_400_000);
    const inside = await o.booking({ client_id: client.id, start: new Date(Date.parse(start) + 30 * 3_600_000).toISOString(), end: new Date(Date.parse(start) + 31 * 3_600_000).toISOString(), worker_ids: [worker.id] });
    const again = await o.expect(200, 'GET', '/v1/admin/schedule/board');
    expect(again.workers[0].bookings.map((b: { id: string }) => b.id)).to.deep.equal([inside.id]);
    const fromEnd = await o.expect(200, 'GET', `/v1/admin/schedule/board?${q({ end: inside.ends_at })}`);
    expect(fromEnd.window).to.deep.equal({ start: new Date(Date.parse(inside.ends_at) - 7 * 86_400_000).toISOString(), end: inside.ends_at });
  });

  it('queues unassigned bookings of the next 7 days by default (urgent within 24 h), up to 30 days', async () => {
    const o = await OrgApi.create(h());
    const [worker, client] = [await o.worker(), await o.client()];
    const soon = await o.booking({ client_id: client.id, start: fromNow(2), end: fromNow(3) });
    const later = await o.booking({ client_id: client.id, start: fromNow(72), end: fromNow(73), status: 'confirmed' });
    const far = await o.booking({ client_id: client.id, start: fromNow(240), end: fromNow(241) });
    await o.booking({ client_id: client.id, start: fromNow(5), end: fromNow(6), worker_ids: [worker.id] });
    await o.booking({ client_id: client.id, start: fromNow(-4), end: fromNow(-3) });
    const cancelled = await o.booking({ client_id: client.id, start: fromNow(30), end: fromNow(31) });
    await o.expect(200, 'POST', `/v1/admin/bookings/${cancelled.id}/cancel`, { reason: 'not needed' });
    const queue = (params = '') => o.call('GET', `/v1/admin/queue/assignments${params}`);

    const week = await queue();
    expect(week.status).to.equal(200);
    expect(week.body.items.map((i: { booking: { id: string }; urgent: boolean }) => [i.booking.id, i.urgent])).to.deep.equal([
      [soon.id, true],
      [later.id, false],
    ]);
    expect(week.body.next_cursor).to.equal(null);
    const fortnight = await queue('?days=14');
    expect(fortnight.body.items.map((i: { booking: { id: string } }) => i.booking.id)).to.deep.equal([soon.id, later.id, far.id]);
    const first = await queue('?days=14&limit=2');
    expect(first.body.items).to.have.length(2);
    const rest = await queue(`?days=14&limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`);
    expect(rest.body.items.map((i: { booking: { id: string } }) => i.booking.id)).to.deep.equal([far.id]);

    for (const days of ['31', '0', 'x']) {
      const bad = await queue(`?days=${days}`);
      expect(bad.status, days).to.equal(422);
      expect(bad.body.errors[0]).to.include({ pointer: '/days', in: 'query' });
    }
    expect((await queue('?days=30')).status).to.equal(200);
    // Assigning takes it off the queue.
    await o.expect(200, 'POST', `/v1/admin/bookings/${soon.id}/assign`, { worker_ids: [worker.id] });
    expect((await queue()).body.items.map((i: { booking: { id: string } }) => i.booking.id)).to.deep.equal([later.id]);
    expect((await queue()).status).to.equal(200);
    expect((await o.call('GET', '/v1/admin/queue/assignments', { as: 'viewer' })).status).to.equal(403);
  });
});
