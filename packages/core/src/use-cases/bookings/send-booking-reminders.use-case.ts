import { Type } from '@sinclair/typebox';
import type { RequestContext, SystemContext } from '../../context.js';
import { Int } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { notificationEnabled } from '../../domain/orgs/org.js';
import type { BookingStatus, StartKey } from '../../domain/scheduling/booking.js';
import { addDays, localDateOf, localDayBounds, zonedInstant, type LocalTime } from '../../domain/scheduling/zoned-time.js';
import type { BookingVisit, TimeWindow } from '../../ports/scheduling-repositories.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import { enqueueMessage, type MessageDeps } from '../outbox/enqueue-message.js';
import type { Messaging } from '../outbox/messaging.js';
import { zoneOf } from '../scheduling/scheduling-support.js';
import { forEachOrg, type ForEachOrgDeps } from '../shared/for-each-org.js';
import { bookingMessageData, withSettingsRead } from './booking-notifications.js';

export interface SendBookingRemindersDeps extends ForEachOrgDeps {
  readonly uow: UnitOfWork;
  readonly messaging: Messaging;
}

/**
 * Bookings that are still going ahead: confirmed ones, and pending ones too — a pending visit is
 * still planned (nobody declined it), and a reminder is the client's chance to say otherwise
 * before someone turns up. Cancelled ones are not; started or finished ones cannot be tomorrow.
 */
export const REMINDED_STATUSES: readonly BookingStatus[] = ['pending', 'confirmed'];

const DEFAULT_BATCH = 200;

/**
 * The job reaches a zone's "tomorrow" just after its midnight; reminders wait until this local
 * time of the day before (or go at once when enqueued later), so nobody is texted at 00:05.
 */
export const REMINDER_LOCAL_TIME: LocalTime = '09:00';

const Count = (description: string) => Type.Integer({ minimum: 0, description });

const contract = defineContract({
  name: 'SendBookingReminders',
  input: Type.Object({ batchSize: Type.Optional(Int(1, 1000, { description: `Bookings per transaction (default ${DEFAULT_BATCH})` })) }, { additionalProperties: false }),
  output: Type.Object(
    {
      orgsScanned: Count('Organisations visited'),
      bookingsScanned: Count('Bookings starting tomorrow (in each org’s zone) looked at'),
      remindersQueued: Count('Reminder messages newly enqueued (ones enqueued by an earlier run are not counted)'),
      orgsFailed: Count('Organisations whose run failed (the run then fails with the first error)'),
    },
    { additionalProperties: false },
  ),
});

export type SendBookingRemindersInput = ContractInput<typeof contract>;

export interface SendBookingRemindersResult {
  readonly orgsScanned: number;
  readonly bookingsScanned: number;
  readonly remindersQueued: number;
  readonly orgsFailed: number;
}

/** The instants the local day after `now`'s begins and ends in `zone` (23 or 25 hours on a DST change). */
export function tomorrowIn(now: Date, zone: string): TimeWindow {
  const { start, end } = localDayBounds(addDays(localDateOf(now, zone), 1), zone);
  return { from: start, to: end };
}

/** When a reminder enqueued at `now` may go: REMINDER_LOCAL_TIME today in `zone`, or now if that has passed. */
export function reminderNotBefore(now: Date, zone: string): Date {
  const due = zonedInstant(localDateOf(now, zone), REMINDER_LOCAL_TIME, zone);
  return due > now ? due : now;
}

/**
 * The `booking-reminders` job: in every org, for each booking (pending or confirmed) starting
 * tomorrow on the org's calendar, enqueues `booking_reminder` to the client — by email when they
 * have an address, and by SMS too when they have a phone and SMS is configured. Run hourly, so
 * each zone's "tomorrow" is reached soon after its midnight (and bookings made later that day
 * are still caught), each waiting for 09:00 local of the day before. The dedupe key
 * `booking:<id>:reminder:<starts_at>` sends each once, and once more only when the booking moves
 * to another time. The org may turn reminders off. Bookings are read a page per tenant
 * transaction, so a busy day is never loaded at once.
 * @throws validation.failed — batchSize outside 1..1000.
 */
export class SendBookingReminders {
  static readonly contract = contract;

  constructor(private readonly deps: SendBookingRemindersDeps) {}

  async execute(sys: SystemContext, input: SendBookingRemindersInput = {}): Promise<SendBookingRemindersResult> {
    const batchSize = checkInput(contract, input).batchSize ?? DEFAULT_BATCH;
    let bookingsScanned = 0;
    let remindersQueued = 0;
    const { orgsScanned, orgsFailed } = await forEachOrg(this.deps, sys, { action: 'system.booking_reminders' }, async (ctx) => {
      const { email, sms } = this.deps.messaging.channels;
      if (email === null && sms === null) return;
      let plan: { window: TimeWindow; notBefore: Date } | null = null;
      let after: StartKey | null = null;
      for (;;) {
        const page = await this.deps.uow.run(ctx, async (repos) => {
          const settings = await repos.orgSettings.get();
          if (!notificationEnabled(settings, 'booking_reminder')) return null;
          // Fixed at the first page: every page scans the same day.
          const { timeZone } = zoneOf(settings);
          plan ??= { window: tomorrowIn(ctx.now, timeZone), notBefore: reminderNotBefore(ctx.now, timeZone) };
          const visits = await repos.bookings.listStarting({ window: plan.window, statuses: REMINDED_STATUSES, after, limit: batchSize });
          const unit = withSettingsRead(repos, settings);
          let queued = 0;
          for (const visit of visits) queued += await this.remind(unit, ctx, visit, plan.notBefore);
          return { visits, queued };
        });
        if (page === null) return;
        bookingsScanned += page.visits.length;
        remindersQueued += page.queued;
        if (page.visits.length < batchSize) return;
        after = page.visits[page.visits.length - 1]!;
      }
    });
    return { orgsScanned, bookingsScanned, remindersQueued, orgsFailed };
  }

  /** Enqueues one visit's reminders; returns how many were new. */
  private async remind(repos: TenantRepositories, ctx: RequestContext, visit: BookingVisit, notBefore: Date): Promise<number> {
    const deps: MessageDeps = { messaging: this.deps.messaging, ids: this.deps.ids };
    const { client } = visit;
    const message = {
      template: 'booking_reminder',
      notification: 'booking_reminder',
      toName: client.name,
      data: bookingMessageData(visit, client.name, visit.serviceName, visit.address),
      notBefore,
    } as const;
    const key = `booking:${visit.id}:reminder:${visit.startsAt.toISOString()}`;
    let queued = 0;
    // One key per channel: the outbox keeps one event per key.
    const byEmail = await enqueueMessage(deps, repos, ctx, { ...message, channel: 'email', to: client.email, dedupeKey: key });
    if (byEmail.queued && byEmail.created) queued += 1;
    if (client.phone !== null) {
      const bySms = await enqueueMessage(deps, repos, ctx, { ...message, channel: 'sms', to: client.phone, dedupeKey: `${key}:sms` });
      if (bySms.queued && bySms.created) queued += 1;
    }
    return queued;
  }
}
