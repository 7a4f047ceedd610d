/**
 * Issue 12 item 4: how many statements a booking create, reschedule and assignment change send
 * to PostgreSQL on the success path, and that none reads a table's rows twice.
 *
 * What is counted: every message sent on the unit's pooled connection after the tenant BEGIN
 * message and before its COMMIT (so BEGIN, the RLS prelude that rides with it, and COMMIT are
 * not counted; SAVEPOINT and RELEASE are). Messages on other connections are not counted (the
 * SMS opt-out lookup, which is not part of the tenant transaction, is left out of this core). The recorded statements
 * are the SQL text knex sends, with its bindings.
 *
 * "Read twice": no two statements are the same text with the same bindings, and each table is
 * read (named after FROM or JOIN, not as the target of DELETE FROM) by at most one statement of
 * the unit. The scenarios take the costly branches: an Idempotency-Key, a service, a team with
 * members plus a named worker, the client mailed and every worker texted (outbox rows).
 */
import { expect } from 'chai';
import { createCore, type Core, type Mailer, type RateLimiter, type RequestContext, type SmsSender } from '@cws/core';
import { createPostgresAdapters, type Knex } from '@cws/adapter-postgres';
import { createOrg } from '@cws/contract-tests';
import { availableTestDatabases } from '@cws/test-support';

const MAX_STATEMENTS = 6;

const TABLES = [
  'workers',
  'teams',
  'clients',
  'client_addresses',
  'services',
  'org_settings',
  'blackouts',
  'bookings',
  'booking_workers',
  'booking_team_blocks',
  'idempotency_keys',
  'outbox_events',
  'admin_audit_logs',
];

const allowAll: RateLimiter = {
  hit: async () => ({ allowed: true, remaining: 1, retryAfterSeconds: 0 }),
  peek: async () => ({ allowed: true, remaining: 1, retryAfterSeconds: 0 }),
  reset: async () => {},
  refund: async () => {},
};
const notDelivered = (): never => {
  throw new Error('nothing is delivered here');
};
const EMAIL: Mailer = { provider: 'count', send: async () => notDelivered() };
const SMS: SmsSender = { provider: 'count', send: async () => notDelivered() };

interface Sent {
  readonly sql: string;
  readonly bindings: readonly unknown[];
}

interface RawConnection {
  query(...args: unknown[]): unknown;
  __countedBy?: Recorder;
}

/** Records what each unit sends between its BEGIN message and COMMIT, per connection. */
class Recorder {
  /** Statements of each finished unit, in order. */
  readonly units: Sent[][] = [];
  private readonly open = new Map<RawConnection, Sent[]>();
  private stopped = false;

  /** Records nothing more (the connections stay patched: they belong to the shared pool). */
  stop(): void {
    this.stopped = true;
    this.open.clear();
  }

  watch(connection: RawConnection): void {
    if (connection.__countedBy === this) return;
    connection.__countedBy = this;
    const original = connection.query.bind(connection);
    connection.query = (...args: unknown[]) => {
      this.seen(connection, args[0]);
      return original(...args);
    };
  }

  private seen(connection: RawConnection, message: unknown): void {
    if (this.stopped) return;
    const sql = typeof message === 'string' ? message : String((message as { text?: string }).text ?? '');
    const bindings = typeof message === 'string' ? [] : (((message as { values?: unknown[] }).values ?? []) as unknown[]);
    if (/^\s*BEGIN\b/i.test(sql)) {
      this.open.set(connection, []);
      return;
    }
    const unit = this.open.get(connection);
    if (unit === undefined) return;
    if (/^\s*(COMMIT|ROLLBACK)\s*$/i.test(sql)) {
      this.open.delete(connection);
      this.units.push(unit);
      return;
    }
    unit.push({ sql, bindings });
  }

  /** The statements of the units `work` ran (it must run exactly one). */
  async one(work: () => Promise<unknown>): Promise<Sent[]> {
    const before = this.units.length;
    await work();
    expect(this.units.length - before, 'units run').to.equal(1);
    return this.units[before]!;
  }
}

/** Tables a statement reads (after FROM or JOIN; DELETE FROM is a write). */
function tablesRead(sql: string): string[] {
  const found = new Set<string>();
  for (const m of sql.matchAll(/(DELETE\s+)?\b(?:FROM|JOIN)\s+"?([a-z_]+)"?/gi)) {
    if (m[1] === undefined && TABLES.includes(m[2]!.toLowerCase())) found.add(m[2]!.toLowerCase());
  }
  return [...found];
}

function describeStatements(sent: readonly Sent[]): string {
  return sent.map((s, i) => `${i + 1}. ${s.sql.replace(/\s+/g, ' ').slice(0, 160)}`).join('\n');
}

/** No statement repeated, no table read by two statements. */
function expectNoRowReadTwice(sent: readonly Sent[]): void {
  const keys = sent.map((s) => `${s.sql}\u0000${JSON.stringify(s.bindings)}`);
  expect(new Set(keys).size, `a statement sent twice:\n${describeStatements(sent)}`).to.equal(keys.length);
  const readers = new Map<string, number[]>();
  sent.forEach((s, i) => {
    for (const table of tablesRead(s.sql)) readers.set(table, [...(readers.get(table) ?? []), i + 1]);
  });
  const twice = [...readers].filter(([, at]) => at.length > 1).map(([table, at]) => `${table} in statements ${at.join(', ')}`);
  expect(twice, `tables read by more than one statement:\n${describeStatements(sent)}`).to.deep.equal([]);
}

