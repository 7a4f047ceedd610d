import { SEARCH_FIELDS, type SearchField } from './search-fields.js';
import type { TextSearch } from '../../ports/lead-repository.port.js';

export { SEARCH_FIELDS, type SearchField } from './search-fields.js';

/**
 * A search must give an index something to look up: trigram indexes need 3 characters, and a
 * shorter text would read every row of the organisation (ADR 15).
 */
export const MIN_SEARCH_LENGTH = 3;
export const MAX_SEARCH_LENGTH = 100;

/** What repositories match for a checked search text (trimmed, at least 3 characters). */
export function searchFor(text: string, fields: readonly SearchField[] = SEARCH_FIELDS): TextSearch {
  const digits = text.replace(/\D/g, '');
  return { text: text.toLowerCase(), digits: digits.length >= MIN_SEARCH_LENGTH ? digits : null, fields: SEARCH_FIELDS.filter((f) => fields.includes(f)) };
}

/** The matching rule every adapter implements; memory adapters call it directly. */
export function matchesTextSearch(search: TextSearch, row: { name: string; email: string | null; phone: string | null }): boolean {
  const on = (field: SearchField) => search.fields.includes(field);
  if (on('name') && row.name.toLowerCase().includes(search.text)) return true;
  if (on('email') && row.email !== null && row.email.toLowerCase().includes(search.text)) return true;
  return on('phone') && search.digits !== null && row.phone !== null && row.phone.replace(/\D/g, '').includes(search.digits);
}
