import { expect } from 'chai';
import { reminderNotBefore, systemActor, tomorrowIn, type Client, type MessagePayload, type OutboxEvent, type SystemContext } from '@cws/core';
import { expectInvalid } from '../../support/core-fixture.js';
import { ENQUEUE_ONLY_EMAIL, ENQUEUE_ONLY_SMS } from '../../support/enqueue-only-channels.js';
import { schedulingFixture, type SchedulingFixture } from '../../support/scheduling-fixture.js';

const z = (iso: string) => new Date(iso);

describe('SendBookingReminders (the booking-reminders job)', () => {
  let fx: SchedulingFixture;

  const jobSys = (now: Date): SystemContext => ({ actor: systemActor('job:booking-reminders'), requestId: 'req-reminders', now, reason: 'booking reminders', job: 'booking-reminders' });
  const run = (now: Date, input: { batchSize?: number } = {}) => fx.core.bookings.sendReminders.execute(jobSys(now), input);

  /** An org in `timeZone` with a client who has an email address and a phone. */
  async function org(slug: string, timeZone: string, clientFields: Record<string, unknown> = {}): Promise<{ orgId: string; client: Client }> {
    const orgId = await fx.newOrg(slug, { timeZone });
    const client = await fx.client(orgId, { name: 'Grace', email: `grace@${slug}.example`, phone: '+15550100', ...clientFields });
    return { orgId, client };
  }
  const book = async (orgId: string, clientId: string, start: string, extra: Record<string, unknown> = {}) =>
    (await fx.core.bookings.create.execute(fx.ctx(orgId), { clientId, start, end: new Date(z(start).getTime() + 3_600_000).toISOString(), status: 'confirmed', ...extra } as never)).booking;

  const reminders = (orgId: string): OutboxEvent[] =>
    [...fx.state.tables.outbox.values()].filter((e) => e.orgId === orgId && e.dedupeKey.includes(':reminder:'));
  const message = (e: OutboxEvent): MessagePayload => {
    if (e.payload.kind !== 'email' && e.payload.kind !== 'sms') throw new Error('not a message');
    return e.payload.message;
  };
  /** The booking ids reminded by email. */
  const remindedByEmail = (orgId: string) => reminders(orgId).filter((e) => e.kind === 'email').map((e) => (message(e).data as { bookingId: string }).bookingId);

  beforeEach(() => {
    fx = schedulingFixture({ channels: { email: ENQUEUE_ONLY_EMAIL, sms: ENQUEUE_ONLY_SMS } });
  });

  it('tomorrow is the org’s: one UTC instant is tomorrow in Los Angeles and today in Auckland', async () => {
    // 2026-03-02T12:00Z is Monday 04:00 in Los Angeles (PST) and Tuesday 01:00 in Auckland (NZDT).
    const now = z('2026-03-02T12:00:00Z');
    const la = await org('la', 'America/Los_Angeles');
    const nz = await org('nz', 'Pacific/Auckland');
    const laTue = await book(la.orgId, la.client.id, '2026-03-03T09:00:00Z'); // Tue 01:00 PST: tomorrow
    await book(la.orgId, la.client.id, '2026-03-04T09:00:00Z'); // Wed 01:00 PST: the day after
    await book(nz.orgId, nz.client.id, '2026-03-03T09:00:00Z'); // Tue 22:00 NZDT: today
    const nzWed = await book(nz.orgId, nz.client.id, '2026-03-04T09:00:00Z'); // Wed 22:00 NZDT: tomorrow
    const result = await run(now);
    expect(remindedByEmail(la.orgId)).to.deep.equal([laTue.id]);
    expect(remindedByEmail(nz.orgId)).to.deep.equal([nzWed.id]);
    expect(result).to.deep.equal({ orgsScanned: 2, bookingsScanned: 2, remindersQueued: 4, orgsFailed: 0 });
  });

  it('reminders wait for 09:00 on the org’s clock, read across its DST change', async () => {
    // Los Angeles moves to PDT at 02:00 on 2026-03-08: 09:00 is 17:00Z the day before, 16:00Z that day.
    expect(reminderNotBefore(z('2026-03-07T08:30:00Z'), 'America/Los_Angeles')).to.deep.equal(z('2026-03-07T17:00:00Z'));
    expect(reminderNotBefore(z('2026-03-08T08:30:00Z'), 'America/Los_Angeles')).to.deep.equal(z('2026-03-08T16:00:00Z'));
    expect(reminderNotBefore(z('2026-03-08T16:00:00.001Z'), 'America/Los_Angeles')).to.deep.equal(z('2026-03-08T16:00:00.001Z'));
  });

  it('a DST change day has its local length: 23 hours in Los Angeles (spring), 25 in Auckland (autumn)', async () => {
    expect(tomorrowIn(z('2026-03-07T12:00:00Z'), 'America/Los_Angeles')).to.deep.equal({ from: z('2026-03-08T08:00:00Z'), to: z('2026-03-09T07:00:00Z') });
    expect(tomorrowIn(z('2026-04-04T00:00:00Z'), 'Pacific/Auckland')).to.deep.equal({ from: z('2026-04-04T11:00:00Z'), to: z('2026-04-05T12:00:00Z') });

    const la = await org('la', 'America/Los_Angeles');
    const laIn = [await book(la.orgId, la.client.id, '2026-03-08T08:00:00Z'), await book(la.orgId, la.client.id, '2026-03-09T06:00:00Z')]; // Sun 00:00 PST, Sun 23:00 PDT
    await book(la.orgId, la.client.id, '2026-03-08T07:00:00Z'); // Sat 23:00 PST
    await book(la.orgId, la.client.id, '2026-03-09T07:00:00Z'); // Mon 00:00 PDT (inside a naive 24 h)
    await run(z('2026-03-07T12:00:00Z')); // Saturday 04:00 PST

    const nz = await org('nz', 'Pacific/Auckland');
    const nzIn = [await book(nz.orgId, nz.client.id, '2026-04-04T11:00:00Z'), await book(nz.orgId, nz.client.id, '2026-04-05T11:00:00Z')]; // Sun 00:00 NZDT, Sun 23:00 NZST (outside a naive 24 h)
    await book(nz.orgId, nz.client.id, '2026-04-05T12:00:00Z'); // Mon 00:00 NZST
    await run(z('2026-04-04T00:00:00Z')); // Saturday 13:00 NZDT

    expect(remindedByEmail(la.orgId)).to.deep.equal(laIn.map((b) => b.id));
    expect(remindedByEmail(nz.orgId)).to.deep.equal(nzIn.map((b) => b.id));
  });

  it('mails and texts each booking once, however often it runs; a move to another time reminds again', async () => {
    const { orgId, client } = await org('acme', 'Europe/London', { addresses: [{ line1: '1 High St', city: 'Leeds' }] });
    const service = await fx.service(orgId, { name: 'Deep clean' });
    const booking = await book(orgId, client.id, '2026-03-03T10:00:00Z', { serviceId: service.id });
    const now = z('2026-03-02T00:30:00Z');
    expect(await run(now)).to.deep.include({ bookingsScanned: 1, remindersQueued: 2 });
    expect(await run(new Date(now.getTime() + 3_600_000))).to.deep.include({ bookingsScanned: 1, remindersQueued: 0 });
    const key = `booking:${booking.id}:reminder:2026-03-03T10:00:00.000Z`;
    expect(reminders(orgId).map((e) => [e.kind, e.dedupeKey, message(e).template, message(e).to])).to.deep.equal([
      ['email', key, 'booking_reminder', 'grace@acme.example'],
      ['sms', `${key}:sms`, 'booking_reminder', '+15550100'],
    ]);
    // Found just after local midnight, they wait for 09:00 (London is on GMT in March).
    expect(reminders(orgId).map((e) => e.nextAttemptAt)).to.deep.equal([z('2026-03-02T09:00:00Z'), z('2026-03-02T09:00:00Z')]);
    expect(message(reminders(orgId)[0]!).data).to.deep.equal({
      bookingId: booking.id,
      recipientName: 'Grace',
      serviceName: 'Deep clean',
      startsAt: '2026-03-03T10:00:00.000Z',
      endsAt: '2026-03-03T11:00:00.000Z',
      timeZone: 'Europe/London',
      address: '1 High St, Leeds',
    });

    await fx.core.bookings.reschedule.execute(fx.ctx(orgId), { id: booking.id, start: '2026-03-03T15:00:00Z' });
    const late = z('2026-03-02T21:15:00Z');
    expect(await run(late)).to.deep.include({ remindersQueued: 2 });
    expect(reminders(orgId).slice(2).map((e) => e.nextAttemptAt), 'enqueued after 09:00: due at once').to.deep.equal([late, late]);
    expect(reminders(orgId).map((e) => e.dedupeKey)).to.deep.equal([key, `${key}:sms`, `booking:${booking.id}:reminder:2026-03-03T15:00:00.000Z`, `booking:${booking.id}:reminder:2026-03-03T15:00:00.000Z:sms`]);
  });

  it('pending bookings are reminded; cancelled ones, and those the day after tomorrow, are not', async () => {
    const { orgId, client } = await org('acme', 'UTC');
    const pending = await book(orgId, client.id, '2026-03-03T09:00:00Z', { status: 'pending' });
    const cancelled = await book(orgId, client.id, '2026-03-03T10:00:00Z');
    await fx.core.bookings.cancel.execute(fx.ctx(orgId), { id: cancelled.id, reason: 'Away' });
    await book(orgId, client.id, '2026-03-04T09:00:00Z');
    await run(z('2026-03-02T12:00:00Z'));
    expect(remindedByEmail(orgId)).to.deep.equal([pending.id]);
  });

  it('by the channels the client has and the host offers: no email → SMS only; no SMS channel → email only', async () => {
    const { orgId, client } = await org('acme', 'UTC', { email: null });
    await book(orgId, client.id, '2026-03-03T09:00:00Z');
    await run(z('2026-03-02T12:00:00Z'));
    expect(reminders(orgId).map((e) => e.kind)).to.deep.equal(['sms']);

    fx = schedulingFixture({ channels: { email: ENQUEUE_ONLY_EMAIL } });
    const other = await org('other', 'UTC');
    await book(other.orgId, other.client.id, '2026-03-03T09:00:00Z');
    await run(z('2026-03-02T12:00:00Z'));
    expect(reminders(other.orgId).map((e) => e.kind)).to.deep.equal(['email']);
  });

  it('an org that turned reminders off gets none and is not scanned; a host without channels scans nothing', async () => {
    const { orgId, client } = await org('acme', 'UTC');
    await book(orgId, client.id, '2026-03-03T09:00:00Z');
    await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { notifications: { bookingReminder: false } });
    expect(await run(z('2026-03-02T12:00:00Z'))).to.deep.equal({ orgsScanned: 1, bookingsScanned: 0, remindersQueued: 0, orgsFailed: 0 });
    expect(reminders(orgId)).to.deep.equal([]);

    fx = schedulingFixture({});
    const other = await org('other', 'UTC');
    await book(other.orgId, other.client.id, '2026-03-03T09:00:00Z');
    expect(await run(z('2026-03-02T12:00:00Z'))).to.deep.equal({ orgsScanned: 1, bookingsScanned: 0, remindersQueued: 0, orgsFailed: 0 });
  });

  it('reads a busy day a page per transaction, missing none at a page boundary (same start times)', async () => {
    const { orgId, client } = await org('busy', 'UTC', { phone: null });
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) ids.push((await book(orgId, client.id, `2026-03-03T${String(8 + Math.floor(i / 4)).padStart(2, '0')}:00:00Z`)).id);
    const pages: number[] = [];
    let units = 0;
    fx.uow.overrides = (real) => {
      units += 1;
      return {
        bookings: {
          listStarting: async (q) => {
            const page = await real.bookings.listStarting(q);
            pages.push(page.length);
            expect(q.limit).to.equal(3);
            return page;
          },
        },
      };
    };
    const result = await run(z('2026-03-02T12:00:00Z'), { batchSize: 3 });
    fx.uow.overrides = null;
    expect(pages).to.deep.equal([3, 3, 3, 1]);
    expect(units).to.equal(4);
    expect(result).to.deep.include({ bookingsScanned: 10, remindersQueued: 10 });
    expect(new Set(remindedByEmail(orgId))).to.deep.equal(new Set(ids));
  });

  it('audits the run once, records each org’s outcome, and refuses a batch size out of range', async () => {
    const { orgId } = await org('acme', 'UTC');
    const before = fx.state.systemAudit.length;
    await run(z('2026-03-02T12:00:00Z'));
    expect(fx.state.systemAudit.slice(before).map((e) => e.action)).to.deep.equal(['system.booking_reminders']);
    const status = await fx.core.ops.jobsStatus.execute(fx.ctx(orgId));
    expect(JSON.stringify(status)).to.include('booking-reminders');
    await expectInvalid(run(z('2026-03-02T12:00:00Z'), { batchSize: 0 }), ['/batchSize']);
    await expectInvalid(run(z('2026-03-02T12:00:00Z'), { batchSize: 1001 }), ['/batchSize']);
  });
});
