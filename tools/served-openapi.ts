/**
 * `npm run openapi -- out.json`: writes the OpenAPI document exactly as the HTTP host serves it
 * at GET /openapi.json — the app built as the e2e tests build it (memory storage, the test
 * configuration; PUBLIC_BASE_URL is passed on when set, as it names the document's server) and
 * the request run through the app's whole middleware stack in process, without a socket.
 * Exits 1 unless the answer is 200 JSON. `tools/lint-openapi.sh` lints what it writes.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Writable } from 'node:stream';
import { writeFile } from 'node:fs/promises';
import { createLogger, createRuntime, loadConfig } from '@cws/composition';
import { createHttpApp, type HttpApp } from '@cws/host-http';
import { testEnv } from '@cws/e2e-tests';

const USAGE = `Usage: npm run openapi -- <out.json>

Writes the OpenAPI document exactly as the HTTP host serves it at GET /openapi.json (the app
built in process on memory storage; PUBLIC_BASE_URL, when set, names its server).
`;
const out = process.argv[2];
if (out === '-h' || out === '--help') {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (out === undefined || out.startsWith('-') || process.argv.length > 3) {
  process.stderr.write(USAGE);
  process.exit(2);
}

/** One GET through the Koa app's request handler, with Node's own request and response objects. */
async function get(http: HttpApp, path: string): Promise<{ status: number; contentType: string; body: string }> {
  const req = new IncomingMessage(new Socket());
  req.method = 'GET';
  req.url = path;
  req.headers = { host: '127.0.0.1', accept: 'application/json' };
  req.push(null);
  const res = new ServerResponse(req);
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve) => {
    res.write = ((chunk: string | Buffer) => {
      chunks.push(Buffer.from(chunk));
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: string | Buffer | (() => void)) => {
      if (chunk !== undefined && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
      resolve();
      return res;
    }) as typeof res.end;
  });
  await http.app.callback()(req, res);
  await done;
  return { status: res.statusCode, contentType: String(res.getHeader('content-type') ?? ''), body: Buffer.concat(chunks).toString('utf8') };
}

const publicBaseUrl = process.env['PUBLIC_BASE_URL'];
const config = loadConfig(testEnv(null, publicBaseUrl ? { PUBLIC_BASE_URL: publicBaseUrl } : {}), { dotenvPath: null });
const runtime = await createRuntime(config, { storage: 'memory' });
const discard = new Writable({ write: (_chunk, _encoding, next) => next() });
try {
  const http = createHttpApp(runtime, { logger: createLogger(config, discard) });
  const answer = await get(http, '/openapi.json');
  if (answer.status !== 200 || !answer.contentType.startsWith('application/json')) {
    process.stderr.write(`GET /openapi.json answered ${answer.status} ${answer.contentType}: ${answer.body.slice(0, 500)}\n`);
    process.exitCode = 1;
  } else {
    // Pretty-printed so line numbers in lint reports point somewhere readable.
    await writeFile(out, `${JSON.stringify(JSON.parse(answer.body), null, 2)}\n`);
    process.stdout.write(`wrote ${out} (${Object.keys((JSON.parse(answer.body) as { paths: object }).paths).length} paths)\n`);
  }
} finally {
  await runtime.close();
}
