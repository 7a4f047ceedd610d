/**
 * Reconcile, the invoices queue, the overdue job and overdue reminders over HTTP and the job use
 * cases, on memory, PGlite and (with TEST_DATABASE_URL) the server. Invoices and payments are
 * written straight through the repositories, as the books would be after issuing — or after a
 * bug stored a payment without settling its invoice.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import {
  formatInvoiceNumber,
  loadInvoice,
  orgToday,
  settleInvoice,
  systemActor,
  type AuditEntry,
  type Invoice,
  type InvoicePayment,
  type RequestContext,
  type SystemContext,
} from '@cws/core';
import { onEachDatabase, startApi, type ApiHarness } from '@cws/e2e-tests';

const z = (iso: string) => new Date(iso);
const FAR = '2099-01-01';
let sequence = 0;

function reconcileSuite(h: () => ApiHarness): void {
  const api = () => h().api;
  const runtime = () => h().runtime;
  const adminCtx = (orgId: string): RequestContext => ({ orgId, actor: { kind: 'staff', id: 'e2e-setup', role: 'owner' }, requestId: `e2e-${randomUUID()}`, now: new Date() });
  // No `job`: each org's outcome would be one more write per org of the shared database, and
  // recording outcomes is the job host's concern, tested there.
  const jobSys = (job: string, now: Date): SystemContext => ({ actor: systemActor(`job:${job}`), requestId: `e2e-${randomUUID()}`, now, reason: job });

  async function orgWithClient(timeZone = 'Europe/London') {
    const org = await h().newOrg({ timeZone });
    const email = `payer-${randomUUID().slice(0, 8)}@e2e.example.com`;
    const client = await runtime().core.clients.create.execute(adminCtx(org.id), { name: 'Ada Payer', email });
    return { orgId: org.id, clientId: client.id, email };
  }

  async function seedInvoice(orgId: string, clientId: string, totalCents: number, dueDate: string, fields: Partial<Invoice> = {}): Promise<Invoice> {
    sequence += 1;
    const id = randomUUID();
    const at = new Date('2026-01-01T12:00:00Z');
    const invoice: Invoice = {
      id,
      orgId,
      clientId,
      number: formatInvoiceNumber(2026, sequence),
      status: 'SENT',
      currency: 'GBP',
      issueDate: '2026-01-01',
      dueDate,
      paymentTermsDays: 14,
      notes: null,
      lines: [{ id: randomUUID(), position: 0, description: 'Deep clean', quantityMilli: 1000, unitPriceCents: totalCents, taxRateBasis: 0, lineTotalCents: totalCents, lineTaxCents: 0, bookingId: null }],
      bookingIds: [],
      subtotalCents: totalCents,
      taxableSubtotalCents: 0,
      taxCents: 0,
      taxRateBasis: 0,
      totalCents,
      paidCents: 0,
      sentAt: at,
      paidAt: null,
      voidedAt: null,
      voidReason: null,
      createdAt: at,
      updatedAt: at,
      ...fields,
    };
    await runtime().ports.uow.run(adminCtx(orgId), (r) => r.invoices.insert(invoice));
    return invoice;
  }

  const paymentRow = (invoice: Invoice, amountCents: number, fields: Partial<InvoicePayment> = {}): InvoicePayment => ({
    id: randomUUID(),
    orgId: invoice.orgId,
    invoiceId: invoice.id,
    bookingId: null,
    clientId: invoice.clientId,
    provider: 'manual',
    method: 'bank_transfer',
    purpose: 'balance',
    status: 'succeeded',
    amountCents,
    refundedCents: 0,
    refundPendingCents: 0,
    refundPendingKey: null,
    currency: invoice.currency,
    reference: null,
    providerReference: null,
    checkoutSessionId: null,
    failureMessage: null,
    receivedAt: new Date(),
    providerUpdatedAt: null,
    recordedBy: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...fields,
  });

  /** A payment stored without settling its invoice: the mismatch reconcile repairs. */
  const insertUnsettled = (invoice: Invoice, amountCents: number) => runtime().ports.uow.run(adminCtx(invoice.orgId), (r) => r.payments.insert(paymentRow(invoice, amountCents)));

  /** A manual payment as the payments use cases record one: lock, write, settle, in one unit. */
  const insertAndSettle = (invoice: Invoice, amountCents: number) =>
    runtime().ports.uow.run(adminCtx(invoice.orgId), async (r) => {
      const ctx = adminCtx(invoice.orgId);
      const { today } = await orgToday(r, ctx);
      const locked = await loadInvoice(r, invoice.id, { forUpdate: true });
      await r.payments.insert(paymentRow(invoice, amountCents));
      return settleInvoice(ctx, { ids: runtime().ids }, r, locked, today, { reason: 'e2e manual payment' });
    });

  const storedInvoice = (orgId: string, id: string) => runtime().ports.uow.run(adminCtx(orgId), (r) => r.invoices.findById(id));
  const auditOf = (orgId: string, invoiceId: string): Promise<readonly AuditEntry[]> =>
    runtime().ports.uow.run(adminCtx(orgId), (r) =>
      r.audit.list({ resourceType: 'invoice', resourceId: invoiceId, action: null, actorId: null, createdFrom: null, createdTo: null, after: null, limit: 1000 }),
    );
  const report = (orgId: string, query = '', as: 'finance' | 'admin' | 'dispatcher' | 'viewer' = 'finance') => api().call('GET', `/v1/admin/finance/reconcile/invoices${query}`, { org: orgId, as });
  const reconcile = (orgId: string, id: string, as: 'finance' | 'admin' | 'dispatcher' | 'viewer' = 'finance') => api().call('POST', `/v1/admin/finance/invoices/${id}/reconcile`, { org: orgId, as });

  it('dispatcher and viewer get 403 problem+json on every finance route; finance, admin read them', async () => {
    const { orgId, clientId } = await orgWithClient();
    const invoice = await seedInvoice(orgId, clientId, 1000, FAR);
    await insertUnsettled(invoice, 400);
    for (const as of ['dispatcher', 'viewer'] as const) {
      for (const r of [await report(orgId, '', as), await reconcile(orgId, invoice.id, as), await api().call('GET', '/v1/admin/queue/invoices', { org: orgId, as })]) {
        expect(r.status, `${as}`).to.equal(403);
        expect(r.headers.get('content-type')).to.include('application/problem+json');
      }
    }
    expect((await storedInvoice(orgId, invoice.id))!.paidCents).to.equal(0);
    expect((await auditOf(orgId, invoice.id)).length).to.equal(0);
    expect((await report(orgId, '', 'admin')).status).to.equal(200);
    expect((await api().call('GET', '/v1/admin/queue/invoices', { org: orgId, as: 'finance' })).status).to.equal(200);
  });

  it('a payment stored without settling shows as a mismatch; reconcile fixes it with one audit row; a repeat changes nothing and is audited as such', async () => {
    const { orgId, clientId } = await orgWithClient();
    const clean = await seedInvoice(orgId, clientId, 5000, FAR);
    const broken = await seedInvoice(orgId, clientId, 10000, FAR);
    await insertUnsettled(broken, 2500);
    await insertUnsettled(broken, 1500);

    const found = await report(orgId);
    expect(found.status).to.equal(200);
    expect(found.body.total).to.equal(1);
    const [row] = found.body.items;
    expect(row).to.deep.include({
      invoice_id: broken.id,
      number: broken.number,
      status: 'SENT',
      total_cents: 10000,
      paid_cents: 0,
      settled_cents: 4000,
      outstanding_cents: 6000,
      payment_count: 2,
      succeeded_payment_count: 2,
      mismatch: true,
      quick_action: { method: 'POST', href: `/v1/admin/finance/invoices/${broken.id}/reconcile` },
    });
    expect(row.last_payment_at).to.be.a('string');
    const all = await report(orgId, '?status=all&limit=200');
    expect(all.body.items.map((r: { invoice_id: string }) => r.invoice_id)).to.have.members([clean.id, broken.id]);

    const fixed = await reconcile(orgId, broken.id);
    expect(fixed.status).to.equal(200);
    expect(fixed.body).to.deep.equal({
      invoice_id: broken.id,
      changed: true,
      before: { status: 'SENT', paid_cents: 0, outstanding_cents: 10000, succeeded_count: 2 },
      after: { status: 'PARTIAL', paid_cents: 4000, outstanding_cents: 6000, succeeded_count: 2 },
    });
    const audit = await auditOf(orgId, broken.id);
    expect(audit.map((e) => [e.action, e.metadata, e.actorRole])).to.deep.equal([['invoice.reconciled', { changed: true }, 'finance']]);
    expect(audit[0]!.before).to.deep.equal({ status: 'SENT', paidCents: 0, outstandingCents: 10000, succeededCount: 2 });
    expect(audit[0]!.after).to.deep.equal({ status: 'PARTIAL', paidCents: 4000, outstandingCents: 6000, succeededCount: 2 });
    expect((await report(orgId)).body.total).to.equal(0);

    const again = await reconcile(orgId, broken.id);
    expect(again.body).to.deep.include({ changed: false });
    expect(again.body.before).to.deep.equal(again.body.after);
    expect((await auditOf(orgId, broken.id)).map((e) => e.metadata)).to.deep.equal([{ changed: false }, { changed: true }]);
    expect((await storedInvoice(orgId, broken.id))).to.deep.include({ status: 'PARTIAL', paidCents: 4000 });
  });

  it('another org’s invoice: 404 problem+json, nothing changed, no audit; drafts 409; bad ids and filters 422', async () => {
    const mine = await orgWithClient();
    const theirs = await orgWithClient();
    const their = await seedInvoice(theirs.orgId, theirs.clientId, 1000, FAR);
    await insertUnsettled(their, 1000);
    const cross = await reconcile(mine.orgId, their.id);
    expect(cross.status).to.equal(404);
    expect(cross.headers.get('content-type')).to.include('application/problem+json');
    expect(cross.body).to.include({ code: 'invoice.not_found', status: 404 });
    expect(await storedInvoice(theirs.orgId, their.id)).to.deep.include({ status: 'SENT', paidCents: 0 });
    expect(await auditOf(theirs.orgId, their.id)).to.deep.equal([]);
    expect((await report(mine.orgId, '?status=all')).body.items).to.deep.equal([]);
    expect((await api().call('GET', '/v1/admin/queue/invoices', { org: mine.orgId })).body.items).to.deep.equal([]);

    const draft = await seedInvoice(mine.orgId, mine.clientId, 1000, FAR, { status: 'DRAFT', number: null, issueDate: null, dueDate: null, sentAt: null });
    const refused = await reconcile(mine.orgId, draft.id);
    expect([refused.status, refused.body.code]).to.deep.equal([409, 'invoice.invalid_transition']);
    expect((await reconcile(mine.orgId, 'not-a-uuid')).status).to.equal(422);
    const badQuery = await report(mine.orgId, '?status=bogus&limit=500');
    expect(badQuery.status).to.equal(422);
    expect(badQuery.body.errors.map((e: { pointer: string }) => e.pointer).sort()).to.deep.equal(['/limit', '/status']);
  });

  it('50 concurrent reconciles and 20 concurrent payments-with-settle on one invoice: paid is the sum, one audit row per effective change, no deadlock', async () => {
    const { orgId, clientId } = await orgWithClient();
    const invoice = await seedInvoice(orgId, clientId, 1_000_000, FAR);
    await insertUnsettled(invoice, 777); // a mismatch for the reconciles to find (or a payment's settle to absorb)
    const amounts = Array.from({ length: 20 }, (_, i) => 1000 + i);
    const results = await Promise.all([
      ...Array.from({ length: 50 }, () => reconcile(orgId, invoice.id).then((r) => ({ kind: 'reconcile' as const, status: r.status, changed: r.body.changed as boolean }))),
      ...amounts.map((a) => insertAndSettle(invoice, a).then((s) => ({ kind: 'payment' as const, status: 200, changed: s.changed }))),
    ]);
    expect(results.filter((r) => r.status !== 200)).to.deep.equal([]);
    const expected = 777 + amounts.reduce((s, a) => s + a, 0);
    const after = await storedInvoice(orgId, invoice.id);
    expect(after).to.deep.include({ paidCents: expected, status: 'PARTIAL' });
    const row = (await report(orgId, '?status=all')).body.items.find((r: { invoice_id: string }) => r.invoice_id === invoice.id);
    expect(row).to.deep.include({ paid_cents: expected, settled_cents: expected, outstanding_cents: 1_000_000 - expected, succeeded_payment_count: 21, mismatch: false });

    const audit = await auditOf(orgId, invoice.id);
    const reconciled = audit.filter((e) => e.action === 'invoice.reconciled');
    expect(reconciled).to.have.length(50); // every call audits
    const effective = audit.filter((e) => e.action === 'invoice.settled' || (e.action === 'invoice.reconciled' && e.metadata['changed'] === true));
    const changedCalls = results.filter((r) => r.changed).length;
    expect(effective).to.have.length(changedCalls);
    for (const e of reconciled.filter((x) => x.metadata['changed'] === false)) expect(e.before).to.deep.equal(e.after);
    // The effective rows chain from 0 to the final sum, each step starting where the last ended: no update lost, none doubled.
    const next = new Map(effective.map((e) => [e.before!['paidCents'] as number, e.after!['paidCents'] as number]));
    expect(next.size).to.equal(effective.length);
    let paid = 0;
    for (let i = 0; i < effective.length; i += 1) paid = next.get(paid)!;
    expect(paid).to.equal(expected);
  });

  it('the invoices queue: overdue and unpaid by due date, days overdue, client name, counts; only finance roles', async () => {
    const { orgId, clientId } = await orgWithClient();
    const late = await seedInvoice(orgId, clientId, 2000, '2026-01-10', { status: 'OVERDUE' });
    const notDue = await seedInvoice(orgId, clientId, 3000, FAR);
    await seedInvoice(orgId, clientId, 1000, '2026-01-10', { status: 'PAID', paidCents: 1000 });
    const all = await api().call('GET', '/v1/admin/queue/invoices', { org: orgId, as: 'finance' });
    expect(all.body).to.deep.include({ overdue_count: 1, unpaid_count: 2, total: 2, limit: 50, offset: 0 });
    expect(all.body.items.map((i: Record<string, unknown>) => [i['invoice_id'], i['client_name'], i['status'], i['outstanding_cents']])).to.deep.equal([
      [late.id, 'Ada Payer', 'OVERDUE', 2000],
      [notDue.id, 'Ada Payer', 'SENT', 3000],
    ]);
    expect(all.body.items[0].days_overdue).to.be.greaterThan(300);
    expect(all.body.items[1]).to.deep.include({ days_overdue: 0, due_date: FAR, number: notDue.number });
    const overdue = await api().call('GET', '/v1/admin/queue/invoices?status=overdue', { org: orgId, as: 'admin' });
    expect(overdue.body.items.map((i: { invoice_id: string }) => i.invoice_id)).to.deep.equal([late.id]);
    const paged = await api().call('GET', '/v1/admin/queue/invoices?status=unpaid&limit=1&offset=1', { org: orgId, as: 'finance' });
    expect(paged.body).to.deep.include({ total: 2, limit: 1, offset: 1 });
    expect(paged.body.items.map((i: { invoice_id: string }) => i.invoice_id)).to.deep.equal([notDue.id]);
  });

  it('invoices-mark-overdue: the org’s own today across a DST change, audited, idempotent', async function () {
    // The jobs visit every org of the shared test database (thousands on the server by now), each in its own unit.
    this.timeout(300_000);
    // 2026-03-29T00:30Z: London has just moved to BST (01:30 on the 29th); Los Angeles is on the 28th (17:30 PDT).
    const now = z('2026-03-29T00:30:00Z');
    const ldn = await orgWithClient('Europe/London');
    const la = await orgWithClient('America/Los_Angeles');
    const ldnDue = await seedInvoice(ldn.orgId, ldn.clientId, 1000, '2026-03-28');
    const ldnToday = await seedInvoice(ldn.orgId, ldn.clientId, 1000, '2026-03-29');
    const laDue = await seedInvoice(la.orgId, la.clientId, 1000, '2026-03-28');
    const covered = await seedInvoice(la.orgId, la.clientId, 1000, '2026-03-01');
    await insertUnsettled(covered, 1000);
    await runtime().core.finance.markOverdue.execute(jobSys('invoices-mark-overdue', now));
    const status = async (o: { orgId: string }, i: Invoice) => (await storedInvoice(o.orgId, i.id))!.status;
    expect([await status(ldn, ldnDue), await status(ldn, ldnToday), await status(la, laDue), await status(la, covered)]).to.deep.equal(['OVERDUE', 'SENT', 'SENT', 'PAID']);
    expect((await auditOf(ldn.orgId, ldnDue.id)).map((e) => [e.action, e.actorKind, e.metadata, e.after?.['status']])).to.deep.equal([
      ['invoice.settled', 'system', { reason: 'invoices-mark-overdue' }, 'OVERDUE'],
    ]);
    await runtime().core.finance.markOverdue.execute(jobSys('invoices-mark-overdue', now));
    expect(await auditOf(ldn.orgId, ldnDue.id)).to.have.length(1);
    await runtime().core.finance.markOverdue.execute(jobSys('invoices-mark-overdue', z('2026-03-29T07:30:00Z'))); // 00:30 PDT on the 29th
    expect(await status(la, laDue)).to.equal('OVERDUE');
  });

  it('overdue reminders: each step once with a working pay link, the latest step only, stopped by payment and void, off by the org’s setting', async function () {
    // The jobs visit every org of the shared test database (thousands on the server by now), each in its own unit.
    this.timeout(300_000);
    const { orgId, clientId, email } = await orgWithClient('Europe/London');
    const patched = await api().call('PATCH', '/v1/admin/org/settings', { org: orgId, body: { dunning_days: [7, 2] } });
    expect(patched.status).to.equal(200);
    expect(patched.body.dunning_days).to.deep.equal([2, 7]);
    expect((await api().call('PATCH', '/v1/admin/org/settings', { org: orgId, body: { dunning_days: [2, 2] } })).status).to.equal(422);

    const a = await seedInvoice(orgId, clientId, 1000, '2026-05-01', { status: 'OVERDUE' });
    const b = await seedInvoice(orgId, clientId, 2000, '2026-05-01', { status: 'OVERDUE' });
    const old = await seedInvoice(orgId, clientId, 3000, '2026-03-01', { status: 'OVERDUE' });
    const run = (iso: string) => runtime().core.finance.sendReminders.execute(jobSys('invoice-reminders', z(iso)));
    /** `<invoice id>:<step>` of each reminder queued to the client. */
    const steps = async () => (await h().queued(email, 'invoice_overdue_reminder')).map((m) => m.event.dedupeKey.replace(/^invoice:(.*):dunning:overdue:(\d+)$/, '$1:$2')).sort();

    await run('2026-05-03T07:30:00Z'); // 08:30 BST: not before 09:00 local
    expect(await steps()).to.deep.equal([]);
    await run('2026-05-03T09:30:00Z'); // 10:30 BST: a, b reach day 2; old is 63 days past due → step 7 only
    expect(await steps()).to.deep.equal([`${a.id}:2`, `${b.id}:2`, `${old.id}:7`].sort());
    const oldMail = (await h().queued(email, 'invoice_overdue_reminder')).find((m) => m.event.dedupeKey.startsWith(`invoice:${old.id}:`))!;
    // The sealed secret is a live public link to that invoice.
    const page = await runtime().core.invoices.getPublic.execute({ requestId: 'e2e', now: new Date() }, { token: oldMail.secret! });
    expect(page).to.deep.include({ number: old.number, status: 'OVERDUE' });
    await run('2026-05-03T15:00:00Z');
    expect(await steps()).to.have.length(3);

    // a is paid (through settle), b is voided.
    await insertAndSettle(a, 1000);
    await runtime().ports.uow.run(adminCtx(orgId), async (r) => {
      const locked = (await r.invoices.findById(b.id, { forUpdate: true }))!;
      await r.invoices.update({ ...locked, status: 'VOID', voidedAt: new Date(), voidReason: 'e2e' });
    });
    await run('2026-05-08T09:30:00Z'); // day 7
    expect(await steps()).to.deep.equal([`${a.id}:2`, `${b.id}:2`, `${old.id}:7`].sort());

    // Turned off: a new overdue invoice gets nothing; on again, it does.
    const c = await seedInvoice(orgId, clientId, 4000, '2026-05-01', { status: 'OVERDUE' });
    expect((await api().call('PATCH', '/v1/admin/org/settings', { org: orgId, body: { notifications: { invoice_reminder: false } } })).body.notifications.invoice_reminder).to.equal(false);
    await run('2026-05-09T09:30:00Z');
    expect((await steps()).filter((s) => s.startsWith(c.id))).to.deep.equal([]);
    await api().call('PATCH', '/v1/admin/org/settings', { org: orgId, body: { notifications: { invoice_reminder: true } } });
    await run('2026-05-09T09:30:00Z');
    expect((await steps()).filter((s) => s.startsWith(c.id))).to.deep.equal([`${c.id}:7`]);
  });
}

describe('reconcile, invoices queue, overdue job and reminders over HTTP (memory)', function () {
  let harness: ApiHarness;
  before(async () => {
    harness = await startApi(null);
  });
  after(async () => harness?.close());
  reconcileSuite(() => harness);
});

onEachDatabase('reconcile, invoices queue, overdue job and reminders over HTTP', (h) => reconcileSuite(h));
