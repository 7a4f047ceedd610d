/**
 * Small checks that collect field errors instead of throwing at the first one, so a caller learns
 * everything wrong with an input in one answer. Inputs from embedders are `unknown`-typed at the
 * edges of each use case: the core does not trust that a host validated them.
 */
import { AppError, type FieldError } from '../../errors/app-error.js';

/**
 * The instants the core accepts (bookings, blackouts, windows, list filters): from the Unix
 * epoch to the start of 9999-12-31 UTC, so every instant's wall clock in every zone (UTC-12 to
 * UTC+14) has a four-digit year that RFC 3339, Intl and PostgreSQL all hold.
 */
export const EARLIEST_INSTANT = new Date('1970-01-01T00:00:00.000Z');
export const LATEST_INSTANT = new Date('9999-12-31T00:00:00.000Z');

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why `text` cannot be kept as text, or null when it can. NUL: PostgreSQL `text` refuses it
 * (22021). An unpaired surrogate is not Unicode: UTF-8 cannot carry it (the driver would silently
 * turn it into U+FFFD) and `jsonb` refuses its escape, so audit rows holding it fail.
 */
export function textFault(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired surrogate (U+D800-U+DFFF): send well-formed Unicode';
  return null;
}

export class InputChecks {
  readonly errors: FieldError[] = [];

  /** Records a failure; only the first per field is kept, so one mistake reads as one error. */
  fail(pointer: string, detail: string): void {
    if (!this.errors.some((e) => e.pointer === pointer)) this.errors.push({ pointer, detail });
  }

  /** Required trimmed text within [min, max] characters. */
  text(pointer: string, value: unknown, opts: { min?: number; max: number }): string {
    if (typeof value !== 'string') {
      this.fail(pointer, 'must be a string');
      return '';
    }
    const fault = textFault(value);
    if (fault !== null) {
      this.fail(pointer, fault);
      return '';
    }
    const trimmed = value.trim();
    const min = opts.min ?? 1;
    if (trimmed.length < min) this.fail(pointer, min === 1 ? 'must not be empty' : `must have at least ${min} characters`);
    else if (trimmed.length > opts.max) this.fail(pointer, `must have at most ${opts.max} characters`);
    return trimmed;
  }

  /** Optional text: undefined stays undefined (not given), null or blank becomes null (cleared). */
  optionalText(pointer: string, value: unknown, opts: { max: number }): string | null | undefined {
    if (value === undefined) return undefined;
    if (value === null) return null;
    if (typeof value !== 'string') {
      this.fail(pointer, 'must be a string or null');
      return undefined;
    }
    const fault = textFault(value);
    if (fault !== null) {
      this.fail(pointer, fault);
      return undefined;
    }
    const trimmed = value.trim();
    if (trimmed === '') return null;
    if (trimmed.length > opts.max) this.fail(pointer, `must have at most ${opts.max} characters`);
    return trimmed;
  }

  oneOf<T extends string>(pointer: string, value: unknown, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.fail(pointer, `must be one of: ${allowed.join(', ')}`);
    return undefined;
  }

  uuid(pointer: string, value: unknown): string {
    if (typeof value === 'string' && isUuid(value)) return value.toLowerCase();
    this.fail(pointer, 'must be a UUID');
    return '';
  }

  /** An instant from EARLIEST_INSTANT to LATEST_INSTANT (a Date or an RFC 3339 string). */
  date(pointer: string, value: unknown): Date | undefined {
    if (value === undefined) return undefined;
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
    if (date === null || Number.isNaN(date.getTime())) {
      this.fail(pointer, 'must be an RFC 3339 date-time');
      return undefined;
    }
    if (date < EARLIEST_INSTANT || date > LATEST_INSTANT) {
      this.fail(pointer, `must be from ${EARLIEST_INSTANT.toISOString()} to ${LATEST_INSTANT.toISOString()}`);
      return undefined;
    }
    return date;
  }

  integer(pointer: string, value: unknown, opts: { min: number; max: number }): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < opts.min || value > opts.max) {
      this.fail(pointer, `must be an integer from ${opts.min} to ${opts.max}`);
      return undefined;
    }
    return value;
  }

  object(pointer: string, value: unknown): Record<string, unknown> {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    this.fail(pointer, 'must be an object');
    return {};
  }

  /** Throws one validation error listing every failure, if there were any. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw AppError.validation(this.errors);
  }
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
