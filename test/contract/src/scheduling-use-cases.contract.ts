/**
 * The scheduling use cases over each storage adapter: recurrence (with a DST change in the org's
 * zone), conflicts, suggestions, and the no-double-booking promise under concurrency. The rules
 * live in the core, but each answer depends on what the store returns (range queries, the
 * exclusion constraint, idempotency keys), so every adapter must give the same answers.
 */
import { expect } from 'chai';
import { createCore, systemActor, toZoned, type Core, type Mailer, type MessagePayload, type OutboxEvent, type RateLimiter, type RequestContext, type SmsSender } from '@cws/core';
import { caught, createOrg } from './fixtures.js';
import type { StorageHarness, StorageHarnessFactory } from './harness.js';

/** Sign-in limits are not under test here. */
const allowAll: RateLimiter = {
  hit: async () => ({ allowed: true, remaining: 1, retryAfterSeconds: 0 }),
  peek: async () => ({ allowed: true, remaining: 1, retryAfterSeconds: 0 }),
  reset: async () => {},
  refund: async () => {},
};

const MONDAY_MORNING = new Date('2026-03-02T12:00:00.000Z');

/** Channels that exist but are never called: these checks only enqueue. */
const notDelivered = (): never => {
  throw new Error('nothing is delivered here');
};
const EMAIL: Mailer = { provider: 'contract', send: async () => notDelivered() };
const SMS: SmsSender = { provider: 'contract', send: async () => notDelivered() };

