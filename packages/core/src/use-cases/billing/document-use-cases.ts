/** The invoice document use cases (`core.invoiceDocuments`), built from the core's shared services. */
import type { CoreServices } from '../shared/core-services.js';
import { GetInvoicePdf } from './get-invoice-pdf.use-case.js';

export function documentUseCases({ uow, orgs, invoiceDocuments }: CoreServices) {
  return {
    getPdf: new GetInvoicePdf({ uow, orgs, renderer: invoiceDocuments }),
  };
}
