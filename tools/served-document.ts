/**
 * The OpenAPI document exactly as GET /openapi.json answers it: the e2e tests' app (memory
 * storage, every declared route) asked through Koa's request handler in this process — no
 * socket, no port. Shared by the typed-client generator and the OpenAPI lint.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { HttpApp } from '@cws/host-http';
import { createApiApp } from '@cws/e2e-tests';

interface InProcessResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** One GET answered by the app's request handler in this process, as a socket would carry it. */
function getInProcess(http: HttpApp, path: string): Promise<InProcessResponse> {
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  req.url = path;
  req.headers = { host: '127.0.0.1', accept: 'application/json' };
  req.push(null);
  const res = new ServerResponse(req);
  const chunks: Buffer[] = [];
  const collect = (chunk: unknown) => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  return new Promise((resolve, reject) => {
    res.write = ((chunk: unknown) => {
      collect(chunk);
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown) => {
      collect(chunk);
      resolve({ status: res.statusCode, contentType: String(res.getHeader('content-type') ?? ''), body: Buffer.concat(chunks).toString('utf8') });
      return res;
    }) as typeof res.end;
    Promise.resolve(http.app.callback()(req, res)).catch(reject);
  });
}

/** The document exactly as GET /openapi.json answers it. */
export async function servedOpenApiDocument(): Promise<Record<string, unknown>> {
  const app = await createApiApp(null);
  try {
    const response = await getInProcess(app.http, '/openapi.json');
    if (response.status !== 200 || !response.contentType.includes('json')) {
      throw new Error(`GET /openapi.json answered ${response.status} (${response.contentType}): ${response.body.slice(0, 500)}`);
    }
    return JSON.parse(response.body) as Record<string, unknown>;
  } finally {
    await app.runtime.close();
  }
}

