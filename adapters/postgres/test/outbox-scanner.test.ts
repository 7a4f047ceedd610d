/**
 * The outbox's database side seen directly, on PGlite and the server (migration 0013, ADR 20):
 *  - the scanner functions answer in the system scope only, and the scanner role reads routing
 *    columns, never a payload; the app can neither become it nor read payloads outside a tenant
 *    transaction;
 *  - outbox_events and email_events keep to their org, sms_opt_outs to the system scope;
 *  - the claim's plan walks the due index; the listener survives a terminated backend.
 * The policy mutation check (tools/rls-mutation-check.ts) runs this suite: relaxing any of the
 * outbox's policies must fail a test here.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createOrg, type StorageHarness } from '@cws/contract-tests';
import { OUTBOX_CHANNEL, PostgresOutboxDeliveryStore, createPostgresAdapters, inTenantTransaction, type TenantDb } from '@cws/adapter-postgres';
import { OUTBOX_CHANNEL as MIGRATION_CHANNEL, OUTBOX_SCANNER_ROLE } from '@cws/migrations';
import { availableTestDatabases, failureCode, type TestDatabase } from '@cws/test-support';
import type { NewOutboxEvent, RequestContext } from '@cws/core';
import { CLAIM_SQL } from '../src/postgres-outbox-delivery-store.js';

const count = async (tx: { raw: TenantDb['raw'] }, sql: string, bindings: string[] = []) => (await tx.raw(`SELECT count(*)::int AS n FROM (${sql}) q`, bindings)).rows[0].n as number;

function anEvent(orgId: string, at: Date): NewOutboxEvent {
  return {
    id: randomUUID(),
    orgId,
    dedupeKey: `probe:${randomUUID()}`,
    payload: { kind: 'webhook', webhook: { url: 'https://hooks.example.com/x', eventType: 'probe', body: { secret: 'payload-only' } } },
    createdAt: at,
    notBefore: at,
  };
}

describe('the outbox channel', () => {
  it('is the one migration 0013 notifies (the adapter repeats the name: it may not import migrations)', () => {
    expect(OUTBOX_CHANNEL).to.equal(MIGRATION_CHANNEL);
  });
});

for (const kind of availableTestDatabases()) {
  describe(`the outbox in the database (${kind.kind === 'embedded' ? 'PGlite' : 'PostgreSQL server'})`, function () {
    if (kind.skipReason !== null) {
      it(`is skipped: ${kind.skipReason}`, function () {
        this.skip();
      });
      return;
    }
    let db: TestDatabase;
    let h: StorageHarness;
    let a: RequestContext;
    let b: RequestContext;
    let eventOfA: NewOutboxEvent;
    /** Far in the past, so A's event is due, and most overdue, whatever else the database holds. */
    const dueAt = new Date('1971-01-01T00:00:00.000Z');
    const now = new Date('1971-01-01T00:00:10.000Z');

    before(async () => {
      db = await kind.open();
      const adapters = createPostgresAdapters(db.knex);
      h = { ...adapters, dispose: () => adapters.outboxDelivery.close() };
      a = (await createOrg(h)).ctx;
      b = (await createOrg(h)).ctx;
      eventOfA = anEvent(a.orgId, dueAt);
      await h.uow.run(a, (r) => r.outbox.enqueue(eventOfA));
    });
    after(async () => h.dispose());

    const inOrg = <T>(ctx: RequestContext, work: (tx: TenantDb) => Promise<T>) => inTenantTransaction(db.knex, ctx.orgId, work);

    it('answers the scanner functions in the system scope only: inside any tenant transaction they return nothing', async () => {
      const dueOrgs = (tx: { raw: TenantDb['raw'] }) => count(tx, `SELECT * FROM cws_outbox_due_orgs(?, '{webhook}', 100000)`, [now.toISOString()]);
      const backlog = (tx: { raw: TenantDb['raw'] }) => count(tx, 'SELECT * FROM cws_outbox_backlog()');
      // Not vacuous: the system scope finds A's due event.
      expect(await h.outboxDelivery.dueOrgs(now, ['webhook'], 100_000)).to.include(a.orgId);
      expect(await backlog(db.knex)).to.be.above(0);
      for (const ctx of [a, b]) {
        expect(await inOrg(ctx, async (tx) => [await dueOrgs(tx), await backlog(tx)]), ctx === a ? 'in A' : 'in B').to.deep.equal([0, 0]);
      }
    });

    it('shows the login role no outbox row outside a tenant transaction, and lets it neither become the scanner nor call it with another role', async () => {
      expect(await count(db.knex, 'SELECT payload FROM outbox_events')).to.equal(0);
      expect(await count(db.knex, 'SELECT * FROM email_events')).to.equal(0);
      for (const statement of [`SET ROLE ${OUTBOX_SCANNER_ROLE}`, `SELECT set_config('role', '${OUTBOX_SCANNER_ROLE}', false)`]) {
        expect(await failureCode(() => db.knex.raw(statement)), statement).to.equal('42501');
        expect(await failureCode(() => inOrg(b, (tx) => tx.raw(statement))), `${statement} in a tenant transaction`).to.equal('42501');
      }
    });

    it('lets the scanner role read the routing columns, never the payload or the claim token', async () => {
      const asScanner = (sql: string) =>
        db.ownerKnex.transaction(async (trx) => {
          await trx.raw(`SET LOCAL ROLE ${OUTBOX_SCANNER_ROLE}`);
          return (await trx.raw(sql)).rows as unknown[];
        });
      expect(await asScanner('SELECT org_id, kind, status, next_attempt_at, created_at FROM outbox_events')).to.not.deep.equal([]);
      for (const column of ['payload', 'claim_token', 'dedupe_key', 'last_error']) {
        expect(await failureCode(() => asScanner(`SELECT ${column} FROM outbox_events`)), column).to.equal('42501');
      }
      expect(await failureCode(() => asScanner('SELECT * FROM email_events'))).to.equal('42501');
    });

    it("keeps outbox_events and email_events to their org: B reads none of A's rows, nor writes any into A", async () => {
      const [claimed] = await h.outboxDelivery.claim({ orgId: a.orgId, now, kinds: ['webhook'], limit: 10, leaseUntil: new Date(now.getTime() + 1000), claimToken: randomUUID() });
      expect(claimed?.id).to.equal(eventOfA.id);
      const attempt = { id: randomUUID(), channel: 'webhook' as const, provider: 'http', recipient: 'hooks.example.com', template: null, status: 'failed' as const, providerMessageId: null, error: 'timeout' };
      expect(
        await h.outboxDelivery.complete(a.orgId, [{ eventId: eventOfA.id, claimToken: claimed!.claimToken!, result: 'retry', at: now, nextAttemptAt: dueAt, error: 'timeout', attempt }]),
      ).to.equal(1);
      const rowsOfA = (tx: TenantDb) => Promise.all(['outbox_events', 'email_events'].map((table) => count(tx, `SELECT 1 FROM ${table} WHERE org_id = ?`, [a.orgId])));
      expect(await inOrg(a, rowsOfA)).to.deep.equal([1, 1]);
      expect(await inOrg(b, rowsOfA)).to.deep.equal([0, 0]);
      const planted = await failureCode(() =>
        inOrg(b, (tx) =>
          tx.raw(`INSERT INTO outbox_events (org_id, id, kind, dedupe_key, payload, next_attempt_at) VALUES (?, ?, 'webhook', ?, '{}', now())`, [a.orgId, randomUUID(), `planted:${randomUUID()}`]),
        ),
      );
      expect(planted).to.equal('tenant.cross_org_write');
      const changed = await inOrg(b, async (tx) => (await tx.raw(`UPDATE outbox_events SET status = 'dead', claim_token = NULL WHERE org_id = ?`, [a.orgId])).rowCount as number);
      expect(changed).to.equal(0);
    });

    it('keeps sms_opt_outs to the system scope: a tenant transaction sees and writes none', async () => {
      const key = `hmac:${randomUUID()}`;
      await h.smsOptOuts.optOut(key, 'keyword', new Date());
      expect(await count(db.knex, 'SELECT 1 FROM sms_opt_outs WHERE phone_key = ?', [key])).to.equal(1);
      expect(await inOrg(a, (tx) => count(tx, 'SELECT 1 FROM sms_opt_outs WHERE phone_key = ?', [key]))).to.equal(0);
      const planted = await failureCode(() => inOrg(a, (tx) => tx.raw(`INSERT INTO sms_opt_outs (phone_key, source, created_at) VALUES (?, 'keyword', now())`, [`hmac:${randomUUID()}`])));
      expect(planted).to.equal('tenant.cross_org_write');
    });

    it("plans the claim on outbox_events_org_due_idx when other orgs have many due events", async function () {
      this.timeout(120_000);
      const { ctx } = await createOrg(h);
      // 40 other orgs with 100 due events each, this org with a few due among 300 sent: the
      // cross-org due index would walk all 4000 others, the org's full indexes its 300 sent rows;
      // its own due index goes straight to the few.
      const others = Array.from({ length: 40 }, () => randomUUID());
      const seed = `INSERT INTO outbox_events (org_id, id, kind, dedupe_key, payload, next_attempt_at, created_at, updated_at)
         SELECT o.id, gen_random_uuid(), 'email', 'bulk:' || g, '{}', timestamptz '1970-06-01' + g * interval '1 second', now(), now()
           FROM unnest(?::uuid[]) AS o(id), generate_series(1, ?) g`;
      try {
        await db.ownerKnex.raw(`INSERT INTO orgs (id, name, slug) SELECT id, 'Bulk', 'bulk-' || id FROM unnest(?::uuid[]) AS o(id)`, [`{${others.join(',')}}`]);
        await db.ownerKnex.raw(seed, [`{${others.join(',')}}`, 100]);
        await db.ownerKnex.raw(seed, [`{${ctx.orgId}}`, 5]);
        await db.ownerKnex.raw(
          `INSERT INTO outbox_events (org_id, id, kind, dedupe_key, payload, status, attempts, next_attempt_at, sent_at, created_at, updated_at)
           SELECT ?, gen_random_uuid(), 'email', 'sent:' || g, '{}', 'sent', 1, now(), now(), now(), now() FROM generate_series(1, 300) g`,
          [ctx.orgId],
        );
        await db.ownerKnex.raw('ANALYZE outbox_events');
        const plan = await inOrg(ctx, async (tx) => {
          const rows = (await tx.raw(`EXPLAIN ${CLAIM_SQL}`, [ctx.orgId, new Date(), '{email}', 50, new Date(), randomUUID(), new Date(), ctx.orgId])).rows as Array<{ 'QUERY PLAN': string }>;
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        });
        expect(plan, plan).to.include('outbox_events_org_due_idx');
      } finally {
        // The other orgs' due events would stay due in the shared database: gone with their orgs.
        await db.ownerKnex.raw('DELETE FROM orgs WHERE id = ANY (?::uuid[])', [`{${others.join(',')}}`]);
      }
    });

    it('polls when it cannot listen: a wait on an unreachable database waits out its timeout', async () => {
      const store = new PostgresOutboxDeliveryStore(db.knex, { notifications: 'listen', listenConnection: { host: '127.0.0.1', port: 1, connectionTimeoutMillis: 500 } });
      try {
        const started = Date.now();
        expect(await store.waitForEvents(300, new AbortController().signal)).to.equal('timeout');
        expect(Date.now() - started).to.be.at.least(250);
      } finally {
        await store.close();
      }
    });

    if (kind.kind === 'server') {
      it('wakes the waiter with timeout when its listening backend is terminated, and listens again on the next wait', async function () {
        this.timeout(20_000);
        const store = new PostgresOutboxDeliveryStore(db.knex, { notifications: 'listen' });
        const signal = new AbortController().signal;
        try {
          expect(await store.waitForEvents(30, signal)).to.equal('timeout');
          const waiting = store.waitForEvents(10_000, signal);
          const started = Date.now();
          const killed = await db.ownerKnex.raw(
            `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name LIKE '%-outbox-listen' AND query ILIKE 'LISTEN%' AND datname = current_database()`,
          );
          expect(killed.rows.length).to.be.at.least(1);
          expect(await waiting).to.equal('timeout');
          expect(Date.now() - started).to.be.below(5000);
          // The next wait reconnects (and may first return at once, so its caller polls for what it missed).
          const first = await store.waitForEvents(50, signal);
          expect(first).to.be.oneOf(['timeout', 'notified']);
          const next = store.waitForEvents(5000, signal);
          await new Promise((resolve) => setTimeout(resolve, 50));
          await h.uow.run(b, (r) => r.outbox.enqueue(anEvent(b.orgId, new Date())));
          expect(await next).to.equal('notified');
        } finally {
          await store.close();
        }
      });

    } else {
      it('the terminated-listener test is skipped: PGlite is polled, never listened to (one session)', function () {
        this.skip();
      });
    }
  });
}
