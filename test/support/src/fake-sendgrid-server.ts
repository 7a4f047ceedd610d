/**
 * A local HTTP server playing SendGrid's v3 Mail Send API (`POST /v3/mail/send`) for tests: it
 * checks the bearer key and the body's shape as the real API does (personalizations, from,
 * subject, content in text/plain-then-html order, string-valued custom_args and headers, no
 * reserved header, at most 10 categories) and answers 202 with an `X-Message-Id`. It can be told
 * to answer the next requests with an error status and body, to hang, or to drop the connection;
 * to fail every message a rule picks (by its body) until told otherwise; and to answer accepted
 * messages late (a slow provider: the message is recorded at once, as the real one would have
 * taken it, and the 202 comes after the delay).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './local-http-server.js';

export interface SendGridAddress {
  readonly email: string;
  readonly name?: string;
}

/** The v3 request body, as far as the tests read it. */
export interface SendGridMailBody {
  readonly personalizations: ReadonlyArray<{ readonly to: readonly SendGridAddress[]; readonly cc?: readonly SendGridAddress[]; readonly bcc?: readonly SendGridAddress[] }>;
  readonly from: SendGridAddress;
  readonly subject: string;
  readonly content: ReadonlyArray<{ readonly type: string; readonly value: string }>;
  readonly custom_args?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly categories?: readonly string[];
  readonly tracking_settings?: Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

/** One accepted message. */
export interface SendGridReceived {
  readonly body: SendGridMailBody;
  /** The id answered in `X-Message-Id`. */
  readonly messageId: string;
}

export type SendGridFailure =
  /** Answer this status, with `{ errors }` as the body when given (`{to}` in a message becomes the first recipient, as SendGrid names it), and these headers. */
  | { readonly status: number; readonly errors?: ReadonlyArray<{ readonly message: string; readonly field: string | null }>; readonly headers?: Readonly<Record<string, string>> }
  /** Read the request, never answer. */
  | 'hang'
  /** Read the request, then destroy the connection. */
  | 'reset';

export interface FakeSendGridServer {
  /** `http://127.0.0.1:<port>`, for the SDK's base URL. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Accepted messages, oldest first. */
  readonly received: readonly SendGridReceived[];
  /** Requests that reached the server, answered or not. */
  readonly requestCount: number;
  /** Answers the next requests, one failure each, before going back to accepting. */
  failNext(...failures: SendGridFailure[]): void;
  /** Fails each well-formed request whose body `rule` answers a failure for (after `failNext`'s); null: accept all again. */
  failWhere(rule: ((body: SendGridMailBody) => SendGridFailure | null) | null): void;
  close(): Promise<void>;
}

const RESERVED_HEADERS = new Set(['x-sg-id', 'x-sg-eid', 'received', 'dkim-signature', 'content-type', 'content-transfer-encoding', 'to', 'from', 'subject', 'reply-to', 'cc', 'bcc']);

type FieldError = { message: string; field: string | null };

function isAddress(value: unknown): value is SendGridAddress {
  const v = value as { email?: unknown; name?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.email === 'string' && /^[^\s@]+@[^\s@]+$/.test(v.email) && (v.name === undefined || typeof v.name === 'string');
}

function isStringMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** What the real API would refuse in `body` (a subset of its checks, the ones an adapter could get wrong). */
export function sendGridBodyErrors(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const b = body as Partial<Record<string, unknown>> | null;
  if (typeof b !== 'object' || b === null) return [{ message: 'Bad Request', field: null }];
  const personalizations = b.personalizations;
  if (!Array.isArray(personalizations) || personalizations.length === 0 || personalizations.length > 1000) {
    errors.push({ message: 'The personalizations field is required and must have at least one personalization.', field: 'personalizations' });
  } else {
    personalizations.forEach((p: { to?: unknown; cc?: unknown; bcc?: unknown }, i) => {
      if (!Array.isArray(p.to) || p.to.length === 0 || !p.to.every(isAddress)) errors.push({ message: 'The to array is required for all personalization objects, and must have at least one email object with a valid email address.', field: `personalizations.${i}.to` });
      for (const list of ['cc', 'bcc'] as const) if (p[list] !== undefined && !(Array.isArray(p[list]) && p[list].every(isAddress))) errors.push({ message: `Invalid ${list}`, field: `personalizations.${i}.${list}` });
    });
  }
  if (!isAddress(b.from)) errors.push({ message: 'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.', field: 'from' });
  if (typeof b.subject !== 'string' || b.subject === '') errors.push({ message: 'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.', field: 'subject' });
  const content = b.content;
  if (!Array.isArray(content) || content.length === 0 || !content.every((c: { type?: unknown; value?: unknown }) => typeof c.type === 'string' && typeof c.value === 'string' && c.value !== '')) {
    errors.push({ message: 'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.', field: 'content' });
  } else if (content.length > 1 && (content[0] as { type: string }).type !== 'text/plain') {
    errors.push({ message: 'If present, text/plain content must be first, followed by any other content.', field: 'content' });
  }
  if (b.custom_args !== undefined && !isStringMap(b.custom_args)) errors.push({ message: 'Custom args must be an object of string values.', field: 'custom_args' });
  if (b.headers !== undefined) {
    if (!isStringMap(b.headers)) errors.push({ message: 'Invalid type. Expected: object, given: other.', field: 'headers' });
    else for (const name of Object.keys(b.headers)) if (RESERVED_HEADERS.has(name.toLowerCase())) errors.push({ message: `The header ${name} is reserved and cannot be set.`, field: 'headers' });
  }
  if (b.categories !== undefined) {
    const c = b.categories;
    if (!Array.isArray(c) || c.length > 10 || !c.every((x) => typeof x === 'string' && x.length <= 255) || new Set(c).size !== c.length) {
      errors.push({ message: 'The categories parameter must be an array of at most 10 unique strings of at most 255 characters.', field: 'categories' });
    }
  }
  return errors;
}

function firstRecipient(raw: Buffer): string {
  try {
    const body = JSON.parse(raw.toString('utf8')) as { personalizations?: Array<{ to?: Array<{ email?: string }> }> };
    return body.personalizations?.[0]?.to?.[0]?.email ?? '';
  } catch {
    return '';
  }
}

export interface FakeSendGridOptions {
  readonly apiKey?: string;
  /** Delay of each 202 after the message was recorded (a slow provider); default none. */
  readonly answerDelayMs?: number;
}

export async function startFakeSendGridServer(options: FakeSendGridOptions = {}): Promise<FakeSendGridServer> {
  const apiKey = options.apiKey ?? `SG.fake-${randomBytes(8).toString('hex')}.${randomBytes(16).toString('base64url')}`;
  const received: SendGridReceived[] = [];
  const failures: SendGridFailure[] = [];
  let rule: ((body: SendGridMailBody) => SendGridFailure | null) | null = null;
  let requestCount = 0;

  const answer = (res: ServerResponse, status: number, errors: FieldError[] | null, headers: Readonly<Record<string, string>> = {}) => {
    const body = errors === null ? '' : JSON.stringify({ errors: errors.map((e) => ({ ...e, help: null })) });
    res.writeHead(status, { ...(errors === null ? {} : { 'content-type': 'application/json' }), ...headers });
    res.end(body);
  };

  /** Answers `failure`; false when there is none. */
  const fail = (req: IncomingMessage, res: ServerResponse, raw: Buffer, failure: SendGridFailure | null | undefined): boolean => {
    if (failure === undefined || failure === null) return false;
    if (failure === 'hang') return true;
    if (failure === 'reset') {
      req.socket.destroy();
      return true;
    }
    const to = firstRecipient(raw);
    const errors = failure.errors?.map((e) => ({ ...e, message: e.message.replaceAll('{to}', to) }));
    answer(res, failure.status, errors ?? null, failure.headers);
    return true;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    requestCount += 1;
    if (fail(req, res, raw, failures.shift())) return;
    if (req.method !== 'POST' || req.url !== '/v3/mail/send') {
      answer(res, 404, [{ message: 'Not found', field: null }]);
      return;
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      answer(res, 401, [{ message: 'The provided authorization grant is invalid, expired, or revoked', field: null }]);
      return;
    }
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      answer(res, 415, [{ message: 'Content-Type should be application/json.', field: null }]);
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      answer(res, 400, [{ message: 'Bad Request', field: null }]);
      return;
    }
    const errors = sendGridBodyErrors(body);
    if (errors.length > 0) {
      answer(res, 400, errors);
      return;
    }
    if (rule !== null && fail(req, res, raw, rule(body as SendGridMailBody))) return;
    const messageId = randomBytes(16).toString('base64url').slice(0, 22);
    received.push({ body: body as SendGridMailBody, messageId });
    if (options.answerDelayMs === undefined || options.answerDelayMs <= 0) answer(res, 202, null, { 'x-message-id': messageId });
    else
      setTimeout(() => {
        if (!res.destroyed) answer(res, 202, null, { 'x-message-id': messageId });
      }, options.answerDelayMs);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  const peer = await listenOnLoopback(server);

  return {
    baseUrl: peer.baseUrl,
    apiKey,
    received,
    get requestCount() {
      return requestCount;
    },
    failNext: (...next) => {
      failures.push(...next);
    },
    failWhere: (next) => {
      rule = next;
    },
    close: () => peer.close(),
  };
}
