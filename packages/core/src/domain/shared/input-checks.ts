/**
 * Small checks that collect field errors instead of throwing at the first one, so a caller learns
 * everything wrong with an input in one answer. Inputs from embedders are `unknown`-typed at the
 * edges of each use case: the core does not trust that a host validated them.
 */
import { AppError, type FieldError } from '../../errors/app-error.js';

import { EARLIEST_INSTANT, LATEST_INSTANT, isUuid, textFault } from './input-limits.js';

export { EARLIEST_INSTANT, LATEST_INSTANT, isUuid, textFault };

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

