/**
 * The core's GetInvoicePdf on the memory adapters with this real renderer (no stub): the PDF
 * carries the stored snapshot and the payment state; a viewer's copy masks the client's email
 * and street; another org's invoice is invoice.not_found; without a renderer the use case says
 * document.unavailable (after the 404 check, so it never confirms an id exists).
 */
import { expect } from 'chai';
import { AppError, createCore, invoiceTotals, lineFigures, systemActor, type Core, type ErrorCode, type Invoice, type RequestContext, type Role } from '@cws/core';
import { createMemoryAdapters, type MemoryAdapters } from '@cws/adapter-memory';
import { pdfText } from '@cws/test-support';
import { PdfkitInvoiceRenderer } from '@cws/adapter-documents-pdfkit';

const NOW = new Date('2026-04-01T10:00:00.000Z');

async function expectCode(work: Promise<unknown>, code: ErrorCode): Promise<void> {
  try {
    await work;
  } catch (err) {
    expect(err).to.be.instanceOf(AppError);
    expect((err as AppError).code).to.equal(code);
    return;
  }
  expect.fail(`expected ${code}`);
}

/** An issued invoice row with its figures computed the core's way (per line, half up). */
function anInvoice(orgId: string, clientId: string, id: string, overrides: Partial<Invoice> = {}): Invoice {
  const amounts = [
    { description: 'Deep clean', quantityMilli: 2500, unitPriceCents: 4000, taxRateBasis: 2000 },
    { description: 'Oven', quantityMilli: 1000, unitPriceCents: 4550, taxRateBasis: 0 },
  ];
  const lines = amounts.map((a, position) => ({ ...a, ...lineFigures(a), id: `${id}-l${position}`, position, bookingId: null }));
  return {
    id,
    orgId,
    clientId,
    number: 'INV-2026-000007',
    status: 'SENT',
    currency: 'GBP',
    issueDate: '2026-03-20',
    dueDate: '2026-04-03',
    paymentTermsDays: 14,
    notes: 'Gate code 4412',
    lines,
    bookingIds: [],
    ...invoiceTotals(lines),
    paidCents: 0,
    sentAt: new Date('2026-03-20T09:00:00.000Z'),
    paidAt: null,
    voidedAt: null,
    voidReason: null,
    createdAt: new Date('2026-03-19T09:00:00.000Z'),
    updatedAt: new Date('2026-03-20T09:00:00.000Z'),
    ...overrides,
  };
}

