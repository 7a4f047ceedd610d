/** Dead letters → JSON: the event's state and its payload summary, never the payload itself. */
import type { DeadLetter, DeadLetterPage, DeadLetterQueue } from '@cws/core';

export function deadLetterJson(d: DeadLetter) {
  const s = d.payloadSummary;
  return {
    id: d.id,
    queue: d.queue,
    kind: d.kind,
    dedupe_key: d.dedupeKey,
    status: d.status,
    attempts: d.attempts,
    last_error: d.lastError,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
    next_attempt_at: d.nextAttemptAt.toISOString(),
    payload_summary: { template: s.template, recipient: s.recipient, url_host: s.urlHost, event_type: s.eventType, export_id: s.exportId },
  };
}

export function deadLetterPageJson(page: DeadLetterPage) {
  return { items: page.items.map(deadLetterJson), total: page.total, limit: page.limit, offset: page.offset };
}

export function deadLetterQueueJson(queue: DeadLetterQueue) {
  return { outbox_dead_count: queue.outboxDeadCount, export_dead_count: queue.exportDeadCount, ...deadLetterPageJson(queue) };
}
