/**
 * The continuous side of `outbox-delivery`: every job host delivers due events as soon as they
 * are due instead of waiting for the next cron run. It drains what is due, then waits for the
 * database's notification of a new event (LISTEN on the server, so an idle system delivers in
 * well under a second) or the poll interval (retries falling due send no notification; the
 * embedded database does not notify at all). Several hosts run their pumps side by side: claims
 * use FOR UPDATE SKIP LOCKED, so they share the work without ever sending one event twice at
 * once. A failure (database gone, connection terminated) is logged and retried after a pause; the
 * pump never stops on its own.
 */
import { systemActor, type OutboxDeliveryStore, type SystemContext } from '@cws/core';
import type { Logger, Runtime } from '@cws/composition';

export interface OutboxPumpOptions {
  readonly logger: Logger;
  /** Longest wait between rounds without a notification. */
  readonly pollMs: number;
  /** Pause after a failed round. */
  readonly errorPauseMs?: number;
}

export interface OutboxPump {
  /** Rounds run (drain + wait), for tests and diagnostics. */
  readonly rounds: () => number;
  stop(): Promise<void>;
}

/** The server notifies; the embedded database and memory are polled. */
export function defaultPollMs(runtime: Runtime): number {
  return runtime.storage === 'server' ? 5_000 : 1_000;
}

export function startOutboxPump(runtime: Runtime, store: OutboxDeliveryStore, options: OutboxPumpOptions): OutboxPump {
  const abort = new AbortController();
  const errorPauseMs = options.errorPauseMs ?? 1_000;
  let rounds = 0;
  const sys = (): SystemContext => ({
    actor: systemActor('job:outbox-delivery'),
    requestId: `outbox-pump-${process.pid}-${rounds}`,
    now: runtime.clock.now(),
    reason: 'outbox-delivery: deliver due messages of every org',
  });
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  const loop = (async () => {
    while (!abort.signal.aborted) {
      rounds += 1;
      try {
        const summary = await runtime.core.outbox.deliver.execute(sys());
        if (summary.claimed > 0) options.logger.debug({ job: 'outbox-delivery', ...summary }, 'outbox delivered');
        // Something was due: look again at once (the run may have stopped at its round limit);
        // only an empty round waits.
        if (summary.claimed > 0) continue;
        await store.waitForEvents(options.pollMs, abort.signal);
      } catch (err) {
        if (abort.signal.aborted) break;
        options.logger.warn({ job: 'outbox-delivery', err: err instanceof Error ? err.message : String(err) }, 'outbox delivery round failed; retrying');
        await pause(errorPauseMs);
      }
    }
  })();
  return {
    rounds: () => rounds,
    async stop() {
      abort.abort();
      await loop;
    },
  };
}
