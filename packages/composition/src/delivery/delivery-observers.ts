/**
 * The deliverer reports each outcome here; hosts subscribe their metrics (the composition root
 * cannot import prom-client, and the runtime exists before a host's registry does).
 */
import type { OutboxKind, OutboxObserver } from '@cws/core';

export class DeliveryObservers implements OutboxObserver {
  private readonly observers = new Set<OutboxObserver>();

  subscribe(observer: OutboxObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  delivered(kind: OutboxKind, result: 'sent' | 'retry' | 'dead', latencySeconds: number | null, sendSeconds: number): void {
    for (const observer of this.observers) observer.delivered(kind, result, latencySeconds, sendSeconds);
  }
}
