/** What the finance reads (reconcile report, invoices queue) share: their page window. */
import { Type } from '@sinclair/typebox';
import { Int } from '../../contracts/schema-vocabulary.js';

export const DEFAULT_FINANCE_PAGE = 50;
export const MAX_FINANCE_PAGE = 200;
export const MAX_FINANCE_OFFSET = 100_000;

/** limit/offset of an offset-paged finance list. */
export const FinancePageFields = {
  limit: Type.Optional(Int(1, MAX_FINANCE_PAGE, { description: `Page size (default ${DEFAULT_FINANCE_PAGE})` })),
  offset: Type.Optional(Int(0, MAX_FINANCE_OFFSET, { description: 'Rows to skip (default 0)' })),
};

/** What a page says besides its items. */
export const FinancePageInfo = {
  total: Type.Integer({ minimum: 0, description: 'Rows that match the filter, on every page' }),
  limit: Type.Integer({ minimum: 1 }),
  offset: Type.Integer({ minimum: 0 }),
};

export function financePage(input: { readonly limit?: number | undefined; readonly offset?: number | undefined }): { readonly limit: number; readonly offset: number } {
  return { limit: input.limit ?? DEFAULT_FINANCE_PAGE, offset: input.offset ?? 0 };
}
