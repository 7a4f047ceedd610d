export { PdfkitInvoiceRenderer, MAX_PRINTED_DESCRIPTION, type PdfkitInvoiceRendererOptions } from './pdfkit-invoice-renderer.js';
export { winAnsiText } from './win-ansi-text.js';
