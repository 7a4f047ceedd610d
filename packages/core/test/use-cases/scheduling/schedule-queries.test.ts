import { expect } from 'chai';
import type { Booking, Client, Team, WorkerView } from '@cws/core';
import { expectAppError, expectInvalid } from '../../support/core-fixture.js';
import { DAY, MINUTE } from '../../support/fixed-clock.js';
import { SequentialIds } from '../../support/sequential-ids.js';
import { HOUR, schedulingFixture, TUE, UNKNOWN_ID, utc, WED, type SchedulingFixture } from '../../support/scheduling-fixture.js';

const OFFICE_HOURS = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '08:00', end: '17:00' }]]));

describe('Schedule queries', () => {
  let fx: SchedulingFixture;
  let orgId: string;
  let client: Client;
  let ann: WorkerView;
  let bob: WorkerView;
  let cy: WorkerView;
  let team: Team;
  let mo: WorkerView;
  let mia: WorkerView;

  const at = (time: string, date = TUE) => utc(date, time);
  const iso = (time: string, date = TUE) => at(time, date).toISOString();

  beforeEach(async () => {
    fx = schedulingFixture();
    orgId = await fx.newOrg('acme');
    client = await fx.client(orgId);
    ann = await fx.worker(orgId, { name: 'Ann', skills: ['windows', 'deep-clean'], workingHours: OFFICE_HOURS });
    bob = await fx.worker(orgId, { name: 'Bob', skills: ['windows'] });
    cy = await fx.worker(orgId, { name: 'Cy' });
    team = await fx.team(orgId, 'Blue');
    mo = await fx.worker(orgId, { name: 'Mo', teamId: team.id });
    mia = await fx.worker(orgId, { name: 'Mia', teamId: team.id });
  });

  const book = (start: string, end: string, extra: Record<string, unknown> = {}, date = TUE) => fx.book(orgId, client.id, at(start, date), at(end, date), extra);
  const blackout = (input: { scope?: 'org' | 'team' | 'worker'; teamId?: string; workerId?: string; start: string; end: string; reason?: string }) =>
    fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { reason: 'Closed', ...input });
  const deactivate = (id: string) => fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id, active: false });

  describe('CheckConflicts', () => {
    const check = (input: Record<string, unknown>) => fx.core.schedule.conflicts.execute(fx.ctx(orgId), { start: iso('10:00'), end: iso('12:00'), ...input });
    const brief = (report: { conflicts: ReadonlyArray<{ kind: string; blocking: boolean; bookingId: string | null; blackoutId: string | null; workerId: string | null; teamId: string | null }> }) =>
      report.conflicts.map((c) => ({ kind: c.kind, blocking: c.blocking, bookingId: c.bookingId, blackoutId: c.blackoutId, workerId: c.workerId, teamId: c.teamId }));

    it('a free worker in their hours is available with nothing to report', async () => {
      const report = await check({ workerId: ann.id });
      expect(report).to.deep.equal({ window: { from: at('10:00'), to: at('12:00') }, available: true, conflicts: [] });
    });

    it('reports a booking of the worker overlapping the window, explaining it', async () => {
      const busy = await book('11:00', '13:00', { workerIds: [ann.id] });
      await book('12:00', '13:00', { workerIds: [bob.id] }); // someone else's
      const report = await check({ workerId: ann.id });
      expect(report.available).to.equal(false);
      expect(report.conflicts).to.have.length(1);
      const [c] = report.conflicts;
      expect(c).to.deep.include({ kind: 'booking', blocking: true, bookingId: busy.id, blackoutId: null, workerId: ann.id, teamId: null, startsAt: at('11:00'), endsAt: at('13:00') });
      expect(c!.reason).to.include('Ann').and.include(busy.id);
    });

    it('adjacent bookings and cancelled ones are no conflict', async () => {
      await book('08:00', '10:00', { workerIds: [ann.id] });
      await book('12:00', '13:00', { workerIds: [ann.id] });
      const cancelled = await book('10:00', '11:00', { workerIds: [ann.id] });
      await fx.core.bookings.changeStatus.execute(fx.ctx(orgId), { id: cancelled.id, status: 'cancelled', reason: 'x' });
      expect((await check({ workerId: ann.id })).available).to.equal(true);
    });

    it('reports blackouts of the worker and of the whole org, but not of others', async () => {
      const mine = await blackout({ scope: 'worker', workerId: ann.id, start: iso('11:30'), end: iso('15:00'), reason: 'Dentist' });
      await blackout({ scope: 'worker', workerId: bob.id, start: iso('09:00'), end: iso('17:00') });
      const org = await blackout({ start: iso('11:00'), end: iso('11:15'), reason: 'Fire drill' });
      const report = await check({ workerId: ann.id });
      expect(brief(report)).to.deep.equal([
        { kind: 'blackout', blocking: true, bookingId: null, blackoutId: org.id, workerId: null, teamId: null },
        { kind: 'blackout', blocking: true, bookingId: null, blackoutId: mine.id, workerId: ann.id, teamId: null },
      ]);
      expect(report.conflicts[1]!.reason).to.include('Dentist');
      expect(brief(await check({}))).to.deep.equal([{ kind: 'blackout', blocking: true, bookingId: null, blackoutId: org.id, workerId: null, teamId: null }]);
    });

    it('for a team, reports the team’s booking and its members’ bookings', async () => {
      const teamJob = await book('11:00', '13:00', { teamId: team.id });
      const moJob = await book('09:00', '10:30', { workerIds: [mo.id] }, WED);
      const report = await check({ teamId: team.id });
      expect(report.available).to.equal(false);
      expect(brief(report)).to.deep.equal([
        { kind: 'booking', blocking: true, bookingId: teamJob.id, blackoutId: null, workerId: null, teamId: team.id },
        { kind: 'booking', blocking: true, bookingId: teamJob.id, blackoutId: null, workerId: mo.id, teamId: null },
        { kind: 'booking', blocking: true, bookingId: teamJob.id, blackoutId: null, workerId: mia.id, teamId: null },
      ]);
      expect(report.conflicts[1]!.reason).to.include('with their team');
      const wed = await check({ teamId: team.id, start: iso('10:00', WED), end: iso('12:00', WED) });
      expect(brief(wed)).to.deep.equal([{ kind: 'booking', blocking: true, bookingId: moJob.id, blackoutId: null, workerId: mo.id, teamId: null }]);
    });

    it('a worker is blocked by their home team’s bookings and blackouts', async () => {
      const teamJob = await book('11:00', '13:00', { teamId: team.id });
      const newcomer = await fx.worker(orgId, { name: 'Nia', teamId: team.id }); // joined after the team was booked
      expect(brief(await check({ workerId: newcomer.id }))).to.deep.equal([
        { kind: 'booking', blocking: true, bookingId: teamJob.id, blackoutId: null, workerId: null, teamId: team.id },
      ]);
      const training = await blackout({ scope: 'team', teamId: team.id, start: iso('14:00'), end: iso('16:00'), reason: 'Training' });
      const report = await check({ workerId: newcomer.id, start: iso('15:00'), end: iso('16:00') });
      expect(brief(report)).to.deep.equal([{ kind: 'blackout', blocking: true, bookingId: null, blackoutId: training.id, workerId: null, teamId: team.id }]);
    });

    it('an inactive worker is a blocking conflict', async () => {
      await deactivate(cy.id);
      const report = await check({ workerId: cy.id });
      expect([report.available, brief(report)]).to.deep.equal([false, [{ kind: 'inactive', blocking: true, bookingId: null, blackoutId: null, workerId: cy.id, teamId: null }]]);
    });

    it('an inactive team is reported as a blocking conflict, like an inactive worker', async () => {
      await fx.core.workforce.updateTeam.execute(fx.ctx(orgId), { id: team.id, active: false });
      const report = await check({ teamId: team.id });
      expect(report.available).to.equal(false);
      expect(report.conflicts.map((c) => [c.kind, c.blocking, c.teamId])).to.deep.include(['inactive', true, team.id]);
    });

    it('outside working hours (in the org’s zone) is a warning that does not block', async () => {
      const late = await check({ workerId: ann.id, start: iso('16:30'), end: iso('17:30') });
      expect([late.available, brief(late)]).to.deep.equal([true, [{ kind: 'outside_working_hours', blocking: false, bookingId: null, blackoutId: null, workerId: ann.id, teamId: null }]]);
      expect(late.conflicts[0]!.reason).to.include('UTC');
      // Saturday is not one of Ann's days; Bob has no hours set and is always available.
      expect((await check({ workerId: ann.id, start: iso('10:00', '2026-03-07'), end: iso('11:00', '2026-03-07') })).conflicts.map((c) => c.kind)).to.deep.equal(['outside_working_hours']);
      expect((await check({ workerId: bob.id, start: iso('22:00'), end: iso('23:00') })).conflicts).to.deep.equal([]);
      // Hours are read in the org's zone: 13:00-14:00 UTC is 08:00-09:00 in New York.
      await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { timeZone: 'America/New_York' });
      expect((await check({ workerId: ann.id, start: iso('12:00'), end: iso('13:00') })).conflicts.map((c) => c.kind)).to.deep.equal(['outside_working_hours']);
      expect((await check({ workerId: ann.id, start: iso('13:00'), end: iso('14:00') })).conflicts).to.deep.equal([]);
    });

    it('ignores the booking being moved (bookingId)', async () => {
      const moving = await book('10:00', '12:00', { workerIds: [ann.id] });
      expect((await check({ workerId: ann.id, start: iso('11:00'), end: iso('13:00') })).available).to.equal(false);
      expect(await check({ workerId: ann.id, start: iso('11:00'), end: iso('13:00'), bookingId: moving.id })).to.deep.include({ available: true, conflicts: [] });
    });

    it('with bookingId alone, checks the booking’s own team and workers at the new time', async () => {
      const moving = await book('10:00', '12:00', { workerIds: [ann.id], teamId: team.id });
      const annLater = await book('14:00', '15:00', { workerIds: [ann.id] });
      const teamLater = await book('16:00', '17:00', { teamId: team.id });
      expect(await check({ bookingId: moving.id })).to.deep.include({ available: true, conflicts: [] });
      const at14 = await check({ bookingId: moving.id, start: iso('14:30'), end: iso('16:30') });
      expect(brief(at14).map((c) => [c.bookingId, c.teamId ?? c.workerId])).to.deep.equal([
        [teamLater.id, team.id],
        [annLater.id, ann.id],
        [teamLater.id, mo.id],
        [teamLater.id, mia.id],
      ]);
    });

    it('validation.failed: end after start, at most 7 days, ids', async () => {
      await expectInvalid(check({ end: iso('10:00') }), ['/end']);
      await expectInvalid(check({ end: iso('09:00') }), ['/end']);
      await expectInvalid(check({ end: new Date(at('10:00').getTime() + 7 * DAY + MINUTE).toISOString() }), ['/end']);
      expect((await check({ end: new Date(at('10:00').getTime() + 7 * DAY).toISOString() })).available).to.equal(true);
      await expectInvalid(fx.core.schedule.conflicts.execute(fx.ctx(orgId), { teamId: 't', workerId: 'w', bookingId: 'b' } as never), ['/start', '/end', '/teamId', '/workerId', '/bookingId']);
    });

    it('team.not_found, worker.not_found, booking.not_found, also for another org’s ids', async () => {
      const otherOrg = await fx.newOrg('other');
      const theirTeam = await fx.team(otherOrg);
      const theirWorker = await fx.worker(otherOrg);
      const theirBooking = await fx.book(otherOrg, (await fx.client(otherOrg)).id, at('10:00'), at('11:00'));
      await expectAppError(check({ teamId: UNKNOWN_ID }), 'team.not_found');
      await expectAppError(check({ teamId: theirTeam.id }), 'team.not_found');
      await expectAppError(check({ workerId: UNKNOWN_ID }), 'worker.not_found');
      await expectAppError(check({ workerId: theirWorker.id }), 'worker.not_found');
      await expectAppError(check({ bookingId: UNKNOWN_ID }), 'booking.not_found');
      await expectAppError(check({ bookingId: theirBooking.id }), 'booking.not_found');
      // One worker and a booking to move (the one-read path): the worker is checked first, as before.
      await expectAppError(check({ workerId: ann.id, bookingId: theirBooking.id }), 'booking.not_found');
      await expectAppError(check({ workerId: theirWorker.id, bookingId: theirBooking.id }), 'worker.not_found');
    });

    it('checks one worker with one read of the schedule (availability.workerConflicts), touching no other repository', async () => {
      await book('10:30', '11:00', { workerIds: [ann.id] });
      await blackout({ start: iso('11:30'), end: iso('11:45'), reason: 'Inspection' });
      const expected = await check({ workerId: ann.id });
      const refuse = () => {
        throw new Error('read outside the one conflict statement');
      };
      fx.uow.overrides = () => ({
        orgSettings: { get: refuse },
        workers: { findById: refuse, list: refuse },
        blackouts: { listOverlapping: refuse },
        bookings: { findById: refuse, workerOccupancy: refuse, teamOccupancy: refuse },
      });
      try {
        expect(await check({ workerId: ann.id })).to.deep.equal(expected);
      } finally {
        fx.uow.overrides = null;
      }
      expect(expected.conflicts.map((c) => c.kind)).to.deep.equal(['blackout', 'booking']);
    });

    it('checks a team (and a worker going along, a booking being moved) with one read of the schedule (availability.teamConflicts), touching no other repository', async () => {
      const moved = await book('11:00', '12:30', { workerIds: [ann.id] });
      await book('10:30', '11:00', { teamId: team.id });
      await blackout({ start: iso('11:30'), end: iso('11:45'), reason: 'Inspection' });
      const input = { teamId: team.id, workerId: ann.id, bookingId: moved.id };
      const expected = await check(input);
      const refuse = () => {
        throw new Error('read outside the one conflict statement');
      };
      fx.uow.overrides = () => ({
        orgSettings: { get: refuse },
        teams: { findById: refuse, list: refuse },
        workers: { findById: refuse, list: refuse, listRoster: refuse },
        blackouts: { listOverlapping: refuse },
        bookings: { findById: refuse, workerOccupancy: refuse, teamOccupancy: refuse },
      });
      try {
        expect(await check(input)).to.deep.equal(expected);
        await expectAppError(check({ teamId: UNKNOWN_ID, workerId: ann.id }), 'team.not_found');
        await expectAppError(check({ teamId: team.id, workerId: UNKNOWN_ID }), 'worker.not_found');
        await expectAppError(check({ teamId: team.id, bookingId: UNKNOWN_ID }), 'booking.not_found');
      } finally {
        fx.uow.overrides = null;
      }
      expect(expected.conflicts.map((c) => c.kind)).to.include.members(['blackout', 'booking']);
      expect(expected.conflicts.some((c) => c.bookingId === moved.id), 'the booking being moved is no clash').to.equal(false);
    });
  });

  describe('SuggestAssignees', () => {
    const suggest = (input: Record<string, unknown> = {}) => fx.core.schedule.suggestions.execute(fx.ctx(orgId), { start: iso('10:00'), end: iso('12:00'), ...input });
    const names = (s: { workers: ReadonlyArray<{ worker: { name: string } }> }) => s.workers.map((w) => w.worker.name);

    it('suggests every free active worker, ranked by name when nothing else differs, and free teams', async () => {
      const s = await suggest();
      expect(names(s)).to.deep.equal(['Ann', 'Bob', 'Cy', 'Mia', 'Mo']);
      expect(s.workers.map((w) => w.rank)).to.deep.equal([1, 2, 3, 4, 5]);
      expect(s.workers[0]!.reasons).to.deep.equal(['no skills asked for', 'within working hours', '0 minutes already booked that day']);
      expect(s.teams.map((t) => [t.team, t.memberCount, t.rank, t.loadMinutes])).to.deep.equal([[{ id: team.id, name: 'Blue' }, 2, 1, 0]]);
      expect(s.blockedBy).to.deep.equal([]);
      expect(s.total).to.deep.equal({ teams: 1, workers: 5 });
      // Who, and their home team: nothing the dispatcher does not pick by (no contact details).
      expect(s.workers.find((w) => w.worker.id === mo.id)!.worker).to.deep.equal({ id: mo.id, name: 'Mo', teamId: team.id, teamName: 'Blue' });
      expect(s.workers[0]!.worker).to.deep.equal({ id: ann.id, name: 'Ann', teamId: null, teamName: null });
    });

    it('answers the best `limit` of each list, ranked as the whole list would be, with how many qualified', async () => {
      const green = await fx.team(orgId, 'Green');
      await fx.worker(orgId, { name: 'Gus', teamId: green.id });
      await book('08:00', '09:00', { workerIds: [ann.id] });
      await book('08:00', '08:30', { workerIds: [cy.id] });
      const all = await suggest();
      expect(names(all)).to.deep.equal(['Bob', 'Gus', 'Mia', 'Mo', 'Cy', 'Ann']);
      const two = await suggest({ limit: 2 });
      expect(two.workers.map((w) => [w.worker.name, w.rank])).to.deep.equal([
        ['Bob', 1],
        ['Gus', 2],
      ]);
      expect(two.teams.map((t) => t.team.name)).to.deep.equal(['Blue', 'Green']);
      expect(two.total).to.deep.equal({ teams: 2, workers: 6 });
      const one = await suggest({ limit: 1 });
      expect([one.teams.map((t) => t.team.name), names(one), one.total]).to.deep.equal([['Blue'], ['Bob'], { teams: 2, workers: 6 }]);
      await expectInvalid(suggest({ limit: 0 }), ['/limit']);
      await expectInvalid(suggest({ limit: 101 }), ['/limit']);
    });

    it('leaves out workers who are booked, blacked out, inactive, or whose home team is booked or blacked out', async () => {
      const dee = await fx.worker(orgId, { name: 'Dee' });
      await book('11:00', '13:00', { workerIds: [ann.id] });
      await blackout({ scope: 'worker', workerId: bob.id, start: iso('09:00'), end: iso('10:30') });
      await deactivate(cy.id);
      await blackout({ scope: 'team', teamId: team.id, start: iso('11:59'), end: iso('12:30') });
      const s = await suggest();
      expect(names(s)).to.deep.equal(['Dee']);
      expect(s.workers[0]!.worker.id).to.equal(dee.id);
      expect(s.teams).to.deep.equal([]);
    });

    it('a team booking blocks the team and its members; a team is suggested only when all its active members are free', async () => {
      const green = await fx.team(orgId, 'Green');
      await fx.worker(orgId, { name: 'Gus', teamId: green.id });
      const gil = await fx.worker(orgId, { name: 'Gil', teamId: green.id });
      await book('11:00', '12:00', { workerIds: [gil.id] });
      expect((await suggest()).teams.map((t) => t.team.name)).to.deep.equal(['Blue']);
      await deactivate(gil.id);
      expect((await suggest()).teams.map((t) => t.team.name)).to.deep.equal(['Blue', 'Green']);
      await book('10:00', '11:00', { teamId: team.id });
      const s = await suggest();
      expect(s.teams.map((t) => t.team.name)).to.deep.equal(['Green']);
      expect(names(s)).to.deep.equal(['Ann', 'Bob', 'Cy', 'Gus']);
    });

    it('with skill tags, keeps only workers having one, ranking more matches first', async () => {
      const s = await suggest({ skillTags: [' Windows,deep-clean '] });
      expect(s.workers.map((w) => [w.worker.name, w.skillsMatched, w.skillsMissing, w.rank])).to.deep.equal([
        ['Ann', ['windows', 'deep-clean'], [], 1],
        ['Bob', ['windows'], ['deep-clean'], 2],
      ]);
      expect(s.workers[1]!.reasons[0]).to.equal('has 1 of 2 skills asked for (missing deep-clean)');
      expect(names(await suggest({ skillTags: ['pets-ok'] }))).to.deep.equal([]);
    });

    it('ranks workers inside their working hours before those outside', async () => {
      const s = await suggest({ start: iso('17:00'), end: iso('18:00'), skillTags: ['windows'] });
      expect(s.workers.map((w) => [w.worker.name, w.withinWorkingHours])).to.deep.equal([
        ['Bob', true],
        ['Ann', false],
      ]);
      expect(s.workers[1]!.reasons[1]).to.equal('outside working hours (UTC)');
    });

    it('ranks the less booked that day first, counting only that local day', async () => {
      await book('13:00', '16:00', { workerIds: [ann.id] });
      await book('20:00', '23:00', { workerIds: [bob.id] }, '2026-03-02'); // the day before
      const s = await suggest({ skillTags: ['windows'] });
      expect(s.workers.map((w) => [w.worker.name, w.loadMinutes])).to.deep.equal([
        ['Bob', 0],
        ['Ann', 180],
      ]);
      expect(s.workers[1]!.reasons[2]).to.equal('180 minutes already booked that day');
    });

    it('an org-wide blackout is reported in blockedBy and nobody is suggested', async () => {
      const closed = await blackout({ start: iso('00:00'), end: iso('23:59'), reason: 'Bank holiday' });
      const s = await suggest();
      expect([s.teams, s.workers]).to.deep.equal([[], []]);
      expect(s.blockedBy.map((c) => [c.kind, c.blackoutId, c.blocking])).to.deep.equal([['blackout', closed.id, true]]);
      expect(s.blockedBy[0]!.reason).to.include('Bank holiday');
    });

    it('ignores the booking being reassigned; booking.not_found for an unknown one', async () => {
      const moving = await book('10:00', '12:00', { workerIds: [ann.id] });
      expect(names(await suggest())).not.to.include('Ann');
      expect(names(await suggest({ bookingId: moving.id }))).to.include('Ann');
      await expectAppError(suggest({ bookingId: UNKNOWN_ID }), 'booking.not_found');
    });

    it('validation.failed: bad window, too many tags, malformed booking id', async () => {
      await expectInvalid(suggest({ end: new Date(at('10:00').getTime() + 7 * DAY + MINUTE).toISOString() }), ['/end']);
      await expectInvalid(suggest({ end: iso('10:00') }), ['/end']);
      await expectInvalid(suggest({ skillTags: Array.from({ length: 21 }, (_, i) => `t${i}`), bookingId: 'b' }), ['/skillTags', '/bookingId']);
      // Counted once split at the commas, as a query string sends them.
      const split = await expectInvalid(suggest({ skillTags: [Array.from({ length: 21 }, (_, i) => `t${i}`).join(',')] }), ['/skillTags']);
      expect(split.errors[0]!.detail).to.equal('must have at most 20 tags');
    });
  });

  describe('GetScheduleBoard', () => {
    const board = (input: Record<string, unknown> = {}) => fx.core.schedule.board.execute(fx.ctx(orgId), { start: iso('00:00'), end: iso('00:00', WED), ...input });
    const view = (b: { workers: ReadonlyArray<{ worker: { name: string }; bookings: readonly Booking[] }> }) => b.workers.map((w) => [w.worker.name, w.bookings.map((x) => x.id)]);

    it('shows each active worker’s bookings by start, team bookings under every member, and the unassigned ones', async () => {
      const later = await book('10:00', '11:00', { workerIds: [ann.id] });
      const earlier = await book('08:00', '09:00', { workerIds: [ann.id] });
      const teamJob = await book('12:00', '13:00', { teamId: team.id });
      const open = await book('09:00', '10:00');
      const gone = await book('15:00', '16:00', { workerIds: [bob.id] });
      await fx.core.bookings.changeStatus.execute(fx.ctx(orgId), { id: gone.id, status: 'cancelled', reason: 'x' });
      await book('10:00', '11:00', { workerIds: [bob.id] }, '2026-03-05'); // outside the range
      const zed = await fx.worker(orgId, { name: 'Zed' });
      const held = await book('14:00', '15:00', { workerIds: [zed.id] });
      await deactivate(zed.id);
      await deactivate((await fx.worker(orgId, { name: 'Yan' })).id);

      const b = await board();
      expect([b.window, b.timeZone]).to.deep.equal([{ from: at('00:00'), to: at('00:00', WED) }, 'UTC']);
      expect(view(b)).to.deep.equal([
        ['Ann', [earlier.id, later.id]],
        ['Bob', []],
        ['Cy', []],
        ['Mia', [teamJob.id]],
        ['Mo', [teamJob.id]],
        ['Zed', [held.id]],
      ]);
      expect(b.unassigned.map((x) => x.id)).to.deep.equal([open.id]);
    });

    it('carries each booking’s client name, address and service name', async () => {
      const service = await fx.service(orgId, { name: 'Deep clean' });
      const other = await fx.client(orgId, { name: 'Brightside Dental', addresses: [{ label: 'Office', line1: '45 Park Ave', city: 'New York', accessNotes: 'Alarm code from the manager' }] });
      const mine = await book('10:00', '11:00', { workerIds: [ann.id], serviceId: service.id });
      const open = await fx.book(orgId, other.id, at('12:00'), at('13:00'));
      const b = await board();
      expect(b.visits.get(mine.id)).to.deep.equal({ client: { id: client.id, name: client.name, phone: null }, address: client.addresses[0], serviceName: 'Deep clean' });
      expect(b.visits.get(open.id)).to.deep.equal({ client: { id: other.id, name: 'Brightside Dental', phone: null }, address: other.addresses[0], serviceName: null });
    });

    it('without start and end: today in the org’s zone and the 6 days after', async () => {
      const inWeek = await book('10:00', '11:00', { workerIds: [ann.id] }, '2026-03-08');
      const after = await book('10:00', '11:00', { workerIds: [ann.id] }, '2026-03-09');
      const b = await fx.core.schedule.board.execute(fx.ctx(orgId), {});
      expect(b.window).to.deep.equal({ from: utc('2026-03-02', '00:00'), to: utc('2026-03-09', '00:00') });
      expect(view(b)[0]).to.deep.equal(['Ann', [inWeek.id]]);
      expect(b.visits.has(after.id)).to.equal(false);
      const fromTue = await fx.core.schedule.board.execute(fx.ctx(orgId), { start: iso('00:00') });
      expect(fromTue.window).to.deep.equal({ from: at('00:00'), to: utc('2026-03-10', '00:00') });
    });

    it('for a team, shows only its workers and no unassigned bookings; team.not_found otherwise', async () => {
      const teamJob = await book('12:00', '13:00', { teamId: team.id });
      await book('09:00', '10:00');
      const b = await board({ teamId: team.id });
      expect(view(b)).to.deep.equal([
        ['Mia', [teamJob.id]],
        ['Mo', [teamJob.id]],
      ]);
      expect(b.unassigned).to.deep.equal([]);
      await expectAppError(board({ teamId: UNKNOWN_ID }), 'team.not_found');
    });

    it('validation.failed: a range of at most 14 days, after its start', async () => {
      await board({ end: new Date(at('00:00').getTime() + 14 * DAY).toISOString() });
      await expectInvalid(board({ end: new Date(at('00:00').getTime() + 14 * DAY + MINUTE).toISOString() }), ['/end']);
      await expectInvalid(board({ end: iso('00:00') }), ['/end']);
      await expectInvalid(board({ teamId: 'blue' }), ['/teamId']);
    });

    it('validation.failed when the range holds more than 5,000 bookings', async () => {
      const template = await book('09:00', '10:00');
      // Written straight into the memory tables: 5,000 more unassigned rows in the range.
      for (let i = 1; i <= 5000; i++) {
        const id = SequentialIds.format(0x100000 + i);
        fx.state.tables.bookings.set(id, { ...template, id, startsAt: new Date(template.startsAt.getTime() + (i % 600) * MINUTE) });
      }
      const err = await expectInvalid(board(), ['/end']);
      expect(err.errors[0]!.detail).to.include('5000');
      // Narrowed, it answers.
      expect((await board({ end: iso('09:30') })).unassigned.length).to.be.greaterThan(0);
    });
  });

  describe('ListAssignmentQueue', () => {
    // T0 is Monday 2026-03-02 09:30 UTC.
    const queue = (input: Record<string, unknown> = {}) => fx.core.schedule.assignmentQueue.execute(fx.ctx(orgId), input);

    it('lists unassigned pending and confirmed bookings of the next 7 days, soonest first, flagging those within 24 hours', async () => {
      const soon = await book('08:00', '09:00'); // in 22.5 h
      const tomorrow = await book('10:00', '11:00', { status: 'confirmed' }); // in 24.5 h
      const nextWeek = await fx.book(orgId, client.id, utc('2026-03-09', '09:00'), utc('2026-03-09', '10:00')); // in 6 days 23.5 h
      await fx.book(orgId, client.id, utc('2026-03-09', '10:00'), utc('2026-03-09', '11:00')); // starts after the 7 days
      await book('09:00', '10:00', { workerIds: [ann.id] });
      await book('11:00', '12:00', { teamId: team.id });
      const cancelled = await book('12:00', '13:00');
      await fx.core.bookings.changeStatus.execute(fx.ctx(orgId), { id: cancelled.id, status: 'cancelled', reason: 'x' });
      const started = await book('13:00', '14:00', { status: 'confirmed' });
      await fx.core.bookings.changeStatus.execute(fx.ctx(orgId), { id: started.id, status: 'in_progress' });
      await fx.book(orgId, client.id, utc('2026-03-01', '10:00'), utc('2026-03-01', '11:00')); // in the past

      const page = await queue();
      expect(page.items.map((i) => [i.booking.id, i.urgent])).to.deep.equal([
        [soon.id, true],
        [tomorrow.id, false],
        [nextWeek.id, false],
      ]);
      expect(page.nextCursor).to.equal(null);
      expect((await queue({ days: 8 })).items).to.have.length(4);
      expect((await queue({ days: 1 })).items.map((i) => i.booking.id)).to.deep.equal([soon.id]);
    });

    it('urgency follows the clock', async () => {
      const b = await book('10:00', '11:00');
      expect((await queue()).items[0]!.urgent).to.equal(false);
      fx.clock.advance(HOUR);
      expect((await queue()).items[0]).to.deep.equal({ booking: b, urgent: true });
    });

    it('pages with limit and cursor', async () => {
      const made: Booking[] = [];
      for (const time of ['10:00', '11:00', '12:00']) made.push(await book(time, '13:00'));
      const first = await queue({ limit: 2 });
      expect(first.items.map((i) => i.booking.id)).to.deep.equal([made[0]!.id, made[1]!.id]);
      const second = await queue({ limit: 2, cursor: first.nextCursor });
      expect([second.items.map((i) => i.booking.id), second.nextCursor]).to.deep.equal([[made[2]!.id], null]);
    });

    it('validation.failed: days from 1 to 30, limit, cursor', async () => {
      expect((await queue({ days: 30 })).items).to.deep.equal([]);
      await expectInvalid(queue({ days: 31 }), ['/days']);
      await expectInvalid(queue({ days: 0, limit: 0 }), ['/days', '/limit']);
      await expectInvalid(queue({ cursor: 'nope' }), ['/cursor']);
    });
  });
});
