/**
 * Teams, workers, services, blackouts, bookings, booking series and idempotency keys: what every
 * storage adapter must keep, find and refuse. The heart of it is double booking: the store, not
 * the caller, refuses a booking whose time overlaps another occupying booking of one of its
 * workers or of its team, names the booking holding the slot, changes nothing when it refuses,
 * and leaves the unit of work usable. References to rows the org does not have fail with that
 * row's not-found code (composite foreign keys in PostgreSQL), and another org's rows are
 * invisible and untouchable, as in the rest of the storage contract.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type {
  Booking,
  BookingListQuery,
  BookingSeries,
  BookingWorker,
  Client,
  IdempotencyRecord,
  RequestContext,
  TenantRepositories,
  Worker,
} from '@cws/core';
import { aBlackout, aBooking, aClient, aSeries, aService, aTeam, aWorker, at, caught, createOrg } from './fixtures.js';
import type { StorageHarness, StorageHarnessFactory } from './harness.js';

/** 'HH:MM' on a day of May 2026 (the 4th is a Monday), in UTC. */
const t = (hm: string, day = '2026-05-04') => at(`${day}T${hm}:00.000Z`);

/** Named workers, ordered by id as a Booking requires. */
function crew(...workers: Array<string | BookingWorker>): BookingWorker[] {
  return workers
    .map((w) => (typeof w === 'string' ? { workerId: w, viaTeam: false } : w))
    .sort((a, b) => (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0));
}

const allBookings = (window = { from: t('00:00', '2026-05-01'), to: t('00:00', '2026-06-01') }): BookingListQuery => ({
  window,
  statuses: null,
  workerId: null,
  teamId: null,
  clientId: null,
  seriesId: null,
  unassignedOnly: false,
  after: null,
  limit: 100,
});

type Caught = Awaited<ReturnType<typeof caught>> & { details?: Record<string, unknown> };

/** The error names the booking holding the slot, the worker or team (by id and name), and that booking's time. */
function expectClash(err: Caught, holder: Booking, who: { workerId: string; name?: string } | { teamId: string; name?: string }): void {
  expect(err.code, err.message).to.equal('booking.slot_unavailable');
  expect(err.kind).to.equal('conflict');
  expect(err.details?.conflicting_booking_id).to.equal(holder.id);
  const name = who.name ?? ('workerId' in who ? 'Sam Sweep' : 'North Team');
  expect(err.details?.conflicts).to.deep.include({
    booking_id: holder.id,
    worker_id: 'workerId' in who ? who.workerId : null,
    worker_name: 'workerId' in who ? name : null,
    team_id: 'teamId' in who ? who.teamId : null,
    team_name: 'teamId' in who ? name : null,
    starts_at: holder.startsAt.toISOString(),
    ends_at: holder.endsAt.toISOString(),
  });
}

const ids = (rows: ReadonlyArray<{ id: string }>) => rows.map((r) => r.id);

