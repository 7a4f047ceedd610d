import { expect } from 'chai';
import { onEachDatabase, startApi, type ApiHarness } from '@cws/e2e-tests';
import { OrgApi, at, utcDay } from '../src/scheduling-fixtures.js';

const line = (over: Record<string, unknown> = {}) => ({ description: 'Window cleaning', quantity: 2.5, unit_price_cents: 1999, tax_rate_basis: 2000, ...over });
const UNKNOWN = '00000000-0000-4000-8000-00000000ffff';

function invoiceSuite(h: () => ApiHarness): void {
  async function setup(currency?: string) {
    const org = await OrgApi.create(h());
    if (currency !== undefined) await org.expect(200, 'PATCH', '/v1/admin/org/settings', { currency });
    const client = await org.client({ email: `pat-${org.slug}@example.com`, phone: '+44 113 496 0000' });
    return { org, client };
  }

  async function completedBooking(org: OrgApi, clientId: string, extra: Record<string, unknown> = {}, dayOffset = 1) {
    const booking = await org.booking({ client_id: clientId, start: at(utcDay(dayOffset), 10), end: at(utcDay(dayOffset), 12), status: 'confirmed', ...extra });
    await org.expect(200, 'POST', `/v1/admin/bookings/${booking.id}/status`, { status: 'in_progress' });
    await org.expect(200, 'POST', `/v1/admin/bookings/${booking.id}/status`, { status: 'completed' });
    return booking;
  }

  const draft = (org: OrgApi, clientId: string, body: Record<string, unknown> = {}) => org.expect(201, 'POST', '/v1/admin/invoices', { client_id: clientId, lines: [line()], ...body });

  it('creates, edits, issues (mail with a working link), lists and voids an invoice; every figure is the snapshot', async () => {
    const { org, client } = await setup();
    const created = await org.call('POST', '/v1/admin/invoices', { body: { client_id: client.id, lines: [line(), line({ description: 'Oven', quantity: 1, unit_price_cents: 4500, tax_rate_basis: 0 })], notes: 'Thanks' } });
    expect(created.status, created.text).to.equal(201);
    expect(created.headers.get('location')).to.equal(`/v1/admin/invoices/${created.body.id}`);
    expect(created.body).to.include({ status: 'DRAFT', number: null, currency: 'USD', subtotal_cents: 9498, taxable_subtotal_cents: 4998, tax_cents: 1000, tax_rate_basis: 2001, total_cents: 10_498, paid_cents: 0, outstanding_cents: 10_498, credit_cents: 0 });
    expect(created.body.lines[0]).to.include({ quantity: 2.5, unit_price_cents: 1999, line_total_cents: 4998, line_tax_cents: 1000 });
    expect(created.body.client).to.deep.equal({ id: client.id, name: client.name, email: client.email });
    const id = created.body.id as string;

    const edited = await org.expect(200, 'PATCH', `/v1/admin/invoices/${id}`, { lines: [line({ quantity: 1.125, unit_price_cents: 1000 })] });
    expect(edited).to.include({ subtotal_cents: 1125, tax_cents: 225, total_cents: 1350, notes: 'Thanks' });

    const issued = await org.expect(200, 'POST', `/v1/admin/invoices/${id}/issue`);
    expect(issued.delivery).to.equal('queued');
    expect(issued.invoice).to.include({ status: 'SENT', number: `INV-${new Date().getUTCFullYear()}-000001`, total_cents: 1350 });
    expect(issued.invoice.issue_date).to.match(/^\d{4}-\d{2}-\d{2}$/);
    const again = await org.call('POST', `/v1/admin/invoices/${id}/issue`);
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('invoice.invalid_transition');
    const notDraft = await org.call('PATCH', `/v1/admin/invoices/${id}`, { body: { notes: 'late' } });
    expect([notDraft.status, notDraft.body.code]).to.deep.equal([409, 'invoice.not_draft']);

    const mails = await h().queued(client.email, 'invoice_sent');
    expect(mails).to.have.length(1);
    expect(mails[0]!.event.dedupeKey).to.equal(`invoice:${id}:sent`);
    const token = mails[0]!.secret!;
    const page = await h().api.call('GET', `/v1/public/invoices/${token}`, { as: null });
    expect(page.status, page.text).to.equal(200);
    expect(page.headers.get('cache-control')).to.equal('no-store');
    expect(page.body).to.include({ number: issued.invoice.number, status: 'SENT', currency: 'USD', total_cents: 1350, outstanding_cents: 1350, paid_cents: 0, org_name: `E2E ${org.slug.slice(4)}` });
    // The phone's digits, not a fragment of them: '496' alone turned up inside a random id or token.
    expect(page.text).to.not.contain(client.email).and.not.contain('1134960000');
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [tampered, `${UNKNOWN}${token.slice(36)}`, 'garbage']) {
      const r = await h().api.call('GET', `/v1/public/invoices/${bad}`, { as: null });
      expect([r.status, r.body.code]).to.deep.equal([404, 'invoice.link_invalid']);
      expect(r.headers.get('content-type')).to.contain('application/problem+json');
    }

    const list = await org.expect(200, 'GET', '/v1/admin/invoices?status=SENT&status=OVERDUE');
    expect(list.items.map((i: { id: string }) => i.id)).to.deep.equal([id]);
    expect((await org.expect(200, 'GET', '/v1/admin/invoices?status=DRAFT')).items).to.deep.equal([]);

    const noReason = await org.call('POST', `/v1/admin/invoices/${id}/void`, { body: {} });
    expect(noReason.status).to.equal(422);
    const voided = await org.expect(200, 'POST', `/v1/admin/invoices/${id}/void`, { reason: 'Issued by mistake' });
    expect(voided).to.include({ status: 'VOID', void_reason: 'Issued by mistake', outstanding_cents: 0 });
    const revoked = await h().api.call('GET', `/v1/public/invoices/${token}`, { as: null });
    expect([revoked.status, revoked.body.code]).to.deep.equal([404, 'invoice.link_invalid']);
  });

  it('lets dispatchers and viewers read but not write (viewers see client PII masked); finance writes', async () => {
    const { org, client } = await setup();
    const inv = await draft(org, client.id, { notes: 'Gate code 4821' });
    for (const role of ['dispatcher', 'viewer'] as const) {
      const read = await org.call('GET', `/v1/admin/invoices/${inv.id}`, { as: role });
      expect(read.status, read.text).to.equal(200);
      expect(read.body.total_cents).to.equal(inv.total_cents);
      const writes = [
        org.call('POST', '/v1/admin/invoices', { as: role, body: { client_id: client.id, lines: [line()] } }),
        org.call('PATCH', `/v1/admin/invoices/${inv.id}`, { as: role, body: { notes: 'x' } }),
        org.call('POST', `/v1/admin/invoices/${inv.id}/issue`, { as: role }),
        org.call('POST', `/v1/admin/invoices/${inv.id}/void`, { as: role, body: { reason: 'x' } }),
        org.call('POST', '/v1/admin/invoices/batch', { as: role, body: { from: '2026-01-01', to: '2026-01-31' } }),
      ];
      for (const r of await Promise.all(writes)) expect(r.status, r.text).to.equal(403);
    }
    const viewer = await org.call('GET', `/v1/admin/invoices/${inv.id}`, { as: 'viewer' });
    expect(viewer.body.client.email).to.equal(`p***@example.com`);
    expect(viewer.body.client.name).to.equal(client.name);
    expect(viewer.body.notes).to.equal('***');
    const listed = await org.call('GET', '/v1/admin/invoices', { as: 'viewer' });
    expect(listed.body.items[0].client.email).to.equal('p***@example.com');
    const dispatcher = await org.call('GET', `/v1/admin/invoices/${inv.id}`, { as: 'dispatcher' });
    expect(dispatcher.body.client.email).to.equal(client.email);
    const finance = await org.call('POST', `/v1/admin/invoices/${inv.id}/issue`, { as: 'finance' });
    expect(finance.status, finance.text).to.equal(200);
    const audit = await org.expect(200, 'GET', `/v1/admin/audit-logs?resource_type=invoice&resource_id=${inv.id}`);
    expect(audit.items.map((e: { action: string }) => e.action)).to.include.members(['invoice.created', 'invoice.issued']);
  });

  it('answers 404 for another org’s invoice and changes nothing', async () => {
    const { org, client } = await setup();
    const inv = await draft(org, client.id);
    const other = await OrgApi.create(h());
    for (const [method, path, body] of [
      ['GET', `/v1/admin/invoices/${inv.id}`, undefined],
      ['PATCH', `/v1/admin/invoices/${inv.id}`, { notes: 'hijack' }],
      ['POST', `/v1/admin/invoices/${inv.id}/issue`, undefined],
      ['POST', `/v1/admin/invoices/${inv.id}/void`, { reason: 'hijack' }],
    ] as const) {
      const r = await other.call(method, path, body === undefined ? {} : { body });
      expect([r.status, r.body.code], `${method} ${path}`).to.deep.equal([404, 'invoice.not_found']);
    }
    const theirClient = await other.call('POST', '/v1/admin/invoices', { body: { client_id: client.id, lines: [line()] } });
    expect(theirClient.status).to.equal(404);
    const after = await org.expect(200, 'GET', `/v1/admin/invoices/${inv.id}`);
    expect(after).to.deep.equal(inv);
    expect((await other.expect(200, 'GET', '/v1/admin/invoices')).items).to.deep.equal([]);
  });

  it('refuses bad input with problem+json naming each field', async () => {
    const { org, client } = await setup();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ lines: [line({ quantity: 1.2345 })] }, '/lines/0/quantity'],
      [{ lines: [line({ unit_price_cents: -1 })] }, '/lines/0/unit_price_cents'],
      [{ lines: [line({ tax_rate_basis: 10_001 })] }, '/lines/0/tax_rate_basis'],
      [{ lines: Array.from({ length: 101 }, () => line()) }, '/lines'],
      [{ lines: [line({ description: 'a\u0000b' })] }, '/lines/0/description'],
      [{ lines: [line({ quantity: '2' })] }, '/lines/0/quantity'],
      [{ payment_terms_days: 400 }, '/payment_terms_days'],
    ];
    for (const [body, pointer] of cases) {
      const r = await org.call('POST', '/v1/admin/invoices', { body: { client_id: client.id, lines: [line()], ...body } });
      expect(r.status, JSON.stringify(body)).to.equal(422);
      expect(r.headers.get('content-type')).to.contain('application/problem+json');
      expect(r.body.errors.map((e: { pointer: string }) => e.pointer), JSON.stringify(body)).to.include(pointer);
    }
    const badId = await org.call('GET', '/v1/admin/invoices/not-a-uuid');
    expect(badId.status).to.equal(422);
    const badCursor = await org.call('GET', '/v1/admin/invoices?cursor=zzz');
    expect(badCursor.status).to.equal(422);
    expect((await org.expect(200, 'GET', '/v1/admin/invoices')).items).to.deep.equal([]);
  });

  it('makes one invoice per retried POST with the same Idempotency-Key', async () => {
    const { org, client } = await setup();
    const send = () => org.call('POST', '/v1/admin/invoices', { body: { client_id: client.id, lines: [line()] }, headers: { 'Idempotency-Key': `inv-${org.slug}` } });
    const first = await send();
    const second = await send();
    expect([first.status, second.status]).to.deep.equal([201, 201]);
    expect(second.body.id).to.equal(first.body.id);
    expect(second.headers.get('idempotent-replayed')).to.equal('true');
    expect((await org.expect(200, 'GET', '/v1/admin/invoices')).items).to.have.length(1);
  });

  it('numbers 20 concurrent issues of one org with 20 consecutive numbers', async () => {
    const { org, client } = await setup();
    const drafts = [];
    for (let i = 0; i < 20; i += 1) drafts.push(await draft(org, client.id));
    const issued = await Promise.all(drafts.map((d) => org.call('POST', `/v1/admin/invoices/${d.id}/issue`)));
    for (const r of issued) expect(r.status, r.text).to.equal(200);
    const year = issued[0]!.body.invoice.issue_date.slice(0, 4);
    expect(issued.map((r) => r.body.invoice.number).sort()).to.deep.equal(Array.from({ length: 20 }, (_, i) => `INV-${year}-${String(i + 1).padStart(6, '0')}`));
  });

  it('bills completed bookings once: batch twice creates none the second time; a booking not completed is 409', async () => {
    const { org, client } = await setup();
    const service = await org.service({ name: 'Deep clean', price_minor: 15_000 });
    const done = await completedBooking(org, client.id, { service_id: service.id }, 1);
    const done2 = await completedBooking(org, client.id, { price_estimate_minor: 7000 }, 2);
    const open = await org.booking({ client_id: client.id, start: at(utcDay(3), 10), end: at(utcDay(3), 12), status: 'confirmed' });
    const refused = await org.call('POST', '/v1/admin/invoices', { body: { client_id: client.id, booking_ids: [open.id] } });
    expect([refused.status, refused.body.code]).to.deep.equal([409, 'invoice.booking_not_invoiceable']);

    const period = { from: utcDay(0).toISOString().slice(0, 10), to: utcDay(5).toISOString().slice(0, 10) };
    const batch = await org.expect(201, 'POST', '/v1/admin/invoices/batch', period);
    expect(batch.created).to.have.length(1);
    expect(batch.created[0].booking_ids).to.have.members([done.id, done2.id]);
    expect(batch.created[0].total_cents).to.equal(22_000);
    const second = await org.expect(201, 'POST', '/v1/admin/invoices/batch', period);
    expect(second).to.deep.equal({ created: [], skipped: 2 });
    const single = await org.call('POST', '/v1/admin/invoices', { body: { client_id: client.id, booking_ids: [done.id] } });
    expect([single.status, single.body.code]).to.deep.equal([409, 'invoice.booking_not_invoiceable']);
    const tooLong = await org.call('POST', '/v1/admin/invoices/batch', { body: { from: '2026-01-01', to: '2026-06-01' } });
    expect(tooLong.status).to.equal(422);
  });

  it('races a batch against single creates for the same bookings: each booking is billed once', async () => {
    const { org, client } = await setup();
    const bookings = [];
    for (let d = 1; d <= 3; d += 1) bookings.push(await completedBooking(org, client.id, { price_estimate_minor: 1000 }, d));
    const period = { from: utcDay(0).toISOString().slice(0, 10), to: utcDay(5).toISOString().slice(0, 10) };
    const results = await Promise.all([
      org.call('POST', '/v1/admin/invoices/batch', { body: period }),
      ...bookings.map((b) => org.call('POST', '/v1/admin/invoices', { body: { client_id: client.id, booking_ids: [b.id] } })),
    ]);
    expect(results[0]!.status, results[0]!.text).to.equal(201);
    for (const r of results.slice(1)) expect([201, 409], r.text).to.include(r.status);
    const all = (await org.expect(200, 'GET', '/v1/admin/invoices')).items as Array<{ booking_ids: string[] }>;
    const billed = all.flatMap((i) => i.booking_ids).sort();
    expect(billed).to.deep.equal(bookings.map((b) => b.id).sort());
  });

  it('keeps amounts in the currency’s minor units: JPY (0 decimals) and BHD (3)', async () => {
    const jpy = await setup('JPY');
    const yen = await draft(jpy.org, jpy.client.id, { lines: [line({ quantity: 3, unit_price_cents: 4999, tax_rate_basis: 1000 })] });
    expect(yen).to.include({ currency: 'JPY', subtotal_cents: 14_997, tax_cents: 1500, total_cents: 16_497 });
    const bhd = await setup('BHD');
    const fils = await draft(bhd.org, bhd.client.id, { lines: [line({ quantity: 0.5, unit_price_cents: 12_345, tax_rate_basis: 1000 })] });
    // 0.5 × 12.345 BHD = 6.1725 → 6.173 (half up); 10 % = 0.6173 → 0.617.
    expect(fils).to.include({ currency: 'BHD', subtotal_cents: 6173, tax_cents: 617, total_cents: 6790 });
  });

  it('never recomputes an issued invoice’s figures from later org settings', async () => {
    const { org, client } = await setup();
    const inv = await draft(org, client.id);
    const { invoice } = await org.expect(200, 'POST', `/v1/admin/invoices/${inv.id}/issue`);
    await org.expect(200, 'PATCH', '/v1/admin/org/settings', { currency: 'EUR', time_zone: 'Pacific/Auckland' });
    const later = await org.expect(200, 'GET', `/v1/admin/invoices/${inv.id}`);
    expect(later).to.deep.equal(invoice);
  });

}

