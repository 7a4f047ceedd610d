/**
 * What a booking change tells the people it concerns, as outbox events the change writes with
 * the booking (`BookingRepository.insert/update` records; a change rolled back sends nothing):
 *  - the client, by email when they have an address: confirmed (made confirmed, or pending →
 *    confirmed), rescheduled (its time moved), cancelled (with the reason);
 *  - each worker put on it (`assigned`), kept on it while its time moved (`changed`) or taken off
 *    it (`unassigned`; cancelling takes everyone off): by SMS when they have a phone and SMS is
 *    configured (and they have not answered STOP), else by email when they have an address.
 * Each is one of the org's notifications (it may turn it off) and carries a dedupe key, so the
 * same change announced twice is sent once.
 *
 * Reads are bounded whatever the booking holds: the org's settings, the client, the service and
 * the workers concerned (one query for all of them), each at most once and only when there is
 * something to say and a channel to say it by; what the caller already read is passed in and
 * not read again.
 */
import type { RequestContext } from '../../context.js';
import type { Client } from '../../domain/clients/client.js';
import { notificationEnabled, type NotificationKind, type OrgSettings } from '../../domain/orgs/org.js';
import type { BookingMessageData } from '../../domain/outbox/message-templates.js';
import type { NewOutboxEvent } from '../../domain/outbox/outbox-event.js';
import { isPlannable, type Booking } from '../../domain/scheduling/booking.js';
import type { Service, Worker } from '../../domain/scheduling/workforce.js';
import { addressLine, type PostalAddress } from '../../domain/shared/address.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { prepareMessage, type MessageDeps } from '../outbox/enqueue-message.js';
import type { Messaging } from '../outbox/messaging.js';

export interface BookingNoticeDeps {
  readonly messaging: Messaging;
  readonly ids: IdGenerator;
}

/** Rows the caller already read in this unit, so they are not read again. */
export interface KnownRows {
  readonly settings?: OrgSettings | null;
  readonly client?: Client;
  readonly service?: Service | null;
  /** Workers by id; those concerned but missing here are read. */
  readonly workers?: ReadonlyMap<string, Worker>;
}

type ClientNotice =
  | { readonly template: 'booking_confirmed' }
  | { readonly template: 'booking_rescheduled'; readonly previousStartsAt: Date }
  | { readonly template: 'booking_cancelled'; readonly reason: string | null };

export type AssignmentChange = 'assigned' | 'changed' | 'unassigned';

interface WorkerNotice {
  readonly workerId: string;
  readonly change: AssignmentChange;
}

const moved = (before: Booking, after: Booking) => before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime();

/** What the client is told about `before` → `after` (before null: just made). */
export function clientNotices(before: Booking | null, after: Booking): ClientNotice[] {
  if (after.status === 'cancelled') return before?.status === 'cancelled' ? [] : [{ template: 'booking_cancelled', reason: after.cancellationReason }];
  const notices: ClientNotice[] = [];
  if (after.status === 'confirmed' && before?.status !== 'confirmed') notices.push({ template: 'booking_confirmed' });
  if (before !== null && isPlannable(after.status) && moved(before, after)) notices.push({ template: 'booking_rescheduled', previousStartsAt: before.startsAt });
  return notices;
}

/** What each worker concerned is told about `before` → `after`, by worker id. */
export function workerNotices(before: Booking | null, after: Booking): WorkerNotice[] {
  const was = new Set(before?.workers.map((w) => w.workerId) ?? []);
  if (after.status === 'cancelled') return before?.status === 'cancelled' ? [] : [...was].map((workerId) => ({ workerId, change: 'unassigned' }));
  // Starting, finishing or a no-show changes nothing for the people on it.
  if (!isPlannable(after.status)) return [];
  const is = new Set(after.workers.map((w) => w.workerId));
  const timeMoved = before !== null && moved(before, after);
  return [
    ...[...is].filter((id) => !was.has(id)).map((workerId) => ({ workerId, change: 'assigned' as const })),
    ...(timeMoved ? [...is].filter((id) => was.has(id)).map((workerId) => ({ workerId, change: 'changed' as const })) : []),
    ...[...was].filter((id) => !is.has(id)).map((workerId) => ({ workerId, change: 'unassigned' as const })),
  ];
}

const CLIENT_KIND: Record<ClientNotice['template'], NotificationKind> = {
  booking_confirmed: 'booking_confirmed',
  booking_rescheduled: 'booking_rescheduled',
  booking_cancelled: 'booking_cancelled',
};

/**
 * `repos` whose org settings are `settings`, already read: enqueueMessage checks each message's
 * toggle against them instead of reading them again per message.
 */
export function withSettingsRead(repos: TenantRepositories, settings: OrgSettings | null): TenantRepositories {
  return { ...repos, orgSettings: { get: async () => settings, update: (s) => repos.orgSettings.update(s) } };
}

