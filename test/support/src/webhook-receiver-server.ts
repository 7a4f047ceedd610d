/**
 * A local HTTP server playing an org's webhook endpoint: it records every request (method, path,
 * headers, raw body) and answers 200, or what it is told to for the next requests: a status
 * (with headers), a hang (no answer: the sender's timeout), or a dropped connection.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenOnLoopback } from './local-http-server.js';

export interface ReceivedWebhook {
  readonly method: string;
  /** Path and query as requested. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
}

export type WebhookReceiverFault =
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Readonly<Record<string, string>> }
  | { readonly kind: 'hang' }
  | { readonly kind: 'drop' };

export interface WebhookReceiverServer {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  readonly received: readonly ReceivedWebhook[];
  /** Faults met by the next requests, one each, in order. */
  failNext(...faults: WebhookReceiverFault[]): void;
  /** Headers every normal (200) answer carries, e.g. `x-request-id`. */
  answerHeaders(headers: Readonly<Record<string, string>>): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function startWebhookReceiverServer(): Promise<WebhookReceiverServer> {
  const received: ReceivedWebhook[] = [];
  const faults: WebhookReceiverFault[] = [];
  let okHeaders: Readonly<Record<string, string>> = {};

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') });
      const fault = faults.shift();
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413).end();
        return;
      }
      if (fault?.kind === 'status') {
        res.writeHead(fault.status, { 'content-type': 'text/plain', ...fault.headers }).end(`status ${fault.status}`);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', ...okHeaders }).end('{"ok":true}');
    });
  });
  const peer = await listenOnLoopback(server);

  return {
    baseUrl: peer.baseUrl,
    received,
    failNext: (...next) => void faults.push(...next),
    answerHeaders: (headers) => {
      okHeaders = headers;
    },
    close: () => peer.close(),
  };
}

/** A loopback URL nothing listens on (a port bound, then released): connection refused. */
export async function refusedLocalUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
