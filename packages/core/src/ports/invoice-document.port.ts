/**
 * Renders the document a client gets for an invoice (a PDF). The core decides what is printed
 * (`InvoiceDocument`: figures as stored, personal data already masked for the reader); the
 * adapter only lays it out. Rendering must be deterministic (the same document gives the same
 * bytes) and must not fail on any text the core accepted.
 */
import type { InvoiceDocument } from '../domain/billing/invoice-document.js';

export interface InvoiceDocumentRenderer {
  /** The rendered file's media type (`application/pdf`). */
  readonly mediaType: string;
  /** The file name extension without a dot (`pdf`). */
  readonly extension: string;
  render(doc: InvoiceDocument): Promise<Uint8Array>;
}