describe('invoices over HTTP (memory)', () => {
  let harness: ApiHarness;
  before(async () => {
    harness = await startApi(null);
  });
  after(async () => harness?.close());
  invoiceSuite(() => harness);
});

onEachDatabase('invoices over HTTP', (h) => invoiceSuite(h));

describe('invoices while the admin API is read-only (ADMIN_READ_ONLY=true)', () => {
  let harness: ApiHarness;
  before(async () => {
    harness = await startApi(null, { env: { ADMIN_READ_ONLY: 'true' } });
  });
  after(async () => harness?.close());

  it('refuses every invoice write with 409 and still reads', async () => {
    const org = await OrgApi.create(harness);
    const client = await harness.runtime.core.clients.create.execute(
      { orgId: org.orgId, actor: { kind: 'staff', id: 'e2e-setup', role: 'owner' }, requestId: 'ro', now: new Date() },
      { name: 'Read Only' },
    );
    const writes = await Promise.all([
      org.call('POST', '/v1/admin/invoices', { body: { client_id: client.id, lines: [line()] } }),
      org.call('POST', '/v1/admin/invoices/batch', { body: { from: '2026-01-01', to: '2026-01-31' } }),
      org.call('PATCH', `/v1/admin/invoices/${UNKNOWN}`, { body: { notes: 'x' } }),
      org.call('POST', `/v1/admin/invoices/${UNKNOWN}/issue`),
      org.call('POST', `/v1/admin/invoices/${UNKNOWN}/void`, { body: { reason: 'x' } }),
    ]);
    for (const r of writes) expect(r.status, r.text).to.equal(409);
    expect((await org.expect(200, 'GET', '/v1/admin/invoices')).items).to.deep.equal([]);
  });
});
