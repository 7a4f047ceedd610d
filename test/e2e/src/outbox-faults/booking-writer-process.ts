/**
 * A test-only writer process for fault test F4: it books confirmed visits for one client in a
 * loop through the core (each a booking row and its booking_confirmed outbox row in one unit of
 * work), and holds every unit open after its work, just before COMMIT, for FAULT_PAUSE_MS — the
 * window between write and commit that the test kills it in. It prints one JSON line per step:
 * `{"phase":"precommit","unit":n}` when a unit's rows are written and not yet committed,
 * `{"phase":"committed","booking":id}` once the use case has returned.
 * Env: the fault environment (DATABASE_URL, EMAIL_MODE…), FAULT_ORG_ID, FAULT_CLIENT_ID,
 * FAULT_PAUSE_MS, FAULT_FIRST_HOUR (where this run's bookings start, in hours after tomorrow).
 */
import { randomUUID } from 'node:crypto';
import { createRuntime, loadConfig } from '@cws/composition';
import type { RequestContext, UnitOfWork } from '@cws/core';

const HOUR = 3_600_000;
const need = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
};
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

const orgId = need('FAULT_ORG_ID');
const clientId = need('FAULT_CLIENT_ID');
const pauseMs = Number(need('FAULT_PAUSE_MS'));
const firstHour = Number(need('FAULT_FIRST_HOUR'));

const runtime = await createRuntime(loadConfig(process.env, { dotenvPath: null }));
// The core holds this very object: replacing its `run` puts the pause inside every unit it runs.
const uow = runtime.ports.uow as { run: UnitOfWork['run'] };
const run = uow.run.bind(uow);
let units = 0;
uow.run = (ctx, work) =>
  run(ctx, async (repos) => {
    const result = await work(repos);
    print({ phase: 'precommit', unit: ++units });
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    return result;
  });

const now = new Date();
const tomorrow = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
print({ phase: 'ready' });
for (let i = 0; ; i++) {
  const ctx: RequestContext = { orgId, actor: { kind: 'staff', id: 'faults-writer', role: 'owner' }, requestId: `faults-${randomUUID()}`, now: new Date() };
  const start = tomorrow + (firstHour + i * 3) * HOUR;
  const { booking } = await runtime.core.bookings.create.execute(ctx, {
    clientId,
    start: new Date(start).toISOString(),
    end: new Date(start + 2 * HOUR).toISOString(),
    status: 'confirmed',
  });
  print({ phase: 'committed', booking: booking.id });
}
