import { expect } from 'chai';
import { createHash } from 'node:crypto';
import type { Booking, BookingStatus, ChangeBookingAssignmentInput, Client, CreateBookingInput, RescheduleBookingInput, Service, Team, WorkerView } from '@cws/core';
import { archiveClientDirectly, auditRows, expectAppError, expectInvalid, T0 } from '../../support/core-fixture.js';
import { DAY, MINUTE } from '../../support/fixed-clock.js';
import { HOUR, schedulingFixture, TUE, UNKNOWN_ID, utc, type SchedulingFixture } from '../../support/scheduling-fixture.js';

describe('Booking use cases', () => {
  let fx: SchedulingFixture;
  let orgId: string;
  let client: Client;
  let service: Service;
  let ann: WorkerView;
  let bob: WorkerView;
  let team: Team;
  let m1: WorkerView;
  let m2: WorkerView;

  const at = (time: string, date = TUE) => utc(date, time);
  const iso = (time: string, date = TUE) => at(time, date).toISOString();

  beforeEach(async () => {
    fx = schedulingFixture();
    orgId = await fx.newOrg('acme', { currency: 'GBP' });
    client = await fx.client(orgId, { addresses: [{ line1: '1 Home Rd', city: 'Leeds' }, { line1: '2 Office Park', city: 'Leeds' }] });
    service = await fx.service(orgId, { durationMinutes: 90, priceMinor: 7500 });
    ann = await fx.worker(orgId, { name: 'Ann', phone: '+447700900001' });
    bob = await fx.worker(orgId, { name: 'Bob', phone: '+447700900002' });
    team = await fx.team(orgId, 'Blue');
    m1 = await fx.worker(orgId, { name: 'Mo', teamId: team.id });
    m2 = await fx.worker(orgId, { name: 'Mia', teamId: team.id });
  });

  const create = (input: Record<string, unknown>, options: { idempotencyKey?: string } = {}, ctx = fx.ctx(orgId)) =>
    fx.core.bookings.create.execute(ctx, { clientId: client.id, ...input, ...options } as CreateBookingInput);
  const book = async (start: string, end: string, extra: Record<string, unknown> = {}) => (await create({ start: iso(start), end: iso(end), ...extra })).booking;
  const rowsOf = (action: string) => auditRows(fx, orgId).filter((r) => r.action === action);
  const blackout = (input: { scope?: 'org' | 'team' | 'worker'; teamId?: string; workerId?: string; start: string; end: string; reason?: string }) =>
    fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { reason: 'Closed', ...input });
  const status = (id: string, to: string, reason?: string) =>
    fx.core.bookings.changeStatus.execute(fx.ctx(orgId), { id, status: to as BookingStatus, ...(reason === undefined ? {} : { reason }) });

  describe('CreateBooking', () => {
    it('takes the service’s duration and price and the client’s primary address, and audits booking.create', async () => {
      const id = fx.ids.peek(1);
      const primary = client.addresses.find((a) => a.isPrimary)!;
      const { booking, replayed } = await create({ start: iso('10:00'), serviceId: service.id, workerIds: [ann.id], notes: ' Ring twice ' });
      expect(replayed).to.equal(false);
      expect(booking).to.deep.equal({
        id,
        orgId,
        clientId: client.id,
        addressId: primary.id,
        serviceId: service.id,
        seriesId: null,
        occurrenceDate: null,
        detached: false,
        startsAt: at('10:00'),
        endsAt: at('11:30'),
        timeZone: 'UTC',
        status: 'pending',
        teamId: null,
        workers: [{ workerId: ann.id, viaTeam: false }],
        notes: 'Ring twice',
        priceEstimateMinor: 7500,
        currency: 'GBP',
        cancellationReason: null,
        startedAt: null,
        completedAt: null,
        cancelledAt: null,
        createdAt: T0,
        updatedAt: T0,
      });
      expect(fx.storedBooking(id)).to.deep.equal(booking);
      expect(rowsOf('booking.create').map((r) => [r.resourceType, r.resourceId, r.after, r.metadata])).to.deep.equal([
        ['booking', id, JSON.parse(JSON.stringify(booking)), { client_id: client.id }],
      ]);
    });

    it('an explicit end, price and confirmed status win over the defaults', async () => {
      const { booking } = await create({ start: iso('10:00'), end: iso('13:00'), serviceId: service.id, priceEstimateMinor: 0, status: 'confirmed' });
      expect([booking.endsAt, booking.priceEstimateMinor, booking.status]).to.deep.equal([at('13:00'), 0, 'confirmed']);
    });

    it('books another of the client’s addresses, or none when addressId is null', async () => {
      const other = client.addresses.find((a) => !a.isPrimary)!;
      expect((await book('08:00', '09:00', { addressId: other.id })).addressId).to.equal(other.id);
      expect((await book('09:00', '10:00', { addressId: null })).addressId).to.equal(null);
      const bare = await fx.client(orgId, { addresses: [] });
      expect((await create({ clientId: bare.id, start: iso('10:00'), end: iso('11:00') })).booking.addressId).to.equal(null);
    });

    it('client.address_not_found for another client’s address', async () => {
      const stranger = await fx.client(orgId);
      const err = await expectAppError(create({ start: iso('10:00'), end: iso('11:00'), addressId: stranger.addresses[0]!.id }), 'client.address_not_found');
      expect(err.details).to.deep.equal({ client_id: client.id, address_id: stranger.addresses[0]!.id });
      expect(fx.state.tables.bookings.size).to.equal(0);
    });

    it('client.not_found for an unknown or another org’s client; client.archived for an archived one', async () => {
      await expectAppError(create({ clientId: UNKNOWN_ID, start: iso('10:00'), end: iso('11:00') }), 'client.not_found');
      const theirs = await fx.client(await fx.newOrg('other'));
      await expectAppError(create({ clientId: theirs.id, start: iso('10:00'), end: iso('11:00') }), 'client.not_found');
      await archiveClientDirectly(fx, orgId, client.id, T0);
      await expectAppError(create({ start: iso('10:00'), end: iso('11:00') }), 'client.archived');
      expect(fx.state.tables.bookings.size).to.equal(0);
    });

    it('service.not_found for an unknown or inactive service', async () => {
      await expectAppError(create({ start: iso('10:00'), serviceId: UNKNOWN_ID }), 'service.not_found');
      await fx.core.workforce.updateService.execute(fx.ctx(orgId), { id: service.id, active: false });
      await expectAppError(create({ start: iso('10:00'), serviceId: service.id }), 'service.not_found');
    });

    it('worker.not_found, worker.inactive, team.not_found and team.inactive for people who cannot take it', async () => {
      await expectAppError(create({ start: iso('10:00'), end: iso('11:00'), workerIds: [UNKNOWN_ID] }), 'worker.not_found');
      await expectAppError(create({ start: iso('10:00'), end: iso('11:00'), teamId: UNKNOWN_ID }), 'team.not_found');
      await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: bob.id, active: false });
      const inactive = await expectAppError(create({ start: iso('10:00'), end: iso('11:00'), workerIds: [ann.id, bob.id] }), 'worker.inactive');
      expect(inactive.details).to.deep.equal({ worker_id: bob.id });
      await fx.core.workforce.updateTeam.execute(fx.ctx(orgId), { id: team.id, active: false });
      await expectAppError(create({ start: iso('10:00'), end: iso('11:00'), teamId: team.id }), 'team.inactive');
      expect(fx.state.tables.bookings.size).to.equal(0);
    });

    it('a team brings its active members (viaTeam); a member also named stays named', async () => {
      const m3 = await fx.worker(orgId, { name: 'Max', teamId: team.id });
      await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: m3.id, active: false });
      const booking = await book('10:00', '12:00', { teamId: team.id, workerIds: [m2.id, ann.id] });
      expect(booking.teamId).to.equal(team.id);
      // Ordered by worker id (ids are issued in creation order: ann, bob, m1, m2, m3).
      expect(booking.workers).to.deep.equal([
        { workerId: ann.id, viaTeam: false },
        { workerId: m1.id, viaTeam: true },
        { workerId: m2.id, viaTeam: false },
      ]);
    });

    describe('booking.blacked_out', () => {
      it('an org-wide blackout stops every booking, assigned or not', async () => {
        const b = await blackout({ start: iso('09:00'), end: iso('17:00'), reason: 'Office party' });
        const err = await expectAppError(book('10:00', '11:00'), 'booking.blacked_out');
        expect(err.details).to.deep.equal({ blackout_id: b.id, scope: 'org', team_id: null, worker_id: null, reason: 'Office party' });
        await expectAppError(book('10:00', '11:00', { workerIds: [ann.id] }), 'booking.blacked_out');
        // Before it is fine.
        await book('08:00', '09:00', { workerIds: [ann.id] });
      });

      it('a team blackout stops the team’s bookings only', async () => {
        const b = await blackout({ scope: 'team', teamId: team.id, start: iso('09:00'), end: iso('17:00') });
        const err = await expectAppError(book('10:00', '11:00', { teamId: team.id }), 'booking.blacked_out');
        expect(err.details).to.deep.include({ blackout_id: b.id, scope: 'team', team_id: team.id });
        await book('10:00', '11:00', { workerIds: [ann.id] });
        await book('10:00', '11:00');
      });

      it('a worker blackout stops bookings naming that worker only', async () => {
        await blackout({ scope: 'worker', workerId: ann.id, start: iso('09:00'), end: iso('17:00'), reason: 'Dentist' });
        const err = await expectAppError(book('10:00', '11:00', { workerIds: [bob.id, ann.id] }), 'booking.blacked_out');
        expect(err.details).to.deep.include({ scope: 'worker', worker_id: ann.id, reason: 'Dentist' });
        await book('10:00', '11:00', { workerIds: [bob.id] });
      });
    });

    describe('booking.slot_unavailable', () => {
      it('refuses a worker booked at an overlapping time, naming the booking that holds it', async () => {
        const first = await book('10:00', '12:00', { workerIds: [ann.id] });
        const err = await expectAppError(book('11:00', '13:00', { workerIds: [bob.id, ann.id] }), 'booking.slot_unavailable');
        expect(err.details.conflicting_booking_id).to.equal(first.id);
        expect(err.message).to.equal(`Ann (worker ${ann.id}) is already booked by booking ${first.id} at that time`);
        expect(err.details.conflicts).to.deep.equal([
          { booking_id: first.id, worker_id: ann.id, worker_name: 'Ann', team_id: null, team_name: null, starts_at: at('10:00').toISOString(), ends_at: at('12:00').toISOString() },
        ]);
        expect(fx.state.tables.bookings.size).to.equal(1);
        expect(rowsOf('booking.create')).to.have.length(1);
      });

      it('refuses a team booked then, and a named worker booked with their team', async () => {
        const teamJob = await book('10:00', '12:00', { teamId: team.id });
        const again = await expectAppError(book('09:00', '10:30', { teamId: team.id }), 'booking.slot_unavailable');
        expect(again.details.conflicting_booking_id).to.equal(teamJob.id);
        expect((again.details.conflicts as Array<{ team_id: string | null }>).some((c) => c.team_id === team.id)).to.equal(true);
        const member = await expectAppError(book('11:59', '13:00', { workerIds: [m1.id] }), 'booking.slot_unavailable');
        expect(member.details.conflicting_booking_id).to.equal(teamJob.id);
      });

      it('adjacent bookings are fine, and so are other workers and unassigned visits at the same time', async () => {
        await book('10:00', '12:00', { workerIds: [ann.id] });
        await book('08:00', '10:00', { workerIds: [ann.id] });
        await book('12:00', '14:00', { workerIds: [ann.id] });
        await book('10:00', '12:00', { workerIds: [bob.id] });
        await book('10:00', '12:00');
        await book('10:00', '12:00');
        expect(fx.state.tables.bookings.size).to.equal(6);
      });
    });

    describe('idempotency', () => {
      const input = () => ({ start: iso('10:00'), end: iso('12:00'), workerIds: [ann.id] });

      it('a retry with the same key and input returns the first booking (replayed), making and auditing one', async () => {
        const first = await create(input(), { idempotencyKey: 'retry-123' });
        fx.clock.advance(MINUTE);
        const second = await create(input(), { idempotencyKey: 'retry-123' });
        expect(second).to.deep.equal({ booking: first.booking, replayed: true });
        expect(fx.state.tables.bookings.size).to.equal(1);
        expect(rowsOf('booking.create').map((r) => r.metadata)).to.deep.equal([{ client_id: client.id, idempotency_key: 'retry-123' }]);
      });

      it('two concurrent calls with one key make one booking; the second is the replay', async () => {
        const [a, b] = await Promise.all([create(input(), { idempotencyKey: 'double-click' }), create(input(), { idempotencyKey: 'double-click' })]);
        expect([a.replayed, b.replayed].sort()).to.deep.equal([false, true]);
        expect(a.booking).to.deep.equal(b.booking);
        expect(fx.state.tables.bookings.size).to.equal(1);
      });

      it('idempotency.key_reused when the key comes with another input, making nothing', async () => {
        await create(input(), { idempotencyKey: 'retry-123' });
        const err = await expectAppError(create({ ...input(), notes: 'different' }, { idempotencyKey: 'retry-123' }), 'idempotency.key_reused');
        expect(err.errors).to.deep.equal([{ pointer: '/Idempotency-Key', in: 'header', detail: 'was used with a different request body; use a new key for a new booking' }]);
        expect(fx.state.tables.bookings.size).to.equal(1);
      });

      it('keys are per org, and a failed attempt does not use the key up', async () => {
        const otherOrg = await fx.newOrg('other');
        const theirClient = await fx.client(otherOrg);
        await create(input(), { idempotencyKey: 'k1' });
        const theirs = await create({ clientId: theirClient.id, start: iso('10:00'), end: iso('12:00') }, { idempotencyKey: 'k1' }, fx.ctx(otherOrg));
        expect(theirs.replayed).to.equal(false);

        await expectAppError(create({ clientId: UNKNOWN_ID, start: iso('10:00'), end: iso('11:00') }, { idempotencyKey: 'k2' }), 'client.not_found');
        const made = await create({ start: iso('13:00'), end: iso('14:00') }, { idempotencyKey: 'k2' });
        expect(made.replayed).to.equal(false);
      });

      it('a key may be used afresh once it has expired (48 hours)', async () => {
        const first = await create(input(), { idempotencyKey: 'k1' });
        fx.clock.advance(48 * HOUR);
        const second = await create({ start: iso('13:00'), end: iso('14:00') }, { idempotencyKey: 'k1' });
        expect(second.replayed).to.equal(false);
        expect(second.booking.id).not.to.equal(first.booking.id);
      });

      it('validation.failed for a malformed key', async () => {
        for (const key of ['', 'has space', 'x'.repeat(256), 42, 'naïve']) {
          await expectInvalid(create({ ...input(), idempotencyKey: key }), ['/idempotencyKey']);
        }
        expect(fx.state.tables.bookings.size).to.equal(0);
      });

      it('a retry that spells out a default (status pending, no notes) is the same request', async () => {
        const first = await create(input(), { idempotencyKey: 'defaults' });
        const second = await create({ ...input(), status: 'pending', notes: '  ', priceEstimateMinor: null, workerIds: [ann.id.toUpperCase()] }, { idempotencyKey: 'defaults' });
        expect(second).to.deep.equal({ booking: first.booking, replayed: true });
      });

      it('fingerprints the input as keys stored before the contracts did (a deploy keeps retries replaying)', async () => {
        await create({ ...input(), notes: 'Gate code' }, { idempotencyKey: 'stable' });
        const [row] = [...fx.state.tables.idempotency.values()];
        const plan = { clientId: client.id, serviceId: null, start: iso('10:00'), end: iso('12:00'), status: 'pending', teamId: null, workerIds: [ann.id], notes: 'Gate code', priceEstimateMinor: null };
        expect(row!.record.fingerprint).to.equal(createHash('sha256').update(JSON.stringify(plan)).digest('hex'));
      });
    });

    describe('validation.failed', () => {
      it('names every bad field', async () => {
        await expectInvalid(
          fx.core.bookings.create.execute(fx.ctx(orgId), {
            clientId: 'c',
            start: 'tomorrow',
            addressId: 'a',
            serviceId: 'b',
            status: 'in_progress',
            teamId: 5,
            workerIds: ['w'],
            notes: 'n'.repeat(4001),
            priceEstimateMinor: -1,
          } as never),
          ['/clientId', '/addressId', '/serviceId', '/start', '/status', '/teamId', '/workerIds/0', '/notes', '/priceEstimateMinor'],
        );
        await expectInvalid(create({ start: iso('10:00'), end: iso('11:00'), workerIds: 'ann' }), ['/workerIds']);
      });

      it('an end must be after the start and at most 24 hours later; without a service, an end is required', async () => {
        await expectInvalid(create({ start: iso('10:00'), end: iso('10:00') }), ['/end']);
        await expectInvalid(create({ start: iso('10:00'), end: iso('09:00') }), ['/end']);
        await expectInvalid(create({ start: iso('10:00'), end: new Date(at('10:00').getTime() + DAY + MINUTE).toISOString() }), ['/end']);
        await expectInvalid(create({ start: iso('10:00') }), ['/end']);
        expect((await create({ start: iso('10:00'), end: new Date(at('10:00').getTime() + DAY).toISOString() })).booking.endsAt).to.deep.equal(at('10:00', '2026-03-04'));
      });

      it('a missing start is reported once, without judging the end against it', async () => {
        await expectInvalid(create({ end: iso('11:00') }), ['/start']);
      });
    });
  });

  describe('GetBooking', () => {
    it('gets a booking of the org; booking.not_found otherwise', async () => {
      const b = await book('10:00', '11:00');
      expect(await fx.core.bookings.get.execute(fx.ctx(orgId), { id: b.id })).to.deep.equal(b);
      await expectAppError(fx.core.bookings.get.execute(fx.ctx(orgId), { id: UNKNOWN_ID }), 'booking.not_found');
      await expectAppError(fx.core.bookings.get.execute(fx.ctx(await fx.newOrg('other')), { id: b.id }), 'booking.not_found');
      await expectInvalid(fx.core.bookings.get.execute(fx.ctx(orgId), { id: 'b' }), ['/id']);
    });
  });

  describe('ListBookings', () => {
    const list = (input: Record<string, unknown>) => fx.core.bookings.list.execute(fx.ctx(orgId), { start: iso('00:00'), end: iso('00:00', '2026-03-04'), ...input });
    const ids = (page: { items: readonly Booking[] }) => page.items.map((b) => b.id);

    it('lists bookings overlapping the window by start', async () => {
      const late = await book('15:00', '16:00');
      const early = await book('08:00', '09:00');
      const straddling = await book('23:00', '01:00', { end: iso('01:00', '2026-03-04') });
      await book('22:00', '23:00', { start: iso('22:00', '2026-03-02'), end: iso('00:00') }); // ends as the window starts
      const page = await list({});
      expect(ids(page)).to.deep.equal([early.id, late.id, straddling.id]);
      expect(page.nextCursor).to.equal(null);
    });

    it('filters by status, worker (team members included), team, client and unassigned', async () => {
      const other = await fx.client(orgId);
      const a = await book('08:00', '09:00', { workerIds: [ann.id] });
      const t = await book('09:00', '10:00', { teamId: team.id, status: 'confirmed' });
      const u = await book('10:00', '11:00', { clientId: other.id });
      await status(a.id, 'cancelled', 'Client away');
      expect(ids(await list({ status: ['pending,confirmed'] }))).to.deep.equal([t.id, u.id]);
      expect(ids(await list({ status: ['pending', ' confirmed '] }))).to.deep.equal([t.id, u.id]);
      expect(ids(await list({ status: ['cancelled'] }))).to.deep.equal([a.id]);
      expect(ids(await list({ workerId: ann.id }))).to.deep.equal([a.id]);
      expect(ids(await list({ workerId: m2.id }))).to.deep.equal([t.id]);
      expect(ids(await list({ teamId: team.id }))).to.deep.equal([t.id]);
      expect(ids(await list({ clientId: other.id }))).to.deep.equal([u.id]);
      expect(ids(await list({ unassigned: true }))).to.deep.equal([u.id]);
      expect(ids(await list({ unassigned: true, status: ['pending'] }))).to.deep.equal([u.id]);
    });

    it('pages with a cursor, without duplicates or gaps, ties at one start broken by id', async () => {
      const made: Booking[] = [];
      for (const time of ['10:00', '08:00', '10:00', '09:00', '10:00', '08:00', '11:00']) made.push(await book(time, '12:00', { start: iso(time) }));
      const expected = [...made].sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime() || (x.id < y.id ? -1 : 1)).map((b) => b.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await list({ limit: 3, ...(cursor === null ? {} : { cursor }) });
        seen.push(...ids(page));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 10);
      expect(pages).to.equal(3);
      expect(seen).to.deep.equal(expected);
    });

    it('a page exactly as long as the rest says there is no next page', async () => {
      await book('08:00', '09:00');
      await book('09:00', '10:00');
      expect((await list({ limit: 2 })).nextCursor).to.equal(null);
    });

    it('without start and end: today in the org’s zone and the 6 days after, echoed with the page', async () => {
      const monday = await book('23:30', '23:45', { start: iso('23:30', '2026-03-01'), end: iso('00:30', '2026-03-02') }); // ends Monday 00:30
      const tuesday = await book('10:00', '11:00');
      const nextMonday = await book('00:00', '01:00', { start: iso('00:00', '2026-03-09'), end: iso('01:00', '2026-03-09') });
      const page = await fx.core.bookings.list.execute(fx.ctx(orgId), {});
      expect(page.window).to.deep.equal({ from: utc('2026-03-02', '00:00'), to: utc('2026-03-09', '00:00') });
      expect(page.timeZone).to.equal('UTC');
      expect(ids(page)).to.deep.equal([monday.id, tuesday.id]);
      expect(ids(page)).not.to.include(nextMonday.id);
    });

    it('reckons the default window in the org’s zone, local midnight to local midnight across a DST change', async () => {
      const ny = await fx.newOrg('nyc', { timeZone: 'America/New_York' });
      // Now (T0) is Monday 04:30 in New York; clocks go forward on Sunday 2026-03-08.
      const page = await fx.core.bookings.list.execute(fx.ctx(ny), {});
      expect(page.window).to.deep.equal({ from: new Date('2026-03-02T05:00:00Z'), to: new Date('2026-03-09T04:00:00Z') });
      expect(page.timeZone).to.equal('America/New_York');
    });

    it('with only one bound, the other is 7 days away', async () => {
      const fromStart = await fx.core.bookings.list.execute(fx.ctx(orgId), { start: iso('12:00') });
      expect(fromStart.window).to.deep.equal({ from: at('12:00'), to: utc('2026-03-10', '12:00') });
      const toEnd = await fx.core.bookings.list.execute(fx.ctx(orgId), { end: iso('12:00') });
      expect(toEnd.window).to.deep.equal({ from: utc('2026-02-24', '12:00'), to: at('12:00') });
      await expectInvalid(fx.core.bookings.list.execute(fx.ctx(orgId), { start: 'soon' }), ['/start']);
    });

    it('validation.failed: window at most 366 days, statuses, ids, cursor, limit', async () => {
      await expectInvalid(list({ end: new Date(at('00:00').getTime() + 367 * DAY).toISOString() }), ['/end']);
      await expectInvalid(list({ status: ['pending,done'], workerId: 'w', cursor: 'garbage', limit: 0 }), ['/status/0', '/workerId', '/limit']);
      // A cursor is judged once the fields are well-formed: only this API's cursors decode.
      await expectInvalid(list({ cursor: 'garbage' }), ['/cursor']);
      await expectInvalid(list({ unassigned: 'true' }), ['/unassigned']);
    });
  });

  describe('UpdateBookingDetails', () => {
    it('changes notes, service, address and price, audited as booking.update', async () => {
      const b = await book('10:00', '11:00');
      const other = client.addresses.find((a) => !a.isPrimary)!;
      fx.clock.advance(MINUTE);
      const after = await fx.core.bookings.updateDetails.execute(fx.ctx(orgId), { id: b.id, notes: 'Side door', serviceId: service.id, addressId: other.id, priceEstimateMinor: 5000 });
      expect(after).to.deep.include({ notes: 'Side door', serviceId: service.id, addressId: other.id, priceEstimateMinor: 5000, updatedAt: fx.clock.now(), detached: false });
      // The time stays as booked.
      expect([after.startsAt, after.endsAt]).to.deep.equal([at('10:00'), at('11:00')]);
      const rows = rowsOf('booking.update');
      expect(rows.map((r) => [r.resourceId, (r.before as { notes: unknown }).notes, (r.after as { notes: unknown }).notes])).to.deep.equal([[b.id, null, 'Side door']]);
    });

    it('booking.not_plannable for service, address or price of a finished booking; notes may still change', async () => {
      const b = await book('10:00', '11:00', { status: 'confirmed' });
      await status(b.id, 'in_progress');
      await expectAppError(fx.core.bookings.updateDetails.execute(fx.ctx(orgId), { id: b.id, priceEstimateMinor: 1 }), 'booking.not_plannable');
      await status(b.id, 'completed');
      const err = await expectAppError(fx.core.bookings.updateDetails.execute(fx.ctx(orgId), { id: b.id, serviceId: service.id }), 'booking.not_plannable');
      expect(err.details).to.deep.equal({ booking_id: b.id, status: 'completed' });
      const noted = await fx.core.bookings.updateDetails.execute(fx.ctx(orgId), { id: b.id, notes: 'Left keys with neighbour' });
      expect(noted.notes).to.equal('Left keys with neighbour');
    });

    it('service.not_found, client.address_not_found, booking.not_found', async () => {
      const b = await book('10:00', '11:00');
      const stranger = await fx.client(orgId);
      await expectAppError(fx.core.bookings.updateDetails.execute(fx.ctx(orgId), { id: b.id, serviceId: UNKNOWN_ID }), 'service.not_found');
      await expectAppError(fx.core.bookings.updateDetails.execute(fx.ctx(orgId), { id: b.id, addressId: stranger.addresses[0]!.id }), 'client.address_not_found');
      await expectAppError(fx.core.bookings.updateDetails.execute(fx.ctx(orgId), { id: UNKNOWN_ID, notes: 'x' }), 'booking.not_found');
      expect(fx.storedBooking(b.id)).to.deep.equal(b);
      await expectInvalid(fx.core.bookings.updateDetails.execute(fx.ctx(orgId), { id: b.id, priceEstimateMinor: 'free', notes: 3 } as never), ['/notes', '/priceEstimateMinor']);
      // Nothing to change is refused rather than audited as a change.
      await expectInvalid(fx.core.bookings.updateDetails.execute(fx.ctx(orgId), { id: b.id }), ['/']);
    });
  });

  describe('ChangeBookingAssignment', () => {
    const assign = (id: string, mode: 'add' | 'remove' | 'replace', input: { teamId?: unknown; workerIds?: unknown }) =>
      fx.core.bookings.changeAssignment.execute(fx.ctx(orgId), { id, mode, ...input } as ChangeBookingAssignmentInput);

    it('add names more workers, audited as booking.assign', async () => {
      const b = await book('10:00', '12:00');
      const one = await assign(b.id, 'add', { workerIds: [bob.id] });
      expect(one.workers).to.deep.equal([{ workerId: bob.id, viaTeam: false }]);
      const two = await assign(b.id, 'add', { workerIds: [ann.id, bob.id] });
      expect(two.workers).to.deep.equal([
        { workerId: ann.id, viaTeam: false },
        { workerId: bob.id, viaTeam: false },
      ]);
      expect(rowsOf('booking.assign').map((r) => (r.after as { workers: unknown[] }).workers.length)).to.deep.equal([1, 2]);
    });

    it('add with a team brings its active members, keeping named workers', async () => {
      const b = await book('10:00', '12:00', { workerIds: [ann.id] });
      const after = await assign(b.id, 'add', { teamId: team.id });
      expect([after.teamId, after.workers]).to.deep.equal([
        team.id,
        [
          { workerId: ann.id, viaTeam: false },
          { workerId: m1.id, viaTeam: true },
          { workerId: m2.id, viaTeam: true },
        ],
      ]);
    });

    it('remove takes named workers off, and the team with its members; audited as booking.unassign', async () => {
      const b = await book('10:00', '12:00', { workerIds: [ann.id, bob.id], teamId: team.id });
      const lessAnn = await assign(b.id, 'remove', { workerIds: [ann.id] });
      expect(lessAnn.workers.map((w) => w.workerId)).to.deep.equal([bob.id, m1.id, m2.id]);
      const noTeam = await assign(b.id, 'remove', { teamId: team.id });
      expect([noTeam.teamId, noTeam.workers]).to.deep.equal([null, [{ workerId: bob.id, viaTeam: false }]]);
      expect(rowsOf('booking.unassign')).to.have.length(2);
      // Removing someone who is not on it changes nothing else.
      const same = await assign(b.id, 'remove', { workerIds: [ann.id] });
      expect(same.workers).to.deep.equal([{ workerId: bob.id, viaTeam: false }]);
    });

    it('removing a named worker who is also a member of the booked team keeps them on through the team', async () => {
      const b = await book('10:00', '12:00', { teamId: team.id, workerIds: [m1.id] });
      const after = await assign(b.id, 'remove', { workerIds: [m1.id] });
      expect(after.teamId).to.equal(team.id);
      expect(after.workers).to.deep.equal([
        { workerId: m1.id, viaTeam: true },
        { workerId: m2.id, viaTeam: true },
      ]);
    });

    it('replace sets exactly the team and workers given; a new team re-expands to its members (booking.reassign)', async () => {
      const green = await fx.team(orgId, 'Green');
      const g1 = await fx.worker(orgId, { name: 'Gus', teamId: green.id });
      const b = await book('10:00', '12:00', { teamId: team.id, workerIds: [ann.id] });
      const swapped = await assign(b.id, 'replace', { teamId: green.id });
      expect([swapped.teamId, swapped.workers]).to.deep.equal([green.id, [{ workerId: g1.id, viaTeam: true }]]);
      const nobody = await assign(b.id, 'replace', {});
      expect([nobody.teamId, nobody.workers]).to.deep.equal([null, []]);
      expect(rowsOf('booking.reassign')).to.have.length(2);
      // The freed team can now take another booking then.
      await book('10:00', '12:00', { teamId: team.id });
    });

    it('add with another team swaps the team and its members', async () => {
      const green = await fx.team(orgId, 'Green');
      const g1 = await fx.worker(orgId, { name: 'Gus', teamId: green.id });
      const b = await book('10:00', '12:00', { teamId: team.id });
      const after = await assign(b.id, 'add', { teamId: green.id });
      expect([after.teamId, after.workers]).to.deep.equal([green.id, [{ workerId: g1.id, viaTeam: true }]]);
    });

    it('a worker who became inactive may stay when others are added; only newly added ones are checked', async () => {
      const b = await book('10:00', '12:00', { workerIds: [ann.id] });
      await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: ann.id, active: false });
      const after = await assign(b.id, 'add', { workerIds: [bob.id] });
      expect(after.workers.map((w) => w.workerId)).to.deep.equal([ann.id, bob.id]);
      const c = await book('13:00', '14:00');
      await expectAppError(assign(c.id, 'add', { workerIds: [ann.id] }), 'worker.inactive');
    });

    it('booking.slot_unavailable and booking.blacked_out for newly added people, leaving the booking unchanged', async () => {
      const busy = await book('11:00', '13:00', { workerIds: [ann.id] });
      await blackout({ scope: 'worker', workerId: bob.id, start: iso('08:00'), end: iso('18:00') });
      const b = await book('10:00', '12:00');
      const clash = await expectAppError(assign(b.id, 'add', { workerIds: [ann.id] }), 'booking.slot_unavailable');
      expect(clash.details.conflicting_booking_id).to.equal(busy.id);
      await expectAppError(assign(b.id, 'replace', { workerIds: [bob.id] }), 'booking.blacked_out');
      expect(fx.storedBooking(b.id)).to.deep.equal(b);
      expect(rowsOf('booking.assign')).to.deep.equal([]);
    });

    it('worker.not_found, team.not_found, team.inactive, booking.not_found, booking.not_plannable', async () => {
      const b = await book('10:00', '12:00');
      await expectAppError(assign(b.id, 'add', { workerIds: [UNKNOWN_ID] }), 'worker.not_found');
      await expectAppError(assign(b.id, 'add', { teamId: UNKNOWN_ID }), 'team.not_found');
      const grey = await fx.team(orgId, 'Grey');
      await fx.core.workforce.updateTeam.execute(fx.ctx(orgId), { id: grey.id, active: false });
      await expectAppError(assign(b.id, 'replace', { teamId: grey.id }), 'team.inactive');
      await expectAppError(assign(UNKNOWN_ID, 'add', { workerIds: [ann.id] }), 'booking.not_found');
      await status(b.id, 'cancelled', 'Not needed');
      await expectAppError(assign(b.id, 'add', { workerIds: [ann.id] }), 'booking.not_plannable');
    });

    it('validation.failed: add and remove need a team or a worker; ids must be uuids', async () => {
      const b = await book('10:00', '12:00');
      await expectInvalid(assign(b.id, 'add', {}), ['/workerIds']);
      await expectInvalid(assign(b.id, 'remove', { workerIds: [] }), ['/workerIds']);
      await expectInvalid(assign('b', 'add', { teamId: 't', workerIds: ['w'] }), ['/id', '/teamId', '/workerIds/0']);
    });

    it('validation.failed for an unknown mode, changing nothing', async () => {
      const b = await book('10:00', '12:00', { workerIds: [ann.id] });
      // Given workers, so the "name a team or a worker" rule does not answer in its place.
      await expectAppError(assign(b.id, 'clear' as 'replace', { workerIds: [bob.id] }), 'validation.failed');
      expect(fx.storedBooking(b.id)).to.deep.equal(b);
      expect(auditRows(fx, orgId).filter((r) => r.resourceId === b.id).map((r) => r.action)).to.deep.equal(['booking.create']);
    });
  });

  describe('RescheduleBooking', () => {
    const reschedule = (id: string, input: Record<string, unknown>) => fx.core.bookings.reschedule.execute(fx.ctx(orgId), { id, ...input } as RescheduleBookingInput);

    it('moves a booking keeping its length, audited as booking.reschedule', async () => {
      const b = await book('10:00', '11:30', { workerIds: [ann.id] });
      fx.clock.advance(MINUTE);
      const moved = await reschedule(b.id, { start: iso('14:00') });
      expect([moved.startsAt, moved.endsAt, moved.updatedAt, moved.detached]).to.deep.equal([at('14:00'), at('15:30'), fx.clock.now(), false]);
      expect(fx.storedBooking(b.id)).to.deep.equal(moved);
      const [row] = rowsOf('booking.reschedule');
      expect([(row!.before as { startsAt: string }).startsAt, (row!.after as { startsAt: string }).startsAt]).to.deep.equal([iso('10:00'), iso('14:00')]);
    });

    it('takes a new end when given, and may overlap its own old time', async () => {
      const b = await book('10:00', '12:00', { workerIds: [ann.id] });
      const moved = await reschedule(b.id, { start: iso('11:00'), end: iso('11:45') });
      expect([moved.startsAt, moved.endsAt]).to.deep.equal([at('11:00'), at('11:45')]);
    });

    it('booking.slot_unavailable when moved into a clash; the booking stays as it was', async () => {
      const other = await book('14:00', '15:00', { workerIds: [ann.id] });
      const b = await book('10:00', '11:00', { workerIds: [ann.id] });
      const err = await expectAppError(reschedule(b.id, { start: iso('14:30') }), 'booking.slot_unavailable');
      expect(err.details.conflicting_booking_id).to.equal(other.id);
      expect(fx.storedBooking(b.id)).to.deep.equal(b);
      expect(rowsOf('booking.reschedule')).to.deep.equal([]);
    });

    it('booking.blacked_out when moved into a blackout of one of its people', async () => {
      await blackout({ scope: 'team', teamId: team.id, start: iso('13:00'), end: iso('17:00') });
      const t = await book('08:00', '09:00', { teamId: team.id });
      await expectAppError(reschedule(t.id, { start: iso('16:30') }), 'booking.blacked_out');
      expect(fx.storedBooking(t.id)).to.deep.equal(t);
    });

    it('booking.not_plannable once started or finished; booking.not_found; validation', async () => {
      const b = await book('10:00', '11:00', { status: 'confirmed' });
      await status(b.id, 'in_progress');
      await expectAppError(reschedule(b.id, { start: iso('12:00') }), 'booking.not_plannable');
      await status(b.id, 'completed');
      await expectAppError(reschedule(b.id, { start: iso('12:00') }), 'booking.not_plannable');
      await expectAppError(reschedule(UNKNOWN_ID, { start: iso('12:00') }), 'booking.not_found');
      await expectInvalid(reschedule(b.id, {}), ['/start']);
      await expectInvalid(reschedule(b.id, { start: iso('12:00'), end: iso('11:00') }), ['/end']);
      await expectInvalid(reschedule(b.id, { start: iso('12:00'), end: new Date(at('12:00').getTime() + DAY + MINUTE).toISOString() }), ['/end']);
    });
  });

  describe('ChangeBookingStatus', () => {
    it('moves along every allowed transition, stamping the times', async () => {
      const b = await book('10:00', '11:00');
      fx.clock.advance(MINUTE);
      expect((await status(b.id, 'confirmed')).status).to.equal('confirmed');
      fx.clock.advance(MINUTE);
      const started = await status(b.id, 'in_progress');
      expect([started.status, started.startedAt, started.completedAt]).to.deep.equal(['in_progress', fx.clock.now(), null]);
      fx.clock.advance(MINUTE);
      const done = await status(b.id, 'completed');
      expect([done.status, done.startedAt, done.completedAt]).to.deep.equal(['completed', new Date(T0.getTime() + 2 * MINUTE), fx.clock.now()]);
      expect(rowsOf('booking.status.confirmed').length + rowsOf('booking.status.in_progress').length + rowsOf('booking.status.completed').length).to.equal(3);

      const p = await book('12:00', '13:00');
      const cancelledPending = await status(p.id, 'cancelled', ' Client ill ');
      expect([cancelledPending.status, cancelledPending.cancellationReason, cancelledPending.cancelledAt]).to.deep.equal(['cancelled', 'Client ill', fx.clock.now()]);
      expect(rowsOf('booking.status.cancelled').map((r) => [r.resourceId, r.metadata])).to.deep.equal([[p.id, { reason: 'Client ill' }]]);

      const c = await book('13:00', '14:00', { status: 'confirmed' });
      expect((await status(c.id, 'cancelled', 'Moved away')).status).to.equal('cancelled');
      const n = await book('14:00', '15:00', { status: 'confirmed' });
      const noShow = await status(n.id, 'no_show');
      expect([noShow.status, noShow.startedAt, noShow.completedAt, noShow.cancelledAt]).to.deep.equal(['no_show', null, null, null]);
    });

    it('booking.invalid_transition for moves the machine does not allow, changing nothing', async () => {
      const b = await book('10:00', '11:00');
      const err = await expectAppError(status(b.id, 'in_progress'), 'booking.invalid_transition');
      expect(err.details).to.deep.equal({ booking_id: b.id, from: 'pending', to: 'in_progress', allowed: ['confirmed', 'cancelled'] });
      await expectAppError(status(b.id, 'completed'), 'booking.invalid_transition');
      await expectAppError(status(b.id, 'no_show'), 'booking.invalid_transition');
      await expectAppError(status(b.id, 'pending'), 'booking.invalid_transition');
      await status(b.id, 'confirmed');
      await expectAppError(status(b.id, 'pending'), 'booking.invalid_transition');
      await expectAppError(status(b.id, 'completed'), 'booking.invalid_transition');
      await status(b.id, 'in_progress');
      await expectAppError(status(b.id, 'cancelled', 'too late'), 'booking.invalid_transition');
      await expectAppError(status(b.id, 'no_show'), 'booking.invalid_transition');
      await status(b.id, 'completed');
      for (const to of ['pending', 'confirmed', 'in_progress', 'cancelled', 'no_show', 'completed']) {
        await expectAppError(status(b.id, to, 'why'), 'booking.invalid_transition');
      }
      const c = await book('12:00', '13:00');
      await status(c.id, 'cancelled', 'x');
      await expectAppError(status(c.id, 'confirmed'), 'booking.invalid_transition');
      await expectAppError(status(c.id, 'pending'), 'booking.invalid_transition');
      const n = await book('13:00', '14:00', { status: 'confirmed' });
      await status(n.id, 'no_show');
      await expectAppError(status(n.id, 'completed'), 'booking.invalid_transition');
      expect(fx.storedBooking(n.id).status).to.equal('no_show');
    });

    it('cancelling needs a reason; other statuses reject bad ones and unknown statuses', async () => {
      const b = await book('10:00', '11:00');
      await expectInvalid(status(b.id, 'cancelled'), ['/reason']);
      await expectInvalid(status(b.id, 'cancelled', '  '), ['/reason']);
      await expectInvalid(status(b.id, 'done'), ['/status']);
      await expectInvalid(fx.core.bookings.changeStatus.execute(fx.ctx(orgId), { id: 'x', status: 'confirmed', reason: 5 } as never), ['/id', '/reason']);
      await expectAppError(status(UNKNOWN_ID, 'confirmed'), 'booking.not_found');
      expect(fx.storedBooking(b.id).status).to.equal('pending');
    });

    it('CancelBooking cancels with a reason like a move to cancelled, and needs one', async () => {
      const b = await book('10:00', '11:00', { status: 'confirmed' });
      fx.clock.advance(MINUTE);
      await expectInvalid(fx.core.bookings.cancel.execute(fx.ctx(orgId), { id: b.id, reason: '   ' }), ['/reason']);
      await expectInvalid(fx.core.bookings.cancel.execute(fx.ctx(orgId), { id: b.id } as never), ['/reason']);
      const cancelled = await fx.core.bookings.cancel.execute(fx.ctx(orgId), { id: b.id, reason: ' Client away ' });
      expect([cancelled.status, cancelled.cancellationReason, cancelled.cancelledAt]).to.deep.equal(['cancelled', 'Client away', fx.clock.now()]);
      expect(rowsOf('booking.status.cancelled').map((r) => [r.resourceId, r.metadata])).to.deep.equal([[b.id, { reason: 'Client away' }]]);
      await expectAppError(fx.core.bookings.cancel.execute(fx.ctx(orgId), { id: b.id, reason: 'again' }), 'booking.invalid_transition');
      await expectAppError(fx.core.bookings.cancel.execute(fx.ctx(orgId), { id: UNKNOWN_ID, reason: 'x' }), 'booking.not_found');
    });

    it('a cancelled booking frees its time for another booking of the same people', async () => {
      const b = await book('10:00', '12:00', { workerIds: [ann.id], teamId: team.id });
      await expectAppError(book('10:00', '12:00', { workerIds: [ann.id] }), 'booking.slot_unavailable');
      await status(b.id, 'cancelled', 'Rebooked');
      const again = await book('10:00', '12:00', { workerIds: [ann.id], teamId: team.id });
      expect(again.status).to.equal('pending');
    });
  });

  describe('GetBookingHistory', () => {
    it('lists the booking’s audit entries newest first, and only its own', async () => {
      const b = await book('10:00', '11:00');
      await book('12:00', '13:00');
      fx.clock.advance(MINUTE);
      await fx.core.bookings.reschedule.execute(fx.ctx(orgId), { id: b.id, start: iso('10:30') });
      fx.clock.advance(MINUTE);
      await status(b.id, 'confirmed');
      const history = await fx.core.bookings.history.execute(fx.ctx(orgId), { id: b.id });
      expect(history.map((e) => [e.action, e.resourceId, e.createdAt])).to.deep.equal([
        ['booking.status.confirmed', b.id, new Date(T0.getTime() + 2 * MINUTE)],
        ['booking.reschedule', b.id, new Date(T0.getTime() + MINUTE)],
        ['booking.create', b.id, T0],
      ]);
    });

    it('booking.not_found for an unknown or another org’s booking', async () => {
      const b = await book('10:00', '11:00');
      await expectAppError(fx.core.bookings.history.execute(fx.ctx(orgId), { id: UNKNOWN_ID }), 'booking.not_found');
      await expectAppError(fx.core.bookings.history.execute(fx.ctx(await fx.newOrg('other')), { id: b.id }), 'booking.not_found');
      await expectInvalid(fx.core.bookings.history.execute(fx.ctx(orgId), { id: '' }), ['/id']);
    });
  });

  describe('series occurrences edited on their own', () => {
    let occurrences: readonly Booking[];

    beforeEach(async () => {
      const result = await fx.core.series.create.execute(fx.ctx(orgId), {
        clientId: client.id,
        rule: { freq: 'weekly', weekdays: ['tue'] },
        startDate: TUE,
        time: '10:00',
        durationMinutes: 60,
        count: 4,
      });
      occurrences = result.created;
      expect(occurrences.map((o) => o.detached)).to.deep.equal([false, false, false, false]);
    });

    it('are detached when moved, reassigned or given another service, address or price', async () => {
      const [a, b, c, d] = occurrences;
      expect((await fx.core.bookings.reschedule.execute(fx.ctx(orgId), { id: a!.id, start: iso('11:00') })).detached).to.equal(true);
      expect((await fx.core.bookings.changeAssignment.execute(fx.ctx(orgId), { id: b!.id, mode: 'add', workerIds: [ann.id] })).detached).to.equal(true);
      expect((await fx.core.bookings.updateDetails.execute(fx.ctx(orgId), { id: c!.id, priceEstimateMinor: 100 })).detached).to.equal(true);
      expect((await fx.core.bookings.updateDetails.execute(fx.ctx(orgId), { id: d!.id, notes: 'Just a note' })).detached).to.equal(false);
    });

    it('a booking outside any series is never detached', async () => {
      const b = await book('15:00', '16:00');
      expect((await fx.core.bookings.reschedule.execute(fx.ctx(orgId), { id: b.id, start: iso('16:00') })).detached).to.equal(false);
    });
  });
});
