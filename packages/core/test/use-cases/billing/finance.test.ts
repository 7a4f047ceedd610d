import { expect } from 'chai';
import { dunningStep, systemActor, type Invoice, type OutboxEvent, type SystemContext } from '@cws/core';
import { auditRows, expectAppError, expectInvalid, pointers } from '../../support/core-fixture.js';
import { ENQUEUE_ONLY_EMAIL } from '../../support/enqueue-only-channels.js';
import { schedulingFixture, UNKNOWN_ID, type SchedulingFixture } from '../../support/scheduling-fixture.js';
import { inUnit, issuedInvoice, payment } from '../../support/invoice-seed.js';

const z = (iso: string) => new Date(iso);

describe('finance: reconcile, invoices queue, overdue job, overdue reminders', () => {
  let fx: SchedulingFixture;
  beforeEach(() => {
    fx = schedulingFixture({ channels: { email: ENQUEUE_ONLY_EMAIL } });
  });

  async function orgWithClient(slug: string, timeZone = 'Europe/London') {
    const orgId = await fx.newOrg(slug, { timeZone });
    const client = await fx.client(orgId, { name: 'Grace Hopper', email: `grace@${slug}.example` });
    return { orgId, client };
  }
  async function seed(orgId: string, clientId: string, fields: Partial<Invoice> & { totalCents: number; dueDate: string }): Promise<Invoice> {
    const invoice = issuedInvoice(orgId, fx.ids.next(), clientId, fields);
    await inUnit(fx.uow, fx.ctx(orgId), (r) => r.invoices.insert(invoice));
    return invoice;
  }
  /** A payment row written without settling: the mismatch reconcile exists for. */
  const payRaw = (invoice: Invoice, cents: number, fields = {}) => inUnit(fx.uow, fx.ctx(invoice.orgId), (r) => r.payments.insert(payment(invoice, fx.ids.next(), cents, fields)));
  const stored = (id: string) => fx.state.tables.invoices.get(id)!;
  const jobSys = (job: string, now: Date): SystemContext => ({ actor: systemActor(`job:${job}`), requestId: `req-${job}`, now, reason: job, job });

  describe('GetInvoiceReconcileReport and ReconcileInvoice', () => {
    it('reports a payment stored without settling, and reconcile fixes it with one audit row; a repeat changes nothing but is audited', async () => {
      const { orgId, client } = await orgWithClient('acme');
      const clean = await seed(orgId, client.id, { totalCents: 5000, dueDate: '2026-03-10' });
      const broken = await seed(orgId, client.id, { totalCents: 10000, dueDate: '2026-03-10' });
      await payRaw(broken, 4000);
      await payRaw(broken, 9999, { status: 'failed' });
      await payRaw(broken, 500, { purpose: 'tip' });

      const report = await fx.core.finance.reconcileReport.execute(fx.ctx(orgId, { role: 'finance' }), {});
      expect(report.total).to.equal(1);
      expect(report.items[0]).to.deep.include({
        invoiceId: broken.id,
        status: 'SENT',
        paidCents: 0,
        settledCents: 4000,
        outstandingCents: 6000,
        paymentCount: 3,
        succeededPaymentCount: 2,
        mismatch: true,
        quickAction: { method: 'POST', href: `/v1/admin/finance/invoices/${broken.id}/reconcile` },
      });
      const all = await fx.core.finance.reconcileReport.execute(fx.ctx(orgId), { status: 'all', limit: 1, offset: 1 });
      expect([all.total, all.items.length, all.limit, all.offset]).to.deep.equal([2, 1, 1, 1]);
      expect((await fx.core.finance.reconcileReport.execute(fx.ctx(orgId), { status: 'all' })).items.find((r) => r.invoiceId === clean.id)?.mismatch).to.equal(false);

      const auditBefore = auditRows(fx, orgId).length;
      const fixed = await fx.core.finance.reconcile.execute(fx.ctx(orgId, { role: 'finance' }), { id: broken.id });
      expect(fixed).to.deep.equal({
        invoiceId: broken.id,
        changed: true,
        before: { status: 'SENT', paidCents: 0, outstandingCents: 10000, succeededCount: 2 },
        after: { status: 'PARTIAL', paidCents: 4000, outstandingCents: 6000, succeededCount: 2 },
      });
      expect(stored(broken.id)).to.include({ status: 'PARTIAL', paidCents: 4000 });
      const rows = auditRows(fx, orgId).slice(auditBefore);
      expect(rows.map((r) => [r.action, r.resourceId, r.metadata])).to.deep.equal([['invoice.reconciled', broken.id, { changed: true }]]);
      expect(rows[0]!.before).to.deep.equal(fixed.before);
      expect((await fx.core.finance.reconcileReport.execute(fx.ctx(orgId), {})).total).to.equal(0);
      // Payments are never invented or changed.
      expect([...fx.state.tables.payments.values()].filter((p) => p.invoiceId === broken.id)).to.have.length(3);

      const again = await fx.core.finance.reconcile.execute(fx.ctx(orgId), { id: broken.id });
      expect(again.changed).to.equal(false);
      expect(again.before).to.deep.equal(again.after);
      expect(auditRows(fx, orgId).slice(auditBefore).map((r) => [r.action, r.metadata])).to.deep.equal([
        ['invoice.reconciled', { changed: true }],
        ['invoice.reconciled', { changed: false }],
      ]);
    });

    it('reopens a PAID invoice with no settled money (OVERDUE once past due), and pays one whose payments cover it', async () => {
      const { orgId, client } = await orgWithClient('acme');
      const ghost = await seed(orgId, client.id, { totalCents: 3000, dueDate: '2026-02-01', status: 'PAID', paidCents: 3000, paidAt: z('2026-02-01T10:00:00Z') });
      const covered = await seed(orgId, client.id, { totalCents: 3000, dueDate: '2026-02-01', status: 'OVERDUE' });
      await payRaw(covered, 2000);
      await payRaw(covered, 1500, { provider: 'stripe', method: 'card', providerReference: 'pi_1' });
      expect((await fx.core.finance.reconcile.execute(fx.ctx(orgId), { id: ghost.id })).after).to.deep.equal({ status: 'OVERDUE', paidCents: 0, outstandingCents: 3000, succeededCount: 0 });
      expect(stored(ghost.id).paidAt).to.equal(null);
      expect((await fx.core.finance.reconcile.execute(fx.ctx(orgId), { id: covered.id })).after).to.deep.equal({ status: 'PAID', paidCents: 3500, outstandingCents: 0, succeededCount: 2 });
    });

    it('refuses drafts and void invoices (409), another org’s id and unknown ids (404), and writes nothing', async () => {
      const a = await orgWithClient('a');
      const b = await orgWithClient('b');
      const draft = await seed(a.orgId, a.client.id, { totalCents: 100, dueDate: '2026-03-10', status: 'DRAFT', number: null, issueDate: null });
      const voided = await seed(a.orgId, a.client.id, { totalCents: 100, dueDate: '2026-03-10', status: 'VOID' });
      const theirs = await seed(b.orgId, b.client.id, { totalCents: 100, dueDate: '2026-03-10' });
      await payRaw(theirs, 100);
      const auditBefore = fx.state.tables.audit.length;
      await expectAppError(fx.core.finance.reconcile.execute(fx.ctx(a.orgId), { id: draft.id }), 'invoice.invalid_transition');
      await expectAppError(fx.core.finance.reconcile.execute(fx.ctx(a.orgId), { id: voided.id }), 'invoice.invalid_transition');
      await expectAppError(fx.core.finance.reconcile.execute(fx.ctx(a.orgId), { id: theirs.id }), 'invoice.not_found');
      await expectAppError(fx.core.finance.reconcile.execute(fx.ctx(a.orgId), { id: UNKNOWN_ID }), 'invoice.not_found');
      await expectInvalid(fx.core.finance.reconcile.execute(fx.ctx(a.orgId), { id: 'nope' }), ['/id']);
      expect(fx.state.tables.audit.length).to.equal(auditBefore);
      expect(stored(theirs.id)).to.include({ status: 'SENT', paidCents: 0 });
      expect((await fx.core.finance.reconcileReport.execute(fx.ctx(a.orgId), { status: 'all' })).items.map((r) => r.invoiceId)).to.not.include(theirs.id);
      await expectInvalid(fx.core.finance.reconcileReport.execute(fx.ctx(a.orgId), { status: 'bogus' as never, limit: 201, offset: -1 }), ['/status', '/limit', '/offset']);
    });
  });

  describe('GetInvoiceQueue', () => {
    it('lists unpaid and overdue invoices by due date with days overdue on the org’s calendar and both counts', async () => {
      const { orgId, client } = await orgWithClient('nz', 'Pacific/Auckland');
      // 12:00Z on 2 March is 01:00 on 3 March in Auckland (NZDT, +13): 2 March is past due there.
      fx.clock.set('2026-03-02T12:00:00Z');
      const dueToday = await seed(orgId, client.id, { totalCents: 1000, dueDate: '2026-03-03' });
      const late = await seed(orgId, client.id, { totalCents: 2000, dueDate: '2026-02-01', status: 'OVERDUE' });
      const partial = await seed(orgId, client.id, { totalCents: 3000, dueDate: '2026-03-02', status: 'PARTIAL', paidCents: 1000 });
      await seed(orgId, client.id, { totalCents: 1000, dueDate: '2026-01-01', status: 'PAID', paidCents: 1000 });
      await seed(orgId, client.id, { totalCents: 1000, dueDate: '2026-01-01', status: 'VOID' });
      const all = await fx.core.finance.invoiceQueue.execute(fx.ctx(orgId, { role: 'finance' }), {});
      expect(all).to.deep.include({ overdueCount: 2, unpaidCount: 3, total: 3, limit: 50, offset: 0 });
      expect(all.items.map((i) => [i.invoiceId, i.daysOverdue, i.outstandingCents, i.clientName])).to.deep.equal([
        [late.id, 30, 2000, 'Grace Hopper'],
        [partial.id, 1, 2000, 'Grace Hopper'],
        [dueToday.id, 0, 1000, 'Grace Hopper'],
      ]);
      const overdue = await fx.core.finance.invoiceQueue.execute(fx.ctx(orgId), { status: 'overdue', limit: 1, offset: 1 });
      expect(overdue).to.deep.include({ overdueCount: 2, unpaidCount: 3, total: 2 });
      expect(overdue.items.map((i) => i.invoiceId)).to.deep.equal([partial.id]);
    });
  });

  describe('MarkInvoicesOverdue (invoices-mark-overdue)', () => {
    it('marks SENT invoices past due on each org’s own calendar, settles covered ones instead, audits, and a rerun does nothing', async () => {
      // 2026-03-29T00:30Z: London has just moved to BST (01:30 on the 29th); Los Angeles is still on the 28th (17:30 PDT).
      const now = z('2026-03-29T00:30:00Z');
      const ldn = await orgWithClient('ldn', 'Europe/London');
      const la = await orgWithClient('la', 'America/Los_Angeles');
      const ldnDue = await seed(ldn.orgId, ldn.client.id, { totalCents: 1000, dueDate: '2026-03-28' });
      const ldnToday = await seed(ldn.orgId, ldn.client.id, { totalCents: 1000, dueDate: '2026-03-29' });
      const ldnPaid = await seed(ldn.orgId, ldn.client.id, { totalCents: 1000, dueDate: '2026-03-01' });
      await payRaw(ldnPaid, 1000);
      const laDue = await seed(la.orgId, la.client.id, { totalCents: 1000, dueDate: '2026-03-28' });
      const laOld = await seed(la.orgId, la.client.id, { totalCents: 1000, dueDate: '2026-03-27' });

      const result = await fx.core.finance.markOverdue.execute(jobSys('invoices-mark-overdue', now), { batchSize: 1 });
      expect(result).to.deep.equal({ orgsScanned: 2, invoicesScanned: 3, invoicesMarkedOverdue: 2, invoicesSettled: 1, orgsFailed: 0 });
      expect([ldnDue, ldnToday, ldnPaid, laDue, laOld].map((i) => stored(i.id).status)).to.deep.equal(['OVERDUE', 'SENT', 'PAID', 'SENT', 'OVERDUE']);
      const audit = auditRows(fx, ldn.orgId).filter((r) => r.action === 'invoice.settled');
      expect(audit.map((r) => [r.resourceId, r.actorKind, r.metadata])).to.have.deep.members([
        [ldnDue.id, 'system', { reason: 'invoices-mark-overdue' }],
        [ldnPaid.id, 'system', { reason: 'invoices-mark-overdue' }],
      ]);
      const auditCount = fx.state.tables.audit.length;
      expect(await fx.core.finance.markOverdue.execute(jobSys('invoices-mark-overdue', now))).to.deep.include({ invoicesScanned: 0, invoicesMarkedOverdue: 0 });
      expect(fx.state.tables.audit.length).to.equal(auditCount);
      // The next Los Angeles day reaches its invoice.
      await fx.core.finance.markOverdue.execute(jobSys('invoices-mark-overdue', z('2026-03-29T07:00:00Z')));
      expect(stored(laDue.id).status).to.equal('OVERDUE');
    });
  });

  describe('SendInvoiceReminders (invoice-reminders)', () => {
    const reminders = (orgId: string): OutboxEvent[] => [...fx.state.tables.outbox.values()].filter((e) => e.orgId === orgId && e.dedupeKey.includes(':dunning:overdue:'));
    const keys = (orgId: string) => reminders(orgId).map((e) => e.dedupeKey).sort();
    const run = (now: string) => fx.core.finance.sendReminders.execute(jobSys('invoice-reminders', z(now)));

    it('the schedule’s most recent step reached: dunningStep', () => {
      expect([0, 2, 3, 6, 7, 13, 14, 400].map((d) => dunningStep([3, 7, 14], d))).to.deep.equal([null, null, 3, 3, 7, 7, 14, 14]);
    });

    it('sends each step once from 09:00 local, only the latest step for an old invoice, with a live link; payment and void stop them', async () => {
      const { orgId, client } = await orgWithClient('acme', 'Europe/London');
      const fresh = await seed(orgId, client.id, { totalCents: 1000, dueDate: '2026-03-01', status: 'OVERDUE' });
      const old = await seed(orgId, client.id, { totalCents: 2000, dueDate: '2026-01-01', status: 'OVERDUE' });
      const partial = await seed(orgId, client.id, { totalCents: 3000, dueDate: '2026-02-27', status: 'PARTIAL', paidCents: 500 });
      const toPay = await seed(orgId, client.id, { totalCents: 1000, dueDate: '2026-02-20', status: 'OVERDUE' });
      const toVoid = await seed(orgId, client.id, { totalCents: 1000, dueDate: '2026-02-20', status: 'OVERDUE' });

      // 08:59 local: nothing yet.
      expect((await run('2026-03-04T08:59:00Z')).remindersQueued).to.equal(0);
      const first = await run('2026-03-04T09:05:00Z'); // fresh: 3 days; old: 62 → 14 only; partial: 5 → 3; toPay/toVoid: 12 → 7
      expect(first.remindersQueued).to.equal(5);
      expect(keys(orgId)).to.deep.equal(
        [`invoice:${fresh.id}:dunning:overdue:3`, `invoice:${old.id}:dunning:overdue:14`, `invoice:${partial.id}:dunning:overdue:3`, `invoice:${toPay.id}:dunning:overdue:7`, `invoice:${toVoid.id}:dunning:overdue:7`].sort(),
      );
      const mail = reminders(orgId).find((e) => e.dedupeKey.startsWith(`invoice:${old.id}`))!;
      if (mail.payload.kind !== 'email') throw new Error('not a mail');
      expect(mail.payload.message).to.deep.include({ template: 'invoice_overdue_reminder', to: `grace@acme.example` });
      expect(mail.payload.message.data).to.deep.include({ invoiceId: old.id, daysOverdue: 62, outstandingCents: 2000, currency: 'GBP', dueDate: '2026-01-01' });
      expect(mail.payload.message.sealedSecret).to.be.a('string');
      const links = [...fx.state.tables.invoiceLinks.values()].filter((l) => l.invoiceId === old.id);
      expect(links.map((l) => l.revokedAt)).to.deep.equal([null]);

      // Later the same day and the next: nothing new (each step once).
      expect((await run('2026-03-04T15:00:00Z')).remindersQueued).to.equal(0);
      expect((await run('2026-03-05T10:00:00Z')).remindersQueued).to.equal(0);
      expect([...fx.state.tables.invoiceLinks.values()].filter((l) => l.invoiceId === old.id)).to.have.length(1);

      // toPay is paid and toVoid voided before they reach 14 days; fresh reaches 7.
      await inUnit(fx.uow, fx.ctx(orgId), async (r) => {
        await r.invoices.update({ ...stored(toPay.id), status: 'PAID', paidCents: 1000 });
        await r.invoices.update({ ...stored(toVoid.id), status: 'VOID', voidedAt: z('2026-03-05T00:00:00Z') });
      });
      expect((await run('2026-03-08T09:30:00Z')).remindersQueued).to.equal(2); // fresh: 7 days, partial: 9 → 7
      expect((await run('2026-03-15T09:30:00Z')).remindersQueued).to.equal(2); // fresh: 14, partial: 16 → 14
      expect(keys(orgId).filter((k) => k.startsWith(`invoice:${toPay.id}`) || k.startsWith(`invoice:${toVoid.id}`))).to.deep.equal([
        `invoice:${toPay.id}:dunning:overdue:7`,
        `invoice:${toVoid.id}:dunning:overdue:7`,
      ].sort());
      expect(keys(orgId).filter((k) => k.startsWith(`invoice:${fresh.id}`))).to.deep.equal([14, 3, 7].map((d) => `invoice:${fresh.id}:dunning:overdue:${d}`));
    });

    it('follows the org’s own schedule, and the invoice_reminder notification turns them off', async () => {
      const { orgId, client } = await orgWithClient('acme', 'Europe/London');
      const settings = await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { dunningDays: [10, 1] });
      expect(settings.dunningDays).to.deep.equal([1, 10]);
      const invoice = await seed(orgId, client.id, { totalCents: 1000, dueDate: '2026-03-01', status: 'OVERDUE' });
      await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { notifications: { invoiceReminder: false } });
      expect(await run('2026-03-02T10:00:00Z')).to.deep.include({ invoicesScanned: 0, remindersQueued: 0 });
      expect(reminders(orgId)).to.deep.equal([]);
      await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { notifications: { invoiceReminder: true } });
      expect((await run('2026-03-02T10:00:00Z')).remindersQueued).to.equal(1);
      expect(keys(orgId)).to.deep.equal([`invoice:${invoice.id}:dunning:overdue:1`]);
    });

    it('refuses a schedule that is empty, too long, repeats a day or leaves 1..365', async () => {
      const orgId = await fx.newOrg('acme');
      for (const dunningDays of [[], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [3, 3], [0], [366], [1.5]]) {
        const err = await expectAppError(fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { dunningDays }), 'validation.failed');
        expect(pointers(err).length).to.be.greaterThan(0);
        for (const pointer of pointers(err)) expect(pointer).to.match(/^\/dunningDays(\/\d+)?$/);
      }
      expect((await fx.core.orgs.getSettings.execute(fx.ctx(orgId), {})).dunningDays).to.deep.equal([3, 7, 14]);
    });
  });
});
