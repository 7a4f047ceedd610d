/**
 * PB7's data: orgs and clients made through the core, issued invoices written through the
 * repositories (the list and webhook orgs), and the reconcile org's 100k invoices and payments
 * bulk-inserted in SQL as the owner (through the repositories it would take minutes).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Runtime } from '@cws/composition';
import { formatInvoiceNumber, invoiceTotals, lineFigures, type Invoice, type InvoiceLine, type RequestContext } from '@cws/core';

const setupCtx = (orgId: string): RequestContext => ({
  orgId,
  actor: { kind: 'system', id: 'bench-pb7', role: null },
  requestId: `bench-pb7-${randomUUID()}`,
  now: new Date(),
});

/** An org (its settings in `timeZone`) and `clients` clients, all through the core. */
export async function billingOrg(runtime: Runtime, label: string, clients: number, timeZone = 'America/Chicago'): Promise<{ orgId: string; clientIds: string[] }> {
  const orgId = randomUUID();
  const suffix = orgId.slice(0, 8);
  await runtime.core.orgs.create.execute(
    { actor: { kind: 'system', id: 'bench', role: null }, requestId: `bench-pb7-${suffix}`, now: new Date(), reason: `PB7 benchmark org (${label})` },
    { id: orgId, name: `Bench PB7 ${label} ${suffix}`, slug: `bench-pb7-${label}-${suffix}` },
  );
  await runtime.ports.uow.run(setupCtx(orgId), async (repos) => {
    const settings = await repos.orgSettings.get();
    if (settings === null) throw new Error('PB7: the new org has no settings');
    await repos.orgSettings.update({ ...settings, timeZone });
  });
  const clientIds: string[] = [];
  for (let c = 0; c < clients; c++) {
    const client = await runtime.core.clients.create.execute(
      { orgId, actor: { kind: 'staff', id: 'basic:bench-admin', role: 'admin' }, requestId: `bench-pb7-client-${c}`, now: new Date() },
      { name: `Client ${c} ${label}`, email: `client-${c}-${suffix}@example.test` },
    );
    clientIds.push(client.id);
  }
  return { orgId, clientIds };
}

const DESCRIPTIONS = ['Standard clean, 3 bedrooms', 'Oven and fridge add-on', 'Travel surcharge'] as const;

/**
 * `count` issued (SENT, due in 14 days) USD invoices of three lines each (the first taxed at
 * 8.25 %, priced by the core's own rounding), one minute apart, newest last; written through
 * `repos.invoices.insert`, 250 per unit of work. Returns them oldest first.
 */
export async function insertIssuedInvoices(runtime: Runtime, orgId: string, clientIds: readonly string[], count: number, year = 2026): Promise<Invoice[]> {
  const base = Date.now() - count * 60_000;
  const invoices: Invoice[] = [];
  for (let n = 0; n < count; n++) {
    const createdAt = new Date(base + n * 60_000);
    const lines: InvoiceLine[] = DESCRIPTIONS.map((description, position) => {
      const amounts = { quantityMilli: position === 0 ? 2_500 + (n % 4) * 500 : 1_000, unitPriceCents: [4_500, 2_000 + (n % 7) * 100, 1_250][position]!, taxRateBasis: position === 0 ? 825 : 0 };
      return { id: randomUUID(), position, description, ...amounts, ...lineFigures(amounts), bookingId: null };
    });
    const issue = createdAt.toISOString().slice(0, 10);
    invoices.push({
      id: randomUUID(),
      orgId,
      clientId: clientIds[n % clientIds.length]!,
      number: formatInvoiceNumber(year, n + 1),
      status: 'SENT',
      currency: 'USD',
      issueDate: issue,
      dueDate: new Date(createdAt.getTime() + 14 * 86_400_000 + 30 * 86_400_000).toISOString().slice(0, 10),
      paymentTermsDays: 14,
      notes: n % 3 === 0 ? 'Gate code 4417; leave the invoice with the concierge.' : null,
      lines,
      bookingIds: [],
      ...invoiceTotals(lines),
      paidCents: 0,
      sentAt: createdAt,
      paidAt: null,
      voidedAt: null,
      voidReason: null,
      createdAt,
      updatedAt: createdAt,
    });
  }
  for (let i = 0; i < invoices.length; i += 250) {
    const chunk = invoices.slice(i, i + 250);
    await runtime.ports.uow.run(setupCtx(orgId), async (repos) => {
      for (const invoice of chunk) await repos.invoices.insert(invoice);
    });
  }
  return invoices;
}

export interface ReconcileSeed {
  readonly invoices: number;
  readonly payments: number;
  /** Invoices the mismatch rule picks (counted in SQL after the load). */
  readonly mismatches: number;
}

/**
 * The reconcile org's books, as the owner, in three `INSERT … SELECT generate_series`:
 * `count` issued invoices (one line each), one minute apart; by invoice number g:
 *  - g % 10 in 0..6: PAID, one succeeded card payment of the total (every 9th of them in two
 *    payments, every 13th with an extra tip, which reconcile must not count);
 *  - g % 10 = 7: PARTIAL, one succeeded payment of half;
 *  - g % 10 = 8: SENT, due in the future, no payment (every 5th a failed card attempt);
 *  - g % 10 = 9: PAID by a payment later refunded in full → should be SENT: a mismatch when
 *    g % 40 = 9 (the refund never reached the invoice), otherwise stored SENT with paid 0;
 *  - g % 100 = 3: stored PAID but the payment is 1,000 short (a mismatch);
 *  - g % 250 = 6: SENT and past due (a mismatch by status: the overdue job has not run).
 * Then ANALYZE. Returns the counts.
 */
