/**
 * GET /v1/admin/invoices/{id}.pdf over HTTP: every staff role (invoices.view) gets the PDF as an
 * attachment named after the number, never cached; the file carries the org, the stored figures
 * and the payment state; a viewer's copy masks the client's email and street; another org's
 * invoice answers 404 problem+json exactly like a missing one; no credentials 401.
 *
 * Invoices are written straight through the repositories, so each figure and state is exactly
 * the one the test chose. Runs on memory, PGlite and (with TEST_DATABASE_URL) the server.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { invoiceTotals, lineFigures, type Invoice, type RequestContext, type Role } from '@cws/core';
import { pdfText } from '@cws/test-support';
import { onEachDatabase, startApi, type ApiHarness } from '@cws/e2e-tests';

interface Fetched {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
}

async function getPdf(h: ApiHarness, path: string, token: string | null): Promise<Fetched> {
  const response = await fetch(`${h.api.baseUrl}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

const json = (f: Fetched) => JSON.parse(Buffer.from(f.bytes).toString('utf8')) as Record<string, unknown>;

function anInvoice(orgId: string, clientId: string, overrides: Partial<Invoice> = {}): Invoice {
  const id = randomUUID();
  const amounts = [
    { description: 'Move-out clean', quantityMilli: 3000, unitPriceCents: 4500, taxRateBasis: 825 },
    { description: 'Window cleaning', quantityMilli: 1500, unitPriceCents: 3000, taxRateBasis: 0 },
  ];
  const lines = amounts.map((a, position) => ({ ...a, ...lineFigures(a), id: randomUUID(), position, bookingId: null }));
  const now = new Date();
  return {
    id,
    orgId,
    clientId,
    number: `INV-2026-${String(Math.floor(Math.random() * 900000) + 100000)}`,
    status: 'PARTIAL',
    currency: 'USD',
    issueDate: '2026-01-10',
    dueDate: '2099-01-24',
    paymentTermsDays: 14,
    notes: null,
    lines,
    bookingIds: [],
    ...invoiceTotals(lines),
    paidCents: 10000,
    sentAt: new Date('2026-01-10T15:00:00.000Z'),
    paidAt: null,
    voidedAt: null,
    voidReason: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

function invoicePdfSuite(harness: () => ApiHarness) {
  let h: ApiHarness;
  let orgA: { id: string; slug: string };
  let orgB: { id: string; slug: string };
  let invoice: Invoice;
  const tokens = new Map<string, string>();

  before(async () => {
    h = harness();
    orgA = await h.newOrg();
    orgB = await h.newOrg();
    const client = await h.api.call('POST', '/v1/admin/clients', {
      org: orgA.id,
      body: { name: 'Maria Gonzalez', email: 'maria@example.com', addresses: [{ line1: '221 W 79th St', line2: 'Apt 5B', city: 'New York' }] },
    });
    expect(client.status, client.text).to.equal(201);
    invoice = anInvoice(orgA.id, client.body.id);
    const ctx: RequestContext = { orgId: orgA.id, actor: { kind: 'system', id: 'e2e', role: null }, requestId: 'e2e-invoice', now: new Date() };
    await h.runtime.ports.uow.run(ctx, (repos) => repos.invoices.insert(invoice));
    for (const role of ['owner', 'admin', 'finance', 'dispatcher', 'viewer'] as const) tokens.set(role, (await h.staff(orgA.id, role)).accessToken);
    tokens.set('other-org-owner', (await h.staff(orgB.id, 'owner')).accessToken);
  });
  const path = () => `/v1/admin/invoices/${invoice.id}.pdf`;

  it('answers every staff role with the PDF as an attachment named after the number, not cached', async () => {
    for (const role of ['owner', 'admin', 'finance', 'dispatcher', 'viewer'] as Role[]) {
      const r = await getPdf(h, path(), tokens.get(role)!);
      expect(r.status, `${role}: ${Buffer.from(r.bytes).toString('utf8').slice(0, 300)}`).to.equal(200);
      expect(r.headers.get('content-type')).to.equal('application/pdf');
      expect(r.headers.get('content-disposition')).to.equal(`attachment; filename="${invoice.number}.pdf"`);
      expect(r.headers.get('cache-control')).to.equal('private, no-store');
      expect(Number(r.headers.get('content-length'))).to.equal(r.bytes.byteLength);
      expect(Buffer.from(r.bytes.subarray(0, 5)).toString('latin1')).to.equal('%PDF-');
    }
  });

  it('prints the org, the number, the stored figures and the payment state', async () => {
    const { text } = await pdfText((await getPdf(h, path(), tokens.get('finance')!)).bytes);
    const org = await h.runtime.ports.orgs.findById(orgA.id);
    // 3 × 45.00 = 135.00 at 8.25 % → 11.14 (half up); 1.5 × 30.00 = 45.00 untaxed.
    for (const s of [org!.name, `Invoice ${invoice.number}`, 'Maria Gonzalez', 'Move-out clean', '$135.00', '8.25%', '$11.14', '$180.00', '$191.14', 'PARTIAL', 'outstanding $91.14']) {
      expect(text).to.include(s);
    }
  });

  it('masks the client’s email and street lines in a viewer’s copy', async () => {
    const viewer = (await pdfText((await getPdf(h, path(), tokens.get('viewer')!)).bytes)).text;
    expect(viewer).to.include('Maria Gonzalez');
    expect(viewer).to.include('m***@example.com');
    expect(viewer).not.to.include('maria@example.com');
    expect(viewer).not.to.include('221 W 79th St');
    const admin = (await pdfText((await getPdf(h, path(), tokens.get('admin')!)).bytes)).text;
    expect(admin).to.include('maria@example.com');
    expect(admin).to.include('221 W 79th St');
  });

  it('answers another org’s invoice with 404 problem+json, the same as an id that does not exist', async () => {
    const crossOrg = await getPdf(h, path(), tokens.get('other-org-owner')!);
    const missing = await getPdf(h, `/v1/admin/invoices/${randomUUID()}.pdf`, tokens.get('other-org-owner')!);
    for (const r of [crossOrg, missing]) {
      expect(r.status).to.equal(404);
      expect(r.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(json(r)['code']).to.equal('invoice.not_found');
      expect(r.headers.get('content-disposition')).to.equal(null);
    }
    expect(Buffer.from(crossOrg.bytes).toString('utf8')).not.to.include(orgA.id);
  });

  it('answers 401 without credentials and 422 for an id that is not a UUID', async () => {
    const anonymous = await getPdf(h, path(), null);
    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const bad = await getPdf(h, '/v1/admin/invoices/not-a-uuid.pdf', tokens.get('admin')!);
    expect(bad.status).to.equal(422);
    expect(json(bad)['code']).to.equal('validation.failed');
  });

  it('serves Basic Auth callers too (legacy finance pair)', async () => {
    const r = await h.api.call('GET', path(), { as: 'finance', org: orgA.id });
    expect(r.status, r.text.slice(0, 300)).to.equal(200);
    expect(r.headers.get('content-type')).to.equal('application/pdf');
  });
}

describe('invoice PDF over HTTP (memory storage)', () => {
  let h: ApiHarness;
  before(async () => {
    h = await startApi(null);
  });
  after(async () => h?.close());
  invoicePdfSuite(() => h);
});

onEachDatabase('invoice PDF over HTTP', (h) => invoicePdfSuite(h));