export function schedulingRepositoriesContract(name: string, factory: StorageHarnessFactory): void {
  describe(`${name}: scheduling repositories`, function () {
    let h: StorageHarness;
    before(async () => {
      h = await factory();
    });
    after(async () => h.dispose());

    /** A fresh org with one client (one address). */
    async function anOrg(): Promise<{ ctx: RequestContext; client: Client }> {
      const { ctx } = await createOrg(h);
      const client = aClient(ctx.orgId, {}, 1);
      await h.uow.run(ctx, (r) => r.clients.insert(client));
      return { ctx, client };
    }

    /** A fresh org with a client, a team and `n` workers (none in the team). */
    async function anOrgWithWorkers(n: number): Promise<{ ctx: RequestContext; client: Client; teamId: string; workers: Worker[] }> {
      const { ctx, client } = await anOrg();
      const team = aTeam(ctx.orgId);
      const workers = Array.from({ length: n }, () => aWorker(ctx.orgId));
      await h.uow.run(ctx, async (r) => {
        await r.teams.insert(team);
        for (const w of workers) await r.workers.insert(w);
      });
      return { ctx, client, teamId: team.id, workers };
    }

    const run = <T>(ctx: RequestContext, work: (r: TenantRepositories) => Promise<T>) => h.uow.run(ctx, work);

    describe('teams, workers and services', function () {
      it('stores, finds, updates and lists teams by name then id, inactive ones included', async () => {
        const { ctx } = await anOrg();
        const bravo = aTeam(ctx.orgId, { name: 'Bravo' });
        const alpha1 = aTeam(ctx.orgId, { name: 'Alpha' });
        const alpha2 = aTeam(ctx.orgId, { name: 'Alpha', active: false });
        await run(ctx, async (r) => {
          for (const x of [bravo, alpha1, alpha2]) await r.teams.insert(x);
        });
        expect(await run(ctx, (r) => r.teams.findById(bravo.id))).to.deep.equal(bravo);
        const changed = { ...bravo, name: 'Charlie', active: false, updatedAt: at('2026-04-02T00:00:00.000Z') };
        await run(ctx, (r) => r.teams.update(changed));
        expect(await run(ctx, (r) => r.teams.findById(bravo.id))).to.deep.equal(changed);
        const alphas = [alpha1, alpha2].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(await run(ctx, (r) => r.teams.list())).to.deep.equal([...alphas, changed]);
        expect(await run(ctx, (r) => r.teams.findById('7d1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b'))).to.equal(null);
        expect((await caught(() => run(ctx, (r) => r.teams.update(aTeam(ctx.orgId))))).code).to.equal('team.not_found');
      });

      it('stores every worker field and updates a worker', async () => {
        const { ctx } = await anOrg();
        const team = aTeam(ctx.orgId);
        const worker = aWorker(ctx.orgId, {
          teamId: team.id,
          portalPasswordHash: 'scrypt$16$1$1$c2FsdA$a2V5',
          mustChangePortalPassword: true,
          credentialsChangedAt: at('2026-04-03T12:34:56.789Z'),
          skills: ['carpets', 'pets-ok'],
        });
        await run(ctx, async (r) => {
          await r.teams.insert(team);
          await r.workers.insert(worker);
        });
        expect(await run(ctx, (r) => r.workers.findById(worker.id))).to.deep.equal(worker);
        expect(await run(ctx, (r) => r.workers.findById(worker.id, { forUpdate: true }))).to.deep.equal(worker);
        const changed: Worker = {
          ...worker,
          name: 'Sam Shine',
          phone: null,
          email: null,
          skills: [],
          active: false,
          teamId: null,
          workingHours: null,
          portalPasswordHash: null,
          mustChangePortalPassword: false,
          credentialsChangedAt: null,
          updatedAt: at('2026-04-04T00:00:00.000Z'),
        };
        await run(ctx, (r) => r.workers.update(changed));
        expect(await run(ctx, (r) => r.workers.findById(worker.id))).to.deep.equal(changed);
        expect((await caught(() => run(ctx, (r) => r.workers.update(aWorker(ctx.orgId))))).code).to.equal('worker.not_found');
      });

      it('lists workers by name then id, filtered by team and active state', async () => {
        const { ctx } = await anOrg();
        const team = aTeam(ctx.orgId);
        const cleo = aWorker(ctx.orgId, { name: 'Cleo', teamId: team.id });
        const ari = aWorker(ctx.orgId, { name: 'Ari', teamId: team.id, active: false });
        const bea = aWorker(ctx.orgId, { name: 'Bea' });
        await run(ctx, async (r) => {
          await r.teams.insert(team);
          for (const w of [cleo, ari, bea]) await r.workers.insert(w);
        });
        const list = (teamId: string | null, active: boolean | null) => run(ctx, (r) => r.workers.list({ teamId, active }));
        expect(await list(null, null)).to.deep.equal([ari, bea, cleo]);
        expect(ids(await list(team.id, null))).to.deep.equal([ari.id, cleo.id]);
        expect(ids(await list(null, true))).to.deep.equal([bea.id, cleo.id]);
        expect(ids(await list(team.id, false))).to.deep.equal([ari.id]);
      });

      it('lists the roster: active workers by name then id, with only what dispatch ranks on', async () => {
        const { ctx } = await anOrg();
        const team = aTeam(ctx.orgId);
        const cleo = aWorker(ctx.orgId, { name: 'Cleo', teamId: team.id, portalPasswordHash: 'hash', credentialsChangedAt: at('2026-01-02T00:00:00.000Z') });
        const ari = aWorker(ctx.orgId, { name: 'Ari', teamId: team.id, active: false });
        const bea = aWorker(ctx.orgId, { name: 'Bea', phone: null, email: null, skills: [], workingHours: null });
        const cleo2 = aWorker(ctx.orgId, { name: 'Cleo', id: '00000000-0000-4000-8000-000000000001' });
        await run(ctx, async (r) => {
          await r.teams.insert(team);
          for (const w of [cleo, ari, bea, cleo2]) await r.workers.insert(w);
        });
        const roster = ({ id, name, skills, teamId, workingHours }: Worker) => ({ id, name, skills, teamId, workingHours });
        expect(await run(ctx, (r) => r.workers.listRoster())).to.deep.equal([roster(bea), roster(cleo2), roster(cleo)]);
        // Another org's workers are not on it.
        expect(await run((await anOrg()).ctx, (r) => r.workers.listRoster())).to.deep.equal([]);
      });

      it("refuses a worker whose phone or email is another worker's of the org (worker.contact_taken)", async () => {
        const { ctx } = await anOrg();
        const first = aWorker(ctx.orgId);
        await run(ctx, (r) => r.workers.insert(first));
        for (const [what, clash] of [
          ['same email', aWorker(ctx.orgId, { email: first.email })],
          ['same email in capitals', aWorker(ctx.orgId, { email: first.email!.toUpperCase() })],
          ['same phone', aWorker(ctx.orgId, { phone: first.phone })],
        ] as const) {
          const err = await caught(() => run(ctx, (r) => r.workers.insert(clash)));
          expect(err.code, what).to.equal('worker.contact_taken');
          expect(err.kind, what).to.equal('conflict');
          expect(await run(ctx, (r) => r.workers.findById(clash.id)), what).to.equal(null);
        }
        // Absent contacts never collide.
        const noContact1 = aWorker(ctx.orgId, { phone: null, email: null });
        const noContact2 = aWorker(ctx.orgId, { phone: null, email: null });
        await run(ctx, async (r) => {
          await r.workers.insert(noContact1);
          await r.workers.insert(noContact2);
        });
        // An update into another worker's phone is refused and changes nothing.
        const err = await caught(() => run(ctx, (r) => r.workers.update({ ...noContact1, phone: first.phone })));
        expect(err.code).to.equal('worker.contact_taken');
        expect(await run(ctx, (r) => r.workers.findById(noContact1.id))).to.deep.equal(noContact1);
        // A worker keeping its own contacts is not a clash with itself.
        const renamed = { ...first, name: 'Renamed' };
        await run(ctx, (r) => r.workers.update(renamed));
        expect(await run(ctx, (r) => r.workers.findById(first.id))).to.deep.equal(renamed);
        // Another org may use the same phone and email.
        const { ctx: other } = await anOrg();
        await run(other, (r) => r.workers.insert(aWorker(other.orgId, { phone: first.phone, email: first.email })));
      });

      it('finds a worker by portal login (email or phone), within the org only', async () => {
        const { ctx } = await anOrg();
        const { ctx: other } = await anOrg();
        const worker = aWorker(ctx.orgId);
        const twin = aWorker(other.orgId, { phone: worker.phone, email: worker.email });
        await run(ctx, async (r) => {
          await r.workers.insert(aWorker(ctx.orgId));
          await r.workers.insert(worker);
        });
        await run(other, (r) => r.workers.insert(twin));
        expect(await run(ctx, (r) => r.workers.findByLogin({ email: worker.email! }))).to.deep.equal(worker);
        expect(await run(ctx, (r) => r.workers.findByLogin({ phone: worker.phone! }))).to.deep.equal(worker);
        expect(await run(other, (r) => r.workers.findByLogin({ email: worker.email! }))).to.deep.equal(twin);
        expect(await run(ctx, (r) => r.workers.findByLogin({ email: 'nobody@example.com' }))).to.equal(null);
        expect(await run(ctx, (r) => r.workers.findByLogin({ phone: '+15550000000' }))).to.equal(null);
      });

      it('finds many workers by id in one read: the org’s only, unknown ids left out', async () => {
        const { ctx, workers } = await anOrgWithWorkers(3);
        const { ctx: other, workers: theirs } = await anOrgWithWorkers(1);
        const byId = (rows: readonly Worker[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
        const found = await run(ctx, (r) => r.workers.findByIds([workers[2]!.id, workers[0]!.id, workers[0]!.id, theirs[0]!.id, '7d1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b']));
        expect(byId(found)).to.deep.equal(byId([workers[0]!, workers[2]!]));
        expect(await run(ctx, (r) => r.workers.findByIds([]))).to.deep.equal([]);
        expect(await run(other, (r) => r.workers.findByIds(workers.map((w) => w.id)))).to.deep.equal([]);
      });

      it('stores, updates and lists services by name then id, filtered by active state', async () => {
        const { ctx } = await anOrg();
        const windows = aService(ctx.orgId, { name: 'Windows', durationMinutes: 45, priceMinor: 3500 });
        const deep = aService(ctx.orgId, { name: 'Deep clean' });
        const oven = aService(ctx.orgId, { name: 'Oven', active: false });
        await run(ctx, async (r) => {
          for (const s of [windows, deep, oven]) await r.services.insert(s);
        });
        expect(await run(ctx, (r) => r.services.findById(windows.id))).to.deep.equal(windows);
        expect(await run(ctx, (r) => r.services.list({ active: null }))).to.deep.equal([deep, oven, windows]);
        expect(ids(await run(ctx, (r) => r.services.list({ active: true })))).to.deep.equal([deep.id, windows.id]);
        expect(ids(await run(ctx, (r) => r.services.list({ active: false })))).to.deep.equal([oven.id]);
        const changed = { ...deep, priceMinor: 15000, durationMinutes: 240, active: false, updatedAt: at('2026-04-05T00:00:00.000Z') };
        await run(ctx, (r) => r.services.update(changed));
        expect(await run(ctx, (r) => r.services.findById(deep.id))).to.deep.equal(changed);
        expect((await caught(() => run(ctx, (r) => r.services.update(aService(ctx.orgId))))).code).to.equal('service.not_found');
      });
    });

    describe('blackouts', function () {
      it('stores, finds and deletes a blackout', async () => {
        const { ctx, workers } = await anOrgWithWorkers(1);
        const blackout = aBlackout(ctx.orgId, { scope: 'worker', workerId: workers[0]!.id, reason: 'Annual leave' });
        await run(ctx, (r) => r.blackouts.insert(blackout));
        expect(await run(ctx, (r) => r.blackouts.findById(blackout.id))).to.deep.equal(blackout);
        expect(await run(ctx, (r) => r.blackouts.delete(blackout.id))).to.equal(true);
        expect(await run(ctx, (r) => r.blackouts.delete(blackout.id))).to.equal(false);
        expect(await run(ctx, (r) => r.blackouts.findById(blackout.id))).to.equal(null);
      });

      it('lists the blackouts overlapping a window: every org-wide one plus the asked teams and workers, by start', async () => {
        const { ctx, teamId, workers } = await anOrgWithWorkers(2);
        const [w1, w2] = [workers[0]!.id, workers[1]!.id];
        const team2 = aTeam(ctx.orgId, { name: 'South Team' });
        const day = '2026-05-25';
        const orgWide = aBlackout(ctx.orgId, { startsAt: t('00:00', day), endsAt: t('00:00', '2026-05-26') });
        const team1Off = aBlackout(ctx.orgId, { scope: 'team', teamId, startsAt: t('10:00', day), endsAt: t('12:00', day) });
        const team2Off = aBlackout(ctx.orgId, { scope: 'team', teamId: team2.id, startsAt: t('11:00', day), endsAt: t('15:00', day) });
        const w1Off = aBlackout(ctx.orgId, { scope: 'worker', workerId: w1, startsAt: t('20:00', '2026-05-24'), endsAt: t('08:00', day) });
        const w2Off = aBlackout(ctx.orgId, { scope: 'worker', workerId: w2, startsAt: t('09:00', day), endsAt: t('10:00', day) });
        const later = aBlackout(ctx.orgId, { startsAt: t('00:00', '2026-05-26'), endsAt: t('00:00', '2026-05-27') });
        await run(ctx, async (r) => {
          await r.teams.insert(team2);
          for (const b of [later, team2Off, w2Off, orgWide, team1Off, w1Off]) await r.blackouts.insert(b);
        });
        const list = (teamIds: string[] | null, workerIds: string[] | null, from = t('00:00', day), to = t('00:00', '2026-05-26')) =>
          run(ctx, (r) => r.blackouts.listOverlapping({ from, to }, { teamIds, workerIds }));
        expect(await list(null, null)).to.deep.equal([w1Off, orgWide, w2Off, team1Off, team2Off]);
        expect(ids(await list([teamId], [w1]))).to.deep.equal([w1Off.id, orgWide.id, team1Off.id]);
        expect(ids(await list([], []))).to.deep.equal([orgWide.id]);
        expect(ids(await list(null, []))).to.deep.equal([orgWide.id, team1Off.id, team2Off.id]);
        expect(ids(await list([], null))).to.deep.equal([w1Off.id, orgWide.id, w2Off.id]);
        // Half-open ranges: a blackout ending at the window's start, or starting at its end, is out.
        expect(ids(await list(null, null, t('12:00', day), t('00:00', '2026-05-26')))).to.deep.equal([orgWide.id, team2Off.id]);
        expect(ids(await list(null, null, t('08:00', day), t('09:00', day)))).to.deep.equal([orgWide.id]);
      });
    });

    describe('bookings', function () {
      it('stores every booking field and finds it by id and in a list', async () => {
        const { ctx, client, teamId, workers } = await anOrgWithWorkers(2);
        const service = aService(ctx.orgId);
        const series = aSeries(ctx.orgId, client.id);
        const booking = aBooking(ctx.orgId, client.id, {
          addressId: client.addresses[0]!.id,
          serviceId: service.id,
          seriesId: series.id,
          occurrenceDate: '2026-05-04',
          detached: true,
          status: 'in_progress',
          teamId,
          workers: crew(workers[0]!.id, { workerId: workers[1]!.id, viaTeam: true }),
          notes: 'Bring the ladder',
          priceEstimateMinor: 12345,
          currency: 'EUR',
          startedAt: at('2026-05-04T09:02:03.456Z'),
          createdAt: at('2026-04-20T10:00:00.000Z'),
          updatedAt: at('2026-05-04T09:02:03.456Z'),
        });
        await run(ctx, async (r) => {
          await r.services.insert(service);
          await r.bookingSeries.insert(series);
          await r.bookings.insert(booking);
        });
        expect(await run(ctx, (r) => r.bookings.findById(booking.id))).to.deep.equal(booking);
        expect(await run(ctx, (r) => r.bookings.findById(booking.id, { forUpdate: true }))).to.deep.equal(booking);
        expect(await run(ctx, (r) => r.bookings.list(allBookings()))).to.deep.equal([booking]);
        expect(await run(ctx, (r) => r.bookings.findById('3a9c1e5b-7d2f-4b8a-9c0e-1f2a3b4c5d6e'))).to.equal(null);
      });

      it('updates a booking (people, time, status) and fails with booking.not_found for an unknown one', async () => {
        const { ctx, client, teamId, workers } = await anOrgWithWorkers(2);
        const booking = aBooking(ctx.orgId, client.id, { teamId, workers: crew(...workers.map((w) => ({ workerId: w.id, viaTeam: true }))) });
        await run(ctx, (r) => r.bookings.insert(booking));
        const changed: Booking = {
          ...booking,
          startsAt: t('14:00'),
          endsAt: t('15:30'),
          teamId: null,
          workers: crew(workers[1]!.id),
          status: 'completed',
          notes: 'Done early',
          priceEstimateMinor: 0,
          startedAt: t('14:01'),
          completedAt: t('15:20'),
          updatedAt: t('15:20'),
        };
        await run(ctx, (r) => r.bookings.update(changed));
        expect(await run(ctx, (r) => r.bookings.findById(booking.id))).to.deep.equal(changed);
        const cancelled: Booking = { ...changed, status: 'cancelled', cancellationReason: 'Client away', cancelledAt: t('16:00') };
        await run(ctx, (r) => r.bookings.update(cancelled));
        expect(await run(ctx, (r) => r.bookings.findById(booking.id))).to.deep.equal(cancelled);
        expect((await caught(() => run(ctx, (r) => r.bookings.update(aBooking(ctx.orgId, client.id))))).code).to.equal('booking.not_found');
      });

      it('lists bookings overlapping the window, filtered by status, worker, team, client, series and assignment, by start then id', async () => {
        const { ctx, client: c1, teamId, workers } = await anOrgWithWorkers(2);
        const [w1, w2] = [workers[0]!.id, workers[1]!.id];
        const c2 = aClient(ctx.orgId, { name: 'Second Client' }, 0);
        const series = aSeries(ctx.orgId, c2.id);
        const b1 = aBooking(ctx.orgId, c1.id, { startsAt: t('09:00'), endsAt: t('10:00'), workers: crew(w1) });
        const b2 = aBooking(ctx.orgId, c2.id, { startsAt: t('09:00'), endsAt: t('10:00'), teamId });
        const b3 = aBooking(ctx.orgId, c1.id, { startsAt: t('11:00'), endsAt: t('12:00'), status: 'pending' });
        const b4 = aBooking(ctx.orgId, c1.id, { startsAt: t('13:00'), endsAt: t('14:00'), workers: crew(w1), status: 'cancelled', cancelledAt: t('08:00') });
        const b5 = aBooking(ctx.orgId, c2.id, { startsAt: t('09:00', '2026-05-05'), endsAt: t('11:00', '2026-05-05'), workers: crew(w2), seriesId: series.id, occurrenceDate: '2026-05-05' });
        const outside = aBooking(ctx.orgId, c1.id, { startsAt: t('09:00', '2026-06-01'), endsAt: t('10:00', '2026-06-01') });
        await run(ctx, async (r) => {
          await r.clients.insert(c2);
          await r.bookingSeries.insert(series);
          for (const b of [b5, outside, b3, b1, b4, b2]) await r.bookings.insert(b);
        });
        const list = (q: Partial<BookingListQuery>) => run(ctx, (r) => r.bookings.list({ ...allBookings(), ...q }));
        const first = [b1, b2].sort((a, b) => (a.id < b.id ? -1 : 1));
        const everything = [...first, b3, b4, b5];
        expect(await list({})).to.deep.equal(everything);
        // [09:30, 11:00): b3 starts exactly at the end, so it is out; b1 and b2 overlap.
        expect(ids(await list({ window: { from: t('09:30'), to: t('11:00') } }))).to.deep.equal(ids(first));
        // [10:00, 11:00): b1 and b2 end exactly at the start, so nothing overlaps.
        expect(await list({ window: { from: t('10:00'), to: t('11:00') } })).to.deep.equal([]);
        expect(ids(await list({ statuses: ['cancelled'] }))).to.deep.equal([b4.id]);
        expect(ids(await list({ statuses: ['pending', 'confirmed'] }))).to.deep.equal(ids([...first, b3, b5]));
        expect(ids(await list({ workerId: w1 }))).to.deep.equal([b1.id, b4.id]);
        expect(ids(await list({ teamId }))).to.deep.equal([b2.id]);
        expect(ids(await list({ clientId: c2.id }))).to.deep.equal([b2.id, b5.id]);
        expect(ids(await list({ seriesId: series.id }))).to.deep.equal([b5.id]);
        expect(ids(await list({ unassignedOnly: true }))).to.deep.equal([b3.id]);
        expect(ids(await list({ clientId: c1.id, statuses: ['confirmed'] }))).to.deep.equal([b1.id]);
        expect(ids(await list({ limit: 2 }))).to.deep.equal(ids(first));
        // Keyset paging by (start, id) walks every row once, in order, even across equal starts.
        const paged: string[] = [];
        let after: BookingListQuery['after'] = null;
        for (let page = 0; page < 10; page++) {
          const rows = await list({ limit: 2, after });
          if (rows.length === 0) break;
          paged.push(...ids(rows));
          const last = rows[rows.length - 1]!;
          after = { startsAt: last.startsAt, id: last.id };
        }
        expect(paged).to.deep.equal(ids(everything));
        expect(ids(await list({ after: { startsAt: first[0]!.startsAt, id: first[0]!.id } }))).to.deep.equal(ids([first[1]!, b3, b4, b5]));
      });

      it('lists the visits starting in a window with client, address and service, by start then id, a page at a time', async () => {
        const { ctx, client } = await anOrg();
        const bare = aClient(ctx.orgId, { name: 'No Contact', email: null, phone: null }, 0);
        const service = aService(ctx.orgId, { name: 'Windows' });
        await run(ctx, async (r) => {
          await r.clients.insert(bare);
          await r.services.insert(service);
        });
        const address = client.addresses[0]!;
        const day = { from: t('00:00', '2026-05-05'), to: t('00:00', '2026-05-06') };
        const visit = (start: string, overrides: Partial<Booking> = {}) =>
          aBooking(ctx.orgId, client.id, { startsAt: t(start, '2026-05-05'), endsAt: t(start === '23:30' ? '23:59' : '23:00', '2026-05-05'), ...overrides });
        const first = visit('00:00', { addressId: address.id, serviceId: service.id, timeZone: 'America/New_York' });
        const tiedA = visit('09:00');
        const tiedB = visit('09:00', { clientId: bare.id, status: 'pending' });
        const last = visit('23:30');
        const cancelled = visit('10:00', { status: 'cancelled', cancelledAt: t('08:00'), cancellationReason: 'x' });
        const started = visit('11:00', { status: 'in_progress', startedAt: t('11:00', '2026-05-05') });
        // Overlapping the window without starting in it, and starting at its end: neither is listed.
        const before = aBooking(ctx.orgId, client.id, { startsAt: t('23:00', '2026-05-04'), endsAt: t('01:00', '2026-05-05') });
        const atEnd = aBooking(ctx.orgId, client.id, { startsAt: t('00:00', '2026-05-06'), endsAt: t('01:00', '2026-05-06') });
        await run(ctx, async (r) => {
          for (const b of [last, tiedB, cancelled, first, before, atEnd, tiedA, started]) await r.bookings.insert(b);
        });
        const statuses = ['pending', 'confirmed'] as const;
        const list = (after: { startsAt: Date; id: string } | null, limit = 100) => run(ctx, (r) => r.bookings.listStarting({ window: day, statuses, after, limit }));
        const tied = [tiedA, tiedB].sort((a, b) => (a.id < b.id ? -1 : 1));
        const all = await list(null);
        expect(ids(all)).to.deep.equal(ids([first, ...tied, last]));
        expect(all[0]).to.deep.equal({
          id: first.id,
          status: 'confirmed',
          startsAt: first.startsAt,
          endsAt: first.endsAt,
          timeZone: 'America/New_York',
          client: { id: client.id, name: 'Grace Hopper', email: 'grace@example.com', phone: '+12025550123' },
          address: { line1: address.line1, line2: null, city: 'Leeds', region: 'West Yorkshire', postalCode: 'LS1 1AA', country: 'GB' },
          serviceName: 'Windows',
        });
        expect(all.find((v) => v.id === tiedB.id)).to.deep.include({ status: 'pending', address: null, serviceName: null, client: { id: bare.id, name: 'No Contact', email: null, phone: null } });
        // Pages continue after the last key, through ties.
        const page1 = await list(null, 2);
        const page2 = await list(page1[1]!, 2);
        expect([...ids(page1), ...ids(page2)]).to.deep.equal(ids([first, ...tied, last]));
        expect(await list(page2[1]!, 2)).to.deep.equal([]);
        expect(ids(await run(ctx, (r) => r.bookings.listStarting({ window: day, statuses: ['cancelled', 'in_progress'], after: null, limit: 10 })))).to.deep.equal(ids([cancelled, started]));
        const { ctx: other } = await anOrg();
        expect(await run(other, (r) => r.bookings.listStarting({ window: day, statuses, after: null, limit: 10 }))).to.deep.equal([]);
      });

      it("lists a series' occurrences from a date, by date, cancelled ones included", async () => {
        const { ctx, client } = await anOrg();
        const series = aSeries(ctx.orgId, client.id);
        const otherSeries = aSeries(ctx.orgId, client.id);
        const occurrence = (s: BookingSeries, date: string, status: Booking['status'] = 'confirmed') =>
          aBooking(ctx.orgId, client.id, { seriesId: s.id, occurrenceDate: date, startsAt: t('09:00', date), endsAt: t('11:00', date), status });
        const may4 = occurrence(series, '2026-05-04');
        const may7 = occurrence(series, '2026-05-07', 'cancelled');
        const may11 = occurrence(series, '2026-05-11');
        const others = occurrence(otherSeries, '2026-05-14');
        await run(ctx, async (r) => {
          await r.bookingSeries.insert(series);
          await r.bookingSeries.insert(otherSeries);
          for (const b of [may11, others, may4, may7]) await r.bookings.insert(b);
        });
        expect(await run(ctx, (r) => r.bookings.listSeriesOccurrences(series.id, '2026-05-05'))).to.deep.equal([may7, may11]);
        expect(ids(await run(ctx, (r) => r.bookings.listSeriesOccurrences(series.id, '2026-05-04')))).to.deep.equal(ids([may4, may7, may11]));
        expect(await run(ctx, (r) => r.bookings.listSeriesOccurrences(series.id, '2026-05-12'))).to.deep.equal([]);
      });

      it('keeps one booking per series date: a second one for the date is a conflict, even a cancelled one', async () => {
        const { ctx, client } = await anOrg();
        const series = aSeries(ctx.orgId, client.id);
        const occurrence = (date: string, overrides: Partial<Booking> = {}) =>
          aBooking(ctx.orgId, client.id, { seriesId: series.id, occurrenceDate: date, startsAt: t('09:00', date), endsAt: t('11:00', date), ...overrides });
        const may4 = occurrence('2026-05-04', { status: 'cancelled', cancelledAt: t('08:00') });
        const may7 = occurrence('2026-05-07');
        await run(ctx, async (r) => {
          await r.bookingSeries.insert(series);
          await r.bookings.insert(may4);
          await r.bookings.insert(may7);
        });
        // Regeneration must never make a date twice, so the store refuses it (a unique index there).
        const again = await caught(() => run(ctx, (r) => r.bookings.insert(occurrence('2026-05-04', { startsAt: t('15:00', '2026-05-04'), endsAt: t('16:00', '2026-05-04') }))));
        expect([again.code, again.kind]).to.deep.equal(['storage.conflict', 'conflict']);
        const moved = await caught(() => run(ctx, (r) => r.bookings.update({ ...may7, occurrenceDate: '2026-05-04' })));
        expect([moved.code, moved.kind]).to.deep.equal(['storage.conflict', 'conflict']);
        expect(await run(ctx, (r) => r.bookings.listSeriesOccurrences(series.id, '2026-05-01'))).to.deep.equal([may4, may7]);
      });

      it('reports occupied worker and team time overlapping a window, by start, without cancelled or excluded bookings', async () => {
        const { ctx, client, teamId: t1, workers } = await anOrgWithWorkers(3);
        const [w1, w2, w3] = workers.map((w) => w.id) as [string, string, string];
        const team2 = aTeam(ctx.orgId, { name: 'South Team' });
        const bA = aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('12:00'), teamId: t1, workers: crew(w1, { workerId: w2, viaTeam: true }) });
        const bB = aBooking(ctx.orgId, client.id, { startsAt: t('13:00'), endsAt: t('14:00'), workers: crew(w1) });
        const bC = aBooking(ctx.orgId, client.id, { startsAt: t('08:00'), endsAt: t('09:00'), teamId: team2.id, workers: crew(w3) });
        const gone = aBooking(ctx.orgId, client.id, { startsAt: t('10:30'), endsAt: t('11:30'), teamId: team2.id, workers: crew(w3), status: 'cancelled' });
        await run(ctx, async (r) => {
          await r.teams.insert(team2);
          for (const b of [bB, gone, bA, bC]) await r.bookings.insert(b);
        });
        const occ = (b: Booking, workerId: string, viaTeam = false) => ({ bookingId: b.id, workerId, viaTeam, startsAt: b.startsAt, endsAt: b.endsAt });
        const teamOcc = (b: Booking) => ({ bookingId: b.id, teamId: b.teamId!, startsAt: b.startsAt, endsAt: b.endsAt });
        const workersIn = (from: Date, to: Date, workerIds: string[] | null, excludeBookingId: string | null = null) =>
          run(ctx, (r) => r.bookings.workerOccupancy({ from, to }, { workerIds, excludeBookingId }));
        const teamsIn = (from: Date, to: Date, teamIds: string[] | null, excludeBookingId: string | null = null) =>
          run(ctx, (r) => r.bookings.teamOccupancy({ from, to }, { teamIds, excludeBookingId }));

        // [09:00, 13:00): bC ends and bB starts at the edges, so only bA's two workers.
        expect(await workersIn(t('09:00'), t('13:00'), null)).to.have.deep.members([occ(bA, w1), occ(bA, w2, true)]);
        const wholeDay = await workersIn(t('00:00'), t('00:00', '2026-05-05'), null);
        expect(wholeDay).to.have.deep.members([occ(bC, w3), occ(bA, w1), occ(bA, w2, true), occ(bB, w1)]);
        expect(wholeDay.map((o) => o.startsAt.getTime())).to.deep.equal([t('08:00'), t('10:00'), t('10:00'), t('13:00')].map((d) => d.getTime()));
        expect(await workersIn(t('00:00'), t('00:00', '2026-05-05'), [w1])).to.deep.equal([occ(bA, w1), occ(bB, w1)]);
        expect(await workersIn(t('00:00'), t('00:00', '2026-05-05'), [w1], bA.id)).to.deep.equal([occ(bB, w1)]);
        expect(await workersIn(t('10:00'), t('12:00'), [w3]), 'a cancelled booking occupies nothing').to.deep.equal([]);
        expect(await workersIn(t('11:59'), t('12:01'), [w2])).to.deep.equal([occ(bA, w2, true)]);
        expect(await workersIn(t('12:00'), t('13:00'), null)).to.deep.equal([]);

        expect(await teamsIn(t('00:00'), t('00:00', '2026-05-05'), null)).to.deep.equal([teamOcc(bC), teamOcc(bA)]);
        expect(await teamsIn(t('00:00'), t('00:00', '2026-05-05'), [t1])).to.deep.equal([teamOcc(bA)]);
        expect(await teamsIn(t('00:00'), t('00:00', '2026-05-05'), [t1], bA.id)).to.deep.equal([]);
        expect(await teamsIn(t('10:00'), t('12:00'), [team2.id]), 'a cancelled booking occupies nothing').to.deep.equal([]);
        expect(await teamsIn(t('09:00'), t('10:00'), null)).to.deep.equal([]);
      });

      it("reads a window's and its day's occupied time in one go: minutes in the day and busy per worker, blocked teams, blackouts, the excluded booking", async () => {
        const { ctx, client, teamId: t1, workers } = await anOrgWithWorkers(4);
        const [w1, w2, w3, w4] = workers.map((w) => w.id) as [string, string, string, string];
        const team2 = aTeam(ctx.orgId, { name: 'South Team' });
        const day = { from: t('00:00'), to: t('00:00', '2026-05-05') };
        // w1: 10:00–12:00 (team booking, w2 via the team) and 13:00–14:30; w3: from the day before into
        // this one (only 02:00 of it counts); w4: a cancelled booking and one the day after.
        const bA = aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('12:00'), teamId: t1, workers: crew(w1, { workerId: w2, viaTeam: true }) });
        const bB = aBooking(ctx.orgId, client.id, { startsAt: t('13:00'), endsAt: t('14:30'), workers: crew(w1) });
        const overnight = aBooking(ctx.orgId, client.id, { startsAt: t('22:00', '2026-05-03'), endsAt: t('02:00'), teamId: team2.id, workers: crew(w3) });
        const gone = aBooking(ctx.orgId, client.id, { startsAt: t('10:30'), endsAt: t('11:30'), workers: crew(w4), status: 'cancelled' });
        const tomorrow = aBooking(ctx.orgId, client.id, { startsAt: t('10:00', '2026-05-05'), endsAt: t('11:00', '2026-05-05'), workers: crew(w4) });
        const orgWide = aBlackout(ctx.orgId, { startsAt: t('11:30'), endsAt: t('11:45') });
        const w4Off = aBlackout(ctx.orgId, { scope: 'worker', workerId: w4, startsAt: t('20:00', '2026-05-01'), endsAt: t('10:30') });
        const t2Off = aBlackout(ctx.orgId, { scope: 'team', teamId: team2.id, startsAt: t('15:00'), endsAt: t('16:00') });
        await run(ctx, async (r) => {
          await r.teams.insert(team2);
          for (const b of [bB, gone, bA, overnight, tomorrow]) await r.bookings.insert(b);
          for (const b of [t2Off, orgWide, w4Off]) await r.blackouts.insert(b);
        });
        const read = (window: { from: Date; to: Date }, excludeBookingId: string | null = null) =>
          run(ctx, (r) => r.availability.dayAvailability({ window, day, excludeBookingId }));
        const byWorker = <T extends { workerId: string }>(loads: readonly T[]) => [...loads].sort((a, b) => (a.workerId < b.workerId ? -1 : 1));

        const at11 = await read({ from: t('11:00'), to: t('12:00') });
        expect(byWorker(at11.workers)).to.deep.equal(
          byWorker([
            { workerId: w1, dayMinutes: 210, busy: true },
            { workerId: w2, dayMinutes: 120, busy: true },
            { workerId: w3, dayMinutes: 120, busy: false },
          ]),
        );
        expect(at11.busyTeamIds).to.deep.equal([t1]);
        expect(at11.blackouts).to.deep.equal([orgWide]);
        expect(at11.excludedBookingFound).to.equal(null);

        // Half-open: at 12:00 bA has ended; w4's leave (10:30) is over, and its cancelled booking never counts.
        const noon = await read({ from: t('12:00'), to: t('13:00') });
        expect(noon.workers.every((w) => !w.busy)).to.equal(true);
        expect(noon.busyTeamIds).to.deep.equal([]);
        expect(noon.blackouts).to.deep.equal([]);

        // A window running into the next day: busy there too, but load counts the asked day only.
        const late = await read({ from: t('15:00'), to: t('10:30', '2026-05-05') });
        expect(byWorker(late.workers)).to.deep.equal(
          byWorker([
            { workerId: w1, dayMinutes: 210, busy: false },
            { workerId: w2, dayMinutes: 120, busy: false },
            { workerId: w3, dayMinutes: 120, busy: false },
            { workerId: w4, dayMinutes: 0, busy: true },
          ]),
        );
        expect(late.blackouts).to.deep.equal([t2Off]);

        // The early morning: the overnight booking (and its team), and a blackout begun days before.
        const early = await read({ from: t('01:00'), to: t('09:30') });
        expect(early.busyTeamIds).to.deep.equal([team2.id]);
        expect(early.workers.find((w) => w.workerId === w3)).to.deep.equal({ workerId: w3, dayMinutes: 120, busy: true });
        expect(early.blackouts).to.deep.equal([w4Off]);

        // Leaving out the booking being moved: its time is free, and it is reported found.
        const moving = await read({ from: t('11:00'), to: t('12:00') }, bA.id);
        expect(byWorker(moving.workers)).to.deep.equal(
          byWorker([
            { workerId: w1, dayMinutes: 90, busy: false },
            { workerId: w3, dayMinutes: 120, busy: false },
          ]),
        );
        expect(moving.busyTeamIds).to.deep.equal([]);
        expect(moving.excludedBookingFound).to.equal(true);

        // Another org sees none of it, and not this org's booking either.
        const other = await anOrg();
        const theirs = await run(other.ctx, (r) => r.availability.dayAvailability({ window: { from: t('11:00'), to: t('12:00') }, day, excludeBookingId: bA.id }));
        expect(theirs).to.deep.equal({ workers: [], busyTeamIds: [], blackouts: [], excludedBookingFound: false });
      });
      it("reads one worker's conflict check in one go: the worker, the org's zone, binding blackouts, home-team blocks, own occupancy, the excluded booking", async () => {
        const { ctx, client, teamId: t1 } = await anOrg().then(async (o) => {
          const team = aTeam(o.ctx.orgId);
          await run(o.ctx, (r) => r.teams.insert(team));
          return { ...o, teamId: team.id };
        });
        const ana = aWorker(ctx.orgId, { name: 'Ana Lima', teamId: t1 });
        const bo = aWorker(ctx.orgId, { name: 'Bo Chen' });
        const team2 = aTeam(ctx.orgId, { name: 'South Team' });
        // Ana: her own booking 10:00–11:00, a team booking 11:00–12:00 she is on via the team, a team
        // booking 13:00–14:00 she is not on (the team's block still binds her), a cancelled one; Bo: 10:30–11:30.
        const own = aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('11:00'), workers: crew(ana.id) });
        const withTeam = aBooking(ctx.orgId, client.id, { startsAt: t('11:00'), endsAt: t('12:00'), teamId: t1, workers: crew({ workerId: ana.id, viaTeam: true }) });
        const teamOnly = aBooking(ctx.orgId, client.id, { startsAt: t('13:00'), endsAt: t('14:00'), teamId: t1, workers: crew(bo.id) });
        const gone = aBooking(ctx.orgId, client.id, { startsAt: t('09:00'), endsAt: t('10:00'), workers: crew(ana.id), status: 'cancelled' });
        const bos = aBooking(ctx.orgId, client.id, { startsAt: t('15:00'), endsAt: t('16:00'), teamId: team2.id, workers: crew(bo.id) });
        const orgWide = aBlackout(ctx.orgId, { startsAt: t('11:30'), endsAt: t('11:45') });
        const anaOff = aBlackout(ctx.orgId, { scope: 'worker', workerId: ana.id, startsAt: t('20:00', '2026-05-01'), endsAt: t('10:30') });
        const t1Off = aBlackout(ctx.orgId, { scope: 'team', teamId: t1, startsAt: t('13:30'), endsAt: t('13:45') });
        const boOff = aBlackout(ctx.orgId, { scope: 'worker', workerId: bo.id, startsAt: t('10:00'), endsAt: t('11:00') });
        const t2Off = aBlackout(ctx.orgId, { scope: 'team', teamId: team2.id, startsAt: t('10:00'), endsAt: t('11:00') });
        await run(ctx, async (r) => {
          await r.teams.insert(team2);
          for (const w of [ana, bo]) await r.workers.insert(w);
          for (const b of [teamOnly, gone, withTeam, own, bos]) await r.bookings.insert(b);
          for (const b of [t1Off, orgWide, anaOff, boOff, t2Off]) await r.blackouts.insert(b);
        });
        const settings = await run(ctx, (r) => r.orgSettings.get());
        const read = (workerId: string, from: Date, to: Date, excludeBookingId: string | null = null) =>
          run(ctx, (r) => r.availability.workerConflicts({ window: { from, to }, workerId, excludeBookingId }));
        const occ = (b: Booking, workerId: string, viaTeam = false) => ({ bookingId: b.id, workerId, viaTeam, startsAt: b.startsAt, endsAt: b.endsAt });
        const block = (b: Booking) => ({ bookingId: b.id, teamId: b.teamId!, startsAt: b.startsAt, endsAt: b.endsAt });

        const day = await read(ana.id, t('00:00'), t('00:00', '2026-05-05'));
        expect(day.worker).to.deep.equal({ id: ana.id, name: 'Ana Lima', active: ana.active, teamId: t1, workingHours: ana.workingHours });
        expect(day.timeZone).to.equal(settings?.timeZone ?? null);
        expect(day.blackouts, 'org-wide, her team and her own, by start; not Bo nor another team').to.deep.equal([anaOff, orgWide, t1Off]);
        expect(day.teamBlocks).to.deep.equal([block(withTeam), block(teamOnly)]);
        expect(day.occupancy).to.deep.equal([occ(own, ana.id), occ(withTeam, ana.id, true)]);
        expect(day.excludedBookingFound).to.equal(null);

        // Half-open: at [11:00, 13:00) her own booking has ended and the team-only one not begun.
        const midday = await read(ana.id, t('11:00'), t('13:00'));
        expect(midday.teamBlocks).to.deep.equal([block(withTeam)]);
        expect(midday.occupancy).to.deep.equal([occ(withTeam, ana.id, true)]);
        expect(midday.blackouts).to.deep.equal([orgWide]);

        // Leaving out the booking being moved; a worker with no team gets no team blocks.
        const moving = await read(ana.id, t('10:00'), t('12:00'), withTeam.id);
        expect(moving.teamBlocks).to.deep.equal([]);
        expect(moving.occupancy).to.deep.equal([occ(own, ana.id)]);
        expect(moving.excludedBookingFound).to.equal(true);
        const boDay = await read(bo.id, t('00:00'), t('00:00', '2026-05-05'));
        expect(boDay.worker?.teamId).to.equal(null);
        expect(boDay.teamBlocks).to.deep.equal([]);
        expect(boDay.blackouts).to.deep.equal([boOff, orgWide]);
        expect(boDay.occupancy).to.deep.equal([occ(teamOnly, bo.id), occ(bos, bo.id)]);

        // Unknown ids, and another org asking about this org's worker and booking: nothing.
        const none = await read(randomUUID(), t('00:00'), t('00:00', '2026-05-05'), randomUUID());
        expect(none).to.deep.include({ worker: null, blackouts: [], teamBlocks: [], occupancy: [], excludedBookingFound: false });
        const other = await anOrg();
        const theirs = await run(other.ctx, (r) => r.availability.workerConflicts({ window: { from: t('00:00'), to: t('00:00', '2026-05-05') }, workerId: ana.id, excludeBookingId: own.id }));
        expect(theirs).to.deep.include({ worker: null, blackouts: [], teamBlocks: [], occupancy: [], excludedBookingFound: false });
      });

      it("reads a team's conflict check in one go: the team, its active members by name, a named worker, binding blackouts, both teams' blocks, everyone's time", async () => {
        const { ctx, client } = await anOrg();
        const north = aTeam(ctx.orgId, { name: 'North' });
        const south = aTeam(ctx.orgId, { name: 'South' });
        const east = aTeam(ctx.orgId, { name: 'East' });
        const zoe = aWorker(ctx.orgId, { name: 'Zoe Park', teamId: north.id });
        const ana = aWorker(ctx.orgId, { name: 'Ana Lima', teamId: north.id });
        const old = aWorker(ctx.orgId, { name: 'Al Old', teamId: north.id, active: false });
        const bo = aWorker(ctx.orgId, { name: 'Bo Chen', teamId: south.id });
        const cy = aWorker(ctx.orgId, { name: 'Cy Moss' });
        const own = aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('11:00'), workers: crew(ana.id) });
        const northJob = aBooking(ctx.orgId, client.id, { startsAt: t('11:00'), endsAt: t('12:00'), teamId: north.id, workers: crew({ workerId: zoe.id, viaTeam: true }) });
        const southJob = aBooking(ctx.orgId, client.id, { startsAt: t('13:00'), endsAt: t('14:00'), teamId: south.id, workers: crew(bo.id) });
        const eastJob = aBooking(ctx.orgId, client.id, { startsAt: t('13:00'), endsAt: t('14:00'), teamId: east.id, workers: crew(cy.id) });
        const pair = aBooking(ctx.orgId, client.id, { startsAt: t('16:00'), endsAt: t('17:00'), workers: crew(ana.id, zoe.id) });
        const gone = aBooking(ctx.orgId, client.id, { startsAt: t('11:30'), endsAt: t('12:30'), workers: crew(ana.id), status: 'cancelled' });
        const anaOff = aBlackout(ctx.orgId, { scope: 'worker', workerId: ana.id, startsAt: t('08:00'), endsAt: t('08:30') });
        const southOff = aBlackout(ctx.orgId, { scope: 'team', teamId: south.id, startsAt: t('09:00'), endsAt: t('09:30') });
        const orgWide = aBlackout(ctx.orgId, { startsAt: t('11:30'), endsAt: t('11:45') });
        const northOff = aBlackout(ctx.orgId, { scope: 'team', teamId: north.id, startsAt: t('13:30'), endsAt: t('13:45') });
        const cyOff = aBlackout(ctx.orgId, { scope: 'worker', workerId: cy.id, startsAt: t('10:00'), endsAt: t('11:00') });
        const eastOff = aBlackout(ctx.orgId, { scope: 'team', teamId: east.id, startsAt: t('10:00'), endsAt: t('11:00') });
        const oldOff = aBlackout(ctx.orgId, { scope: 'worker', workerId: old.id, startsAt: t('10:00'), endsAt: t('11:00') });
        await run(ctx, async (r) => {
          for (const team of [north, south, east]) await r.teams.insert(team);
          for (const w of [zoe, ana, old, bo, cy]) await r.workers.insert(w);
          for (const b of [pair, gone, eastJob, southJob, northJob, own]) await r.bookings.insert(b);
          for (const b of [oldOff, eastOff, cyOff, northOff, orgWide, southOff, anaOff]) await r.blackouts.insert(b);
        });
        const settings = await run(ctx, (r) => r.orgSettings.get());
        const day = { from: t('00:00'), to: t('00:00', '2026-05-05') };
        const read = (teamId: string, workerId: string | null, excludeBookingId: string | null = null, window = day) =>
          run(ctx, (r) => r.availability.teamConflicts({ window, teamId, workerId, excludeBookingId }));
        const person = (w: Worker) => ({ id: w.id, name: w.name, active: w.active, teamId: w.teamId, workingHours: w.workingHours });
        const occ = (b: Booking, workerId: string, viaTeam = false) => ({ bookingId: b.id, workerId, viaTeam, startsAt: b.startsAt, endsAt: b.endsAt });
        const block = (b: Booking) => ({ bookingId: b.id, teamId: b.teamId!, startsAt: b.startsAt, endsAt: b.endsAt });
        const byId = (a: string, b: string) => (a < b ? -1 : 1);

        // North with Bo of South along: South's blocks and blackouts bind too; East's, Cy's and the inactive member's do not.
        const withBo = await read(north.id, bo.id);
        expect(withBo.team).to.deep.equal({ id: north.id, name: 'North', active: true });
        expect(withBo.members, 'active members by name').to.deep.equal([person(ana), person(zoe)]);
        expect(withBo.worker).to.deep.equal(person(bo));
        expect(withBo.timeZone).to.equal(settings?.timeZone ?? null);
        expect(withBo.blackouts).to.deep.equal([anaOff, southOff, orgWide, northOff]);
        expect(withBo.teamBlocks).to.deep.equal([block(northJob), block(southJob)]);
        const pairRows = [ana.id, zoe.id].sort(byId).map((id) => occ(pair, id));
        expect(withBo.occupancy).to.deep.equal([occ(own, ana.id), occ(northJob, zoe.id, true), occ(southJob, bo.id), ...pairRows]);
        expect(withBo.excludedBookingFound).to.equal(null);

        // The team alone; a member named again adds nothing; a window and a booking left out.
        const alone = await read(north.id, null);
        expect(alone).to.deep.include({ worker: null, blackouts: [anaOff, orgWide, northOff], teamBlocks: [block(northJob)] });
        expect(alone.occupancy).to.deep.equal([occ(own, ana.id), occ(northJob, zoe.id, true), ...pairRows]);
        const again = await read(north.id, ana.id);
        expect(again.worker).to.deep.equal(person(ana));
        expect(again.members).to.deep.equal(alone.members);
        expect(again.occupancy).to.deep.equal(alone.occupancy);
        const moving = await read(north.id, bo.id, northJob.id, { from: t('10:30'), to: t('13:30') });
        expect(moving.teamBlocks).to.deep.equal([block(southJob)]);
        expect(moving.occupancy).to.deep.equal([occ(own, ana.id), occ(southJob, bo.id)]);
        expect(moving.blackouts).to.deep.equal([orgWide]);
        expect(moving.excludedBookingFound).to.equal(true);

        // Unknown ids, and another org asking about this org's team, worker and booking: nothing.
        const nothing = { team: null, members: [], worker: null, blackouts: [], teamBlocks: [], occupancy: [], excludedBookingFound: false };
        expect(await read(randomUUID(), bo.id, randomUUID())).to.deep.include(nothing);
        const unknownWorker = await read(north.id, randomUUID());
        expect(unknownWorker.worker).to.equal(null);
        expect(unknownWorker.occupancy).to.deep.equal(alone.occupancy);
        const other = await anOrg();
        const theirs = await run(other.ctx, (r) => r.availability.teamConflicts({ window: day, teamId: north.id, workerId: bo.id, excludeBookingId: own.id }));
        expect(theirs).to.deep.include(nothing);
        const theirTeam = aTeam(other.ctx.orgId);
        await run(other.ctx, (r) => r.teams.insert(theirTeam));
        const reaching = await run(other.ctx, (r) => r.availability.teamConflicts({ window: day, teamId: theirTeam.id, workerId: ana.id, excludeBookingId: own.id }));
        expect(reaching).to.deep.include({ members: [], worker: null, blackouts: [], teamBlocks: [], occupancy: [], excludedBookingFound: false });
      });
    });

    describe('double booking', function () {
      it('refuses an overlapping booking of a shared worker, naming the booking that holds the slot', async () => {
        const { ctx, client, workers } = await anOrgWithWorkers(2);
        const [w1, w2] = [workers[0]!.id, workers[1]!.id];
        const holder = aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('12:00'), workers: crew(w1) });
        await run(ctx, (r) => r.bookings.insert(holder));
        const late = aBooking(ctx.orgId, client.id, { startsAt: t('11:59'), endsAt: t('13:00'), workers: crew(w1, w2) });
        expectClash(await caught(() => run(ctx, (r) => r.bookings.insert(late))), holder, { workerId: w1 });
        const inside = aBooking(ctx.orgId, client.id, { startsAt: t('10:30'), endsAt: t('11:00'), workers: crew(w1) });
        expectClash(await caught(() => run(ctx, (r) => r.bookings.insert(inside))), holder, { workerId: w1 });
        const around = aBooking(ctx.orgId, client.id, { startsAt: t('09:00'), endsAt: t('13:00'), workers: crew(w1) });
        expectClash(await caught(() => run(ctx, (r) => r.bookings.insert(around))), holder, { workerId: w1 });
        expect(ids(await run(ctx, (r) => r.bookings.list(allBookings())))).to.deep.equal([holder.id]);
      });

      it('names each worker holding the time by name as well as id, in the details and the message', async () => {
        const { ctx, client } = await anOrg();
        const [ana, bo] = [aWorker(ctx.orgId, { name: 'Ana Lima' }), aWorker(ctx.orgId, { name: 'Bo Chen' })];
        await run(ctx, async (r) => {
          for (const w of [ana, bo]) await r.workers.insert(w);
        });
        const holder = aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('12:00'), workers: crew(ana.id, bo.id) });
        await run(ctx, (r) => r.bookings.insert(holder));
        const err = await caught(() => run(ctx, (r) => r.bookings.insert(aBooking(ctx.orgId, client.id, { startsAt: t('11:00'), endsAt: t('13:00'), workers: crew(ana.id, bo.id) }))));
        expectClash(err, holder, { workerId: ana.id, name: 'Ana Lima' });
        expectClash(err, holder, { workerId: bo.id, name: 'Bo Chen' });
        const first = [ana, bo].sort((x, y) => (x.id < y.id ? -1 : 1))[0]!;
        expect(err.message).to.include(`${first.name} (worker ${first.id})`);
      });

      it('refuses an overlapping booking of the same team', async () => {
        const { ctx, client, teamId } = await anOrgWithWorkers(0);
        const holder = aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('12:00'), teamId });
        await run(ctx, (r) => r.bookings.insert(holder));
        const clash = aBooking(ctx.orgId, client.id, { startsAt: t('09:00'), endsAt: t('10:01'), teamId });
        expectClash(await caught(() => run(ctx, (r) => r.bookings.insert(clash))), holder, { teamId });
        expect(await run(ctx, (r) => r.bookings.findById(clash.id))).to.equal(null);
      });

      it("refuses a worker named on one booking and on another through the team", async () => {
        const { ctx, client, teamId, workers } = await anOrgWithWorkers(1);
        const w1 = workers[0]!.id;
        const holder = aBooking(ctx.orgId, client.id, { teamId, workers: crew({ workerId: w1, viaTeam: true }) });
        await run(ctx, (r) => r.bookings.insert(holder));
        const named = aBooking(ctx.orgId, client.id, { workers: crew(w1) });
        expectClash(await caught(() => run(ctx, (r) => r.bookings.insert(named))), holder, { workerId: w1 });
      });

      it('allows adjacent bookings and bookings of different workers or teams at the same time', async () => {
        const { ctx, client, teamId, workers } = await anOrgWithWorkers(2);
        const [w1, w2] = [workers[0]!.id, workers[1]!.id];
        const team2 = aTeam(ctx.orgId, { name: 'South Team' });
        const bookings = [
          aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('12:00'), workers: crew(w1), teamId }),
          aBooking(ctx.orgId, client.id, { startsAt: t('12:00'), endsAt: t('13:00'), workers: crew(w1), teamId }),
          aBooking(ctx.orgId, client.id, { startsAt: t('09:00'), endsAt: t('10:00'), workers: crew(w1), teamId }),
          aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('12:00'), workers: crew(w2), teamId: team2.id }),
          aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('12:00') }),
          aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('12:00') }),
        ];
        await run(ctx, async (r) => {
          await r.teams.insert(team2);
          for (const b of bookings) await r.bookings.insert(b);
        });
        expect(await run(ctx, (r) => r.bookings.list(allBookings()))).to.have.length(bookings.length);
      });

      it('lets every status but cancelled hold the slot', async () => {
        const { ctx, client, workers } = await anOrgWithWorkers(1);
        const w1 = workers[0]!.id;
        const statuses = ['pending', 'confirmed', 'in_progress', 'completed', 'no_show'] as const;
        for (const [i, status] of statuses.entries()) {
          const day = `2026-05-1${i}`;
          const holder = aBooking(ctx.orgId, client.id, { status, startsAt: t('10:00', day), endsAt: t('12:00', day), workers: crew(w1) });
          await run(ctx, (r) => r.bookings.insert(holder));
          const clash = aBooking(ctx.orgId, client.id, { startsAt: t('11:00', day), endsAt: t('13:00', day), workers: crew(w1) });
          expectClash(await caught(() => run(ctx, (r) => r.bookings.insert(clash))), holder, { workerId: w1 });
        }
      });

      it('frees the slot when a booking is cancelled, and a cancelled booking may overlap anything', async () => {
        const { ctx, client, teamId, workers } = await anOrgWithWorkers(1);
        const w1 = workers[0]!.id;
        const first = aBooking(ctx.orgId, client.id, { teamId, workers: crew(w1) });
        await run(ctx, (r) => r.bookings.insert(first));
        const ghost = aBooking(ctx.orgId, client.id, { teamId, workers: crew(w1), status: 'cancelled', cancelledAt: t('08:00') });
        await run(ctx, (r) => r.bookings.insert(ghost));
        await run(ctx, (r) => r.bookings.update({ ...first, status: 'cancelled', cancelledAt: t('08:30'), cancellationReason: 'Client ill' }));
        const second = aBooking(ctx.orgId, client.id, { teamId, workers: crew(w1) });
        await run(ctx, (r) => r.bookings.insert(second));
        expect(ids(await run(ctx, (r) => r.bookings.list({ ...allBookings(), statuses: ['confirmed'] })))).to.deep.equal([second.id]);
        // Bringing the cancelled booking back into the slot (a repository does not judge transitions) clashes.
        expectClash(await caught(() => run(ctx, (r) => r.bookings.update(first))), second, { workerId: w1 });
      });

      it('lets a booking move within its own time without clashing with itself', async () => {
        const { ctx, client, teamId, workers } = await anOrgWithWorkers(1);
        const booking = aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('12:00'), teamId, workers: crew(workers[0]!.id) });
        await run(ctx, (r) => r.bookings.insert(booking));
        const moved = { ...booking, startsAt: t('11:00'), endsAt: t('13:00') };
        await run(ctx, (r) => r.bookings.update(moved));
        expect(await run(ctx, (r) => r.bookings.findById(booking.id))).to.deep.equal(moved);
      });

      it('refuses an update that moves a booking into a clash, leaving the stored booking and the unit of work intact', async () => {
        const { ctx, client, workers } = await anOrgWithWorkers(2);
        const [w1, w2] = [workers[0]!.id, workers[1]!.id];
        const holder = aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('12:00'), workers: crew(w1) });
        const mover = aBooking(ctx.orgId, client.id, { startsAt: t('14:00'), endsAt: t('15:00'), workers: crew(w2) });
        await run(ctx, async (r) => {
          await r.bookings.insert(holder);
          await r.bookings.insert(mover);
        });
        const noted = { ...mover, notes: 'Call on arrival' };
        await run(ctx, async (r) => {
          const moved = { ...mover, startsAt: t('11:00'), endsAt: t('12:30'), workers: crew(w1, w2), notes: 'moved' };
          expectClash(await caught(() => r.bookings.update(moved)), holder, { workerId: w1 });
          expect(await r.bookings.findById(mover.id), 'unchanged inside the unit').to.deep.equal(mover);
          expect(await r.bookings.workerOccupancy({ from: t('00:00'), to: t('23:59') }, { workerIds: [w1], excludeBookingId: null })).to.have.length(1);
          await r.bookings.update(noted);
        });
        expect(await run(ctx, (r) => r.bookings.findById(mover.id))).to.deep.equal(noted);
        expect(await run(ctx, (r) => r.bookings.findById(holder.id))).to.deep.equal(holder);
      });

      it('keeps the unit of work usable after a caught clash: earlier and later writes commit', async () => {
        const { ctx, client, workers } = await anOrgWithWorkers(1);
        const w1 = workers[0]!.id;
        const a = aBooking(ctx.orgId, client.id, { startsAt: t('10:00'), endsAt: t('12:00'), workers: crew(w1) });
        const b = aBooking(ctx.orgId, client.id, { startsAt: t('11:00'), endsAt: t('12:00'), workers: crew(w1) });
        const c = aBooking(ctx.orgId, client.id, { startsAt: t('12:00'), endsAt: t('13:00'), workers: crew(w1) });
        await run(ctx, async (r) => {
          await r.bookings.insert(a);
          expectClash(await caught(() => r.bookings.insert(b)), a, { workerId: w1 });
          expect(await r.bookings.findById(b.id)).to.equal(null);
          await r.bookings.insert(c);
        });
        expect(await run(ctx, (r) => r.bookings.list(allBookings()))).to.deep.equal([a, c]);
      });

      it('rolls back every scheduling write of a unit that throws, and the slot it took is free again', async () => {
        const { ctx, client, workers } = await anOrgWithWorkers(1);
        const w1 = workers[0]!.id;
        const team = aTeam(ctx.orgId, { name: 'Rolled Back' });
        const worker = aWorker(ctx.orgId);
        const service = aService(ctx.orgId);
        const series = aSeries(ctx.orgId, client.id);
        const blackout = aBlackout(ctx.orgId);
        const booking = aBooking(ctx.orgId, client.id, { workers: crew(w1) });
        const boom = new Error('boom');
        const err = await caught(() =>
          run(ctx, async (r) => {
            await r.teams.insert(team);
            await r.workers.insert(worker);
            await r.services.insert(service);
            await r.bookingSeries.insert(series);
            await r.blackouts.insert(blackout);
            await r.bookings.insert(booking);
            throw boom;
          }),
        );
        expect(err).to.equal(boom);
        await run(ctx, async (r) => {
          expect(await r.teams.findById(team.id)).to.equal(null);
          expect(await r.workers.findById(worker.id)).to.equal(null);
          expect(await r.services.findById(service.id)).to.equal(null);
          expect(await r.bookingSeries.findById(series.id)).to.equal(null);
          expect(await r.blackouts.findById(blackout.id)).to.equal(null);
          expect(await r.bookings.findById(booking.id)).to.equal(null);
          expect(await r.bookings.workerOccupancy({ from: t('00:00'), to: t('23:59') }, { workerIds: null, excludeBookingId: null })).to.deep.equal([]);
          await r.bookings.insert({ ...booking, id: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b' });
        });
      });

      it('lets exactly one of 20 concurrent units book the same worker at overlapping times', async function () {
        this.timeout(120000);
        const { ctx, client, workers } = await anOrgWithWorkers(1);
        const w1 = workers[0]!.id;
        // Memory runs units one at a time; a database runs them at once, and only its exclusion
        // constraint (not a check-then-insert) keeps this to one winner.
        // Every pair overlaps: starts differ by at most 19 minutes, each lasts two hours.
        const attempts = Array.from({ length: 20 }, (_, i) =>
          aBooking(ctx.orgId, client.id, { startsAt: new Date(t('10:00').getTime() + i * 60_000), endsAt: new Date(t('12:00').getTime() + i * 60_000), workers: crew(w1) }),
        );
        const results = await Promise.allSettled(attempts.map((b) => run(ctx, (r) => r.bookings.insert(b))));
        const won = results.flatMap((x, i) => (x.status === 'fulfilled' ? [attempts[i]!] : []));
        const codes = results.flatMap((x) => (x.status === 'rejected' ? [(x.reason as { code?: string }).code ?? String(x.reason)] : []));
        expect(won).to.have.length(1);
        expect(codes).to.deep.equal(Array(19).fill('booking.slot_unavailable'));
        expect(await run(ctx, (r) => r.bookings.list(allBookings()))).to.deep.equal(won);
      });
    });

    describe('a booking write: one read of what it needs, one write with its records', function () {
      it('reads what the single-row ports answer: client, service, team and active members, workers, settings, blackouts', async () => {
        const { ctx, client } = await anOrg();
        const service = aService(ctx.orgId);
        const team = aTeam(ctx.orgId);
        const [zed, amy, gone, named] = [
          aWorker(ctx.orgId, { name: 'Zed', teamId: team.id }),
          aWorker(ctx.orgId, { name: 'Amy', teamId: team.id }),
          aWorker(ctx.orgId, { name: 'Gone', teamId: team.id, active: false }),
          aWorker(ctx.orgId, { name: 'Named', teamId: team.id }),
        ];
        const { ctx: other } = await anOrg();
        const stranger = aWorker(other.orgId);
        const window = { from: at('2026-05-25T09:00:00.000Z'), to: at('2026-05-25T11:00:00.000Z') };
        const blackouts = [
          aBlackout(ctx.orgId, { startsAt: at('2026-05-25T10:00:00.000Z'), endsAt: at('2026-05-25T12:00:00.000Z') }),
          aBlackout(ctx.orgId, { scope: 'team', teamId: team.id, startsAt: at('2026-05-25T08:00:00.000Z'), endsAt: at('2026-05-25T09:30:00.000Z') }),
          aBlackout(ctx.orgId, { scope: 'worker', workerId: zed.id, startsAt: at('2026-05-25T11:00:00.000Z'), endsAt: at('2026-05-25T12:00:00.000Z') }),
        ];
        await run(other, (r) => r.workers.insert(stranger));
        await run(ctx, async (r) => {
          await r.services.insert(service);
          await r.teams.insert(team);
          for (const w of [zed, amy, gone, named]) await r.workers.insert(w);
          for (const b of blackouts) await r.blackouts.insert(b);
        });
        const [read, expected] = await run(ctx, async (r) => {
          const got = await r.bookings.readWriteContext({ clientId: client.id, serviceId: service.id, teamId: team.id, workerIds: [named.id, stranger.id, amy.id], window, claim: null });
          const single = {
            client: await r.clients.findById(client.id),
            service: await r.services.findById(service.id),
            team: await r.teams.findById(team.id),
            teamMembers: await r.workers.list({ teamId: team.id, active: true }),
            workers: await r.workers.findByIds([named.id, amy.id]),
            settings: await r.orgSettings.get(),
            blackouts: await r.blackouts.listOverlapping(window, { teamIds: null, workerIds: null }),
          };
          return [got, single] as const;
        });
        expect(read.teamMembers.map((w) => w.name)).to.deep.equal(['Amy', 'Named', 'Zed']);
        expect(read.blackouts.map((b) => b.id)).to.deep.equal([blackouts[1]!.id, blackouts[0]!.id]);
        const byId = (ws: readonly Worker[]) => [...ws].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect({ ...read, workers: byId(read.workers) }).to.deep.equal({ ...expected, workers: byId(expected.workers), heldKey: null });
        // Nothing asked, nothing read; another org's rows are not there.
        const bare = await run(ctx, (r) => r.bookings.readWriteContext({ clientId: client.id, serviceId: null, teamId: null, workerIds: [], window: null, claim: null }));
        expect(bare).to.deep.include({ service: null, team: null, teamMembers: [], workers: [], blackouts: [], heldKey: null });
        const theirs = await run(other, (r) => r.bookings.readWriteContext({ clientId: client.id, serviceId: service.id, teamId: team.id, workerIds: [named.id], window, claim: null }));
        expect(theirs).to.deep.include({ client: null, service: null, team: null, teamMembers: [], workers: [], blackouts: [] });
      });

      it('claims an Idempotency-Key in the same read, as IdempotencyRepository.claim does', async () => {
        const { ctx, client } = await anOrg();
        const key = (overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
          scope: 'booking.create',
          key: 'ctx-key-1',
          fingerprint: 'sha256:aaaa',
          resourceId: randomUUID(),
          createdAt: at('2026-05-01T10:00:00.000Z'),
          expiresAt: at('2026-05-03T10:00:00.000Z'),
          ...overrides,
        });
        const claim = (record: IdempotencyRecord) =>
          run(ctx, (r) => r.bookings.readWriteContext({ clientId: client.id, serviceId: null, teamId: null, workerIds: [], window: null, claim: record }));
        const first = key();
        expect((await claim(first)).heldKey).to.equal(null);
        expect((await claim(key({ fingerprint: 'sha256:bbbb', createdAt: at('2026-05-02T10:00:00.000Z') }))).heldKey).to.deep.equal(first);
        // Expired at its expiresAt: taken over, then held by the new one.
        const fresh = key({ createdAt: first.expiresAt, expiresAt: at('2026-05-05T10:00:00.000Z') });
        expect((await claim(fresh)).heldKey).to.equal(null);
        expect(await run(ctx, (r) => r.idempotency.claim(key({ createdAt: at('2026-05-04T00:00:00.000Z') })))).to.deep.equal(fresh);
      });

      it('writes the audit entry and the messages with the booking, and none of them on a clash', async () => {
        const { ctx, client, workers } = await anOrgWithWorkers(1);
        const on = [{ workerId: workers[0]!.id, viaTeam: false }];
        const records = (bookingId: string, dedupeKey: string) => ({
          audit: {
            id: randomUUID(),
            orgId: ctx.orgId,
            actorKind: 'staff' as const,
            actorId: 'contract',
            actorRole: null,
            action: 'booking.create',
            resourceType: 'booking',
            resourceId: bookingId,
            before: null,
            after: { id: bookingId },
            metadata: {},
            requestId: 'contract',
            createdAt: at('2026-05-01T10:00:00.000Z'),
          },
          messages: [
            {
              id: randomUUID(),
              orgId: ctx.orgId,
              dedupeKey,
              payload: { kind: 'email' as const, message: { template: 'booking_confirmed' as const, to: 'a@example.com', toName: 'A', data: {} as never, sealedSecret: null } },
              createdAt: at('2026-05-01T10:00:00.000Z'),
            },
          ],
        });
        const first = aBooking(ctx.orgId, client.id, { workers: on });
        const clashing = aBooking(ctx.orgId, client.id, { workers: on, startsAt: at('2026-05-04T10:00:00.000Z'), endsAt: at('2026-05-04T12:00:00.000Z') });
        await run(ctx, async (r) => {
          await r.bookings.insert(first, records(first.id, `booking:${first.id}:confirmed`));
          const err = (await caught(() => r.bookings.insert(clashing, records(clashing.id, `booking:${clashing.id}:confirmed`)))) as { code?: string; details?: Record<string, unknown> };
          expect(err.code).to.equal('booking.slot_unavailable');
          expect(err.details?.['conflicting_booking_id']).to.equal(first.id);
          // A moved booking's records go with the update; a message already queued (same key) is not queued twice.
          await r.bookings.update({ ...first, notes: 'moved' }, records(first.id, `booking:${first.id}:confirmed`));
        });
        const [audits, queued] = await run(ctx, async (r) => [
          await r.audit.list({ resourceType: 'booking', resourceId: null, action: null, actorId: null, createdFrom: null, createdTo: null, after: null, limit: 10 }),
          await r.outbox.listByDedupePrefix('booking:', 10),
        ]);
        expect(audits.map((a) => a.resourceId)).to.deep.equal([first.id, first.id]);
        expect(queued.map((e) => e.dedupeKey)).to.deep.equal([`booking:${first.id}:confirmed`]);
        expect(await run(ctx, (r) => r.bookings.findById(first.id))).to.deep.include({ notes: 'moved' });
      });
    });

    describe('booking series', function () {
      it('stores, finds and updates a series, and fails with series.not_found for an unknown one', async () => {
        const { ctx, client, teamId, workers } = await anOrgWithWorkers(2);
        const service = aService(ctx.orgId);
        const series = aSeries(ctx.orgId, client.id, {
          addressId: client.addresses[0]!.id,
          serviceId: service.id,
          rule: { freq: 'monthly', interval: 2, nthWeekday: { n: -1, weekday: 'fri' } },
          end: { count: 12, until: null },
          teamId,
          workerIds: workers.map((w) => w.id).sort(),
          notes: 'Side gate',
          priceEstimateMinor: null,
          timeZone: 'America/New_York',
          localTime: '17:45',
        });
        await run(ctx, async (r) => {
          await r.services.insert(service);
          await r.bookingSeries.insert(series);
        });
        expect(await run(ctx, (r) => r.bookingSeries.findById(series.id))).to.deep.equal(series);
        expect(await run(ctx, (r) => r.bookingSeries.findById(series.id, { forUpdate: true }))).to.deep.equal(series);
        const changed: BookingSeries = {
          ...series,
          rule: { freq: 'monthly', interval: 1, monthDay: 31 },
          end: { count: null, until: '2026-12-31' },
          workerIds: [],
          generatedThrough: '2026-06-28',
          endedOn: '2026-07-01',
          updatedAt: at('2026-05-01T00:00:00.000Z'),
        };
        await run(ctx, (r) => r.bookingSeries.update(changed));
        expect(await run(ctx, (r) => r.bookingSeries.findById(series.id))).to.deep.equal(changed);
        expect(await run(ctx, (r) => r.bookingSeries.findById('6b2d9f0e-1a3c-4e5f-8b7d-9c0a1b2c3d4e'))).to.equal(null);
        expect((await caught(() => run(ctx, (r) => r.bookingSeries.update(aSeries(ctx.orgId, client.id))))).code).to.equal('series.not_found');
      });

      it('lists the series not ended whose occurrences stop before the date asked, at most `limit`', async () => {
        const { ctx, client } = await anOrg();
        const never = aSeries(ctx.orgId, client.id, { generatedThrough: null });
        const behind = aSeries(ctx.orgId, client.id, { generatedThrough: '2026-05-31' });
        const upToDate = aSeries(ctx.orgId, client.id, { generatedThrough: '2026-06-01' });
        const ahead = aSeries(ctx.orgId, client.id, { generatedThrough: '2026-06-30' });
        const ended = aSeries(ctx.orgId, client.id, { generatedThrough: '2026-05-01', endedOn: '2026-05-15' });
        const endedNever = aSeries(ctx.orgId, client.id, { endedOn: '2026-05-04' });
        await run(ctx, async (r) => {
          for (const s of [never, behind, upToDate, ahead, ended, endedNever]) await r.bookingSeries.insert(s);
        });
        const needing = await run(ctx, (r) => r.bookingSeries.listNeedingGeneration('2026-06-01', 10));
        expect(needing).to.have.deep.members([never, behind]);
        const one = await run(ctx, (r) => r.bookingSeries.listNeedingGeneration('2026-06-01', 1));
        expect(one).to.have.length(1);
        expect([never.id, behind.id]).to.include(one[0]!.id);
        expect(ids(await run(ctx, (r) => r.bookingSeries.listNeedingGeneration('2026-05-31', 10)))).to.deep.equal([never.id]);
      });
    });

    describe('idempotency keys', function () {
      const record = (overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
        scope: 'booking.create',
        key: 'key-0001',
        fingerprint: 'sha256:aaaa',
        resourceId: 'b7f0c2d4-5e6a-4b8c-9d0e-1f2a3b4c5d6e',
        createdAt: at('2026-05-01T10:00:00.000Z'),
        expiresAt: at('2026-05-03T10:00:00.000Z'),
        ...overrides,
      });

      it('gives a key to the first claim and answers later claims with that record until it expires', async () => {
        const { ctx } = await anOrg();
        const first = record();
        expect(await run(ctx, (r) => r.idempotency.claim(first))).to.equal(null);
        const retry = record({ fingerprint: 'sha256:bbbb', resourceId: 'c8a1d3e5-6f7b-4c9d-8e0f-2a3b4c5d6e7f', createdAt: at('2026-05-03T09:59:59.999Z'), expiresAt: at('2026-05-05T09:59:59.999Z') });
        expect(await run(ctx, (r) => r.idempotency.claim(retry))).to.deep.equal(first);
        // Scope and key together name the record.
        expect(await run(ctx, (r) => r.idempotency.claim(record({ scope: 'series.create' })))).to.equal(null);
        expect(await run(ctx, (r) => r.idempotency.claim(record({ key: 'key-0002' })))).to.equal(null);
        // At expiresAt the record is no longer live: a new claim takes the key and holds it.
        const fresh = record({ fingerprint: 'sha256:cccc', createdAt: first.expiresAt, expiresAt: at('2026-05-05T10:00:00.000Z') });
        expect(await run(ctx, (r) => r.idempotency.claim(fresh))).to.equal(null);
        expect(await run(ctx, (r) => r.idempotency.claim(record({ createdAt: at('2026-05-04T00:00:00.000Z') })))).to.deep.equal(fresh);
      });

      it('deletes expired records in batches, only its own org, and leaves live ones', async () => {
        const { ctx } = await anOrg();
        const { ctx: other } = await anOrg();
        for (const key of ['old-1', 'old-2', 'old-3']) await run(ctx, (r) => r.idempotency.claim(record({ key })));
        await run(ctx, (r) => r.idempotency.claim(record({ key: 'live', expiresAt: at('2026-05-09T00:00:00.000Z') })));
        await run(other, (r) => r.idempotency.claim(record({ key: 'old-1' })));
        const after = at('2026-05-04T00:00:00.000Z');
        expect(await run(ctx, (r) => r.idempotency.deleteExpired(after, 2))).to.equal(2);
        expect(await run(ctx, (r) => r.idempotency.deleteExpired(after, 2))).to.equal(1);
        expect(await run(ctx, (r) => r.idempotency.deleteExpired(after, 2))).to.equal(0);
        // The live record still holds its key; the other org's expired one was not touched.
        expect(await run(ctx, (r) => r.idempotency.claim(record({ key: 'live', createdAt: after })))).to.include({ key: 'live' });
        expect(await run(other, (r) => r.idempotency.deleteExpired(after, 10))).to.equal(1);
      });

      it('forgets a claim whose unit of work rolled back', async () => {
        const { ctx } = await anOrg();
        const boom = new Error('boom');
        const err = await caught(() =>
          run(ctx, async (r) => {
            await r.idempotency.claim(record());
            throw boom;
          }),
        );
        expect(err).to.equal(boom);
        expect(await run(ctx, (r) => r.idempotency.claim(record()))).to.equal(null);
      });
    });

    describe('references and tenant isolation', function () {
      it('refuses a booking that names a client, address, service, team, worker or series the org does not have', async () => {
        const { ctx, client, teamId, workers } = await anOrgWithWorkers(1);
        const { ctx: other, client: otherClient } = await anOrgWithWorkers(0);
        const otherWorker = aWorker(other.orgId);
        await run(other, (r) => r.workers.insert(otherWorker));
        const unknown = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
        const cases: Array<[string, Partial<Booking>]> = [
          ['client.not_found', { clientId: otherClient.id }],
          ['client.not_found', { clientId: unknown }],
          ['client.address_not_found', { addressId: otherClient.addresses[0]!.id }],
          ['client.address_not_found', { addressId: unknown }],
          ['service.not_found', { serviceId: unknown }],
          ['team.not_found', { teamId: unknown }],
          ['worker.not_found', { workers: crew(workers[0]!.id, otherWorker.id) }],
          ['worker.not_found', { workers: crew(unknown) }],
          ['series.not_found', { seriesId: unknown, occurrenceDate: '2026-05-04' }],
        ];
        for (const [code, overrides] of cases) {
          const booking = aBooking(ctx.orgId, client.id, { teamId, ...overrides });
          const err = await caught(() => run(ctx, (r) => r.bookings.insert(booking)));
          expect(err.code, JSON.stringify(overrides)).to.equal(code);
        }
        // The same holds for an update.
        const booking = aBooking(ctx.orgId, client.id);
        await run(ctx, (r) => r.bookings.insert(booking));
        expect((await caught(() => run(ctx, (r) => r.bookings.update({ ...booking, workers: crew(otherWorker.id) })))).code).to.equal('worker.not_found');
        expect(ids(await run(ctx, (r) => r.bookings.list(allBookings())))).to.deep.equal([booking.id]);
        expect(await run(ctx, (r) => r.bookings.findById(booking.id))).to.deep.equal(booking);
      });

      it('refuses a worker, blackout or series that names a row the org does not have', async () => {
        const { ctx, client } = await anOrg();
        const { ctx: other, client: otherClient } = await anOrgWithWorkers(0);
        const otherTeam = aTeam(other.orgId);
        await run(other, (r) => r.teams.insert(otherTeam));
        const unknown = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a';
        const attempts: Array<[string, (r: TenantRepositories) => Promise<unknown>]> = [
          ['team.not_found', (r) => r.workers.insert(aWorker(ctx.orgId, { teamId: otherTeam.id }))],
          ['team.not_found', (r) => r.blackouts.insert(aBlackout(ctx.orgId, { scope: 'team', teamId: otherTeam.id }))],
          ['worker.not_found', (r) => r.blackouts.insert(aBlackout(ctx.orgId, { scope: 'worker', workerId: unknown }))],
          ['client.not_found', (r) => r.bookingSeries.insert(aSeries(ctx.orgId, otherClient.id))],
          ['client.address_not_found', (r) => r.bookingSeries.insert(aSeries(ctx.orgId, client.id, { addressId: unknown }))],
          ['service.not_found', (r) => r.bookingSeries.insert(aSeries(ctx.orgId, client.id, { serviceId: unknown }))],
          ['team.not_found', (r) => r.bookingSeries.insert(aSeries(ctx.orgId, client.id, { teamId: otherTeam.id }))],
        ];
        for (const [code, attempt] of attempts) {
          expect((await caught(() => run(ctx, attempt))).code).to.equal(code);
        }
        expect(await run(ctx, (r) => r.workers.list({ teamId: null, active: null }))).to.deep.equal([]);
        expect(await run(ctx, (r) => r.blackouts.listOverlapping({ from: t('00:00', '2026-01-01'), to: t('00:00', '2027-01-01') }, { teamIds: null, workerIds: null }))).to.deep.equal([]);
        expect(await run(ctx, (r) => r.bookingSeries.listNeedingGeneration('2027-01-01', 10))).to.deep.equal([]);
      });

      it('refuses to delete an address a booking points at (client.address_in_use)', async () => {
        const { ctx, client } = await anOrg();
        const address = client.addresses[0]!;
        await run(ctx, (r) => r.bookings.insert(aBooking(ctx.orgId, client.id, { addressId: address.id })));
        expect((await caught(() => run(ctx, (r) => r.clients.deleteAddress(client.id, address.id)))).code).to.equal('client.address_in_use');
        expect((await run(ctx, (r) => r.clients.findById(client.id)))!.addresses).to.deep.equal([address]);
      });

      it("never shows org A's scheduling rows to org B, by id, list, occupancy, login or key", async () => {
        const a = await anOrgWithWorkers(1);
        const b = await anOrgWithWorkers(0);
        const worker = a.workers[0]!;
        const service = aService(a.ctx.orgId);
        const series = aSeries(a.ctx.orgId, a.client.id, { teamId: a.teamId });
        const booking = aBooking(a.ctx.orgId, a.client.id, { teamId: a.teamId, workers: crew(worker.id), seriesId: series.id, occurrenceDate: '2026-05-04' });
        const blackouts = [aBlackout(a.ctx.orgId), aBlackout(a.ctx.orgId, { scope: 'team', teamId: a.teamId }), aBlackout(a.ctx.orgId, { scope: 'worker', workerId: worker.id })];
        const key: IdempotencyRecord = { scope: 'booking.create', key: 'shared-key', fingerprint: 'fp-a', resourceId: booking.id, createdAt: t('08:00'), expiresAt: t('08:00', '2026-05-06') };
        await run(a.ctx, async (r) => {
          await r.services.insert(service);
          await r.bookingSeries.insert(series);
          await r.bookings.insert(booking);
          for (const x of blackouts) await r.blackouts.insert(x);
          expect(await r.idempotency.claim(key)).to.equal(null);
        });
        const everywhen = { from: t('00:00', '2026-01-01'), to: t('00:00', '2027-01-01') };
        await run(b.ctx, async (r) => {
          expect(await r.teams.findById(a.teamId)).to.equal(null);
          expect(ids(await r.teams.list())).to.deep.equal([b.teamId]);
          expect(await r.workers.findById(worker.id)).to.equal(null);
          expect(await r.workers.list({ teamId: null, active: null })).to.deep.equal([]);
          expect(await r.workers.list({ teamId: a.teamId, active: null })).to.deep.equal([]);
          expect(await r.workers.findByLogin({ email: worker.email! })).to.equal(null);
          expect(await r.workers.findByLogin({ phone: worker.phone! })).to.equal(null);
          expect(await r.services.findById(service.id)).to.equal(null);
          expect(await r.services.list({ active: null })).to.deep.equal([]);
          expect(await r.blackouts.findById(blackouts[0]!.id)).to.equal(null);
          expect(await r.blackouts.listOverlapping(everywhen, { teamIds: null, workerIds: null })).to.deep.equal([]);
          expect(await r.blackouts.listOverlapping(everywhen, { teamIds: [a.teamId], workerIds: [worker.id] })).to.deep.equal([]);
          expect(await r.bookings.findById(booking.id)).to.equal(null);
          expect(await r.bookings.list({ ...allBookings(everywhen), workerId: worker.id })).to.deep.equal([]);
          expect(await r.bookings.list(allBookings(everywhen))).to.deep.equal([]);
          expect(await r.bookings.listSeriesOccurrences(series.id, '2026-01-01')).to.deep.equal([]);
          expect(await r.bookings.workerOccupancy(everywhen, { workerIds: null, excludeBookingId: null })).to.deep.equal([]);
          expect(await r.bookings.workerOccupancy(everywhen, { workerIds: [worker.id], excludeBookingId: null })).to.deep.equal([]);
          expect(await r.bookings.teamOccupancy(everywhen, { teamIds: null, excludeBookingId: null })).to.deep.equal([]);
          expect(await r.bookingSeries.findById(series.id)).to.equal(null);
          expect(await r.bookingSeries.listNeedingGeneration('2027-01-01', 10)).to.deep.equal([]);
          // Keys are per org: B's first use of the same scope and key is its own.
          expect(await r.idempotency.claim({ ...key, fingerprint: 'fp-b' })).to.equal(null);
        });
        // A still holds its own key.
        expect(await run(a.ctx, (r) => r.idempotency.claim({ ...key, fingerprint: 'fp-a2', createdAt: t('09:00') }))).to.deep.equal(key);
      });

      it("cannot change or delete org A's scheduling rows from org B, nor write rows into A", async () => {
        const a = await anOrgWithWorkers(1);
        const b = await anOrgWithWorkers(0);
        const worker = a.workers[0]!;
        const team = (await run(a.ctx, (r) => r.teams.findById(a.teamId)))!;
        const service = aService(a.ctx.orgId);
        const series = aSeries(a.ctx.orgId, a.client.id);
        const blackout = aBlackout(a.ctx.orgId);
        const booking = aBooking(a.ctx.orgId, a.client.id, { workers: crew(worker.id) });
        await run(a.ctx, async (r) => {
          await r.services.insert(service);
          await r.bookingSeries.insert(series);
          await r.blackouts.insert(blackout);
          await r.bookings.insert(booking);
        });
        // A's ids presented with B's org id: to B those rows do not exist.
        const asB = { orgId: b.ctx.orgId };
        const updates: Array<[string, (r: TenantRepositories) => Promise<unknown>]> = [
          ['team.not_found', (r) => r.teams.update({ ...team, ...asB, name: 'Hijacked' })],
          ['worker.not_found', (r) => r.workers.update({ ...worker, ...asB, name: 'Hijacked' })],
          ['service.not_found', (r) => r.services.update({ ...service, ...asB, name: 'Hijacked' })],
          ['series.not_found', (r) => r.bookingSeries.update({ ...series, ...asB, clientId: b.client.id, notes: 'Hijacked' })],
          ['booking.not_found', (r) => r.bookings.update({ ...booking, ...asB, clientId: b.client.id, workers: [], status: 'cancelled' })],
        ];
        for (const [code, attempt] of updates) expect((await caught(() => run(b.ctx, attempt))).code).to.equal(code);
        expect(await run(b.ctx, (r) => r.blackouts.delete(blackout.id))).to.equal(false);
        // Rows carrying A's org id are refused as cross-org writes.
        const writes: Array<[string, (r: TenantRepositories) => Promise<unknown>]> = [
          ['team', (r) => r.teams.insert(aTeam(a.ctx.orgId))],
          ['worker', (r) => r.workers.insert(aWorker(a.ctx.orgId))],
          ['service', (r) => r.services.insert(aService(a.ctx.orgId))],
          ['blackout', (r) => r.blackouts.insert(aBlackout(a.ctx.orgId))],
          ['series', (r) => r.bookingSeries.insert(aSeries(a.ctx.orgId, a.client.id))],
          ['booking', (r) => r.bookings.insert(aBooking(a.ctx.orgId, a.client.id, { startsAt: t('14:00'), endsAt: t('15:00') }))],
        ];
        for (const [what, attempt] of writes) {
          const err = await caught(() => run(b.ctx, attempt));
          expect(err.code, what).to.equal('tenant.cross_org_write');
          expect(err.kind, what).to.equal('forbidden');
        }
        await run(a.ctx, async (r) => {
          expect(await r.teams.list()).to.deep.equal([team]);
          expect(await r.workers.list({ teamId: null, active: null })).to.deep.equal([worker]);
          expect(await r.services.list({ active: null })).to.deep.equal([service]);
          expect(await r.bookingSeries.findById(series.id)).to.deep.equal(series);
          expect(await r.blackouts.findById(blackout.id)).to.deep.equal(blackout);
          expect(await r.bookings.list(allBookings())).to.deep.equal([booking]);
        });
      });

      it("never lets org B's bookings clash with org A's, nor name A's workers", async () => {
        const a = await anOrgWithWorkers(1);
        const b = await anOrgWithWorkers(1);
        const inA = aBooking(a.ctx.orgId, a.client.id, { teamId: a.teamId, workers: crew(a.workers[0]!.id) });
        await run(a.ctx, (r) => r.bookings.insert(inA));
        // The same time in B, with B's own team and worker.
        const inB = aBooking(b.ctx.orgId, b.client.id, { teamId: b.teamId, workers: crew(b.workers[0]!.id) });
        await run(b.ctx, (r) => r.bookings.insert(inB));
        // B naming A's worker or team is a reference to a row B does not have, never a clash.
        const withAsWorker = aBooking(b.ctx.orgId, b.client.id, { workers: crew(a.workers[0]!.id) });
        expect((await caught(() => run(b.ctx, (r) => r.bookings.insert(withAsWorker)))).code).to.equal('worker.not_found');
        const withAsTeam = aBooking(b.ctx.orgId, b.client.id, { teamId: a.teamId });
        expect((await caught(() => run(b.ctx, (r) => r.bookings.insert(withAsTeam)))).code).to.equal('team.not_found');
        expect(await run(a.ctx, (r) => r.bookings.list(allBookings()))).to.deep.equal([inA]);
        expect(await run(b.ctx, (r) => r.bookings.list(allBookings()))).to.deep.equal([inB]);
      });
    });
  });
}
