/**
 * PostgreSQL specifics of scheduling storage that the adapter-neutral contract cannot see: the
 * exclusion constraints refuse a double booking even between two racing transactions, a clash
 * undoes the failed write alone (savepoint) so the transaction goes on, cancelled bookings keep
 * their assignment rows but free the time, `date` columns come back as 'YYYY-MM-DD', and the
 * occupancy queries use the indexes under RLS.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { Booking, RequestContext } from '@cws/core';
import { createPostgresAdapters, inTenantTransaction, type PostgresAdapters } from '@cws/adapter-postgres';
import { aBooking, aClient, aSeries, aTeam, aWorker, at, caught, createOrg } from '@cws/contract-tests';
import { availableTestDatabases, type TestDatabase } from '@cws/test-support';
import { bookingStartQuery, workerOccupancyQuery, teamOccupancyQuery } from '../src/repositories/postgres-booking-repository.js';
import { dayAvailabilityQuery, teamConflictsQuery, workerConflictsQuery } from '../src/repositories/postgres-availability-repository.js';

const DAY = '2026-06-01';
const time = (hhmm: string) => at(`${DAY}T${hhmm}:00.000Z`);

interface SlotError {
  code?: string;
  details?: { conflicting_booking_id?: string | null; conflicts?: Array<{ booking_id: string; worker_id: string | null; team_id: string | null }> };
}

for (const kind of availableTestDatabases()) {
  describe(`scheduling storage on PostgreSQL (${kind.kind === 'embedded' ? 'PGlite' : 'server'})`, function () {
    let db: TestDatabase;
    let h: PostgresAdapters & { dispose(): Promise<void> };
    let ctx: RequestContext;
    let clientId: string;
    let workerA: string;
    let workerB: string;
    let teamId: string;

    before(async function () {
      if (kind.skipReason !== null) this.skip();
      db = await kind.open();
      h = { ...createPostgresAdapters(db.knex), dispose: async () => {} };
    });

    beforeEach(async () => {
      ctx = (await createOrg(h)).ctx;
      const client = aClient(ctx.orgId);
      const team = aTeam(ctx.orgId);
      const a = aWorker(ctx.orgId, { teamId: team.id });
      const b = aWorker(ctx.orgId);
      await h.uow.run(ctx, async (r) => {
        await r.clients.insert(client);
        await r.teams.insert(team);
        await r.workers.insert(a);
        await r.workers.insert(b);
      });
      [clientId, teamId, workerA, workerB] = [client.id, team.id, a.id, b.id];
    });

    const booking = (from: string, to: string, overrides: Partial<Booking> = {}): Booking =>
      aBooking(ctx.orgId, clientId, { startsAt: time(from), endsAt: time(to), workers: [{ workerId: workerA, viaTeam: false }], ...overrides });

    it('refuses an overlapping booking of the same worker, names the holder, and the transaction goes on', async () => {
      const first = booking('10:00', '12:00');
      const clashing = booking('11:00', '13:00');
      const other = booking('14:00', '15:00');
      await h.uow.run(ctx, (r) => r.bookings.insert(first));
      await h.uow.run(ctx, async (r) => {
        const err = (await caught(() => r.bookings.insert(clashing))) as SlotError;
        expect(err.code).to.equal('booking.slot_unavailable');
        expect(err.details?.conflicting_booking_id).to.equal(first.id);
        expect(err.details?.conflicts).to.deep.include({
          booking_id: first.id,
          worker_id: workerA,
          worker_name: 'Sam Sweep',
          team_id: null,
          team_name: null,
          starts_at: first.startsAt.toISOString(),
          ends_at: first.endsAt.toISOString(),
        });
        // Only the failed write was undone: the unit can read and write on, and commits.
        expect(await r.bookings.findById(clashing.id)).to.equal(null);
        await r.bookings.insert(other);
      });
      await h.uow.run(ctx, async (r) => {
        expect(await r.bookings.findById(other.id)).to.not.equal(null);
        expect(await r.bookings.findById(clashing.id)).to.equal(null);
        const rows = await r.bookings.workerOccupancy({ from: time('00:00'), to: time('23:59') }, { workerIds: [workerA], excludeBookingId: null });
        expect(rows.map((o) => o.bookingId)).to.deep.equal([first.id, other.id]);
      });
    });

    it('allows back-to-back bookings ([10:00,12:00) then [12:00,14:00)) and other workers at the same time', async () => {
      await h.uow.run(ctx, async (r) => {
        await r.bookings.insert(booking('10:00', '12:00'));
        await r.bookings.insert(booking('12:00', '14:00'));
        await r.bookings.insert(booking('10:00', '14:00', { workers: [{ workerId: workerB, viaTeam: false }] }));
      });
    });

    it('refuses a clash on the team as well, naming the team', async () => {
      const first = booking('09:00', '11:00', { teamId, workers: [] });
      await h.uow.run(ctx, (r) => r.bookings.insert(first));
      const err = (await caught(() => h.uow.run(ctx, (r) => r.bookings.insert(booking('10:30', '11:30', { teamId, workers: [] }))))) as SlotError;
      expect(err.code).to.equal('booking.slot_unavailable');
      expect(err.details?.conflicts).to.have.length(1);
      expect(err.details?.conflicts?.[0]).to.include({ booking_id: first.id, worker_id: null, team_id: teamId });
    });

    it('undoes the whole update on a clash: the row and its occupied time stay as they were', async () => {
      const holder = booking('10:00', '12:00');
      const mover = booking('13:00', '14:00', { notes: 'before' });
      await h.uow.run(ctx, async (r) => {
        await r.bookings.insert(holder);
        await r.bookings.insert(mover);
      });
      await h.uow.run(ctx, async (r) => {
        const err = (await caught(() => r.bookings.update({ ...mover, startsAt: time('11:00'), endsAt: time('13:30'), notes: 'after' }))) as SlotError;
        expect(err.code).to.equal('booking.slot_unavailable');
        expect(err.details?.conflicting_booking_id).to.equal(holder.id);
        const kept = await r.bookings.findById(mover.id);
        expect(kept).to.deep.include({ notes: 'before', startsAt: mover.startsAt, endsAt: mover.endsAt });
        expect(kept?.workers).to.deep.equal(mover.workers);
        const occupied = await r.bookings.workerOccupancy({ from: time('13:00'), to: time('14:00') }, { workerIds: [workerA], excludeBookingId: null });
        expect(occupied.map((o) => o.bookingId)).to.deep.equal([mover.id]);
      });
    });

    it('frees the time of a cancelled booking but keeps who was assigned', async () => {
      const first = booking('10:00', '12:00', { teamId, workers: [{ workerId: workerA, viaTeam: true }] });
      await h.uow.run(ctx, (r) => r.bookings.insert(first));
      await h.uow.run(ctx, (r) => r.bookings.update({ ...first, status: 'cancelled', cancelledAt: time('09:00'), cancellationReason: 'client away' }));
      const second = booking('10:00', '12:00', { teamId, workers: [{ workerId: workerA, viaTeam: true }] });
      await h.uow.run(ctx, async (r) => {
        await r.bookings.insert(second);
        const window = { from: time('00:00'), to: time('23:00') };
        expect((await r.bookings.workerOccupancy(window, { workerIds: null, excludeBookingId: null })).map((o) => o.bookingId)).to.deep.equal([second.id]);
        expect((await r.bookings.teamOccupancy(window, { teamIds: null, excludeBookingId: null })).map((o) => o.bookingId)).to.deep.equal([second.id]);
        expect((await r.bookings.findById(first.id))?.workers).to.deep.equal([{ workerId: workerA, viaTeam: true }]);
        const listed = await r.bookings.list({ window, statuses: null, workerId: workerA, teamId: null, clientId: null, seriesId: null, unassignedOnly: false, after: null, limit: 10 });
        expect(listed.map((b) => b.id).sort()).to.deep.equal([first.id, second.id].sort());
      });
      // Un-cancelling is not a transition the core allows, but the store still refuses the clash.
      const err = (await caught(() => h.uow.run(ctx, (r) => r.bookings.update({ ...first, status: 'confirmed' })))) as SlotError;
      expect(err.code).to.equal('booking.slot_unavailable');
    });

    it('lets exactly one of two racing transactions take a slot', async () => {
      const attempts = [booking('15:00', '17:00'), booking('16:00', '18:00'), booking('15:30', '16:30')];
      const results = await Promise.allSettled(attempts.map((b) => h.uow.run(ctx, (r) => r.bookings.insert(b))));
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      for (const r of results) if (r.status === 'rejected') expect((r.reason as SlotError).code).to.equal('booking.slot_unavailable');
    });

    it('returns date columns as YYYY-MM-DD strings, not Dates', async () => {
      const series = aSeries(ctx.orgId, clientId, { startDate: '2026-01-01', end: { count: null, until: '2026-12-31' }, generatedThrough: '2026-02-28' });
      const occurrence = booking('08:00', '09:00', { seriesId: series.id, occurrenceDate: DAY });
      await h.uow.run(ctx, async (r) => {
        await r.bookingSeries.insert(series);
        await r.bookings.insert(occurrence);
      });
      await h.uow.run(ctx, async (r) => {
        const stored = await r.bookingSeries.findById(series.id, { forUpdate: true });
        expect(stored).to.deep.include({ startDate: '2026-01-01', generatedThrough: '2026-02-28', endedOn: null });
        expect(stored?.end).to.deep.equal({ count: null, until: '2026-12-31' });
        expect((await r.bookingSeries.listNeedingGeneration('2026-03-01', 10)).map((s) => s.generatedThrough)).to.deep.equal(['2026-02-28']);
        expect(await r.bookingSeries.listNeedingGeneration('2026-02-28', 10)).to.deep.equal([]);
        expect((await r.bookings.findById(occurrence.id, { forUpdate: true }))?.occurrenceDate).to.equal(DAY);
        expect((await r.bookings.listSeriesOccurrences(series.id, DAY)).map((b) => b.id)).to.deep.equal([occurrence.id]);
        expect(await r.bookings.listSeriesOccurrences(series.id, '2026-06-02')).to.deep.equal([]);
      });
    });

    it('hands an idempotency key to one claimer until it expires', async () => {
      const record = { scope: 'booking.create', key: randomUUID(), fingerprint: 'f1', resourceId: randomUUID(), createdAt: time('10:00'), expiresAt: time('12:00') };
      await h.uow.run(ctx, async (r) => {
        expect(await r.idempotency.claim(record)).to.equal(null);
        expect(await r.idempotency.claim({ ...record, fingerprint: 'f2', resourceId: randomUUID(), createdAt: time('11:00') })).to.deep.equal(record);
        const later = { ...record, fingerprint: 'f3', resourceId: randomUUID(), createdAt: time('12:00'), expiresAt: time('14:00') };
        expect(await r.idempotency.claim(later)).to.equal(null);
        expect(await r.idempotency.claim({ ...later, createdAt: time('13:00') })).to.deep.equal(later);
      });
      // Another org has its own keys.
      const other = (await createOrg(h)).ctx;
      expect(await h.uow.run(other, (r) => r.idempotency.claim({ ...record, createdAt: time('11:00') }))).to.equal(null);
    });

    describe('query plans under RLS (10k occupancy rows)', function () {
      const plan = async (query: { sql: string; bindings: unknown[] }): Promise<string> =>
        inTenantTransaction(db.knex, ctx.orgId, async (tx) => {
          const rows = (await tx.raw(`EXPLAIN (COSTS OFF) ${query.sql}`, query.bindings as never[])).rows as Array<{ 'QUERY PLAN': string }>;
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });

      beforeEach(async function () {
        this.timeout(120_000);
        // 50 workers and 50 teams, one booking each per day for 200 days (10k bookings), loaded as
        // the owner (a superuser: RLS does not bind it); mostly history, as a live schedule is.
        // One transaction without the pool's statement timeout: the load takes ~1.5 s on an idle
        // box (30k rows through two exclusion indexes) and went past 5 s on a busy CI machine.
        await db.ownerKnex.transaction(async (trx) => {
          await trx.raw(`SET LOCAL statement_timeout = 0`);
          await trx.raw(`INSERT INTO workers (org_id, id, name) SELECT ?, gen_random_uuid(), 'bulk ' || i FROM generate_series(1, 50) i`, [ctx.orgId]);
          await trx.raw(`INSERT INTO teams (org_id, id, name) SELECT ?, gen_random_uuid(), 'bulk ' || i FROM generate_series(1, 50) i`, [ctx.orgId]);
          await trx.raw(
            `WITH w AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM workers WHERE org_id = ? AND name LIKE 'bulk %'),
                  t AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM teams WHERE org_id = ? AND name LIKE 'bulk %'),
                  slots AS MATERIALIZED (
                    SELECT gen_random_uuid() AS id, w.id AS worker_id, t.id AS team_id, timestamptz '2025-11-01 08:00Z' + d * interval '1 day' AS starts_at
                      FROM w JOIN t USING (n), generate_series(0, 199) d),
                  b AS (INSERT INTO bookings (org_id, id, client_id, team_id, starts_at, ends_at, time_zone, status, currency)
                        SELECT ?, id, ?, team_id, starts_at, starts_at + interval '2 hours', 'Europe/London', 'confirmed', 'GBP' FROM slots),
                  bt AS (INSERT INTO booking_team_blocks (org_id, booking_id, team_id, starts_at, ends_at, active)
                         SELECT ?, id, team_id, starts_at, starts_at + interval '2 hours', true FROM slots)
             INSERT INTO booking_workers (org_id, booking_id, worker_id, via_team, starts_at, ends_at, active)
             SELECT ?, id, worker_id, true, starts_at, starts_at + interval '2 hours', true FROM slots`,
            [ctx.orgId, ctx.orgId, ctx.orgId, clientId, ctx.orgId, ctx.orgId],
          );
        });
        await db.ownerKnex.raw('ANALYZE bookings, booking_workers, booking_team_blocks');
      });

      it('finds occupied time through bounded starts_at ranges on the partial btrees, never a Seq Scan', async () => {
        const past = { from: at('2026-01-10T00:00:00.000Z'), to: at('2026-01-11T00:00:00.000Z') };
        const recent = { from: at('2026-05-18T00:00:00.000Z'), to: at('2026-05-19T00:00:00.000Z') };
        const bulk = async (table: string) => (await db.ownerKnex.raw(`SELECT id FROM ?? WHERE org_id = ? AND name = 'bulk 1'`, [table, ctx.orgId])).rows[0].id as string;
        // A worker with 200 bookings of history, as in a conflict check for one proposed booking:
        // both ends of the time range are index conditions, so the history is not read.
        const named = await plan(workerOccupancyQuery(ctx.orgId, past, { workerIds: [await bulk('workers'), workerA], excludeBookingId: randomUUID() }));
        expect(named).to.include('booking_workers_worker_starts_idx').and.not.include('Seq Scan');
        const team = await plan(teamOccupancyQuery(ctx.orgId, past, { teamIds: [await bulk('teams')], excludeBookingId: null }));
        expect(team).to.include('booking_team_blocks_team_starts_idx').and.not.include('Seq Scan');
        const everyone = await plan(workerOccupancyQuery(ctx.orgId, recent, { workerIds: null, excludeBookingId: null }));
        expect(everyone).to.include('booking_workers_starts_idx').and.not.include('Seq Scan');
        const allTeams = await plan(teamOccupancyQuery(ctx.orgId, recent, { teamIds: null, excludeBookingId: null }));
        expect(allTeams).to.include('booking_team_blocks_starts_idx').and.not.include('Seq Scan');
      });

      it("reads a suggestion's day (every worker's time, team blocks, blackouts) in one statement with both starts_at bounds as index conditions", async () => {
        const day = { from: at('2026-05-18T00:00:00.000Z'), to: at('2026-05-19T00:00:00.000Z') };
        for (const excludeBookingId of [null, randomUUID()]) {
          const text = await plan(dayAvailabilityQuery(ctx.orgId, { window: { from: at('2026-05-18T10:00:00.000Z'), to: at('2026-05-18T12:00:00.000Z') }, day, excludeBookingId }));
          for (const index of ['booking_workers_starts_idx', 'booking_team_blocks_starts_idx']) {
            // The index's condition holds the org and both ends of the starts_at range.
            const cond = new RegExp(`using ${index} on \\w+ \\w+\\n\\s+(Recheck|Index) Cond: \\(\\(org_id = [^\\n]*starts_at < [^\\n]*starts_at > `);
            const anyCond = new RegExp(`${index}[^\\n]*\\n\\s+Index Cond: \\(\\(org_id = [^\\n]*starts_at < [^\\n]*starts_at > `);
            expect(cond.test(text) || anyCond.test(text), `${index} with both bounds in:\n${text}`).to.equal(true);
          }
          expect(text).to.not.include('Seq Scan on booking_workers').and.not.include('Seq Scan on booking_team_blocks').and.not.include('Seq Scan on bookings');
        }
      });

      it("reads a worker's conflict check (worker, zone, blackouts, home-team blocks, own time) in one statement, the worker's time on its btree with both starts_at bounds", async () => {
        const bulkWorker = (await db.ownerKnex.raw(`SELECT id FROM workers WHERE org_id = ? AND name = 'bulk 1'`, [ctx.orgId])).rows[0].id as string;
        const bulkTeam = (await db.ownerKnex.raw(`SELECT id FROM teams WHERE org_id = ? AND name = 'bulk 1'`, [ctx.orgId])).rows[0].id as string;
        // A worker of 200 bookings of history whose home team has as many: neither history is read.
        await db.ownerKnex.raw('UPDATE workers SET team_id = ? WHERE org_id = ? AND id = ?', [bulkTeam, ctx.orgId, bulkWorker]);
        const window = { from: at('2026-01-10T09:00:00.000Z'), to: at('2026-01-10T11:00:00.000Z') };
        for (const excludeBookingId of [null, randomUUID()]) {
          const text = await plan(workerConflictsQuery(ctx.orgId, { window, workerId: bulkWorker, excludeBookingId }));
          // Through the worker's btree or the org's (the planner picks either for a day's ~50 rows,
          // and its choice moved with ANALYZE's sample): either way both starts_at bounds are index
          // conditions, so the worker's history is not read.
          const cond = /using booking_workers_(worker_)?starts_idx on booking_workers w\n\s+(Recheck|Index) Cond: \([^\n]*starts_at < [^\n]*starts_at > /;
          expect(cond.test(text), `booking_workers_(worker_)starts_idx with both bounds in:\n${text}`).to.equal(true);
          expect(text).to.match(/booking_team_blocks_(team_)?starts_idx/);
          expect(text).to.not.include('Seq Scan on booking_workers').and.not.include('Seq Scan on booking_team_blocks').and.not.include('Seq Scan on bookings');
        }
      });

      it('reads a page of the bookings starting in a day (the reminder job) through a starts_at range, never a Seq Scan', async () => {
        const day = { from: at('2026-05-18T00:00:00.000Z'), to: at('2026-05-19T00:00:00.000Z') };
        const statuses = ['pending', 'confirmed'] as const;
        // Through (org_id, starts_at, id), or, for an org of few clients, (org_id, client_id,
        // starts_at) per client: either way only the day's rows are read.
        const dayRange = /Index Scan using bookings_(org|client)_starts_idx on bookings b\n\s+Index Cond: \(.*starts_at >= .*starts_at < /;
        for (const after of [null, { startsAt: at('2026-05-18T08:00:00.000Z'), id: randomUUID() }]) {
          const page = await plan(bookingStartQuery(ctx.orgId, { window: day, statuses, after, limit: 200 }));
          expect(page).to.match(dayRange).and.not.include('Seq Scan on bookings');
        }
      });

      it("reads a team's conflict check (team, members, a worker along, zone, blackouts, both teams' blocks, everyone's time) in one statement, the time on the btrees with both starts_at bounds", async () => {
        const bulkWorker = (await db.ownerKnex.raw(`SELECT id FROM workers WHERE org_id = ? AND name = 'bulk 2'`, [ctx.orgId])).rows[0].id as string;
        const bulkTeam = (await db.ownerKnex.raw(`SELECT id FROM teams WHERE org_id = ? AND name = 'bulk 1'`, [ctx.orgId])).rows[0].id as string;
        const window = { from: at('2026-01-10T09:00:00.000Z'), to: at('2026-01-10T11:00:00.000Z') };
        for (const excludeBookingId of [null, randomUUID()]) {
          const text = await plan(teamConflictsQuery(ctx.orgId, { window, teamId: bulkTeam, workerId: bulkWorker, excludeBookingId }));
          // An index scan or a bitmap scan (the planner picks either for a few dozen rows), the
          // index's condition holding both starts_at bounds: no history is read.
          for (const [table, alias, index] of [['booking_workers', 'w', 'booking_workers_(worker_)?starts_idx'], ['booking_team_blocks', 't', 'booking_team_blocks_(team_)?starts_idx']] as const) {
            const bounded = new RegExp(`(using ${index} on ${table} ${alias}|Bitmap Index Scan on ${index})\\n\\s+Index Cond: \\([^\\n]*starts_at < [^\\n]*starts_at > `);
            expect(bounded.test(text), `${index} with both bounds in:\n${text}`).to.equal(true);
          }
          expect(text).to.not.include('Seq Scan on booking_workers').and.not.include('Seq Scan on booking_team_blocks').and.not.include('Seq Scan on bookings');
        }
      });
    });
  });
}
