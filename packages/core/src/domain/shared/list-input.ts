/** Parsing of the inputs every list shares: window, created range, search, archived filter. */
import { DEFAULT_PAGE_SIZE, decodeCursor, type PageKey } from './pagination.js';
import { MAX_SEARCH_LENGTH, MIN_SEARCH_LENGTH, searchFor } from './search.js';
import { Type } from '@sinclair/typebox';
import { FieldRefusal, Instant, OneOf, PageFields } from '../../contracts/schema-vocabulary.js';
import { AppError, type FieldError } from '../../errors/app-error.js';
import type { SearchField } from './search-fields.js';
import type { ArchivedFilter, TextSearch } from '../../ports/lead-repository.port.js';

export interface CommonListQuery {
  readonly createdFrom: Date | null;
  readonly createdTo: Date | null;
  readonly search: TextSearch | null;
  readonly archived: ArchivedFilter;
  readonly after: PageKey | null;
  readonly limit: number;
}

// ---- Contract schemas ----

const SEARCH_DESCRIPTION =
  'At least 3 characters: text in the name or email, or digits of the phone. A role that sees email and phone masked (viewer) searches names only. 422 search.too_broad when the search cannot finish in its time budget; 429 search.busy when too many searches are running.';

/** The filters and page window every list of org records takes. */
export const ListFilterFields = {
  createdFrom: Type.Optional(Instant({ description: 'Created at or after (inclusive)' })),
  createdTo: Type.Optional(Instant({ description: 'Created before (exclusive); after created_from' })),
  q: Type.Optional(
    Type.Transform(Type.String({ minLength: MIN_SEARCH_LENGTH, maxLength: MAX_SEARCH_LENGTH, description: SEARCH_DESCRIPTION }))
      .Decode((value) => {
        const text = value.trim();
        if (text === '') return null;
        if ([...text].length < MIN_SEARCH_LENGTH) throw new FieldRefusal(`must be at least ${MIN_SEARCH_LENGTH} characters: a shorter search cannot use the search index`);
        return text as string | null;
      })
      .Encode((value) => value ?? ''),
  ),
  archived: Type.Optional(OneOf(['exclude', 'only', 'include'], { description: 'Default exclude' })),
  ...PageFields,
};

export interface CheckedListFilter {
  readonly createdFrom?: Date;
  readonly createdTo?: Date;
  readonly q?: string | null;
  readonly archived?: ArchivedFilter;
  readonly cursor?: string;
  readonly limit?: number;
}

/**
 * The list query from checked filters; the rules between fields stay here as code: the range's
 * end after its start, a cursor this API issued. `searchFields`: what `q` may match for the
 * caller (see access/personal-data.ts).
 */
export function listQueryFrom(input: CheckedListFilter, searchFields: readonly SearchField[]): CommonListQuery {
  const errors: FieldError[] = [];
  const createdFrom = input.createdFrom ?? null;
  const createdTo = input.createdTo ?? null;
  if (createdFrom !== null && createdTo !== null && createdTo <= createdFrom) errors.push({ pointer: '/createdTo', detail: 'must be after createdFrom' });
  let after: PageKey | null = null;
  if (input.cursor !== undefined) {
    try {
      after = decodeCursor(input.cursor);
    } catch {
      errors.push({ pointer: '/cursor', detail: 'is not a cursor returned by this API' });
    }
  }
  if (errors.length > 0) throw AppError.validation(errors);
  const search = input.q === undefined || input.q === null ? null : searchFor(input.q, searchFields);
  return { createdFrom, createdTo, search, archived: input.archived ?? 'exclude', after, limit: input.limit ?? DEFAULT_PAGE_SIZE };
}
