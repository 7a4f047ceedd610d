import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import {
  outboxContract,
  storageContract,
  aBlackout,
  aBooking,
  aClient,
  aPayment,
  aSeries,
  aService,
  aStripeEvent,
  aTeam,
  aWorker,
  anInvoice,
  anInvoiceLink,
  createOrg,
} from '@cws/contract-tests';
import { createPostgresAdapters, inTenantTransaction } from '@cws/adapter-postgres';
import { availableTestDatabases } from '@cws/test-support';

for (const db of availableTestDatabases()) {
  const name = `postgres (${db.kind === 'embedded' ? 'PGlite' : 'server'})`;
  if (db.skipReason !== null) {
    describe(name, () => {
      it(`storage contract is skipped: ${db.skipReason}`, function () {
        this.skip();
      });
    });
    continue;
  }
  // The server listens for new outbox events; PGlite's one session is not held by a listener: it polls.
  const harness = async () => {
    const adapters = createPostgresAdapters((await db.open()).knex, { outboxNotifications: db.kind === 'server' ? 'listen' : 'poll' });
    return { ...adapters, dispose: () => adapters.outboxDelivery.close() };
  };
  storageContract(name, harness);
  // Units run at once only on the server (PGlite serves one connection at a time).
  outboxContract(name, harness, { concurrentUnits: db.kind === 'server', notifies: db.kind === 'server' });

  /**
   * Row level security seen directly. Through the ports some policies cannot be told apart from
   * the repositories' own org filters (occupancy rows and idempotency keys are always read with
   * the org named), so the policy mutation check (tools/rls-mutation-check.ts) needs this probe:
   * org B's tenant transaction reads the tables themselves and must see none of org A's rows.
   */
  describe(`${name}: row level security on the scheduling tables`, () => {
    const TABLES = ['teams', 'workers', 'services', 'blackouts', 'booking_series', 'bookings', 'booking_workers', 'booking_team_blocks', 'idempotency_keys'];

    it("shows org B none of org A's rows, read straight from each table", async () => {
      const { knex } = await db.open();
      const h = { ...createPostgresAdapters(knex), dispose: async () => {} };
      const a = (await createOrg(h)).ctx;
      const b = (await createOrg(h)).ctx;
      const client = aClient(a.orgId);
      const team = aTeam(a.orgId);
      const worker = aWorker(a.orgId, { teamId: team.id });
      const series = aSeries(a.orgId, client.id);
      await h.uow.run(a, async (r) => {
        await r.clients.insert(client);
        await r.teams.insert(team);
        await r.workers.insert(worker);
        await r.services.insert(aService(a.orgId));
        await r.blackouts.insert(aBlackout(a.orgId));
        await r.bookingSeries.insert(series);
        await r.bookings.insert(aBooking(a.orgId, client.id, { seriesId: series.id, occurrenceDate: '2026-05-04', teamId: team.id, workers: [{ workerId: worker.id, viaTeam: true }] }));
        const now = new Date();
        await r.idempotency.claim({ scope: 'booking.create', key: randomUUID(), fingerprint: 'f', resourceId: randomUUID(), createdAt: now, expiresAt: new Date(now.getTime() + 3_600_000) });
      });
      const count = (orgId: string) =>
        inTenantTransaction(knex, orgId, async (tx) => {
          const counts: Record<string, number> = {};
          for (const table of TABLES) counts[table] = (await tx.raw('SELECT count(*)::int AS n FROM ?? WHERE org_id = ?', [table, a.orgId])).rows[0].n;
          return counts;
        });
      // Not vacuous: A sees a row of its own in every table.
      expect(Object.entries(await count(a.orgId)).filter(([, n]) => n === 0)).to.deep.equal([]);
      expect(await count(b.orgId)).to.deep.equal(Object.fromEntries(TABLES.map((table) => [table, 0])));
    });
  });

  /** The same probe for the billing tables (migration 0014): their repositories name the org in every query too. */
  describe(`${name}: row level security on the billing tables`, () => {
    const TABLES = ['invoices', 'invoice_items', 'invoice_bookings', 'invoice_number_sequences', 'invoice_payments', 'stripe_events', 'invoice_public_links'];

    it("shows org B none of org A's rows and lets it write none into org A, read straight from each table", async () => {
      const { knex } = await db.open();
      const h = { ...createPostgresAdapters(knex), dispose: async () => {} };
      const a = (await createOrg(h)).ctx;
      const b = (await createOrg(h)).ctx;
      const client = aClient(a.orgId);
      const booking = aBooking(a.orgId, client.id, { status: 'completed' });
      const invoice = anInvoice(a.orgId, client.id, { bookingIds: [booking.id] }, { issued: true });
      await h.uow.run(a, async (r) => {
        await r.clients.insert(client);
        await r.bookings.insert(booking);
        await r.invoices.insert(invoice);
        await r.invoices.nextNumber(2026);
        await r.payments.insert(aPayment(a.orgId, client.id, invoice.id));
        await r.stripeEvents.record(aStripeEvent(a.orgId, { invoiceId: invoice.id }));
        await r.invoiceLinks.insert(anInvoiceLink(a.orgId, invoice.id));
      });
      const count = (orgId: string) =>
        inTenantTransaction(knex, orgId, async (tx) => {
          const counts: Record<string, number> = {};
          for (const table of TABLES) counts[table] = (await tx.raw('SELECT count(*)::int AS n FROM ?? WHERE org_id = ?', [table, a.orgId])).rows[0].n;
          return counts;
        });
      expect(Object.entries(await count(a.orgId)).filter(([, n]) => n === 0)).to.deep.equal([]);
      expect(await count(b.orgId)).to.deep.equal(Object.fromEntries(TABLES.map((table) => [table, 0])));
      // Writes: org B's transaction cannot put a row into org A (WITH CHECK), whatever the repositories check.
      const refused = await inTenantTransaction(knex, b.orgId, async (tx) => {
        try {
          await tx.raw('INSERT INTO invoice_number_sequences (org_id, year, last_number) VALUES (?, 1999, 1)', [a.orgId]);
          return 'written';
        } catch (err) {
          return (err as { code?: string }).code;
        }
      });
      // 42501: new row violates row-level security policy.
      expect(refused).to.equal('42501');
    });
  });
}
