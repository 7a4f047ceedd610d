/**
 * Recurring bookings over HTTP: occurrences keep their local wall-clock time across a DST change
 * in the org's zone, and skip, "this and following" and cancel-from act on the right ones.
 * The harness runs on the real clock, so the DST change used is the next one in New York far
 * enough ahead for every occurrence to be made now.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { OrgApi, at, onEachDatabase, q, utcDay } from '@cws/e2e-tests';

const ZONE = 'America/New_York';
const DAY = 86_400_000;

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, days: number) => isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY));

/** The nth Sunday of a month (UTC date arithmetic on a calendar date). */
function nthSunday(year: number, month: number, n: number): string {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (7 - first.getUTCDay()) % 7;
  return isoDate(new Date(Date.UTC(year, month - 1, 1 + offset + 7 * (n - 1))));
}

/**
 * The next New York clock change (2nd Sunday of March or 1st Sunday of November) whose Monday
 * 13 days before is at least two days away, so a weekly Monday series from then spans it.
 */
function nextClockChange(): { sunday: string; firstMonday: string } {
  const year = new Date().getUTCFullYear();
  const candidates = [year, year + 1].flatMap((y) => [nthSunday(y, 3, 2), nthSunday(y, 11, 1)]).sort();
  const earliest = isoDate(utcDay(2));
  const sunday = candidates.find((s) => addDays(s, -13) >= earliest)!;
  return { sunday, firstMonday: addDays(sunday, -13) };
}

const localTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

async function newYorkOrg(h: Parameters<typeof OrgApi.create>[0]) {
  const o = await OrgApi.create(h);
  await o.expect(200, 'PATCH', '/v1/admin/org/settings', { time_zone: ZONE });
  return o;
}

