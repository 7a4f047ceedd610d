/**
 * What operators see of a dead outbox event (guide 000 "Outbox delivery + DLQ"): its state and a
 * summary of its payload that is safe to show. A message shows its template and recipient, never
 * its sealed token nor its rendered text; a webhook shows only the host it was sent to and its
 * event type, never its body or the URL's path and query (which may carry a signing secret).
 */
import { Type } from '@sinclair/typebox';
import { InstantView, Int, Nullable, OneOf } from '../../contracts/schema-vocabulary.js';
import { OUTBOX_KINDS, OUTBOX_STATUSES, type OutboxEvent, type OutboxKind, type OutboxStatus } from './outbox-event.js';

/** The queues of `GET /v1/admin/queue/dlq`: `outbox` is every kind but export; `export` is exports. */
export const DEAD_LETTER_QUEUES = ['outbox', 'export'] as const;
export type DeadLetterQueueName = (typeof DEAD_LETTER_QUEUES)[number];

export interface PayloadSummary {
  readonly template: string | null;
  /** The email address or phone number of a message. */
  readonly recipient: string | null;
  readonly urlHost: string | null;
  readonly eventType: string | null;
  readonly exportId: string | null;
}

export interface DeadLetter {
  readonly id: string;
  /** The queue the event sits in (the `kind` filter of the queue route). */
  readonly queue: DeadLetterQueueName;
  readonly kind: OutboxKind;
  readonly dedupeKey: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly nextAttemptAt: Date;
  readonly payloadSummary: PayloadSummary;
}

export const queueOfKind = (kind: OutboxKind): DeadLetterQueueName => (kind === 'export' ? 'export' : 'outbox');

/** The kinds whose dead events sit in `queue`. */
export const kindsOfQueue = (queue: DeadLetterQueueName): readonly OutboxKind[] => OUTBOX_KINDS.filter((k) => queueOfKind(k) === queue);

/** `url`'s host (and port), or null when it does not parse: never its credentials, path or query. */
function hostOf(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

const NO_SUMMARY: PayloadSummary = { template: null, recipient: null, urlHost: null, eventType: null, exportId: null };

export function payloadSummary(event: OutboxEvent): PayloadSummary {
  const p = event.payload;
  switch (p.kind) {
    case 'email':
    case 'sms':
      return { ...NO_SUMMARY, template: p.message.template, recipient: p.message.to };
    case 'webhook':
      return { ...NO_SUMMARY, urlHost: hostOf(p.webhook.url), eventType: p.webhook.eventType };
    case 'export':
      return { ...NO_SUMMARY, exportId: p.export.exportId };
  }
}

/** The operator's view of an event: everything but the payload, which is summarised. */
export function deadLetterOf(event: OutboxEvent): DeadLetter {
  return {
    id: event.id,
    queue: queueOfKind(event.kind),
    kind: event.kind,
    dedupeKey: event.dedupeKey,
    status: event.status,
    attempts: event.attempts,
    lastError: event.lastError,
    createdAt: event.createdAt,
    updatedAt: event.updatedAt,
    nextAttemptAt: event.nextAttemptAt,
    payloadSummary: payloadSummary(event),
  };
}

/** One outbox event as operators see it (JSON). */
export const DeadLetterView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    queue: OneOf(DEAD_LETTER_QUEUES, { description: 'outbox: mail, text messages and webhooks; export: exports' }),
    kind: OneOf(OUTBOX_KINDS, { description: 'What the event delivers' }),
    dedupeKey: Type.String({ description: '<subject>:<id>:<what>, unique per org' }),
    status: OneOf(OUTBOX_STATUSES, { description: 'dead after the last attempt failed or the provider refused it; pending once replayed' }),
    attempts: Type.Integer({ minimum: 0, description: 'Delivery attempts started since the event was queued (0 after a replay)' }),
    lastError: Nullable(Type.String({ description: 'Why the last attempt failed, sanitised: no addresses, numbers, keys or URL queries' })),
    createdAt: InstantView(),
    updatedAt: InstantView(),
    nextAttemptAt: InstantView({ description: 'When a pending event is next due' }),
    payloadSummary: Type.Object(
      {
        template: Nullable(Type.String({ description: 'Mail and text messages: the template' })),
        recipient: Nullable(Type.String({ description: 'Mail and text messages: the address or number' })),
        urlHost: Nullable(Type.String({ description: 'Webhooks: the host the event is posted to (no path or query)' })),
        eventType: Nullable(Type.String({ description: 'Webhooks: the event type' })),
        exportId: Nullable(Type.String({ description: 'Exports: the export' })),
      },
      { additionalProperties: false, description: 'What the event carries, without its content: never a token, a message body or a webhook body' },
    ),
  },
  { additionalProperties: false, $id: 'DeadLetter' },
);

export const DEFAULT_DEAD_LETTER_PAGE = 50;
export const MAX_DEAD_LETTER_PAGE = 200;
/** OFFSET reads and drops the rows it skips: a bound keeps one request from scanning without end. */
export const MAX_DEAD_LETTER_OFFSET = 100_000;

/** The page window of the dead-letter lists (offset paging, as the guide's queue route takes). */
export const DeadLetterPageFields = {
  limit: Type.Optional(Int(1, MAX_DEAD_LETTER_PAGE, { description: `Page size (default ${DEFAULT_DEAD_LETTER_PAGE})` })),
  offset: Type.Optional(Int(0, MAX_DEAD_LETTER_OFFSET, { description: 'Rows to skip (default 0)' })),
};

/** What a page of dead letters says besides its items. */
export const DeadLetterPageInfo = {
  total: Type.Integer({ minimum: 0, description: 'Events that match the filter, on every page' }),
  limit: Type.Integer({ minimum: 1 }),
  offset: Type.Integer({ minimum: 0 }),
};

export interface DeadLetterPage {
  readonly items: readonly DeadLetter[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}
