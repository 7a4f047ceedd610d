/**
 * RFC 9457 problem details: the one shape every error response has. AppErrors map by kind;
 * the host's own failures (bad JSON, too large, unknown route, wrong method) have host codes;
 * anything else is a 500 whose detail says nothing about the cause (it is logged instead).
 */
import { isAppError, type AppError, type ErrorKind } from '@cws/core';

export interface ProblemFieldError {
  readonly pointer: string;
  readonly detail: string;
  /** Where the field was: the JSON body, the query string, the path or a header (pointer `/` + its name). */
  readonly in: 'body' | 'query' | 'path' | 'header';
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly request_id: string;
  readonly errors?: readonly ProblemFieldError[];
  readonly [extension: string]: unknown;
}

export const KIND_STATUS: Record<ErrorKind, number> = {
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 409,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/**
 * Codes answered with another status than their kind's: a refused webhook signature is a 400, the
 * answer Stripe's documentation expects (a 422 would read as "understood, but invalid content").
 */
export const CODE_STATUS: Readonly<Record<string, number>> = { 'payment.webhook_invalid': 400 };

/** Problems raised by the host itself rather than by a use case. */
export const HOST_PROBLEMS = {
  'request.malformed': { status: 400, title: 'The request body is not valid JSON' },
  'request.too_large': { status: 413, title: 'The request body is too large' },
  'request.unsupported_media_type': { status: 415, title: 'The request body must be application/json' },
  // Refused by Node's HTTP parser before the app runs (see client-errors.ts).
  'request.unparseable': { status: 400, title: 'The request is not valid HTTP' },
  'request.timeout': { status: 408, title: 'The request was not received in time' },
  'request.headers_too_large': { status: 431, title: 'The request line or headers are too large' },
  'route.not_found': { status: 404, title: 'No such route' },
  'route.method_not_allowed': { status: 405, title: 'The route does not accept this method' },
  'route.not_implemented': { status: 501, title: 'The method is not implemented' },
  'metrics.unauthorized': { status: 401, title: 'A metrics bearer token is required' },
} as const;
export type HostProblemCode = keyof typeof HOST_PROBLEMS;

/** `lead.not_found` → `/problems/lead/not_found`, absolute when a public base URL is known. */
export function problemType(code: string, baseUrl: string | null): string {
  const path = `/problems/${code.replace('.', '/')}`;
  return baseUrl === null ? path : new URL(path, baseUrl).toString();
}

export interface ProblemContext {
  readonly requestId: string;
  readonly instance: string;
  readonly baseUrl: string | null;
}

/** Maps a status-bearing error from Koa or koa-body (http-errors, formidable) to a host code. */
function hostCodeFor(status: number): HostProblemCode | null {
  switch (status) {
    case 400:
      return 'request.malformed';
    case 413:
      return 'request.too_large';
    case 415:
      return 'request.unsupported_media_type';
    case 404:
      return 'route.not_found';
    case 405:
      return 'route.method_not_allowed';
    case 501:
      return 'route.not_implemented';
    default:
      return null;
  }
}

export function hostProblem(code: HostProblemCode, detail: string, pc: ProblemContext): Problem {
  const { status, title } = HOST_PROBLEMS[code];
  return { type: problemType(code, pc.baseUrl), title, status, detail, instance: pc.instance, code, request_id: pc.requestId };
}

export interface MappedProblem {
  readonly problem: Problem;
  readonly headers: Record<string, string>;
  /** True when the error is unexpected and must be logged with its stack. */
  readonly unexpected: boolean;
  /** Facts to log at warn level (no stack): a value the database refused, worth seeing but not an alert. */
  readonly warn?: Record<string, unknown>;
}

/** Errors whose pointers already name fields as the request did (the host's own checks): not converted. */
const wireErrors = new WeakSet<AppError>();

/** Marks `err` as pointing into the request as sent (snake_case or not). */
export function withWirePointers(err: AppError): AppError {
  wireErrors.add(err);
  return err;
}

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'request_id', 'errors']);

export function toProblem(err: unknown, pc: ProblemContext, fieldsIn: ProblemFieldError['in'] = 'body'): MappedProblem {
  if (isAppError(err)) {
    const status = CODE_STATUS[err.code] ?? KIND_STATUS[err.kind];
    const headers: Record<string, string> = {};
    if (err.retryAfterSeconds !== null) headers['Retry-After'] = String(Math.ceil(err.retryAfterSeconds));
    if (err.kind === 'unauthenticated') {
      // The resolver names the schemes it accepts; otherwise a bearer token is what is missing.
      const challenge = err.details['www_authenticate'];
      headers['WWW-Authenticate'] = typeof challenge === 'string' ? challenge : 'Bearer realm="cleanwithsnapshot"';
    }
    const extensions = Object.fromEntries(Object.entries(err.details).filter(([k]) => !RESERVED.has(k) && k !== 'www_authenticate'));
    const problem: Problem = {
      ...extensions,
      type: problemType(err.code, pc.baseUrl),
      title: err.title,
      status,
      // Internal AppErrors may carry messages meant for logs; clients get the title.
      detail: status >= 500 && err.kind === 'internal' ? err.title : err.message,
      instance: pc.instance,
      code: err.code,
      request_id: pc.requestId,
      ...(err.errors.length > 0 ? { errors: err.errors.map((e) => (e.in === 'header' ? { pointer: e.pointer, detail: e.detail, in: e.in } : { pointer: wireErrors.has(err) ? e.pointer : toSnakePointer(e.pointer), detail: e.detail, in: fieldsIn })) } : {}),
    };
    const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
    const warn = err.code === 'storage.value_refused' ? { code: err.code, sqlstate: cause?.code, reason: cause?.message } : undefined;
    return { problem, headers, unexpected: err.kind === 'internal', ...(warn ? { warn } : {}) };
  }
  const e = err as { status?: unknown; statusCode?: unknown; httpCode?: unknown; expose?: unknown; message?: unknown; headers?: unknown };
  const status = [e.status, e.statusCode, e.httpCode].find((s): s is number => typeof s === 'number');
  const code = status !== undefined && status >= 400 && status < 500 ? hostCodeFor(status) : null;
  if (code !== null) {
    const detail = code === 'request.too_large' ? 'The request body exceeds the size limit' : HOST_PROBLEMS[code].title;
    return { problem: hostProblem(code, detail, pc), headers: {}, unexpected: false };
  }
  return {
    problem: {
      type: problemType('internal.unexpected', pc.baseUrl),
      title: 'Internal error',
      status: 500,
      detail: 'The server could not complete the request; it has been logged with this request id',
      instance: pc.instance,
      code: 'internal.unexpected',
      request_id: pc.requestId,
    },
    headers: {},
    unexpected: true,
  };
}

/** Core pointers name fields as the core does (camelCase); the wire uses snake_case. */
export function toSnakePointer(pointer: string): string {
  return pointer
    .split('/')
    .map((segment) => segment.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))
    .join('/');
}