onEachDatabase('scheduling: booking series over HTTP', (h) => {
  it('keeps a weekly 09:00 series at 09:00 local across a DST change (the UTC hour shifts)', async () => {
    const o = await newYorkOrg(h());
    const [worker, client] = [await o.worker(), await o.client()];
    const { sunday, firstMonday } = nextClockChange();
    const created = await o.call('POST', '/v1/admin/booking-series', {
      body: {
        client_id: client.id,
        rule: { freq: 'weekly', weekdays: ['mon'] },
        start_date: firstMonday,
        time: '09:00',
        duration_minutes: 120,
        count: 4,
        worker_ids: [worker.id],
        horizon_days: 366,
        notes: 'Weekly clean',
      },
    });
    expect(created.status, created.text).to.equal(201);
    const { series, created: occurrences, unassigned } = created.body;
    expect(created.headers.get('location')).to.equal(`/v1/admin/booking-series/${series.id}`);
    expect(series).to.deep.include({
      client_id: client.id,
      address_id: client.addresses[0].id,
      rule: { freq: 'weekly', interval: 1, weekdays: ['mon'] },
      start_date: firstMonday,
      time: '09:00',
      duration_minutes: 120,
      time_zone: ZONE,
      count: 4,
      until: null,
      worker_ids: [worker.id],
      ended_on: null,
    });
    expect(unassigned).to.deep.equal([]);
    const dates = [0, 7, 14, 21].map((d) => addDays(firstMonday, d));
    expect(occurrences.map((b: { occurrence_date: string }) => b.occurrence_date)).to.deep.equal(dates);
    for (const b of occurrences) {
      expect(localTime(b.starts_at), b.occurrence_date).to.equal('09:00');
      expect(localTime(b.ends_at)).to.equal('11:00');
      expect(b).to.deep.include({ series_id: series.id, status: 'confirmed', detached: false, workers: [{ worker_id: worker.id, via_team: false }], notes: 'Weekly clean' });
    }
    const utcHours = occurrences.map((b: { starts_at: string }) => new Date(b.starts_at).getUTCHours());
    expect(utcHours[0]).to.equal(utcHours[1]);
    expect(utcHours[2]).to.equal(utcHours[3]);
    // Spring forward: 14:00Z (EST) then 13:00Z (EDT); fall back the other way round.
    expect([utcHours[0], utcHours[2]]).to.deep.equal(sunday.slice(5, 7) === '03' ? [14, 13] : [13, 14]);
    // Shown on the org's wall clock too, with the offset of each date.
    const offsets = sunday.slice(5, 7) === '03' ? ['-05:00', '-04:00'] : ['-04:00', '-05:00'];
    expect(occurrences.map((b: { local_starts_at: string; time_zone: string }) => [b.local_starts_at, b.time_zone])).to.deep.equal(
      dates.map((d, i) => [`${d}T09:00:00${offsets[i < 2 ? 0 : 1]}`, ZONE]),
    );

    const read = await o.call('GET', `/v1/admin/booking-series/${series.id}`);
    expect(read.body.series).to.deep.equal(series);
    expect(read.body.upcoming.map((b: { id: string }) => b.id)).to.deep.equal(occurrences.map((b: { id: string }) => b.id));
    const listed = await o.list(q({ start: `${dates[0]}T00:00:00Z`, end: `${addDays(dates[3]!, 1)}T00:00:00Z`, series_id: series.id }));
    expect(listed).to.have.length(4);
  });

  it('skips one occurrence, continues "this and following" as a new series, and cancels from a date', async () => {
    const o = await newYorkOrg(h());
    const [worker, client] = [await o.worker(), await o.client()];
    const first = addDays(isoDate(utcDay(0)), 10);
    const created = await o.expect(201, 'POST', '/v1/admin/booking-series', {
      client_id: client.id,
      rule: { freq: 'weekly', weekdays: ['tue', 'thu'] },
      start_date: first,
      time: '08:30',
      duration_minutes: 60,
      count: 6,
      worker_ids: [worker.id],
      horizon_days: 60,
    });
    const occurrences: Array<{ id: string; occurrence_date: string }> = created.created;
    expect(occurrences).to.have.length(6);
    const dates = occurrences.map((b) => b.occurrence_date);
    const seriesPath = `/v1/admin/booking-series/${created.series.id}`;

    const skipped = await o.call('POST', `${seriesPath}/skip`, { body: { date: dates[1] } });
    expect(skipped.status).to.equal(200);
    expect(skipped.body).to.include({ id: occurrences[1]!.id, status: 'cancelled', cancellation_reason: 'skipped' });
    const notARuleDate = await o.call('POST', `${seriesPath}/skip`, { body: { date: addDays(dates[0]!, 1) === dates[1] ? addDays(dates[0]!, 2) : addDays(dates[0]!, 1) } });
    expect(notARuleDate.status).to.equal(422);
    expect(notARuleDate.body.errors[0].pointer).to.equal('/date');

    // From the 4th occurrence on: 10:00 instead of 08:30, as a new series with what is left of the count.
    const split = await o.call('POST', `${seriesPath}/update-from`, { body: { from_date: dates[3], time: '10:00' } });
    expect(split.status, split.text).to.equal(200);
    expect(split.body.previous).to.include({ id: created.series.id, ended_on: dates[3] });
    expect(split.body.series).to.include({ start_date: dates[3], time: '10:00', count: 3 });
    expect(split.body.series.id).to.not.equal(created.series.id);
    expect(split.body.created.map((b: { occurrence_date: string }) => b.occurrence_date)).to.deep.equal(dates.slice(3));
    for (const b of split.body.created) expect(localTime(b.starts_at)).to.equal('10:00');

    const window = q({ start: `${dates[0]}T00:00:00Z`, end: `${addDays(dates[5]!, 2)}T00:00:00Z` });
    const old = await o.list(`${window}&series_id=${created.series.id}`);
    expect(old.map((b) => [b.occurrence_date, b.status, b.cancellation_reason])).to.deep.equal([
      [dates[0], 'confirmed', null],
      [dates[1], 'cancelled', 'skipped'],
      [dates[2], 'confirmed', null],
      [dates[3], 'cancelled', 'series changed'],
      [dates[4], 'cancelled', 'series changed'],
      [dates[5], 'cancelled', 'series changed'],
    ]);
    const live = await o.list(`${window}&status=pending,confirmed&worker_id=${worker.id}`);
    expect(live.map((b) => localTime(b.starts_at))).to.deep.equal(['08:30', '08:30', '10:00', '10:00', '10:00']);
    const ended = await o.call('POST', `${seriesPath}/skip`, { body: { date: dates[4] } });
    expect([ended.status, ended.body.code]).to.deep.equal([409, 'series.ended']);

    const nextPath = `/v1/admin/booking-series/${split.body.series.id}`;
    const cancelled = await o.call('POST', `${nextPath}/cancel`, { body: { from_date: dates[4], reason: 'client moving out' } });
    expect(cancelled.status).to.equal(200);
    expect(cancelled.body).to.deep.include({ cancelled: 2 });
    expect(cancelled.body.series.ended_on).to.equal(dates[4]);
    const upcoming = (await o.call('GET', nextPath)).body.upcoming;
    expect(upcoming.map((b: { status: string; cancellation_reason: string | null }) => [b.status, b.cancellation_reason])).to.deep.equal([
      ['confirmed', null],
      ['cancelled', 'client moving out'],
      ['cancelled', 'client moving out'],
    ]);
    const twice = await o.call('POST', `${nextPath}/cancel`, { body: { from_date: dates[4], reason: 'again' } });
    expect([twice.status, twice.body.code]).to.deep.equal([409, 'series.ended']);

    // The occurrence's history shows the series action on it.
    const history = await o.call('GET', `/v1/admin/bookings/${occurrences[1]!.id}/history`);
    expect(history.body.items.map((e: { action: string }) => e.action)).to.deep.equal(['series.skip', 'booking.create']);
    expect(history.body.items[0].metadata).to.deep.include({ series_id: created.series.id, date: dates[1] });
  });

  it('leaves an occurrence edited on its own alone (under the continuing series) when the series changes from an earlier date', async () => {
    const o = await newYorkOrg(h());
    const [worker, client] = [await o.worker(), await o.client()];
    const start = addDays(isoDate(utcDay(0)), 5);
    const created = await o.expect(201, 'POST', '/v1/admin/booking-series', {
      client_id: client.id,
      rule: { freq: 'weekly', weekdays: ['wed'] },
      start_date: start,
      time: '12:00',
      duration_minutes: 60,
      count: 3,
      worker_ids: [worker.id],
      horizon_days: 40,
    });
    const [, second] = created.created as Array<{ id: string; starts_at: string; occurrence_date: string }>;
    const moved = await o.call('POST', `/v1/admin/bookings/${second!.id}/reschedule`, { body: { start: at(new Date(second!.starts_at), 3) } });
    expect(moved.body.detached).to.equal(true);

    const split = await o.call('POST', `/v1/admin/booking-series/${created.series.id}/update-from`, { body: { from_date: second!.occurrence_date, duration_minutes: 90 } });
    expect(split.status, split.text).to.equal(200);
    const kept = await o.call('GET', `/v1/admin/bookings/${second!.id}`);
    expect(kept.body).to.deep.include({ status: 'confirmed', detached: true, starts_at: moved.body.starts_at, series_id: split.body.series.id });
    expect(split.body.created.map((b: { occurrence_date: string }) => b.occurrence_date)).to.not.include(second!.occurrence_date);
    for (const b of split.body.created) expect(new Date(b.ends_at).getTime() - new Date(b.starts_at).getTime()).to.equal(90 * 60_000);
    // The edited occurrence still stands for its date: the new series must not book that day again.
    const sameDay = (await o.list(q({ start: at(new Date(second!.starts_at), -12), end: at(new Date(second!.starts_at), 12), status: 'pending,confirmed' }))).map((b) => b.id);
    expect(sameDay, 'one visit on the edited occurrence’s date').to.deep.equal([second!.id]);
  });

  it('makes an occurrence whose worker is taken without them, and reports it as unassigned', async () => {
    const o = await newYorkOrg(h());
    const [worker, client, other] = [await o.worker(), await o.client(), await o.client()];
    const start = addDays(isoDate(utcDay(0)), 6);
    // The first occurrence's instant, from a one-off series on the same rule (it has nobody on it, so it blocks no one).
    const probe = await o.expect(201, 'POST', '/v1/admin/booking-series', { client_id: other.id, rule: { freq: 'monthly', month_day: Number(start.slice(8, 10)) }, start_date: start, time: '15:00', duration_minutes: 60, count: 1 });
    const instant = probe.created[0].starts_at as string;
    await o.expect(201, 'POST', '/v1/admin/bookings', { client_id: other.id, start: instant, end: at(new Date(instant), 1), worker_ids: [worker.id] });

    const created = await o.expect(201, 'POST', '/v1/admin/booking-series', {
      client_id: client.id,
      rule: { freq: 'monthly', month_day: Number(start.slice(8, 10)) },
      start_date: start,
      time: '15:00',
      duration_minutes: 60,
      count: 2,
      worker_ids: [worker.id],
      horizon_days: 60,
    });
    expect(created.created).to.have.length(2);
    expect(created.unassigned).to.have.length(1);
    expect(created.unassigned[0]).to.include({ booking_id: created.created[0].id, date: start, code: 'booking.slot_unavailable' });
    expect(created.created[0]).to.deep.include({ workers: [], team_id: null, status: 'confirmed' });
    expect(created.created[1].workers).to.deep.equal([{ worker_id: worker.id, via_team: false }]);
  });

  it('validates rules, ends and dates, and answers 404 for an unknown series', async () => {
    const o = await newYorkOrg(h());
    const client = await o.client();
    const base = { client_id: client.id, start_date: addDays(isoDate(utcDay(0)), 3), time: '09:00', duration_minutes: 60 };
    const post = (body: Record<string, unknown>) => o.call('POST', '/v1/admin/booking-series', { body: { ...base, ...body } });
    const noDays = await post({ rule: { freq: 'weekly' } });
    expect(noDays.status).to.equal(422);
    expect(noDays.body.errors[0].pointer).to.equal('/rule/weekdays');
    expect((await post({ rule: { freq: 'weekly', weekdays: ['mon'] }, count: 3, until: addDays(base.start_date, 30) })).status).to.equal(422);
    const both = await post({ rule: { freq: 'monthly', month_day: 3, nth_weekday: { n: 1, weekday: 'mon' } } });
    expect([both.status, both.body.errors[0].pointer]).to.deep.equal([422, '/rule']);
    const neither = await post({ rule: { freq: 'monthly' } });
    expect([neither.status, neither.body.errors[0].pointer]).to.deep.equal([422, '/rule']);
    // Each freq has its own fields and limits: no month_day on a weekly rule, at most every 12 months.
    const mixed = await post({ rule: { freq: 'weekly', weekdays: ['mon'], month_day: 3 } });
    expect([mixed.status, mixed.body.errors[0]]).to.deep.equal([422, { pointer: '/rule/month_day', detail: 'is not a known field', in: 'body' }]);
    const yearly = await post({ rule: { freq: 'monthly', month_day: 3, interval: 13 } });
    expect([yearly.status, yearly.body.errors[0].pointer]).to.deep.equal([422, '/rule/interval']);
    expect((await post({ rule: { freq: 'weekly', weekdays: ['mon'] }, time: '9am' })).status).to.equal(422);
    expect((await post({ rule: { freq: 'weekly', weekdays: ['mon'] }, start_date: '2027-02-30' })).status).to.equal(422);

    const lastFriday = await post({ rule: { freq: 'monthly', nth_weekday: { n: -1, weekday: 'fri' } }, count: 3, horizon_days: 120 });
    expect(lastFriday.status, lastFriday.text).to.equal(201);
    expect(lastFriday.body.series.rule).to.deep.equal({ freq: 'monthly', interval: 1, nth_weekday: { n: -1, weekday: 'fri' } });
    for (const b of lastFriday.body.created) {
      const d = new Date(`${b.occurrence_date}T12:00:00Z`);
      expect(d.getUTCDay(), b.occurrence_date).to.equal(5);
      expect(new Date(d.getTime() + 7 * DAY).getUTCMonth(), 'the last Friday of its month').to.not.equal(d.getUTCMonth());
    }
    const missing = await o.call('GET', `/v1/admin/booking-series/${randomUUID()}`);
    expect([missing.status, missing.body.code]).to.deep.equal([404, 'series.not_found']);
    // A series keeps its client: a change from a date cannot name another.
    const other = await o.client();
    const changeClient = await o.call('POST', `/v1/admin/booking-series/${lastFriday.body.series.id}/update-from`, { body: { from_date: base.start_date, client_id: other.id } });
    expect([changeClient.status, changeClient.body.errors[0].pointer]).to.deep.equal([422, '/client_id']);
  });
});
