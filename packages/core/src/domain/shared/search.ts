import type { InputChecks } from './input-checks.js';
import type { TextSearch } from '../../ports/lead-repository.port.js';

/** Turns a free-text `q` into what repositories match: text for names/emails, digits for phones. */
export function toTextSearch(checks: InputChecks, pointer: string, value: unknown): TextSearch | null {
  const text = checks.optionalText(pointer, value, { max: 100 });
  if (text === undefined || text === null) return null;
  const digits = text.replace(/\D/g, '');
  return { text: text.toLowerCase(), digits: digits.length >= 3 ? digits : null };
}

/** The matching rule every adapter implements; memory adapters call it directly. */
export function matchesTextSearch(search: TextSearch, fields: { name: string; email: string | null; phone: string | null }): boolean {
  if (fields.name.toLowerCase().includes(search.text)) return true;
  if (fields.email !== null && fields.email.toLowerCase().includes(search.text)) return true;
  return search.digits !== null && fields.phone !== null && fields.phone.replace(/\D/g, '').includes(search.digits);
}
