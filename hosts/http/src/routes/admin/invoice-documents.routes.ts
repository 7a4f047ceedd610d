import { Type } from '@sinclair/typebox';
import { GetInvoicePdf } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';

const tags = ['Invoices'] as const;

/** A PDF file in the document (OpenAPI 3.1 names a binary body's media type with contentMediaType). */
const PdfFile = Type.String({ contentMediaType: 'application/pdf', description: 'The PDF file' });

/** `attachment; filename=...` with the name quoted (numbers are ASCII; a draft's name is `invoice-draft-<uuid>.pdf`). */
const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`;

/**
 * Invoice documents. Mount these before any route of the form `/v1/admin/invoices/:id`: that
 * pattern also matches `<id>.pdf`, and the router runs the first route registered.
 */
export function invoiceDocumentRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/invoices/:id.pdf',
      operationId: 'getInvoicePdf',
      summary: 'Download an invoice as the client sees it (PDF)',
      description:
        'An A4 PDF with the org’s name, the invoice number (DRAFT for a draft), issue and due dates, the client, the lines, the stored tax snapshot (subtotal, taxable subtotal, tax, effective rate, total), paid, outstanding and credit, and the payment state (PAID, PARTIAL, OVERDUE, DUE). Answered as an attachment named after the number; never cached. Viewers get the client’s email and street lines masked. Another org’s invoice answers 404 like a missing one.',
      tags,
      audience: 'staff',
      permission: 'invoices.view',
      contract: GetInvoicePdf.contract,
      responses: { 200: { description: 'The invoice PDF', schema: PdfFile, contentType: 'application/pdf', headers: ['Content-Disposition', 'Cache-Control'] } },
      async handler({ runtime, ctx, input }) {
        const file = await runtime.core.invoiceDocuments.getPdf.execute(ctx, input);
        return {
          status: 200,
          body: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
          contentType: file.mediaType,
          headers: { 'Content-Disposition': attachment(file.fileName), 'Cache-Control': 'private, no-store' },
        };
      },
    }),
  ];
}