describe('GetInvoicePdf (core, memory, PDFKit renderer)', () => {
  let adapters: MemoryAdapters;
  let core: Core;
  let orgA: string;
  let orgB: string;
  let clientA: string;
  const ctx = (orgId: string, role: Role = 'finance'): RequestContext => ({ orgId, actor: { kind: 'staff', id: `user-${role}`, role }, requestId: 'req-pdf', now: NOW });

  before(async () => {
    adapters = createMemoryAdapters();
    core = createCore({ ...adapters, clock: { now: () => NOW }, invoiceDocuments: new PdfkitInvoiceRenderer() });
    const sys = { actor: systemActor('test-setup'), requestId: 'req-sys', now: NOW, reason: 'test' };
    orgA = (await core.orgs.create.execute(sys, { name: 'Sparkle Cleaning', slug: 'sparkle-pdf', timeZone: 'Europe/London', currency: 'GBP' })).org.id;
    orgB = (await core.orgs.create.execute(sys, { name: 'Other Org', slug: 'other-pdf', currency: 'GBP' })).org.id;
    const client = await core.clients.create.execute(ctx(orgA, 'admin'), {
      name: 'Maria Gonzalez',
      email: 'maria@example.com',
      addresses: [{ line1: '221 W 79th St', line2: 'Apt 5B', city: 'New York', postalCode: '10024', country: 'US' }],
    });
    clientA = client.id;
    await adapters.uow.run(ctx(orgA), async (repos) => {
      await repos.invoices.insert(anInvoice(orgA, clientA, '00000000-0000-4000-8000-000000000001'));
      await repos.invoices.insert(anInvoice(orgA, clientA, '00000000-0000-4000-8000-000000000002', { number: 'INV-2026-000008', status: 'PARTIAL', paidCents: 5000 }));
      await repos.invoices.insert(anInvoice(orgA, clientA, '00000000-0000-4000-8000-000000000003', { number: null, status: 'DRAFT', issueDate: null, dueDate: null, sentAt: null }));
    });
  });

  it('renders the invoice with the org name, number, snapshot figures and the payment state from the org’s today', async () => {
    const file = await core.invoiceDocuments.getPdf.execute(ctx(orgA), { id: '00000000-0000-4000-8000-000000000001' });
    expect(file.fileName).to.equal('INV-2026-000007.pdf');
    expect(file.mediaType).to.equal('application/pdf');
    const { text } = await pdfText(file.bytes);
    for (const s of ['Sparkle Cleaning', 'Invoice INV-2026-000007', 'Maria Gonzalez', 'maria@example.com', '221 W 79th St', 'Deep clean', '£100.00', '£145.50', '£20.00', '£165.50', 'Gate code 4412', 'DUE']) {
      expect(text).to.include(s);
    }
    // Issue and due dates print in the org's locale (en by default).
    expect(text).to.include('Apr 3, 2026');
  });

  it('prints PARTIAL with what is outstanding, and OVERDUE once the due date has passed in the org’s zone', async () => {
    const partial = await pdfText((await core.invoiceDocuments.getPdf.execute(ctx(orgA), { id: '00000000-0000-4000-8000-000000000002' })).bytes);
    expect(partial.text).to.include('PARTIAL');
    expect(partial.text).to.include('outstanding £115.50');
    const later = { ...ctx(orgA), now: new Date('2026-04-04T10:00:00.000Z') };
    const overdue = await pdfText((await core.invoiceDocuments.getPdf.execute(later, { id: '00000000-0000-4000-8000-000000000001' })).bytes);
    expect(overdue.text).to.include('OVERDUE');
  });

  it('renders a draft as DRAFT, named after its id', async () => {
    const file = await core.invoiceDocuments.getPdf.execute(ctx(orgA), { id: '00000000-0000-4000-8000-000000000003' });
    expect(file.fileName).to.equal('invoice-draft-00000000-0000-4000-8000-000000000003.pdf');
    expect((await pdfText(file.bytes)).text).to.include('DRAFT');
  });

  it('masks the client’s email, street lines and the notes for a viewer, and only for a viewer', async () => {
    const viewer = (await pdfText((await core.invoiceDocuments.getPdf.execute(ctx(orgA, 'viewer'), { id: '00000000-0000-4000-8000-000000000001' })).bytes)).text;
    expect(viewer).to.include('Maria Gonzalez');
    expect(viewer).to.include('m***@example.com');
    expect(viewer).not.to.include('maria@example.com');
    expect(viewer).not.to.include('221 W 79th St');
    expect(viewer).not.to.include('Apt 5B');
    expect(viewer).not.to.include('Gate code');
    expect(viewer).to.include('New York');
    expect(viewer).to.include('£165.50');
    for (const role of ['owner', 'admin', 'finance', 'dispatcher'] as const) {
      const text = (await pdfText((await core.invoiceDocuments.getPdf.execute(ctx(orgA, role), { id: '00000000-0000-4000-8000-000000000001' })).bytes)).text;
      expect(text, role).to.include('maria@example.com');
    }
  });

  it('answers invoice.not_found for another org’s invoice and for a missing one', async () => {
    await expectCode(core.invoiceDocuments.getPdf.execute(ctx(orgB), { id: '00000000-0000-4000-8000-000000000001' }), 'invoice.not_found');
    await expectCode(core.invoiceDocuments.getPdf.execute(ctx(orgA), { id: '00000000-0000-4000-8000-0000000000ff' }), 'invoice.not_found');
    await expectCode(core.invoiceDocuments.getPdf.execute(ctx(orgA), { id: 'not-a-uuid' }), 'validation.failed');
  });

  it('fails as document.unavailable without a renderer, but still 404s first for an id it does not have', async () => {
    const bare = createCore({ ...adapters, clock: { now: () => NOW } });
    await expectCode(bare.invoiceDocuments.getPdf.execute(ctx(orgA), { id: '00000000-0000-4000-8000-000000000001' }), 'document.unavailable');
    await expectCode(bare.invoiceDocuments.getPdf.execute(ctx(orgB), { id: '00000000-0000-4000-8000-000000000001' }), 'invoice.not_found');
  });
});
