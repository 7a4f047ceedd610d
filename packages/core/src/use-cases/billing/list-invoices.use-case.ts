import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { CalendarDate, PageFields, Uuid } from '../../contracts/schema-vocabulary.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { INVOICE_STATUSES } from '../../domain/billing/invoice.js';
import { InvoicePage, InvoiceStatusField } from '../../domain/billing/invoice-schemas.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, type Page, type PageKey } from '../../domain/shared/pagination.js';
import { AppError, type FieldError } from '../../errors/app-error.js';
import type { UnitOfWork } from '../../ports/unit-of-work.port.js';
import { withClients, type InvoiceDetails } from './invoice-support.js';

const contract = defineContract({
  name: 'ListInvoices',
  input: Type.Object(
    {
      status: Type.Optional(Type.Array(InvoiceStatusField, { minItems: 1, maxItems: INVOICE_STATUSES.length, description: 'Repeat for several (status=SENT&status=OVERDUE)' })),
      clientId: Type.Optional(Uuid()),
      issuedFrom: Type.Optional(CalendarDate({ description: 'Issued on or after this local date (drafts, having none, are left out)' })),
      issuedTo: Type.Optional(CalendarDate({ description: 'Issued on or before this local date' })),
      ...PageFields,
    },
    { additionalProperties: false },
  ),
  output: InvoicePage,
});

export type ListInvoicesInput = ContractInput<typeof contract>;

/**
 * Invoices of the caller's org, newest first (created), with their clients. Filters: status (any
 * of several), client, issue date range (inclusive local dates). Cursor paging.
 * @throws validation.failed — a bad status, id, date or cursor, issued_to before issued_from, limit outside 1..200.
 */
export class ListInvoices {
  static readonly contract = contract;

  constructor(private readonly deps: { readonly uow: UnitOfWork }) {}

  async execute(ctx: RequestContext, input: ListInvoicesInput): Promise<Page<InvoiceDetails>> {
    const checked = checkInput(contract, input);
    const errors: FieldError[] = [];
    if (checked.issuedFrom !== undefined && checked.issuedTo !== undefined && checked.issuedTo < checked.issuedFrom) errors.push({ pointer: '/issuedTo', detail: 'must not be before issuedFrom' });
    let after: PageKey | null = null;
    if (checked.cursor !== undefined) {
      try {
        after = decodeCursor(checked.cursor);
      } catch {
        errors.push({ pointer: '/cursor', detail: 'is not a cursor returned by this API' });
      }
    }
    if (errors.length > 0) throw AppError.validation(errors);
    const limit = checked.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.deps.uow.run(ctx, async (repos) =>
      withClients(
        repos,
        await repos.invoices.list({
          statuses: checked.status === undefined ? null : [...new Set(checked.status)],
          clientId: checked.clientId ?? null,
          issuedFrom: checked.issuedFrom ?? null,
          issuedTo: checked.issuedTo ?? null,
          after,
          limit: limit + 1,
        }),
      ),
    );
    if (rows.length <= limit) return { items: rows, nextCursor: null };
    const items = rows.slice(0, limit);
    return { items, nextCursor: encodeCursor(items[items.length - 1]!.invoice) };
  }
}
