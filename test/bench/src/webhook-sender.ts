/**
 * An open-loop sender for PB7's webhook part: a worker thread POSTs signed events on a fixed
 * schedule (event i leaves at start + i / rate), never waiting for an answer before the next
 * send, over keep-alive sockets (as many as are in flight). For each event it records the
 * status, the time from its send to the end of its answer, and how late the send left against
 * its schedule. In a worker so the sender does not share the server's event loop.
 */
import { Worker } from 'node:worker_threads';

export interface SignedDelivery {
  readonly payload: string;
  readonly header: string;
}

export interface DeliveryResult {
  readonly status: number;
  /** ms from the send to the last byte of the answer. */
  readonly ms: number;
  /** ms from the scheduled send time to the last byte of the answer (includes the sender's lag). */
  readonly fromScheduleMs: number;
  /** The body of a non-2xx answer (first 300 characters), or the socket error. */
  readonly error: string | null;
}

// CommonJS run by the worker with `eval: true`: nothing to compile, no loader needed.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { url, events, ratePerS } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
const results = new Array(events.length);
const intervalMs = 1000 / ratePerS;
let done = 0;
let next = 0;
const start = performance.now() + 20;
const finish = () => { agent.destroy(); parentPort.postMessage(results); };
const settle = (i, value) => { results[i] = value; if (++done === events.length) finish(); };
function send(i) {
  const e = events[i];
  const scheduled = start + i * intervalMs;
  const t0 = performance.now();
  const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(e.payload), 'stripe-signature': e.header } }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (c) => { if (body.length < 300) body += c; });
    res.on('end', () => {
      const t1 = performance.now();
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      settle(i, { status: res.statusCode, ms: t1 - t0, fromScheduleMs: t1 - scheduled, error: ok ? null : body.slice(0, 300) });
    });
  });
  req.on('error', (err) => { const t1 = performance.now(); settle(i, { status: 0, ms: t1 - t0, fromScheduleMs: t1 - scheduled, error: String(err) }); });
  req.end(e.payload);
}
function tick() {
  const now = performance.now();
  while (next < events.length && start + next * intervalMs <= now) send(next++);
  if (next < events.length) setTimeout(tick, Math.max(0, start + next * intervalMs - performance.now()));
}
if (events.length === 0) finish(); else setTimeout(tick, 20);
`;

/** Sends `events` to `url` at `ratePerS`; resolves with one result per event, in order. */
export function sendOpenLoop(url: string, events: readonly SignedDelivery[], ratePerS: number): Promise<DeliveryResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { url, events, ratePerS } });
    worker.once('message', (results: DeliveryResult[]) => {
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