export function schedulingUseCasesContract(name: string, factory: StorageHarnessFactory): void {
  describe(`${name}: scheduling use cases`, function () {
    let h: StorageHarness;
    let core: Core;

    before(async () => {
      h = await factory();
      core = createCore({ uow: h.uow, orgs: h.orgs, systemAudit: h.systemAudit, jobMonitor: h.jobMonitor, userAccounts: h.userAccounts, rateLimiter: allowAll });
    });
    after(async () => h.dispose());

    /** An org in `timeZone` with a client, a team of two and a third worker, at MONDAY_MORNING. */
    async function world(timeZone = 'America/New_York') {
      const { ctx: base } = await createOrg(h, { timeZone, currency: 'USD' });
      const ctx: RequestContext = { ...base, now: MONDAY_MORNING };
      const client = await core.clients.create.execute(ctx, { name: 'Grace', addresses: [{ line1: '1 Main St', city: 'Springfield' }] });
      const team = await core.workforce.createTeam.execute(ctx, { name: 'Blue' });
      const ana = await core.workforce.createWorker.execute(ctx, { name: 'Ana', teamId: team.id, skills: ['windows'] });
      const ben = await core.workforce.createWorker.execute(ctx, { name: 'Ben', teamId: team.id, skills: ['deep-clean'] });
      const cy = await core.workforce.createWorker.execute(ctx, { name: 'Cy', skills: ['deep-clean', 'windows'] });
      return { ctx, client, team, ana, ben, cy };
    }

    describe('recurrence', () => {
      it('keeps a weekly 09:00 occurrence at 09:00 local across the DST change, so its UTC hour moves', async () => {
        const w = await world('America/New_York');
        const result = await core.series.create.execute(w.ctx, {
          clientId: w.client.id,
          rule: { freq: 'weekly', weekdays: ['mon', 'thu'] },
          startDate: '2026-03-02',
          time: '09:00',
          durationMinutes: 120,
          workerIds: [w.cy.id],
          horizonDays: 14,
        });
        const stored = await core.bookings.list.execute(w.ctx, { start: '2026-03-01T00:00:00Z', end: '2026-03-20T00:00:00Z', seriesId: result.series.id });
        expect(stored.items.map((b) => b.occurrenceDate)).to.deep.equal(['2026-03-02', '2026-03-05', '2026-03-09', '2026-03-12', '2026-03-16']);
        for (const b of stored.items) expect(toZoned(b.startsAt, 'America/New_York').time, b.occurrenceDate!).to.equal('09:00');
        expect(stored.items.map((b) => b.startsAt.getUTCHours())).to.deep.equal([14, 14, 13, 13, 13]);
        expect(stored.items.every((b) => b.workers.length === 1 && b.workers[0]!.workerId === w.cy.id)).to.equal(true);
      });

      it('extends by the generation job without making any date twice', async () => {
        const w = await world('Europe/London');
        const { series } = await core.series.create.execute(w.ctx, {
          clientId: w.client.id,
          rule: { freq: 'weekly', weekdays: ['fri'] },
          startDate: '2026-03-06',
          time: '08:30',
          durationMinutes: 90,
          horizonDays: 7,
        });
        const sys = { actor: systemActor('job:booking-series-generate'), requestId: 'contract', now: MONDAY_MORNING, reason: 'contract test' };
        await core.series.generate.execute(sys, { horizonDays: 35 });
        await core.series.generate.execute(sys, { horizonDays: 35 });
        const stored = await core.bookings.list.execute(w.ctx, { start: '2026-03-01T00:00:00Z', end: '2026-05-01T00:00:00Z', seriesId: series.id });
        // London changes on 2026-03-29: 08:30 is 08:30Z before and 07:30Z after.
        expect(stored.items.map((b) => `${b.occurrenceDate} ${b.startsAt.toISOString().slice(11, 16)}`)).to.deep.equal([
          '2026-03-06 08:30',
          '2026-03-13 08:30',
          '2026-03-20 08:30',
          '2026-03-27 08:30',
          '2026-04-03 07:30',
        ]);
      });

      it('makes a clashing occurrence unassigned and reports why, instead of losing it', async () => {
        const w = await world();
        const taken = await core.bookings.create.execute(w.ctx, {
          clientId: w.client.id,
          start: '2026-03-05T14:30:00Z',
          end: '2026-03-05T15:30:00Z',
          workerIds: [w.cy.id],
        });
        const result = await core.series.create.execute(w.ctx, {
          clientId: w.client.id,
          rule: { freq: 'weekly', weekdays: ['thu'] },
          startDate: '2026-03-05',
          time: '09:00',
          durationMinutes: 120,
          workerIds: [w.cy.id],
          horizonDays: 10,
        });
        expect(result.created.map((b) => b.workers.length)).to.deep.equal([0, 1]);
        expect(result.unassigned).to.have.length(1);
        expect(result.unassigned[0]).to.deep.include({ date: '2026-03-05', code: 'booking.slot_unavailable' });
        expect(result.unassigned[0]!.details.conflicting_booking_id).to.equal(taken.booking.id);
      });
    });

    describe('conflicts', () => {
      it('names the booking, the blackout and the home-team block that stop a worker, each with a reason', async () => {
        const w = await world();
        const busy = await core.bookings.create.execute(w.ctx, { clientId: w.client.id, start: '2026-03-03T14:00:00Z', end: '2026-03-03T16:00:00Z', workerIds: [w.ana.id] });
        const off = await core.workforce.createBlackout.execute(w.ctx, { scope: 'team', teamId: w.team.id, start: '2026-03-03T15:00:00Z', end: '2026-03-03T18:00:00Z', reason: 'Training' });
        const report = await core.schedule.conflicts.execute(w.ctx, { start: '2026-03-03T15:00:00Z', end: '2026-03-03T17:00:00Z', workerId: w.ana.id });
        expect(report.available).to.equal(false);
        expect(report.conflicts.filter((c) => c.blocking).map((c) => [c.kind, c.bookingId ?? c.blackoutId]).sort()).to.deep.equal(
          [['blackout', off.id], ['booking', busy.booking.id]].sort(),
        );
        expect(report.conflicts.every((c) => c.reason.length > 0)).to.equal(true);
        const ignoring = await core.schedule.conflicts.execute(w.ctx, { start: '2026-03-03T15:00:00Z', end: '2026-03-03T17:00:00Z', workerId: w.ana.id, bookingId: busy.booking.id });
        expect(ignoring.conflicts.map((c) => c.kind)).to.deep.equal(['blackout']);
      });

      it('treats the window as half-open: a booking ending at the start is no conflict', async () => {
        const w = await world();
        await core.bookings.create.execute(w.ctx, { clientId: w.client.id, start: '2026-03-03T14:00:00Z', end: '2026-03-03T16:00:00Z', workerIds: [w.cy.id] });
        const report = await core.schedule.conflicts.execute(w.ctx, { start: '2026-03-03T16:00:00Z', end: '2026-03-03T18:00:00Z', workerId: w.cy.id });
        expect(report).to.deep.include({ available: true, conflicts: [] });
      });

      it("answers another org's worker as not found", async () => {
        const a = await world();
        const b = await world();
        expect((await caught(() => core.schedule.conflicts.execute(b.ctx, { start: '2026-03-03T14:00:00Z', end: '2026-03-03T16:00:00Z', workerId: a.ana.id }))).code).to.equal('worker.not_found');
      });
    });

    describe('suggestions', () => {
      it('omits busy and team-blocked workers and ranks the rest by skills matched', async () => {
        const w = await world();
        await core.workforce.createWorker.execute(w.ctx, { name: 'Dee', skills: ['windows'] });
        await core.bookings.create.execute(w.ctx, { clientId: w.client.id, start: '2026-03-03T14:00:00Z', end: '2026-03-03T16:00:00Z', teamId: w.team.id });
        const s = await core.schedule.suggestions.execute(w.ctx, { start: '2026-03-03T15:00:00Z', end: '2026-03-03T17:00:00Z', skillTags: ['deep-clean,windows'] });
        expect(s.workers.map((x) => x.worker.name)).to.deep.equal(['Cy', 'Dee']);
        expect(s.workers[0]).to.deep.include({ skillsMatched: ['deep-clean', 'windows'], rank: 1 });
        expect(s.workers[1]).to.deep.include({ skillsMissing: ['deep-clean'], rank: 2 });
        expect(s.teams).to.deep.equal([]);
      });

      it('ranks the worker with less booked that day first when skills tie', async () => {
        const w = await world();
        await core.bookings.create.execute(w.ctx, { clientId: w.client.id, start: '2026-03-03T13:00:00Z', end: '2026-03-03T15:00:00Z', workerIds: [w.cy.id] });
        const s = await core.schedule.suggestions.execute(w.ctx, { start: '2026-03-03T18:00:00Z', end: '2026-03-03T19:00:00Z' });
        expect(s.workers.map((x) => [x.worker.name, x.loadMinutes])).to.deep.equal([
          ['Ana', 0],
          ['Ben', 0],
          ['Cy', 120],
        ]);
        expect(s.teams.map((t) => t.team.name)).to.deep.equal(['Blue']);
      });
    });

    describe('no double booking', () => {
      it('lets exactly one of 12 concurrent overlapping bookings of one worker win', async () => {
        const w = await world();
        const attempts = await Promise.allSettled(
          Array.from({ length: 12 }, (_, i) =>
            core.bookings.create.execute({ ...w.ctx, requestId: `race-${i}` }, {
              clientId: w.client.id,
              start: new Date(Date.parse('2026-03-04T14:00:00Z') + i * 10 * 60_000).toISOString(),
              end: new Date(Date.parse('2026-03-04T16:00:00Z') + i * 10 * 60_000).toISOString(),
              workerIds: [w.ana.id],
            }),
          ),
        );
        const won = attempts.filter((a) => a.status === 'fulfilled');
        const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
        expect(won).to.have.length(1);
        expect(lost.map((l) => (l.reason as { code?: string }).code)).to.deep.equal(Array(11).fill('booking.slot_unavailable'));
        const stored = await core.bookings.list.execute(w.ctx, { start: '2026-03-04T00:00:00Z', end: '2026-03-05T00:00:00Z', workerId: w.ana.id });
        expect(stored.items).to.have.length(1);
      });

      it('makes one booking for concurrent retries with one Idempotency-Key', async () => {
        const w = await world();
        const input = { clientId: w.client.id, start: '2026-03-04T14:00:00Z', end: '2026-03-04T16:00:00Z', workerIds: [w.ben.id] };
        const results = await Promise.all(Array.from({ length: 8 }, () => core.bookings.create.execute(w.ctx, { ...input, idempotencyKey: 'retry-me-1' })));
        expect(new Set(results.map((r) => r.booking.id)).size).to.equal(1);
        expect(results.filter((r) => !r.replayed)).to.have.length(1);
        const stored = await core.bookings.list.execute(w.ctx, { start: '2026-03-04T00:00:00Z', end: '2026-03-05T00:00:00Z' });
        expect(stored.items).to.have.length(1);
      });
    });

    describe('notifications', () => {
      let notifying: Core;
      before(() => {
        notifying = createCore({ uow: h.uow, orgs: h.orgs, systemAudit: h.systemAudit, jobMonitor: h.jobMonitor, userAccounts: h.userAccounts, rateLimiter: allowAll, channels: { email: EMAIL, sms: SMS } });
      });
      const outbox = (ctx: RequestContext, prefix: string) => h.uow.run(ctx, (r) => r.outbox.listByDedupePrefix(prefix, 100));
      const template = (e: OutboxEvent) => (e.payload as { message: MessagePayload }).message.template;

      it('enqueues with the booking; of racing writers for one slot only the winner’s messages exist', async () => {
        const w = await world();
        const client = await notifying.clients.create.execute(w.ctx, { name: 'Ada', email: 'ada@example.com', addresses: [{ line1: '2 Elm St', city: 'Springfield' }] });
        const dee = await notifying.workforce.createWorker.execute(w.ctx, { name: 'Dee', phone: '+15550100001' });
        const attempts = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            notifying.bookings.create.execute({ ...w.ctx, requestId: `race-${i}` }, {
              clientId: client.id,
              start: new Date(Date.parse('2026-03-04T14:00:00Z') + i * 10 * 60_000).toISOString(),
              end: new Date(Date.parse('2026-03-04T16:00:00Z') + i * 10 * 60_000).toISOString(),
              workerIds: [dee.id],
              status: 'confirmed',
            }),
          ),
        );
        const won = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value.booking] : []));
        expect(won).to.have.length(1);
        const rows = await outbox(w.ctx, 'booking:');
        expect(rows.map((e) => [e.kind, template(e), e.dedupeKey]).sort()).to.deep.equal(
          [
            ['email', 'booking_confirmed', `booking:${won[0]!.id}:confirmed`],
            ['sms', 'worker_assignment', `booking:${won[0]!.id}:worker:${dee.id}:assigned:${won[0]!.startsAt.toISOString()}:${won[0]!.updatedAt.toISOString()}`],
          ].sort(),
        );
      });

      it('the booking-reminders job reminds tomorrow’s bookings in the org’s zone once, however often it runs', async () => {
        const w = await world('America/New_York');
        const client = await notifying.clients.create.execute(w.ctx, { name: 'Ada', email: 'ada@example.com', phone: '+15550100002' });
        const book = async (start: string, status: 'pending' | 'confirmed' = 'confirmed') =>
          (await notifying.bookings.create.execute(w.ctx, { clientId: client.id, start, end: new Date(Date.parse(start) + 3_600_000).toISOString(), status })).booking;
        // Monday 07:00 in New York: tomorrow is Tuesday 05:00Z to Wednesday 05:00Z.
        const tuesday = [await book('2026-03-03T05:00:00Z', 'pending'), await book('2026-03-04T04:00:00Z')];
        const cancelled = await book('2026-03-03T15:00:00Z');
        await notifying.bookings.cancel.execute(w.ctx, { id: cancelled.id, reason: 'Away' });
        await book('2026-03-04T05:00:00Z');
        await book('2026-03-03T04:00:00Z');
        const sys = { actor: systemActor('job:booking-reminders'), requestId: 'contract', now: MONDAY_MORNING, reason: 'contract test' };
        await notifying.bookings.sendReminders.execute(sys, { batchSize: 1 });
        await notifying.bookings.sendReminders.execute(sys);
        const reminded = (await outbox(w.ctx, 'booking:')).filter((e) => e.dedupeKey.includes(':reminder:'));
        expect(reminded.map((e) => [e.kind, e.dedupeKey]).sort()).to.deep.equal(
          tuesday.flatMap((b) => [['email', `booking:${b.id}:reminder:${b.startsAt.toISOString()}`], ['sms', `booking:${b.id}:reminder:${b.startsAt.toISOString()}:sms`]]).sort(),
        );
      });
    });
  });
}
