/**
 * Fixtures of the outbox fault tests: a runtime of this process on a scratch database, orgs,
 * and email events enqueued through the tenant outbox repository in units of work, as a use case
 * writes them (no secret in them: every process may open or not open them alike), and what the
 * table and the sink hold afterwards.
 */
import { randomUUID } from 'node:crypto';
import { createRuntime, loadConfig, type ContainerOptions, type Runtime } from '@cws/composition';
import { systemActor, type OutboxPayload, type RequestContext, type SystemContext } from '@cws/core';
import type { Knex } from '@cws/adapter-postgres';
import type { FakeSendGridServer } from '@cws/test-support';

export function openRuntime(env: Record<string, string>, options: ContainerOptions = {}): Promise<Runtime> {
  return createRuntime(loadConfig(env, { dotenvPath: null }), options);
}

export function systemContext(runtime: Runtime, purpose: string): SystemContext {
  return { actor: systemActor('job:outbox-delivery'), requestId: `faults-${randomUUID()}`, now: runtime.clock.now(), reason: purpose };
}

export async function createOrgs(runtime: Runtime, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const suffix = randomUUID().slice(0, 8);
    const { org } = await runtime.core.orgs.create.execute(systemContext(runtime, 'outbox fault test org'), { name: `Faults ${suffix}`, slug: `faults-${suffix}` });
    ids.push(org.id);
  }
  return ids;
}

export function bookingMail(to: string): OutboxPayload {
  return {
    kind: 'email',
    message: {
      template: 'booking_confirmed',
      to,
      toName: 'Ada',
      data: {
        bookingId: randomUUID(),
        recipientName: 'Ada',
        serviceName: 'Deep clean',
        startsAt: '2030-05-04T09:00:00.000Z',
        endsAt: '2030-05-04T12:00:00.000Z',
        timeZone: 'Europe/London',
        address: '12 Analytical St',
      } as never,
      sealedSecret: null,
    },
  };
}

export interface SeededEvent {
  readonly id: string;
  readonly orgId: string;
  readonly to: string;
}

/** Units of this many events: one commit (and one notification) each. */
const EVENTS_PER_UNIT = 100;

/**
 * `total` events spread round-robin over `orgIds`, created (and due) at the runtime's clock; the
 * i-th goes to `recipient(i)`. Each org's units run one after another, the orgs side by side.
 */
export async function enqueueEmails(runtime: Runtime, orgIds: readonly string[], total: number, recipient: (i: number) => string = (i) => `client-${i}@faults.example.com`): Promise<SeededEvent[]> {
  const events: SeededEvent[] = Array.from({ length: total }, (_, i) => ({ id: randomUUID(), orgId: orgIds[i % orgIds.length]!, to: recipient(i) }));
  await Promise.all(
    orgIds.map(async (orgId) => {
      const mine = events.filter((e) => e.orgId === orgId);
      for (let from = 0; from < mine.length; from += EVENTS_PER_UNIT) {
        const now = runtime.clock.now();
        const ctx: RequestContext = { orgId, actor: { kind: 'system', id: 'faults-seed', role: null }, requestId: `seed-${randomUUID()}`, now };
        await runtime.ports.uow.run(ctx, async (repos) => {
          for (const e of mine.slice(from, from + EVENTS_PER_UNIT)) {
            await repos.outbox.enqueue({ id: e.id, orgId, dedupeKey: `faults:${e.id}:mail`, payload: bookingMail(e.to), createdAt: now });
          }
        });
      }
    }),
  );
  return events;
}

export interface StoredEvent {
  readonly id: string;
  readonly status: 'pending' | 'sending' | 'sent' | 'dead';
  readonly attempts: number;
  readonly next_attempt_at: Date;
  readonly last_error: string | null;
}

/** The rows of `ids`, by id (the owner's connection reads every org). */
export async function storedEvents(owner: Knex, ids: readonly string[]): Promise<Map<string, StoredEvent>> {
  const { rows } = await owner.raw('SELECT id, status, attempts, next_attempt_at, last_error FROM outbox_events WHERE id = ANY (?::uuid[])', [`{${ids.join(',')}}`]);
  return new Map((rows as StoredEvent[]).map((r) => [r.id, r]));
}

/** How many of `ids` are in each status. */
export async function statusCounts(owner: Knex, ids: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const row of (await storedEvents(owner, ids)).values()) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}

/** Polls until `done` holds, failing with `describe()` after `timeoutMs`. */
export async function waitUntil(done: () => Promise<boolean> | boolean, timeoutMs: number, describe: () => Promise<string> | string, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** What the fake SendGrid accepted, by outbox event id (the id every send carries). */
export function receivedIds(sink: FakeSendGridServer): { all: string[]; distinct: Set<string> } {
  const all = sink.received.map((r) => r.body.custom_args?.['outbox_event_id'] ?? '(none)');
  return { all, distinct: new Set(all) };
}
