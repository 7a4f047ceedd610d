import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { Uuid } from '../../contracts/schema-vocabulary.js';
import { personalDataView } from '../../access/personal-data.js';
import { invoiceDocumentOf, type InvoiceDocument } from '../../domain/billing/invoice-document.js';
import { AppError } from '../../errors/app-error.js';
import type { InvoiceDocumentRenderer } from '../../ports/invoice-document.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { loadInvoice, orgToday } from './billing-support.js';

export interface GetInvoicePdfDeps {
  readonly uow: UnitOfWork;
  readonly orgs: OrgDirectory;
  /** Null when no renderer is configured: the use case then fails as document.unavailable. */
  readonly renderer: InvoiceDocumentRenderer | null;
}

/** A rendered invoice file. */
export interface InvoiceFile {
  /** `INV-2026-000123.pdf`; `invoice-draft-<id>.pdf` for a draft (it has no number yet). */
  readonly fileName: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

// The answer is a file, not JSON: the contract has no output schema; the route declares the media type.
const contract = defineContract({ name: 'GetInvoicePdf', input: Type.Object({ id: Uuid() }, { additionalProperties: false }), output: null });

export type GetInvoicePdfInput = ContractInput<typeof contract>;

/**
 * The invoice as the client sees it (a PDF): the org's name, the client, the lines, the stored
 * tax snapshot, what was paid and what is left, and the payment state. A viewer's copy masks the
 * client's contact and street lines as every other staff view does (personal-data policy).
 * Drafts render with "DRAFT" in place of a number. Rendering happens after the unit of work ends,
 * so no transaction is held open while the file is laid out.
 * @throws validation.failed — the id is not a UUID.
 * @throws invoice.not_found — no such invoice in this org (also for another org's invoice).
 * @throws document.unavailable — no document renderer is configured.
 */
export class GetInvoicePdf {
  static readonly contract = contract;

  constructor(private readonly deps: GetInvoicePdfDeps) {}

  async execute(ctx: RequestContext, input: GetInvoicePdfInput): Promise<InvoiceFile> {
    const { id } = checkInput(contract, input);
    const renderer = this.deps.renderer;
    const loaded = await this.deps.uow.run(ctx, async (repos) => {
      const invoice = await loadInvoice(repos, id);
      const { today, settings } = await orgToday(repos, ctx);
      const client = await repos.clients.findById(invoice.clientId);
      if (client === null) throw new AppError('internal.unexpected', `Invoice ${invoice.id} points at a client that does not exist`);
      return { invoice, client, today, settings };
    });
    // The org directory is read outside the unit: on the embedded database (one connection) a
    // read inside it would wait for the connection the unit holds.
    const org = await this.deps.orgs.findById(ctx.orgId);
    if (org === null) throw new AppError('org.not_found', 'The organisation does not exist');
    const doc: InvoiceDocument = invoiceDocumentOf({ ...loaded, org, view: personalDataView(ctx.actor), payUrl: null });
    // Checked after loading, so a missing invoice is still a 404 where no renderer is configured.
    if (renderer === null) throw new AppError('document.unavailable', 'No invoice document renderer is configured (composition wires the PDF renderer by default)');
    const bytes = await renderer.render(doc);
    const stem = doc.number ?? `invoice-draft-${id}`;
    return { fileName: `${stem}.${renderer.extension}`, mediaType: renderer.mediaType, bytes };
  }
}
