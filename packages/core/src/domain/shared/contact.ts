/** Email and phone normalisation shared by leads and clients. */
import type { InputChecks } from './input-checks.js';

// Deliberately permissive (RFC 5322 is wider still); the mail provider is the final judge.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(checks: InputChecks, pointer: string, value: unknown): string | null | undefined {
  const text = checks.optionalText(pointer, value, { max: 254 });
  if (text === undefined || text === null) return text;
  if (!EMAIL_PATTERN.test(text)) {
    checks.fail(pointer, 'must be an email address');
    return undefined;
  }
  return text.toLowerCase();
}

/**
 * Phones are stored as `+` and digits (E.164 style) so search and dedupe compare like with like;
 * separators people type (spaces, dashes, dots, brackets) are dropped.
 */
export function normalisePhone(checks: InputChecks, pointer: string, value: unknown): string | null | undefined {
  const text = checks.optionalText(pointer, value, { max: 32 });
  if (text === undefined || text === null) return text;
  const compact = text.replace(/[\s().-]/g, '');
  if (!/^\+?[0-9]{7,15}$/.test(compact)) {
    checks.fail(pointer, 'must be a phone number of 7 to 15 digits, optionally starting with +');
    return undefined;
  }
  return compact;
}
