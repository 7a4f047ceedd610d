import { ERROR_CODES, type ErrorCode, type ErrorKind } from './error-codes.js';

/** One invalid field: an RFC 6901 JSON pointer into the input and what is wrong with it. */
export interface FieldError {
  readonly pointer: string;
  readonly detail: string;
  /**
   * Set when the value is not part of the input but a request header passed on beside it (the
   * `Idempotency-Key`): `pointer` is then `/` and the header's name, as HTTP spells it.
   */
  readonly in?: 'header';
}

export interface AppErrorOptions {
  /** Safe-to-show facts about this occurrence (ids, limits). Never secrets, SQL or stacks. */
  readonly details?: Record<string, unknown>;
  readonly errors?: readonly FieldError[];
  /** Overrides the kind's default (only `unavailable` and `rate_limited` retry by default). */
  readonly retryable?: boolean;
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

/**
 * The one error type that crosses a port. Adapters translate vendor failures into it; hosts map
 * `kind` to an HTTP status or a retry decision. Anything else thrown is a programmer error.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly title: string;
  readonly details: Record<string, unknown>;
  readonly errors: readonly FieldError[];
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | null;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const info = ERROR_CODES[code];
    this.code = code;
    this.kind = info.kind;
    this.title = info.title;
    this.details = options.details ?? {};
    this.errors = options.errors ?? [];
    this.retryable = options.retryable ?? (info.kind === 'unavailable' || info.kind === 'rate_limited');
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  static validation(errors: readonly FieldError[], message = 'The input is not valid'): AppError {
    return new AppError('validation.failed', message, { errors });
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
