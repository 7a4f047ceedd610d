import { expect } from 'chai';
import type { Client, MessagePayload, OutboxEvent, Service, WorkerView } from '@cws/core';
import { expectAppError } from '../../support/core-fixture.js';
import { ENQUEUE_ONLY_EMAIL, ENQUEUE_ONLY_SMS, EVERYONE_OPTED_OUT } from '../../support/enqueue-only-channels.js';
import { schedulingFixture, TUE, utc, WED, type SchedulingFixture } from '../../support/scheduling-fixture.js';

describe('Booking notifications (enqueued with the change)', () => {
  let fx: SchedulingFixture;
  let orgId: string;
  let client: Client;
  let service: Service;
  /** Phone and email. */
  let ann: WorkerView;
  /** Email only. */
  let bob: WorkerView;
  /** Phone only. */
  let cy: WorkerView;
  /** Neither. */
  let dee: WorkerView;

  const at = (time: string, date = TUE) => utc(date, time);
  const iso = (time: string, date = TUE) => at(time, date).toISOString();

  async function world(options: Parameters<typeof schedulingFixture>[0] = { channels: { email: ENQUEUE_ONLY_EMAIL, sms: ENQUEUE_ONLY_SMS } }) {
    fx = schedulingFixture(options);
    orgId = await fx.newOrg('acme', { timeZone: 'Europe/London' });
    client = await fx.client(orgId, { name: 'Grace <Hopper>', email: 'grace@example.com', phone: '+447700900100', addresses: [{ line1: '1 High St', line2: 'Flat 2', city: 'Leeds', postalCode: 'LS1 1AA', country: 'gb' }] });
    service = await fx.service(orgId, { name: 'Deep clean', durationMinutes: 120 });
    ann = await fx.worker(orgId, { name: 'Ann', phone: '+447700900001', email: 'ann@example.com' });
    bob = await fx.worker(orgId, { name: 'Bob', email: 'bob@example.com' });
    cy = await fx.worker(orgId, { name: 'Cy', phone: '+447700900003' });
    dee = await fx.worker(orgId, { name: 'Dee' });
  }

  beforeEach(async () => world());

  const events = (org = orgId): OutboxEvent[] => [...fx.state.tables.outbox.values()].filter((e) => e.orgId === org);
  const message = (e: OutboxEvent): MessagePayload => {
    if (e.payload.kind !== 'email' && e.payload.kind !== 'sms') throw new Error(`not a message: ${e.payload.kind}`);
    return e.payload.message;
  };
  /** [kind, dedupe key, template, to, change] of each event, in enqueue order. */
  const sent = (org = orgId) =>
    events(org).map((e) => {
      const m = message(e);
      return [e.kind, e.dedupeKey, m.template, m.to, (m.data as { change?: string }).change ?? null];
    });
  const create = (input: Record<string, unknown>) =>
    fx.core.bookings.create.execute(fx.ctx(orgId), { clientId: client.id, serviceId: service.id, start: iso('10:00'), ...input } as never);
  const status = (id: string, to: string) => fx.core.bookings.changeStatus.execute(fx.ctx(orgId), { id, status: to as never });
  const reschedule = (id: string, start: string) => fx.core.bookings.reschedule.execute(fx.ctx(orgId), { id, start });
  const assign = (id: string, mode: 'add' | 'remove' | 'replace', workerIds: string[]) => fx.core.bookings.changeAssignment.execute(fx.ctx(orgId), { id, mode, workerIds });
  /** Keys end with the change's own instant (the booking's updatedAt: the fixed clock's now here). */
  const workerKey = (bookingId: string, workerId: string, change: string, startsAt: string) => `booking:${bookingId}:worker:${workerId}:${change}:${startsAt}:${fx.clock.now().toISOString()}`;

  describe('the client', () => {
    it('a booking made confirmed mails booking_confirmed with who, what, when and where', async () => {
      const { booking } = await create({ status: 'confirmed' });
      const [event, ...rest] = events();
      expect(rest).to.deep.equal([]);
      expect(event).to.deep.include({ kind: 'email', dedupeKey: `booking:${booking.id}:confirmed`, status: 'pending', createdAt: fx.clock.now() });
      expect(message(event!)).to.deep.equal({
        template: 'booking_confirmed',
        to: 'grace@example.com',
        toName: 'Grace <Hopper>',
        sealedSecret: null,
        data: {
          bookingId: booking.id,
          recipientName: 'Grace <Hopper>',
          serviceName: 'Deep clean',
          startsAt: iso('10:00'),
          endsAt: iso('12:00'),
          timeZone: 'Europe/London',
          address: '1 High St, Flat 2, Leeds, LS1 1AA, GB',
        },
      });
    });

    it('a pending booking says nothing to the client until it is confirmed, then booking_confirmed once', async () => {
      const { booking } = await create({});
      expect(sent()).to.deep.equal([]);
      await status(booking.id, 'confirmed');
      await status(booking.id, 'in_progress');
      await status(booking.id, 'completed');
      expect(sent()).to.deep.equal([['email', `booking:${booking.id}:confirmed`, 'booking_confirmed', 'grace@example.com', null]]);
    });

    it('a reschedule mails booking_rescheduled with the time it had; each new time once', async () => {
      const { booking } = await create({ status: 'confirmed' });
      await reschedule(booking.id, iso('14:00'));
      await reschedule(booking.id, iso('14:00')); // the same change again: nothing moved
      await reschedule(booking.id, iso('09:00', WED));
      const moves = events().filter((e) => message(e).template === 'booking_rescheduled');
      expect(moves.map((e) => e.dedupeKey)).to.deep.equal([`booking:${booking.id}:rescheduled:${iso('14:00')}:${fx.clock.now().toISOString()}`, `booking:${booking.id}:rescheduled:${iso('09:00', WED)}:${fx.clock.now().toISOString()}`]);
      expect(moves.map((e) => message(e).data)).to.deep.equal([
        { bookingId: booking.id, recipientName: 'Grace <Hopper>', serviceName: 'Deep clean', startsAt: iso('14:00'), endsAt: iso('16:00'), timeZone: 'Europe/London', address: '1 High St, Flat 2, Leeds, LS1 1AA, GB', previousStartsAt: iso('10:00') },
        { bookingId: booking.id, recipientName: 'Grace <Hopper>', serviceName: 'Deep clean', startsAt: iso('09:00', WED), endsAt: iso('11:00', WED), timeZone: 'Europe/London', address: '1 High St, Flat 2, Leeds, LS1 1AA, GB', previousStartsAt: iso('14:00') },
      ]);
    });

    it('a cancellation mails booking_cancelled with the reason (pending bookings too)', async () => {
      const { booking } = await create({ status: 'confirmed' });
      const { booking: pending } = await create({ start: iso('15:00') });
      await fx.core.bookings.cancel.execute(fx.ctx(orgId), { id: booking.id, reason: 'Client is away' });
      await fx.core.bookings.changeStatus.execute(fx.ctx(orgId), { id: pending.id, status: 'cancelled', reason: 'Duplicate' });
      const cancels = events().filter((e) => message(e).template === 'booking_cancelled');
      expect(cancels.map((e) => [e.dedupeKey, (message(e).data as { reason: string | null }).reason])).to.deep.equal([
        [`booking:${booking.id}:cancelled`, 'Client is away'],
        [`booking:${pending.id}:cancelled`, 'Duplicate'],
      ]);
    });

    it('nothing for a client without an email address (no SMS either), while workers are still told', async () => {
      const silent = await fx.client(orgId, { name: 'No Mail', phone: '+447700900200' });
      const { booking } = await create({ clientId: silent.id, status: 'confirmed', workerIds: [bob.id] });
      await reschedule(booking.id, iso('15:00'));
      await fx.core.bookings.cancel.execute(fx.ctx(orgId), { id: booking.id, reason: 'No' });
      expect(sent().map(([, , template]) => template)).to.deep.equal(['worker_assignment', 'worker_assignment', 'worker_assignment']);
    });

    it('a booking without a service or an address says so with nulls', async () => {
      const { booking } = await create({ serviceId: null, end: iso('11:00'), addressId: null, status: 'confirmed' });
      expect(message(events()[0]!).data).to.deep.include({ bookingId: booking.id, serviceName: null, address: null });
    });
  });

  describe('the workers', () => {
    it('each worker put on a new booking is told: by SMS with a phone, else by email; nobody without either', async () => {
      const { booking } = await create({ workerIds: [ann.id, bob.id, cy.id, dee.id] });
      const start = iso('10:00');
      expect(sent()).to.deep.equal([
        ['sms', workerKey(booking.id, ann.id, 'assigned', start), 'worker_assignment', '+447700900001', 'assigned'],
        ['email', workerKey(booking.id, bob.id, 'assigned', start), 'worker_assignment', 'bob@example.com', 'assigned'],
        ['sms', workerKey(booking.id, cy.id, 'assigned', start), 'worker_assignment', '+447700900003', 'assigned'],
      ]);
      expect(message(events()[0]!)).to.deep.include({ toName: 'Ann' });
      expect(message(events()[0]!).data).to.deep.include({ recipientName: 'Ann', serviceName: 'Deep clean', address: '1 High St, Flat 2, Leeds, LS1 1AA, GB' });
    });

    it('assign, unassign and reassign tell only the workers whose part changed', async () => {
      const { booking } = await create({ workerIds: [ann.id] });
      const start = iso('10:00');
      const before = events().length;
      await assign(booking.id, 'add', [bob.id]);
      await assign(booking.id, 'add', [bob.id]); // already on it: no change, nothing said
      await assign(booking.id, 'remove', [ann.id]);
      await assign(booking.id, 'replace', [cy.id]);
      expect(sent().slice(before)).to.deep.equal([
        ['email', workerKey(booking.id, bob.id, 'assigned', start), 'worker_assignment', 'bob@example.com', 'assigned'],
        ['sms', workerKey(booking.id, ann.id, 'unassigned', start), 'worker_assignment', '+447700900001', 'unassigned'],
        ['sms', workerKey(booking.id, cy.id, 'assigned', start), 'worker_assignment', '+447700900003', 'assigned'],
        ['email', workerKey(booking.id, bob.id, 'unassigned', start), 'worker_assignment', 'bob@example.com', 'unassigned'],
      ]);
    });

    it('moving a booking tells the workers on it (changed); cancelling takes them all off (unassigned)', async () => {
      const { booking } = await create({ status: 'confirmed', workerIds: [ann.id, bob.id] });
      const before = events().length;
      await reschedule(booking.id, iso('13:00'));
      await fx.core.bookings.cancel.execute(fx.ctx(orgId), { id: booking.id, reason: 'Rain' });
      expect(sent().slice(before)).to.deep.equal([
        ['email', `booking:${booking.id}:rescheduled:${iso('13:00')}:${fx.clock.now().toISOString()}`, 'booking_rescheduled', 'grace@example.com', null],
        ['sms', workerKey(booking.id, ann.id, 'changed', iso('13:00')), 'worker_assignment', '+447700900001', 'changed'],
        ['email', workerKey(booking.id, bob.id, 'changed', iso('13:00')), 'worker_assignment', 'bob@example.com', 'changed'],
        ['email', `booking:${booking.id}:cancelled`, 'booking_cancelled', 'grace@example.com', null],
        ['sms', workerKey(booking.id, ann.id, 'unassigned', iso('13:00')), 'worker_assignment', '+447700900001', 'unassigned'],
        ['email', workerKey(booking.id, bob.id, 'unassigned', iso('13:00')), 'worker_assignment', 'bob@example.com', 'unassigned'],
      ]);
    });

    it('without an SMS channel a worker with a phone is mailed, and one with only a phone is not told', async () => {
      await world({ channels: { email: ENQUEUE_ONLY_EMAIL } });
      const { booking } = await create({ workerIds: [ann.id, cy.id] });
      expect(sent()).to.deep.equal([['email', workerKey(booking.id, ann.id, 'assigned', iso('10:00')), 'worker_assignment', 'ann@example.com', 'assigned']]);
    });

    it('a worker whose number answered STOP is mailed instead', async () => {
      await world({ channels: { email: ENQUEUE_ONLY_EMAIL, sms: ENQUEUE_ONLY_SMS }, smsOptOuts: EVERYONE_OPTED_OUT });
      const { booking } = await create({ workerIds: [ann.id, cy.id] });
      expect(sent()).to.deep.equal([['email', workerKey(booking.id, ann.id, 'assigned', iso('10:00')), 'worker_assignment', 'ann@example.com', 'assigned']]);
    });

    it('with only an SMS channel the client hears nothing and workers are texted', async () => {
      await world({ channels: { sms: ENQUEUE_ONLY_SMS } });
      const { booking } = await create({ status: 'confirmed', workerIds: [ann.id, bob.id] });
      expect(sent()).to.deep.equal([['sms', workerKey(booking.id, ann.id, 'assigned', iso('10:00')), 'worker_assignment', '+447700900001', 'assigned']]);
    });
  });

  describe('org switches, dedupe and rollback', () => {
    it('a notification the org turned off is not enqueued; the others still are', async () => {
      await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { notifications: { bookingConfirmed: false, workerAssignment: false } });
      const { booking } = await create({ status: 'confirmed', workerIds: [ann.id] });
      await reschedule(booking.id, iso('16:00'));
      expect(sent().map(([, key]) => key)).to.deep.equal([`booking:${booking.id}:rescheduled:${iso('16:00')}:${fx.clock.now().toISOString()}`]);
      await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { notifications: { bookingRescheduled: false, bookingCancelled: false } });
      await reschedule(booking.id, iso('17:00'));
      await fx.core.bookings.cancel.execute(fx.ctx(orgId), { id: booking.id, reason: 'x' });
      expect(events()).to.have.length(1);
    });

    it('a replayed create (same idempotency key) enqueues nothing more', async () => {
      const first = await create({ status: 'confirmed', workerIds: [ann.id], idempotencyKey: 'key-1' });
      const again = await create({ status: 'confirmed', workerIds: [ann.id], idempotencyKey: 'key-1' });
      expect(again).to.deep.include({ replayed: true });
      expect(sent().map(([, key]) => key)).to.deep.equal([`booking:${first.booking.id}:confirmed`, workerKey(first.booking.id, ann.id, 'assigned', iso('10:00'))]);
    });

    it('the same dedupe key twice keeps the first event (assigned, taken off, put back in the same instant)', async () => {
      const { booking } = await create({ workerIds: [bob.id] });
      await assign(booking.id, 'remove', [bob.id]);
      await assign(booking.id, 'add', [bob.id]);
      expect(sent().map(([, , , , change]) => change)).to.deep.equal(['assigned', 'unassigned']);
    });

    it('a later change back is a new change: taken off and put back a minute later tells the worker again', async () => {
      const { booking } = await create({ workerIds: [bob.id] });
      fx.clock.advance(60_000);
      await assign(booking.id, 'remove', [bob.id]);
      fx.clock.advance(60_000);
      await assign(booking.id, 'add', [bob.id]);
      expect(sent().map(([, , , , change]) => change)).to.deep.equal(['assigned', 'unassigned', 'assigned']);
    });

    it('moved away and back again (A → B → A → B) tells the client each time', async () => {
      const { booking } = await create({ status: 'confirmed' });
      for (const start of [iso('14:00'), iso('10:00'), iso('14:00')]) {
        fx.clock.advance(60_000);
        await reschedule(booking.id, start);
      }
      expect(events().filter((e) => message(e).template === 'booking_rescheduled')).to.have.length(3);
    });

    it('a write refused for a taken slot (409) or a blackout leaves no outbox row', async () => {
      const { booking } = await create({ status: 'confirmed', workerIds: [ann.id] });
      await create({ status: 'confirmed', start: iso('14:00'), workerIds: [ann.id] });
      const { booking: other } = await create({ status: 'confirmed', start: iso('11:00'), workerIds: [bob.id] });
      const before = sent();
      expect(before).to.have.length(6);
      await expectAppError(create({ status: 'confirmed', start: iso('11:00'), workerIds: [ann.id] }), 'booking.slot_unavailable');
      await expectAppError(reschedule(booking.id, iso('14:30')), 'booking.slot_unavailable');
      await expectAppError(assign(other.id, 'add', [ann.id]), 'booking.slot_unavailable');
      await fx.core.workforce.createBlackout.execute(fx.ctx(orgId), { scope: 'org', start: iso('18:00'), end: iso('20:00'), reason: 'Closed' });
      await expectAppError(reschedule(booking.id, iso('18:30')), 'booking.blacked_out');
      expect(sent()).to.deep.equal(before);
    });

    it('a failure after the booking and its messages are written rolls them back together', async () => {
      let carried = 0;
      fx.uow.overrides = (real) => ({
        bookings: {
          insert: async (booking, records) => {
            carried = records?.messages.length ?? 0;
            await real.bookings.insert(booking, records);
            throw new Error('disk full');
          },
        },
      });
      const failure = await create({ status: 'confirmed', workerIds: [ann.id] }).then(
        () => null,
        (err: Error) => err.message,
      );
      fx.uow.overrides = null;
      expect([failure, carried, fx.state.tables.bookings.size, events().length]).to.deep.equal(['disk full', 2, 0, 0]);
    });

    it('another org’s rows are never named: each org’s messages are its own', async () => {
      const { booking } = await create({ status: 'confirmed' });
      const otherOrg = await fx.newOrg('other');
      const theirs = await fx.client(otherOrg, { email: 'them@example.com' });
      const { booking: theirBooking } = await fx.core.bookings.create.execute(fx.ctx(otherOrg), { clientId: theirs.id, start: iso('10:00'), end: iso('11:00'), status: 'confirmed' });
      expect(events(orgId).map((e) => e.dedupeKey)).to.deep.equal([`booking:${booking.id}:confirmed`]);
      expect(events(otherOrg).map((e) => [e.dedupeKey, message(e).to])).to.deep.equal([[`booking:${theirBooking.id}:confirmed`, 'them@example.com']]);
    });
  });

  describe('reads', () => {
    /** Calls of each read the notifications make, during `work`. */
    async function countReads(work: () => Promise<unknown>): Promise<Record<string, number>> {
      const counts: Record<string, number> = { context: 0, settings: 0, client: 0, service: 0, worker: 0, workers: 0 };
      const hit = (name: string) => {
        counts[name] = (counts[name] ?? 0) + 1;
      };
      fx.uow.overrides = (real) => ({
        bookings: { readWriteContext: (q) => (hit('context'), real.bookings.readWriteContext(q)) },
        orgSettings: { get: () => (hit('settings'), real.orgSettings.get()) },
        clients: { findById: (id, o) => (hit('client'), real.clients.findById(id, o)) },
        services: { findById: (id) => (hit('service'), real.services.findById(id)) },
        workers: {
          findById: (id, o) => (hit('worker'), real.workers.findById(id, o)),
          findByIds: (ids) => (hit('workers'), real.workers.findByIds(ids)),
        },
      });
      try {
        await work();
      } finally {
        fx.uow.overrides = null;
      }
      return counts;
    }

    it('a change telling many workers reads settings, client, service and the workers once, together', async () => {
      const many = await Promise.all(['E1', 'E2', 'E3', 'E4', 'E5'].map((name, i) => fx.worker(orgId, { name, email: `e${i}@example.com` })));
      const { booking } = await create({ status: 'confirmed', workerIds: many.map((w) => w.id) });
      const counts = await countReads(() => reschedule(booking.id, iso('15:00')));
      // One read for the blackout check and the messages (BookingRepository.readWriteContext), nothing after it.
      expect(counts).to.deep.equal({ context: 1, settings: 0, client: 0, service: 0, worker: 0, workers: 0 });
      expect(events().filter((e) => message(e).template === 'worker_assignment' && (message(e).data as { change: string }).change === 'changed')).to.have.length(5);
    });

    it('a create reuses what it read: nothing is read again for its messages', async () => {
      const counts = await countReads(() => create({ status: 'confirmed', workerIds: [ann.id, bob.id] }));
      expect(counts).to.deep.equal({ context: 1, settings: 0, client: 0, service: 0, worker: 0, workers: 0 });
    });

    it('reads nothing more when no channel is configured', async () => {
      await world({});
      const { booking } = await create({ status: 'confirmed', workerIds: [ann.id] });
      const counts = await countReads(() => reschedule(booking.id, iso('15:00')));
      expect(counts).to.deep.equal({ context: 1, settings: 0, client: 0, service: 0, worker: 0, workers: 0 });
      expect(events()).to.deep.equal([]);
    });

    it('reads nothing after the one read when the org turned those notifications off', async () => {
      await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { notifications: { bookingRescheduled: false, workerAssignment: false } });
      const { booking } = await create({ status: 'pending', workerIds: [ann.id] });
      const counts = await countReads(() => reschedule(booking.id, iso('15:00')));
      expect(counts).to.deep.equal({ context: 1, settings: 0, client: 0, service: 0, worker: 0, workers: 0 });
    });
  });
});