/** The data every booking message carries, for one recipient. */
export function bookingMessageData(
  booking: Pick<Booking, 'id' | 'startsAt' | 'endsAt' | 'timeZone'>,
  recipientName: string,
  serviceName: string | null,
  address: PostalAddress | null,
): BookingMessageData {
  return {
    bookingId: booking.id,
    recipientName,
    serviceName,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    timeZone: booking.timeZone,
    address: address === null ? null : addressLine(address),
  };
}

/** The messages `before` → `after` sends to the client and the workers concerned (see the file comment), to write with it. */
export async function bookingChangeMessages(
  deps: BookingNoticeDeps,
  repos: TenantRepositories,
  ctx: RequestContext,
  before: Booking | null,
  after: Booking,
  known: KnownRows = {},
): Promise<NewOutboxEvent[]> {
  const { channels } = deps.messaging;
  const out: NewOutboxEvent[] = [];
  // Nothing is read when no channel could carry what there is to say.
  let forClient = channels.email === null ? [] : clientNotices(before, after);
  let forWorkers = channels.email === null && channels.sms === null ? [] : workerNotices(before, after);
  if (forClient.length === 0 && forWorkers.length === 0) return out;
  const settings = known.settings !== undefined ? known.settings : await repos.orgSettings.get();
  // Turned-off notifications are dropped before reading whom they are for (prepareMessage checks again).
  forClient = forClient.filter((n) => notificationEnabled(settings, CLIENT_KIND[n.template]));
  if (!notificationEnabled(settings, 'worker_assignment')) forWorkers = [];
  if (forClient.length === 0 && forWorkers.length === 0) return out;

  const client = known.client ?? (await repos.clients.findById(after.clientId));
  const address = client?.addresses.find((a) => a.id === after.addressId) ?? null;
  const service = known.service !== undefined ? known.service : after.serviceId === null ? null : await repos.services.findById(after.serviceId);
  const serviceName = service?.name ?? null;
  const unit = withSettingsRead(repos, settings);
  const messageDeps: MessageDeps = { messaging: deps.messaging, ids: deps.ids };
  const send = async (request: Parameters<typeof prepareMessage>[3]) => {
    const prepared = await prepareMessage(messageDeps, unit, ctx, request);
    if (prepared.queued) out.push(prepared.event);
    return prepared;
  };
  const base = `booking:${after.id}`;
  // The change's own instant: each change is announced once (the same unit cannot commit twice),
  // and a later change back and forth (A → B → A → B, off and on again) is announced again.
  const instance = `${after.startsAt.toISOString()}:${after.updatedAt.toISOString()}`;

  if (client != null && client.email !== null) {
    const data = bookingMessageData(after, client.name, serviceName, address);
    const email = { channel: 'email', to: client.email, toName: client.name } as const;
    for (const notice of forClient) {
      if (notice.template === 'booking_confirmed') {
        await send({ ...email, template: 'booking_confirmed', notification: 'booking_confirmed', dedupeKey: `${base}:confirmed`, data });
      } else if (notice.template === 'booking_rescheduled') {
        await send({
          ...email,
          template: 'booking_rescheduled',
          notification: 'booking_rescheduled',
          dedupeKey: `${base}:rescheduled:${instance}`,
          data: { ...data, previousStartsAt: notice.previousStartsAt.toISOString() },
        });
      } else {
        await send({ ...email, template: 'booking_cancelled', notification: 'booking_cancelled', dedupeKey: `${base}:cancelled`, data: { ...data, reason: notice.reason } });
      }
    }
  }

  if (forWorkers.length === 0) return out;
  const wanted = forWorkers.map((n) => n.workerId);
  const workers = new Map(known.workers ?? []);
  const missing = wanted.filter((id) => !workers.has(id));
  if (missing.length > 0) for (const w of await repos.workers.findByIds(missing)) workers.set(w.id, w);
  for (const { workerId, change } of forWorkers) {
    const worker = workers.get(workerId);
    if (worker === undefined) continue;
    await tellWorker(send, worker, change, `${base}:worker:${workerId}:${change}:${instance}`, bookingMessageData(after, worker.name, serviceName, address));
  }
  return out;
}

type Send = (request: Parameters<typeof prepareMessage>[3]) => Promise<{ readonly queued: boolean; readonly reason?: string }>;

/**
 * By SMS when the worker has a phone and SMS can carry it; otherwise (no SMS channel, or the
 * number answered STOP) by email. Nothing when the org turned assignment messages off.
 */
async function tellWorker(send: Send, worker: Worker, change: AssignmentChange, dedupeKey: string, data: BookingMessageData): Promise<void> {
  const message = { template: 'worker_assignment', notification: 'worker_assignment', dedupeKey, toName: worker.name, data: { ...data, change } } as const;
  if (worker.phone !== null) {
    const sms = await send({ ...message, channel: 'sms', to: worker.phone });
    if (sms.queued || sms.reason === 'turned_off') return;
  }
  await send({ ...message, channel: 'email', to: worker.email });
}