export async function insertReconcileBooks(owner: pg.Pool, orgId: string, clientIds: readonly string[], count: number): Promise<ReconcileSeed> {
  await owner.query(
    `INSERT INTO invoices (org_id, id, client_id, number, status, currency, issue_date, due_date, payment_terms_days, notes,
        subtotal_cents, taxable_subtotal_cents, tax_cents, tax_rate_basis, total_cents, paid_cents, sent_at, paid_at, created_at, updated_at)
     SELECT $1::uuid, gen_random_uuid(), ($2::uuid[])[1 + g % cardinality($2::uuid[])], 'R-' || lpad(g::text, 7, '0'),
            CASE WHEN g % 250 = 6 THEN 'SENT' WHEN g % 10 <= 6 THEN 'PAID' WHEN g % 10 = 7 THEN 'PARTIAL' WHEN g % 10 = 9 AND g % 40 = 9 THEN 'PAID' ELSE 'SENT' END,
            'USD', (t - interval '1 day')::date,
            CASE WHEN g % 250 = 6 THEN (now() - interval '3 days')::date ELSE (now() + interval '30 days')::date END,
            14, NULL, 10000 + (g % 50) * 100, 0, 0, 0, 10000 + (g % 50) * 100,
            CASE WHEN g % 250 = 6 THEN 0 WHEN g % 10 <= 6 OR (g % 10 = 9 AND g % 40 = 9) THEN 10000 + (g % 50) * 100
                 WHEN g % 10 = 7 THEN (10000 + (g % 50) * 100) / 2 ELSE 0 END,
            t, CASE WHEN g % 10 <= 6 THEN t END, t, t
       FROM generate_series(0, $3::int - 1) AS g, LATERAL (SELECT now() - ($3::int - g) * interval '1 minute' AS t) AS at`,
    [orgId, clientIds, count],
  );
  await owner.query(
    `INSERT INTO invoice_items (org_id, id, invoice_id, position, description, quantity_milli, unit_price_cents, tax_rate_basis, line_total_cents, line_tax_cents)
     SELECT org_id, gen_random_uuid(), id, 0, 'Standard clean', 1000, total_cents, 0, total_cents, 0 FROM invoices WHERE org_id = $1`,
    [orgId],
  );
  // Payments per invoice: k numbers them; `pay` says which exist and what they are.
  await owner.query(
    `INSERT INTO invoice_payments (org_id, id, invoice_id, client_id, provider, method, purpose, status, amount_cents, refunded_cents,
        currency, provider_reference, received_at, provider_updated_at, recorded_by, created_at, updated_at)
     SELECT i.org_id, gen_random_uuid(), i.id, i.client_id, 'stripe', 'card', p.purpose, p.status, p.amount, p.refunded, 'USD',
            'pi_bench_' || replace(gen_random_uuid()::text, '-', ''), i.created_at + interval '1 hour', i.created_at + interval '1 hour',
            'stripe-webhook', i.created_at + interval '1 hour', i.created_at + interval '1 hour'
       FROM (SELECT inv.*, substring(inv.number from 3)::int AS g FROM invoices inv WHERE inv.org_id = $1) AS i
       CROSS JOIN LATERAL (
         SELECT * FROM (VALUES
           -- the balance: whole, or the first of two halves
           (i.g % 10 <= 6 AND i.g % 250 <> 6, 'balance', 'succeeded',
              CASE WHEN i.g % 100 = 3 THEN i.total_cents - 1000 WHEN i.g % 9 = 0 THEN i.total_cents / 2 ELSE i.total_cents END, 0),
           (i.g % 10 <= 6 AND i.g % 250 <> 6 AND i.g % 9 = 0 AND i.g % 100 <> 3, 'balance', 'succeeded', i.total_cents - i.total_cents / 2, 0),
           (i.g % 10 <= 6 AND i.g % 250 <> 6 AND i.g % 13 = 0, 'tip', 'succeeded', 1500, 0),
           (i.g % 10 = 7 AND i.g % 250 <> 6, 'balance', 'succeeded', i.total_cents / 2, 0),
           (i.g % 10 = 8 AND i.g % 5 = 0 AND i.g % 250 <> 6, 'balance', 'failed', i.total_cents, 0),
           (i.g % 10 = 9 AND i.g % 250 <> 6, 'balance', 'refunded', i.total_cents, i.total_cents)
         ) AS v(present, purpose, status, amount, refunded) WHERE v.present
       ) AS p`,
    [orgId],
  );
  await owner.query('ANALYZE invoices, invoice_items, invoice_payments');
  const counted = await owner.query<{ invoices: number; payments: number }>(
    'SELECT (SELECT count(*)::int FROM invoices WHERE org_id = $1) AS invoices, (SELECT count(*)::int FROM invoice_payments WHERE org_id = $1) AS payments',
    [orgId],
  );
  return { invoices: counted.rows[0]!.invoices, payments: counted.rows[0]!.payments, mismatches: -1 };
}
