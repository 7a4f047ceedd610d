/** Parsing of the inputs every list shares: window, created range, search, archived filter. */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, decodeCursor, type PageKey } from './pagination.js';
import type { InputChecks } from './input-checks.js';
import { toTextSearch } from './search.js';
import type { SearchField } from './search-fields.js';
import type { ArchivedFilter, TextSearch } from '../../ports/lead-repository.port.js';

export interface CommonListInput {
  readonly createdFrom?: Date | string;
  readonly createdTo?: Date | string;
  readonly q?: string;
  readonly archived?: ArchivedFilter;
  readonly cursor?: string;
  readonly limit?: number;
}

export interface CommonListQuery {
  readonly createdFrom: Date | null;
  readonly createdTo: Date | null;
  readonly search: TextSearch | null;
  readonly archived: ArchivedFilter;
  readonly after: PageKey | null;
  readonly limit: number;
}

/** `searchFields`: what `q` may match for the caller (see access/personal-data.ts). */
export function parseCommonList(checks: InputChecks, input: CommonListInput, searchFields: readonly SearchField[]): CommonListQuery {
  const createdFrom = checks.date('/createdFrom', input.createdFrom) ?? null;
  const createdTo = checks.date('/createdTo', input.createdTo) ?? null;
  if (createdFrom && createdTo && createdTo <= createdFrom) checks.fail('/createdTo', 'must be after createdFrom');
  const archived = input.archived === undefined ? 'exclude' : checks.oneOf('/archived', input.archived, ['exclude', 'only', 'include'] as const);
  const limit = checks.integer('/limit', input.limit, { min: 1, max: MAX_PAGE_SIZE }) ?? DEFAULT_PAGE_SIZE;
  let after: PageKey | null = null;
  if (input.cursor !== undefined) {
    try {
      after = decodeCursor(input.cursor);
    } catch {
      checks.fail('/cursor', 'is not a cursor returned by this API');
    }
  }
  return { createdFrom, createdTo, search: toTextSearch(checks, '/q', input.q, searchFields), archived: archived ?? 'exclude', after, limit };
}
