/**
 * PB5C's child process: creates bookings through ONE checkout's own code. Forked by
 * booking-create-baseline.bench.ts once per checkout, with that checkout's root as argv[2] and its
 * database in DATABASE_URL (plus the host's other settings).
 *
 * Self-contained on purpose: it imports nothing but Node's own modules, and loads the checkout's
 * packages (`@cws/migrations`, `@cws/adapter-postgres`, `@cws/composition`) by resolving them from
 * that checkout's root (node runs with --conditions=@cws/source, so they resolve to its sources).
 * So the same file drives the current tree and an older commit's tree alike, using only the API
 * both have: createKnex + migrateLatest, loadConfig + createRuntime, core.orgs.create,
 * core.clients.create, core.bookings.create, runtime.close.
 *
 * Messages (process IPC): → { type: 'ready', orgId, clientId } once migrated and seeded with an org
 * and a client; ← { type: 'seeded', workerIds, base, days } (the parent writes the rows);
 * ← { type: 'run', from, count, callers } → { type: 'done', ms, cpuMs, count };
 * ← { type: 'close' } → exits; any failure → { type: 'error', message } and exit code 1.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.argv[2];
if (root === undefined) throw new Error('usage: booking-create-child.ts <checkout root>');
const requireFromCheckout = createRequire(join(root, 'package.json'));
// Another checkout's modules: their types are not this tree's to check, so they stay untyped.
const load = async (name: string): Promise<any> => import(pathToFileURL(requireFromCheckout.resolve(name)).href);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SLOTS = [8, 10, 12, 14, 16];

interface Seeded {
  readonly workerIds: readonly string[];
  readonly base: number;
  readonly days: number;
}

type Message = { type: 'seeded'; workerIds: string[]; base: number; days: number } | { type: 'run'; from: number; count: number; callers: number } | { type: 'close' };

const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

async function main(): Promise<void> {
  const url = process.env['DATABASE_URL'];
  if (url === undefined) throw new Error('DATABASE_URL is not set');
  const { migrateLatest } = await load('@cws/migrations');
  const { createKnex } = await load('@cws/adapter-postgres');
  const knex = createKnex({ connectionString: url, poolMax: 1, statementTimeoutMs: 0, applicationName: 'cws-bench-pb5c-migrate' });
  try {
    await migrateLatest(knex);
  } finally {
    await knex.destroy();
  }
  const { loadConfig, createRuntime } = await load('@cws/composition');
  const runtime = await createRuntime(loadConfig(process.env, { dotenvPath: null }));
  const orgId = randomUUID();
  const admin = () => ({ orgId, actor: { kind: 'staff', id: 'basic:bench-admin', role: 'admin' }, requestId: `bench-${randomUUID()}`, now: new Date() });
  await runtime.core.orgs.create.execute(
    { actor: { kind: 'system', id: 'bench', role: null }, requestId: `bench-${randomUUID()}`, now: new Date(), reason: 'PB5C benchmark org' },
    { id: orgId, name: `Bench PB5C ${orgId.slice(0, 8)}`, slug: `bench-pb5c-${orgId.slice(0, 8)}` },
  );
  const client = await runtime.core.clients.create.execute(admin(), { name: 'Bench client' });

  let seeded: Seeded | null = null;
  // The n-th booking: worker n mod W, on the days after the seeded ones, one slot each (never overlaps).
  const create = async (n: number) => {
    const s = seeded!;
    const round = Math.floor(n / s.workerIds.length);
    const day = s.days + 1 + Math.floor(round / SLOTS.length);
    const start = new Date(s.base + day * DAY + SLOTS[round % SLOTS.length]! * HOUR);
    await runtime.core.bookings.create.execute(admin(), {
      clientId: client.id,
      start: start.toISOString(),
      end: new Date(start.getTime() + 2 * HOUR).toISOString(),
      status: 'confirmed',
      workerIds: [s.workerIds[n % s.workerIds.length]!],
      notes: 'PB5C',
    });
  };

  process.on('message', (message: Message) => {
    void (async () => {
      try {
        if (message.type === 'seeded') {
          seeded = { workerIds: message.workerIds, base: message.base, days: message.days };
        } else if (message.type === 'run') {
          const cpu0 = process.cpuUsage();
          const t0 = process.hrtime.bigint();
          let next = message.from;
          const end = message.from + message.count;
          await Promise.all(
            Array.from({ length: message.callers }, async () => {
              while (next < end) await create(next++);
            }),
          );
          const ms = Number(process.hrtime.bigint() - t0) / 1e6;
          const cpu = process.cpuUsage(cpu0);
          await send({ type: 'done', ms, cpuMs: (cpu.user + cpu.system) / 1000, count: message.count });
        } else if (message.type === 'close') {
          await runtime.close();
          process.exit(0);
        }
      } catch (err) {
        await send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        process.exit(1);
      }
    })();
  });
  await send({ type: 'ready', orgId, clientId: client.id });
}

main().catch(async (err: unknown) => {
  await send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});
