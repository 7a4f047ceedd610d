import { expect } from 'chai';
import { toZoned, type Booking, type BookingSeries, type Client, type CreateBookingSeriesInput, type UpdateSeriesFromInput, type Weekday, type WorkerView } from '@cws/core';
import { archiveClientDirectly, auditRows, expectAppError, expectInvalid, T0 } from '../../support/core-fixture.js';
import { DAY } from '../../support/fixed-clock.js';
import { schedulingFixture, UNKNOWN_ID, utc, type SchedulingFixture } from '../../support/scheduling-fixture.js';

/** T0 is Monday 2026-03-02 09:30 UTC; "today" in a UTC org is 2026-03-02. */
const TODAY = '2026-03-02';

describe('Booking series use cases', () => {
  let fx: SchedulingFixture;
  let orgId: string;
  let client: Client;
  let ann: WorkerView;

  beforeEach(async () => {
    fx = schedulingFixture();
    orgId = await fx.newOrg('acme', { currency: 'EUR' });
    client = await fx.client(orgId);
    ann = await fx.worker(orgId, { name: 'Ann' });
  });

  const weekly = (weekdays: Weekday[], interval = 1) => ({ freq: 'weekly' as const, interval, weekdays });
  const createSeries = (input: Partial<CreateBookingSeriesInput>, org = orgId) =>
    fx.core.series.create.execute(fx.ctx(org), { clientId: client.id, rule: weekly(['mon']), startDate: TODAY, time: '10:00', durationMinutes: 60, ...input });
  const dates = (bookings: readonly Booking[]) => bookings.map((b) => b.occurrenceDate);
  const live = (bookings: readonly Booking[]) => bookings.filter((b) => b.status !== 'cancelled');
  const rowsOf = (action: string) => auditRows(fx, orgId).filter((r) => r.action === action);
  /** Every booking of the org that still occupies time, by start. */
  const liveBookings = () => [...fx.state.tables.bookings.values()].filter((b) => b.orgId === orgId && b.status !== 'cancelled').sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());

  describe('CreateBookingSeries', () => {
    it('makes confirmed occurrences from today to the horizon (none in the past), audited', async () => {
      const seriesId = fx.ids.peek(1);
      const { series, created, unassigned } = await createSeries({ rule: weekly(['thu', 'mon']), startDate: '2026-02-02', durationMinutes: 90, horizonDays: 14, notes: 'Key in lockbox' });
      expect(series).to.deep.equal({
        id: seriesId,
        orgId,
        clientId: client.id,
        addressId: client.addresses[0]!.id,
        serviceId: null,
        rule: { freq: 'weekly', interval: 1, weekdays: ['mon', 'thu'] },
        startDate: '2026-02-02',
        localTime: '10:00',
        durationMinutes: 90,
        timeZone: 'UTC',
        end: { count: null, until: null },
        teamId: null,
        workerIds: [],
        notes: 'Key in lockbox',
        priceEstimateMinor: null,
        currency: 'EUR',
        generatedThrough: '2026-03-16',
        endedOn: null,
        createdAt: T0,
        updatedAt: T0,
      });
      expect(fx.storedSeries(seriesId)).to.deep.equal(series);
      expect(dates(created)).to.deep.equal(['2026-03-02', '2026-03-05', '2026-03-09', '2026-03-12', '2026-03-16']);
      expect(unassigned).to.deep.equal([]);
      for (const b of created) {
        expect(b).to.deep.include({ seriesId, status: 'confirmed', detached: false, clientId: client.id, notes: 'Key in lockbox', currency: 'EUR', teamId: null, workers: [] });
        expect([b.startsAt, b.endsAt]).to.deep.equal([utc(b.occurrenceDate!, '10:00'), utc(b.occurrenceDate!, '11:30')]);
      }
      expect(fx.occurrences(seriesId)).to.deep.equal(created);
      expect(rowsOf('series.create').map((r) => [r.resourceType, r.resourceId, r.metadata])).to.deep.equal([
        ['booking_series', seriesId, { rule: 'every week on mon, thu', occurrences_created: 5, unassigned: 0 }],
      ]);
      expect(rowsOf('booking.create').map((r) => r.metadata)).to.deep.equal(created.map((b) => ({ series_id: seriesId, occurrence_date: b.occurrenceDate })));
    });

    it('looks 56 days ahead by default, and honours count and until', async () => {
      const open = await createSeries({});
      expect(dates(open.created)).to.deep.equal(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06', '2026-04-13', '2026-04-20', '2026-04-27']);
      const counted = await createSeries({ time: '12:00', count: 3 });
      expect(dates(counted.created)).to.deep.equal(['2026-03-02', '2026-03-09', '2026-03-16']);
      const until = await createSeries({ time: '14:00', until: '2026-03-10' });
      expect(dates(until.created)).to.deep.equal(['2026-03-02', '2026-03-09']);
      // A count runs from the start date, so a series begun in the past has fewer left to make.
      const started = await createSeries({ time: '16:00', startDate: '2026-02-16', count: 3 });
      expect(dates(started.created)).to.deep.equal(['2026-03-02']);
    });

    it('takes duration and price from a service, and books the people named', async () => {
      const service = await fx.service(orgId, { durationMinutes: 150, priceMinor: 12000 });
      const team = await fx.team(orgId);
      const m1 = await fx.worker(orgId, { name: 'Mo', teamId: team.id });
      const { series, created } = await createSeries({ durationMinutes: undefined, serviceId: service.id, teamId: team.id, workerIds: [ann.id], count: 2 });
      expect([series.durationMinutes, series.priceEstimateMinor, series.teamId, series.workerIds]).to.deep.equal([150, 12000, team.id, [ann.id]]);
      for (const b of created) {
        expect(b.endsAt.getTime() - b.startsAt.getTime()).to.equal(150 * 60_000);
        expect([b.priceEstimateMinor, b.teamId, b.workers]).to.deep.equal([
          12000,
          team.id,
          [
            { workerId: ann.id, viaTeam: false },
            { workerId: m1.id, viaTeam: true },
          ],
        ]);
      }
    });

    it('keeps 09:00 local time across the DST change in America/New_York', async () => {
      const nyOrg = await fx.newOrg('nyc', { timeZone: 'America/New_York' });
      const nyClient = await fx.client(nyOrg);
      const { series, created } = await fx.core.series.create.execute(fx.ctx(nyOrg), {
        clientId: nyClient.id,
        rule: weekly(['mon', 'wed', 'fri', 'sun']),
        startDate: TODAY,
        time: '09:00',
        durationMinutes: 60,
        until: '2026-03-16',
      });
      expect(series.timeZone).to.equal('America/New_York');
      expect(dates(created)).to.deep.equal(['2026-03-02', '2026-03-04', '2026-03-06', '2026-03-08', '2026-03-09', '2026-03-11', '2026-03-13', '2026-03-15', '2026-03-16']);
      expect(created.map((b) => b.startsAt.getUTCHours())).to.deep.equal([14, 14, 14, 13, 13, 13, 13, 13, 13]);
      for (const b of created) {
        expect(toZoned(b.startsAt, 'America/New_York')).to.deep.equal({ date: b.occurrenceDate, time: '09:00' });
        expect(b.endsAt.getTime() - b.startsAt.getTime()).to.equal(60 * 60_000);
      }
    });

    it('makes an occurrence whose worker is taken without people, and reports it (booking.slot_unavailable)', async () => {
      const busy = await fx.book(orgId, client.id, utc('2026-03-09', '10:30'), utc('2026-03-09', '11:30'), { workerIds: [ann.id] });
      const { series, created, unassigned } = await createSeries({ workerIds: [ann.id], count: 3 });
      expect(created.map((b) => [b.occurrenceDate, b.workers.length])).to.deep.equal([
        ['2026-03-02', 1],
        ['2026-03-09', 0],
        ['2026-03-16', 1],
      ]);
      const clashed = created[1]!;
      expect([clashed.status, clashed.teamId]).to.deep.equal(['confirmed', null]);
      expect(unassigned).to.have.length(1);
      expect(unassigned[0]).to.deep.include({ bookingId: clashed.id, date: '2026-03-09', code: 'booking.slot_unavailable' });
      expect(unassigned[0]!.details.conflicting_booking_id).to.equal(busy.id);
      expect(rowsOf('series.create')[0]!.metadata).to.deep.include({ occurrences_created: 3, unassigned: 1 });
      expect(fx.occurrences(series.id)).to.have.length(3);
      // The unassigned occurrence waits in the assignment queue.
      fx.clock.set(utc('2026-03-08', '12:00'));
      const queue = await fx.core.schedule.assignmentQueue.execute(fx.ctx(orgId), {});
      expect(queue.items.map((i) => i.booking.id)).to.deep.equal([clashed.id]);
    });

    it('reports an occurrence in a blackout of its worker as booking.blacked_out', async () => {
      await fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { scope: 'worker', workerId: ann.id, start: utc('2026-03-16', '00:00').toISOString(), end: utc('2026-03-17', '00:00').toISOString(), reason: 'Leave' });
      const { unassigned } = await createSeries({ workerIds: [ann.id], count: 3 });
      expect(unassigned.map((u) => [u.date, u.code])).to.deep.equal([['2026-03-16', 'booking.blacked_out']]);
    });

    it('client.not_found, client.archived, client.address_not_found, service.not_found, team.not_found, worker.not_found', async () => {
      const stranger = await fx.client(orgId);
      await expectAppError(createSeries({ clientId: UNKNOWN_ID }), 'client.not_found');
      await expectAppError(createSeries({ addressId: stranger.addresses[0]!.id }), 'client.address_not_found');
      await expectAppError(createSeries({ serviceId: UNKNOWN_ID }), 'service.not_found');
      await expectAppError(createSeries({ teamId: UNKNOWN_ID }), 'team.not_found');
      await expectAppError(createSeries({ workerIds: [UNKNOWN_ID] }), 'worker.not_found');
      await archiveClientDirectly(fx, orgId, client.id, T0);
      await expectAppError(createSeries({}), 'client.archived');
      expect(fx.state.tables.bookingSeries.size).to.equal(0);
      expect(fx.state.tables.bookings.size).to.equal(0);
    });

    it('validation.failed: rule, dates, time, end, duration, horizon', async () => {
      await expectInvalid(
        fx.core.series.create.execute(fx.ctx(orgId), { clientId: 'c', rule: { freq: 'daily' }, startDate: '2026-02-30', time: '9am', count: 0, durationMinutes: 5, horizonDays: 367 } as never),
        ['/clientId', '/rule', '/startDate', '/time', '/count', '/durationMinutes', '/horizonDays'],
      );
      await expectInvalid(createSeries({ rule: { freq: 'monthly', interval: 13, monthDay: 1 } }), ['/rule/interval']);
      await expectInvalid(createSeries({ rule: { freq: 'monthly', monthDay: 3, nthWeekday: { n: 1, weekday: 'mon' } } }), ['/rule']);
      await expectInvalid(createSeries({ rule: weekly([]) }), ['/rule/weekdays']);
      await expectInvalid(createSeries({ rule: weekly(['mon'], 53) }), ['/rule/interval']);
      await expectInvalid(createSeries({ count: 3, until: '2026-04-01' }), ['/']);
      await expectInvalid(createSeries({ until: '2026-03-01' }), ['/until']);
      await expectInvalid(createSeries({ durationMinutes: undefined }), ['/durationMinutes']);
      expect(fx.state.tables.bookingSeries.size).to.equal(0);
    });
  });

  describe('GetBookingSeries', () => {
    it('returns the series with its occurrences from today on; series.not_found otherwise', async () => {
      const { series, created } = await createSeries({ count: 3 });
      fx.clock.advance(7 * DAY);
      const got = await fx.core.series.get.execute(fx.ctx(orgId), { id: series.id });
      expect(got.series).to.deep.equal(series);
      expect(got.upcoming.map((b) => b.id)).to.deep.equal(created.slice(1).map((b) => b.id));
      await expectAppError(fx.core.series.get.execute(fx.ctx(orgId), { id: UNKNOWN_ID }), 'series.not_found');
      await expectAppError(fx.core.series.get.execute(fx.ctx(await fx.newOrg('other')), { id: series.id }), 'series.not_found');
      await expectInvalid(fx.core.series.get.execute(fx.ctx(orgId), { id: 's' }), ['/id']);
    });
  });

  describe('SkipSeriesOccurrence', () => {
    const skip = (id: string, date: string) => fx.core.series.skip.execute(fx.ctx(orgId), { id, date });

    it('cancels an existing occurrence with reason "skipped", freeing its time, audited as series.skip', async () => {
      const { series, created } = await createSeries({ workerIds: [ann.id], count: 3 });
      const target = created[1]!;
      const skipped = await skip(series.id, '2026-03-09');
      expect(skipped).to.deep.include({ id: target.id, status: 'cancelled', cancellationReason: 'skipped', cancelledAt: T0, occurrenceDate: '2026-03-09' });
      expect(fx.storedBooking(target.id)).to.deep.equal(skipped);
      const [row] = rowsOf('series.skip');
      expect([row!.resourceType, row!.resourceId, (row!.before as { status: string }).status, (row!.after as { status: string }).status, row!.metadata]).to.deep.equal([
        'booking',
        target.id,
        'confirmed',
        'cancelled',
        { series_id: series.id, date: '2026-03-09' },
      ]);
      await fx.book(orgId, client.id, target.startsAt, target.endsAt, { workerIds: [ann.id] });
    });

    it('records a date not made yet, so generation never makes it', async () => {
      const { series } = await createSeries({ horizonDays: 7 });
      expect(fx.storedSeries(series.id).generatedThrough).to.equal('2026-03-09');
      const placeholder = await skip(series.id, '2026-03-23');
      expect(placeholder).to.deep.include({ seriesId: series.id, occurrenceDate: '2026-03-23', status: 'cancelled', cancellationReason: 'skipped', workers: [], teamId: null });
      expect([placeholder.startsAt, placeholder.endsAt]).to.deep.equal([utc('2026-03-23', '10:00'), utc('2026-03-23', '11:00')]);
      expect(rowsOf('series.skip')[0]!.before).to.equal(null);

      // Today becomes 2026-03-16: the run reaches 2026-03-23, which it must leave alone.
      fx.clock.advance(14 * DAY);
      const run = await fx.core.series.generate.execute(fx.sys(), { horizonDays: 7 });
      expect(run.occurrencesCreated).to.equal(1);
      const all = fx.occurrences(series.id);
      expect(dates(all)).to.deep.equal(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23']);
      expect(all.filter((b) => b.occurrenceDate === '2026-03-23').map((b) => b.id)).to.deep.equal([placeholder.id]);
      expect(dates(live(all))).to.deep.equal(['2026-03-02', '2026-03-09', '2026-03-16']);
    });

    it('validation.failed for a date the rule does not produce, or not a date', async () => {
      const { series } = await createSeries({ count: 3 });
      const err = await expectInvalid(skip(series.id, '2026-03-10'), ['/date']);
      expect(err.errors[0]!.detail).to.include('every week on mon');
      await expectInvalid(skip(series.id, '2026-03-23'), ['/date']); // beyond the count of 3
      await expectInvalid(skip(series.id, '2026-02-23'), ['/date']); // before the start
      await expectInvalid(skip(series.id, '09/03/2026'), ['/date']);
      await expectInvalid(skip('s', '2026-03-09'), ['/id']);
    });

    it('series.not_found, series.ended, and booking.invalid_transition for an occurrence already started', async () => {
      const { series, created } = await createSeries({ count: 3 });
      await expectAppError(skip(UNKNOWN_ID, '2026-03-09'), 'series.not_found');
      await fx.core.bookings.changeStatus.execute(fx.ctx(orgId), { id: created[0]!.id, status: 'in_progress' });
      await expectAppError(skip(series.id, TODAY), 'booking.invalid_transition');
      expect(fx.storedBooking(created[0]!.id).status).to.equal('in_progress');
      await fx.core.series.cancelFrom.execute(fx.ctx(orgId), { id: series.id, fromDate: '2026-03-09', reason: 'Moved away' });
      const ended = await expectAppError(skip(series.id, '2026-03-16'), 'series.ended');
      expect(ended.details).to.deep.equal({ series_id: series.id, ended_on: '2026-03-09' });
    });
  });

  describe('CancelSeriesFrom', () => {
    const cancelFrom = (id: string, fromDate: string, reason = 'Client moved') => fx.core.series.cancelFrom.execute(fx.ctx(orgId), { id, fromDate, reason });

    it('cancels occurrences from the date that have not started, moved ones included, and ends the series', async () => {
      const { series, created } = await createSeries({ count: 5 });
      const [first, second, third, fourth] = created;
      await fx.core.bookings.reschedule.execute(fx.ctx(orgId), { id: fourth!.id, start: utc('2026-03-24', '10:00').toISOString() });
      await fx.core.bookings.changeStatus.execute(fx.ctx(orgId), { id: third!.id, status: 'in_progress' });
      const result = await cancelFrom(series.id, '2026-03-09');
      expect(result.cancelled).to.equal(3);
      expect(result.series).to.deep.include({ endedOn: '2026-03-09', updatedAt: T0 });
      expect(fx.storedSeries(series.id).endedOn).to.equal('2026-03-09');
      const after = fx.occurrences(series.id);
      expect(after.map((b) => [b.occurrenceDate, b.status, b.cancellationReason])).to.deep.equal([
        ['2026-03-02', 'confirmed', null],
        ['2026-03-09', 'cancelled', 'Client moved'],
        ['2026-03-16', 'in_progress', null],
        ['2026-03-23', 'cancelled', 'Client moved'],
        ['2026-03-30', 'cancelled', 'Client moved'],
      ]);
      expect(after[0]!.id).to.equal(first!.id);
      expect(after[1]!.id).to.equal(second!.id);
      expect(rowsOf('series.cancel').map((r) => [r.resourceId, r.metadata, (r.after as { endedOn: string }).endedOn])).to.deep.equal([
        [series.id, { reason: 'Client moved', cancelled: 3 }, '2026-03-09'],
      ]);
      expect(rowsOf('booking.status.cancelled').map((r) => r.metadata)).to.deep.equal(Array(3).fill({ reason: 'Client moved', series_id: series.id }));
    });

    it('an ended series is no longer generated', async () => {
      const { series } = await createSeries({ horizonDays: 7 });
      await cancelFrom(series.id, '2026-03-16');
      fx.clock.advance(21 * DAY);
      const run = await fx.core.series.generate.execute(fx.sys());
      expect(run.occurrencesCreated).to.equal(0);
      expect(dates(fx.occurrences(series.id))).to.deep.equal(['2026-03-02', '2026-03-09']);
    });

    it('a date before the start ends the series at its start', async () => {
      const { series } = await createSeries({ startDate: '2026-03-09', count: 2 });
      const result = await cancelFrom(series.id, '2026-03-01');
      expect([result.series.endedOn, result.cancelled]).to.deep.equal(['2026-03-09', 2]);
    });

    it('series.ended from the end date on; an earlier date still cancels; series.not_found; validation', async () => {
      const { series } = await createSeries({ count: 4 });
      await cancelFrom(series.id, '2026-03-16');
      await expectAppError(cancelFrom(series.id, '2026-03-16'), 'series.ended');
      await expectAppError(cancelFrom(series.id, '2026-03-23'), 'series.ended');
      expect((await cancelFrom(series.id, '2026-03-09')).cancelled).to.equal(1);
      await expectAppError(cancelFrom(UNKNOWN_ID, '2026-03-09'), 'series.not_found');
      await expectInvalid(cancelFrom(series.id, 'soon', ''), ['/fromDate', '/reason']);
    });
  });

  describe('UpdateSeriesFrom', () => {
    const updateFrom = (id: string, fromDate: string, changes: Partial<UpdateSeriesFromInput>) => fx.core.series.updateFrom.execute(fx.ctx(orgId), { id, fromDate, ...changes });

    it('ends the old series and continues as a new one with the changes; occurrences edited on their own are kept', async () => {
      const bob = await fx.worker(orgId, { name: 'Bob' });
      const { series: old, created } = await createSeries({ workerIds: [ann.id], count: 6, notes: 'old' });
      const moved = created[3]!; // 2026-03-23, moved on its own
      await fx.core.bookings.reschedule.execute(fx.ctx(orgId), { id: moved.id, start: utc('2026-03-24', '08:00').toISOString() });

      const result = await updateFrom(old.id, '2026-03-16', { time: '13:00', workerIds: [bob.id], notes: 'new' });
      const newId = result.series.id;
      expect(newId).not.to.equal(old.id);
      expect(fx.storedSeries(newId)).to.deep.equal(result.series);
      expect(result.previous).to.deep.include({ id: old.id, endedOn: '2026-03-16' });
      expect(fx.storedSeries(old.id).endedOn).to.equal('2026-03-16');
      expect(result.series).to.deep.include({
        id: newId,
        startDate: '2026-03-16',
        localTime: '13:00',
        workerIds: [bob.id],
        notes: 'new',
        end: { count: 4, until: null },
        endedOn: null,
        rule: old.rule,
        clientId: client.id,
      });

      const oldOnes = fx.occurrences(old.id);
      expect(oldOnes.map((b) => [b.occurrenceDate, b.status, b.detached])).to.deep.equal([
        ['2026-03-02', 'confirmed', false],
        ['2026-03-09', 'confirmed', false],
        ['2026-03-16', 'cancelled', false],
        ['2026-03-30', 'cancelled', false],
        ['2026-04-06', 'cancelled', false],
      ]);
      // The occurrence moved on its own continues with the new series, unchanged, in place of
      // that date's new occurrence.
      expect(fx.occurrences(newId).map((b) => [b.occurrenceDate, b.status, b.detached])).to.deep.equal([
        ['2026-03-16', 'confirmed', false],
        ['2026-03-23', 'confirmed', true],
        ['2026-03-30', 'confirmed', false],
        ['2026-04-06', 'confirmed', false],
      ]);
      expect(oldOnes.filter((b) => b.status === 'cancelled').map((b) => b.cancellationReason)).to.deep.equal(['series changed', 'series changed', 'series changed']);
      expect(fx.storedBooking(moved.id).startsAt).to.deep.equal(utc('2026-03-24', '08:00'));

      for (const b of result.created) {
        expect([b.seriesId, b.startsAt, b.notes, b.workers]).to.deep.equal([newId, utc(b.occurrenceDate!, '13:00'), 'new', [{ workerId: bob.id, viaTeam: false }]]);
      }

      expect(rowsOf('series.split').map((r) => [r.resourceId, r.metadata])).to.deep.equal([[old.id, { continued_as: newId, from_date: '2026-03-16' }]]);
      // The moved occurrence's history shows it changing series.
      expect(rowsOf('booking.series_moved').map((r) => [r.resourceId, r.metadata])).to.deep.equal([[moved.id, { from_series_id: old.id, series_id: newId }]]);
      expect(rowsOf('series.create').at(-1)!.metadata).to.deep.include({ continues: old.id });
    });

    it('carries the remaining count over to the new series', async () => {
      const { series: old } = await createSeries({ count: 6 });
      const { series, created } = await updateFrom(old.id, '2026-03-16', { time: '15:00' });
      expect(series.end).to.deep.equal({ count: 4, until: null });
      expect(dates(created)).to.deep.equal(['2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06']);
      // Six visits in all, as booked.
      expect(liveBookings().map((b) => b.occurrenceDate)).to.deep.equal(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06']);
    });

    it('series.ended when no occurrence is left from the date, or the series already ended then', async () => {
      const { series: short } = await createSeries({ count: 2 });
      await expectAppError(updateFrom(short.id, '2026-03-16', { time: '11:00' }), 'series.ended');
      expect(fx.storedSeries(short.id).endedOn).to.equal(null);
      const { series: open } = await createSeries({ time: '12:00' });
      await fx.core.series.cancelFrom.execute(fx.ctx(orgId), { id: open.id, fromDate: '2026-03-23', reason: 'x' });
      await expectAppError(updateFrom(open.id, '2026-03-30', { notes: 'x' }), 'series.ended');
    });

    it('series.not_found, worker.not_found, service.not_found, client.address_not_found; validation', async () => {
      const { series } = await createSeries({ count: 4 });
      const stranger = await fx.client(orgId);
      await expectAppError(updateFrom(UNKNOWN_ID, '2026-03-09', { notes: 'x' }), 'series.not_found');
      await expectAppError(updateFrom(series.id, '2026-03-09', { workerIds: [UNKNOWN_ID] }), 'worker.not_found');
      await expectAppError(updateFrom(series.id, '2026-03-09', { serviceId: UNKNOWN_ID }), 'service.not_found');
      await expectAppError(updateFrom(series.id, '2026-03-09', { addressId: stranger.addresses[0]!.id }), 'client.address_not_found');
      expect(fx.storedSeries(series.id).endedOn).to.equal(null);
      expect(fx.state.tables.bookingSeries.size).to.equal(1);
      const refused = await expectInvalid(updateFrom('s', '9 March', { time: '25:00', clientId: stranger.id } as never), ['/id', '/fromDate', '/time', '/clientId']);
      expect(refused.errors[3]!.detail).to.equal('is not a known field'); // a series keeps its client
    });

    it('a split from a past date leaves the occurrences before today as they were', async () => {
      const { series: old } = await createSeries({ count: 6 });
      fx.clock.advance(14 * DAY); // today is 2026-03-16; 03-02 and 03-09 are past
      const { created } = await updateFrom(old.id, TODAY, { notes: 'new notes' });
      expect(dates(created)).to.deep.equal(['2026-03-16', '2026-03-23', '2026-03-30', '2026-04-06']);
      expect(fx.occurrences(old.id).slice(0, 2).map((b) => [b.occurrenceDate, b.status])).to.deep.equal([
        ['2026-03-02', 'confirmed'],
        ['2026-03-09', 'confirmed'],
      ]);
    });

    it('keeps an every-other-week series on its weeks when split on a date between occurrences', async () => {
      const { series: old, created } = await createSeries({ rule: weekly(['mon'], 2) });
      expect(dates(created)).to.deep.equal(['2026-03-02', '2026-03-16', '2026-03-30', '2026-04-13', '2026-04-27']);
      await updateFrom(old.id, '2026-03-09', { notes: 'new notes' });
      expect(liveBookings().map((b) => b.occurrenceDate)).to.deep.equal(['2026-03-02', '2026-03-16', '2026-03-30', '2026-04-13', '2026-04-27']);
    });

    it('does not bring back a skipped date, nor make a second visit for an occurrence edited on its own', async () => {
      const { series: old, created } = await createSeries({ count: 5 });
      await fx.core.series.skip.execute(fx.ctx(orgId), { id: old.id, date: '2026-03-16' });
      await fx.core.bookings.reschedule.execute(fx.ctx(orgId), { id: created[3]!.id, start: utc('2026-03-24', '10:00').toISOString() });
      await updateFrom(old.id, '2026-03-09', { notes: 'new notes' });
      const visits = liveBookings().map((b) => [b.occurrenceDate, b.startsAt.toISOString()]);
      expect(visits).to.deep.equal([
        ['2026-03-02', utc('2026-03-02', '10:00').toISOString()],
        ['2026-03-09', utc('2026-03-09', '10:00').toISOString()],
        ['2026-03-23', utc('2026-03-24', '10:00').toISOString()],
        ['2026-03-30', utc('2026-03-30', '10:00').toISOString()],
      ]);
    });
  });

  describe('GenerateSeriesOccurrences', () => {
    const stored = (id: string): BookingSeries => fx.storedSeries(id);

    it('extends open series to the horizon from today, as the system, and is idempotent', async () => {
      const { series } = await createSeries({});
      expect(stored(series.id).generatedThrough).to.equal('2026-04-27');
      fx.clock.advance(7 * DAY);
      const before = fx.state.tables.bookings.size;

      const run = await fx.core.series.generate.execute(fx.sys({ actor: { kind: 'system', id: 'booking-series-generate', role: null }, reason: 'nightly' }));
      expect(run).to.deep.equal({ orgsScanned: 1, seriesExtended: 1, occurrencesCreated: 1, unassigned: 0, orgsFailed: 0 });
      expect(stored(series.id).generatedThrough).to.equal('2026-05-04');
      expect(dates(fx.occurrences(series.id)).slice(-2)).to.deep.equal(['2026-04-27', '2026-05-04']);
      expect(fx.state.tables.bookings.size).to.equal(before + 1);
      const made = rowsOf('booking.create').at(-1)!;
      expect([made.actorKind, made.actorId, made.metadata]).to.deep.equal(['system', 'booking-series-generate', { series_id: series.id, occurrence_date: '2026-05-04' }]);
      expect(fx.state.systemAudit.map((e) => [e.action, e.actorId, e.reason, e.metadata])).to.deep.include.members([
        ['system.booking_series_generate', 'booking-series-generate', 'nightly', { horizon_days: 56 }],
      ]);

      const again = await fx.core.series.generate.execute(fx.sys());
      expect(again).to.deep.equal({ orgsScanned: 1, seriesExtended: 0, occurrencesCreated: 0, unassigned: 0, orgsFailed: 0 });
      expect(fx.state.tables.bookings.size).to.equal(before + 1);
    });

    it('covers every org, after a long gap only from today, and reports occurrences left unassigned', async () => {
      const otherOrg = await fx.newOrg('other');
      const theirClient = await fx.client(otherOrg);
      const { series: ours } = await createSeries({ workerIds: [ann.id], horizonDays: 7 });
      const { series: theirs } = await fx.core.series.create.execute(fx.ctx(otherOrg), {
        clientId: theirClient.id,
        rule: weekly(['wed']),
        startDate: TODAY,
        time: '10:00',
        durationMinutes: 60,
        horizonDays: 7,
      });
      fx.clock.set(utc('2026-04-01', '03:00')); // a Wednesday; nothing ran for weeks
      await fx.book(orgId, client.id, utc('2026-04-06', '09:30'), utc('2026-04-06', '10:30'), { workerIds: [ann.id] });

      const run = await fx.core.series.generate.execute(fx.sys(), { horizonDays: 7 });
      expect(run).to.deep.equal({ orgsScanned: 2, seriesExtended: 2, occurrencesCreated: 3, unassigned: 1, orgsFailed: 0 });
      expect(fx.occurrences(ours.id).map((b) => [b.occurrenceDate, b.workers.length])).to.deep.equal([
        ['2026-03-02', 1],
        ['2026-03-09', 1],
        ['2026-04-06', 0],
      ]);
      expect(dates(fx.occurrences(theirs.id))).to.deep.equal(['2026-03-04', '2026-04-01', '2026-04-08']);
    });

    it('validation.failed for a horizon out of range', async () => {
      await expectInvalid(fx.core.series.generate.execute(fx.sys(), { horizonDays: 0 }), ['/horizonDays']);
      await expectInvalid(fx.core.series.generate.execute(fx.sys(), { horizonDays: 367 }), ['/horizonDays']);
    });
  });
});