for (const kind of availableTestDatabases()) {
  describe(`booking writes: statements per unit on PostgreSQL (${kind.kind === 'embedded' ? 'PGlite' : 'server'})`, function () {
    let knex: Knex;
    let core: Core;
    let recorder: Recorder;

    let restore: () => void = () => {};

    before(async function () {
      if (kind.skipReason !== null) this.skip();
      const db = await kind.open();
      // The shared app pool (PGlite serves one connection at a time), watched while this suite runs.
      knex = db.knex;
      recorder = new Recorder();
      const pool = knex.client as { acquireConnection(): Promise<RawConnection> };
      const acquire = pool.acquireConnection;
      pool.acquireConnection = async function (this: unknown) {
        const connection = await acquire.call(pool);
        recorder.watch(connection);
        return connection;
      };
      restore = () => {
        pool.acquireConnection = acquire;
        recorder.stop();
      };
      // As the contract suites build it: no delivery listener or opt-out store (each would want a
      // second connection, which PGlite does not have); the SMS opt-out read is not in the unit anyway.
      const h = createPostgresAdapters(knex);
      core = createCore({ uow: h.uow, orgs: h.orgs, systemAudit: h.systemAudit, jobMonitor: h.jobMonitor, userAccounts: h.userAccounts, rateLimiter: allowAll, channels: { email: EMAIL, sms: SMS } });
    });

    after(() => restore());

    /** An org with a client (email, address), a service, a team of two and two more workers, all with phones. */
    async function world() {
      const adapters = createPostgresAdapters(knex);
      const { ctx } = await createOrg({ ...adapters, dispose: async () => {} }, { timeZone: 'Europe/London' });
      const client = await core.clients.create.execute(ctx, { name: 'Ada', email: 'ada@example.com', addresses: [{ line1: '1 Main St', city: 'Leeds' }] });
      const service = await core.workforce.createService.execute(ctx, { name: 'Deep clean', durationMinutes: 120, priceMinor: 9000 });
      const team = await core.workforce.createTeam.execute(ctx, { name: 'Blue' });
      const ana = await core.workforce.createWorker.execute(ctx, { name: 'Ana', teamId: team.id, phone: '+15550100001' });
      const ben = await core.workforce.createWorker.execute(ctx, { name: 'Ben', teamId: team.id, phone: '+15550100002' });
      const cy = await core.workforce.createWorker.execute(ctx, { name: 'Cy', phone: '+15550100003' });
      const dee = await core.workforce.createWorker.execute(ctx, { name: 'Dee', phone: '+15550100004' });
      return { ctx: ctx as RequestContext, client, service, team, ana, ben, cy, dee };
    }

    it(`creates a booking (key, service, team and a named worker, confirmed) in at most ${MAX_STATEMENTS} statements, no table read twice`, async () => {
      const w = await world();
      const sent = await recorder.one(() =>
        core.bookings.create.execute(w.ctx, {
          clientId: w.client.id,
          serviceId: w.service.id,
          start: '2026-06-01T09:00:00Z',
          teamId: w.team.id,
          workerIds: [w.cy.id],
          status: 'confirmed',
          idempotencyKey: 'count-create-1',
        }),
      );
      // Not vacuous: the booking, its audit row and its messages were written.
      expect(sent.some((s) => /admin_audit_logs/.test(s.sql))).to.equal(true);
      expect(sent.some((s) => /outbox_events/.test(s.sql))).to.equal(true);
      expect(sent.length, describeStatements(sent)).to.be.at.most(MAX_STATEMENTS);
      expectNoRowReadTwice(sent);
    });

    it(`creates a booking of one named worker without a key in at most ${MAX_STATEMENTS} statements, no table read twice`, async () => {
      const w = await world();
      const sent = await recorder.one(() =>
        core.bookings.create.execute(w.ctx, { clientId: w.client.id, start: '2026-06-01T09:00:00Z', end: '2026-06-01T11:00:00Z', workerIds: [w.cy.id] }),
      );
      expect(sent.length, describeStatements(sent)).to.be.at.most(MAX_STATEMENTS);
      expectNoRowReadTwice(sent);
    });

    it(`reschedules a booking of a team and a named worker in at most ${MAX_STATEMENTS} statements, no table read twice`, async () => {
      const w = await world();
      const { booking } = await core.bookings.create.execute(w.ctx, {
        clientId: w.client.id,
        serviceId: w.service.id,
        start: '2026-06-01T09:00:00Z',
        teamId: w.team.id,
        workerIds: [w.cy.id],
        status: 'confirmed',
      });
      const sent = await recorder.one(() => core.bookings.reschedule.execute(w.ctx, { id: booking.id, start: '2026-06-02T13:00:00Z' }));
      expect(sent.filter((s) => /outbox_events/.test(s.sql)).length, 'the client and the workers are told').to.be.greaterThan(0);
      expect(sent.length, describeStatements(sent)).to.be.at.most(MAX_STATEMENTS);
      expectNoRowReadTwice(sent);
    });

    for (const mode of ['add', 'replace'] as const) {
      it(`changes the assignment (${mode}) in at most ${MAX_STATEMENTS} statements, no table read twice`, async () => {
        const w = await world();
        const { booking } = await core.bookings.create.execute(w.ctx, {
          clientId: w.client.id,
          start: '2026-06-01T09:00:00Z',
          end: '2026-06-01T11:00:00Z',
          workerIds: [w.cy.id],
          status: 'confirmed',
        });
        const sent = await recorder.one(() =>
          core.bookings.changeAssignment.execute(
            w.ctx,
            mode === 'add' ? { id: booking.id, mode, workerIds: [w.dee.id] } : { id: booking.id, mode, teamId: w.team.id, workerIds: [w.dee.id] },
          ),
        );
        expect(sent.length, describeStatements(sent)).to.be.at.most(MAX_STATEMENTS);
        expectNoRowReadTwice(sent);
      });
    }
  });
}
