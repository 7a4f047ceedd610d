/**
 * Outbox metrics (issue 10; ops/prometheus/alerts.yml reads them):
 *   outbox_events{kind,status}                 gauge, events by kind and status across orgs (the backlog; dead = DLQ)
 *   outbox_oldest_event_age_seconds{kind,status} gauge, age of the oldest of them
 *   outbox_delivery_latency_seconds{kind}      histogram, enqueue → sent
 *   outbox_send_duration_seconds{kind}         histogram, the provider call
 *   outbox_delivery_attempts_total{kind,result} counter, result sent | retry | dead
 *   outbox_dead_total{kind}                     counter, events this process moved to dead
 *   circuit_breaker_state{breaker}              gauge, 0 closed, 1 half-open, 2 open
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { OutboxDeliveryStore, OutboxObserver } from '@cws/core';

export interface BreakerSource {
  statuses(): ReadonlyArray<{ readonly name: string; readonly level: number }>;
}

export function registerOutboxMetrics(registry: Registry, store: OutboxDeliveryStore | null, breakers: BreakerSource, now: () => Date): OutboxObserver {
  if (store !== null) {
    const oldest = new Gauge({ name: 'outbox_oldest_event_age_seconds', help: 'Age of the oldest outbox event by kind and status', labelNames: ['kind', 'status'], registers: [registry] });
    new Gauge({
      name: 'outbox_events',
      help: 'Outbox events by kind and status across orgs (status dead is the dead-letter queue)',
      labelNames: ['kind', 'status'],
      registers: [registry],
      async collect() {
        // One scan per scrape for both gauges; a failed read leaves the last values (and /readyz says why).
        const rows = await store.backlog().catch(() => null);
        if (rows === null) return;
        this.reset();
        oldest.reset();
        for (const row of rows) {
          this.set({ kind: row.kind, status: row.status }, row.count);
          if (row.oldestCreatedAt !== null) oldest.set({ kind: row.kind, status: row.status }, Math.max(0, (now().getTime() - row.oldestCreatedAt.getTime()) / 1000));
        }
      },
    });
  }
  new Gauge({
    name: 'circuit_breaker_state',
    help: 'Circuit breaker of each provider: 0 closed, 1 half-open, 2 open',
    labelNames: ['breaker'],
    registers: [registry],
    collect() {
      for (const status of breakers.statuses()) this.set({ breaker: status.name }, status.level);
    },
  });
  const latency = new Histogram({
    name: 'outbox_delivery_latency_seconds',
    help: 'Time from enqueue to delivery of outbox events',
    labelNames: ['kind'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 3600, 86_400],
    registers: [registry],
  });
  const sendDuration = new Histogram({
    name: 'outbox_send_duration_seconds',
    help: 'Duration of the provider call per delivery attempt',
    labelNames: ['kind'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
    registers: [registry],
  });
  const attempts = new Counter({ name: 'outbox_delivery_attempts_total', help: 'Delivery attempts of outbox events by result', labelNames: ['kind', 'result'], registers: [registry] });
  const dead = new Counter({ name: 'outbox_dead_total', help: 'Outbox events moved to dead by this process', labelNames: ['kind'], registers: [registry] });
  return {
    delivered(kind, result, latencySeconds, sendSeconds) {
      attempts.inc({ kind, result });
      sendDuration.observe({ kind }, sendSeconds);
      if (latencySeconds !== null) latency.observe({ kind }, latencySeconds);
      if (result === 'dead') dead.inc({ kind });
    },
  };
}
