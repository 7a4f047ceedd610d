/**
 * Requests Node's HTTP parser refuses before the app sees them — headers or URL too large
 * (431), a request line or header that is not HTTP (400), a request not received in time
 * (408) — are answered as problem+json like every other error, instead of Node's bodiless
 * default. The connection is then closed: after a parse error nothing more on it can be framed.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { HOST_PROBLEMS, hostProblem, type HostProblemCode } from './problem-details.js';

function codeFor(err: NodeJS.ErrnoException): HostProblemCode {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return 'request.headers_too_large';
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 'request.too_large';
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 'request.timeout';
    default:
      return 'request.unparseable';
  }
}

/** The raw HTTP/1.1 answer to a parser error: a problem, a request id, and `Connection: close`. */
export function clientErrorResponse(err: NodeJS.ErrnoException, baseUrl: string | null): string {
  const requestId = randomUUID();
  const code = codeFor(err);
  // The request line was not understood, so there is no path to name as the instance.
  const detail = code === 'request.unparseable' ? 'The request could not be parsed as HTTP/1.1' : HOST_PROBLEMS[code].title;
  const problem = hostProblem(code, detail, { requestId, instance: '', baseUrl });
  const body = JSON.stringify(problem);
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? 'Error'}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-ID: ${requestId}`,
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

interface ParserSocket extends Duplex {
  /** The response in flight on this connection, if any (Node's own bookkeeping). */
  readonly _httpMessage?: { readonly headersSent?: boolean } | null;
}

/** A `clientError` listener for an http.Server. */
export function answerClientError(baseUrl: string | null): (err: NodeJS.ErrnoException, socket: Duplex) => void {
  return (err, socket) => {
    const s = socket as ParserSocket;
    // Answer only when nothing of a response was written yet (as Node's default does), and never
    // to a peer that is gone (ECONNRESET): a half-written answer would corrupt the stream.
    if (err.code !== 'ECONNRESET' && s.writable && !s._httpMessage?.headersSent) {
      s.end(clientErrorResponse(err, baseUrl));
      // A peer that never reads must not hold the socket: destroy it once the answer is flushed.
      s.once('finish', () => s.destroy());
    } else {
      s.destroy();
    }
  };
}
