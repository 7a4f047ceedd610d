/**
 * The socket limits of the HTTP server, from configuration: a client that trickles its headers
 * (slow loris) is cut once HTTP_HEADERS_TIMEOUT_MS has passed, and connections beyond
 * HTTP_MAX_CONNECTIONS are closed at once while the ones already open keep working. Raw sockets,
 * because a real HTTP client would never send a request that slowly.
 */
import { expect } from 'chai';
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@cws/composition';
import { createHttpApp, startHttpServer, type RunningHttpServer } from '@cws/host-http';

const silent = createLogger({ logLevel: 'ERROR' }, new Writable({ write: (_c, _e, done) => done() }));

interface Started {
  readonly runtime: Runtime;
  readonly server: RunningHttpServer;
  close(): Promise<void>;
}

async function start(env: Record<string, string>): Promise<Started> {
  const config = loadConfig({ APP_ENV: 'test', ...env }, { dotenvPath: null });
  const runtime = await createRuntime(config, { storage: 'memory' });
  const server = await startHttpServer(createHttpApp(runtime, { logger: silent }), '127.0.0.1', 0, config.http.limits);
  return {
    runtime,
    server,
    async close() {
      await server.close();
      await runtime.close();
    },
  };
}

function open(server: RunningHttpServer): Promise<Socket> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the server sent until it closed the socket (or the socket failed). */
function untilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(received));
  });
}

/** The promise's value, or `fallback` when it has not settled within `ms` (a bound, not a speed test). */
function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  return Promise.race([promise, new Promise<F>((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);
}

/** One keep-alive request on a raw socket; resolves with the response head once it arrived. */
function request(socket: Socket, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const onData = (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(received)?.[1];
      if (end !== -1 && length !== undefined && received.length >= end + 4 + Number(length)) {
        socket.off('data', onData);
        resolve(received);
      }
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error(`closed before a full response; got ${JSON.stringify(received)}`)));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
  });
}

describe('HTTP server limits', function () {
  this.timeout(30_000);

  it('reads the limits from the environment, with documented defaults', () => {
    expect(loadConfig({}, { dotenvPath: null }).http.limits).to.deep.equal({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
      maxConnections: 1000,
    });
    const set = loadConfig(
      { HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_REQUEST_TIMEOUT_MS: '4000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '5000', HTTP_MAX_CONNECTIONS: '50' },
      { dotenvPath: null },
    );
    expect(set.http.limits).to.deep.equal({ headersTimeoutMs: 2000, requestTimeoutMs: 4000, keepAliveTimeoutMs: 5000, maxConnections: 50 });
  });

  it('refuses a headers timeout longer than the request timeout (Node would never apply it)', () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000', HTTP_REQUEST_TIMEOUT_MS: '30000' }, { dotenvPath: null })).to.throw(/HTTP_HEADERS_TIMEOUT_MS/);
  });

  it('cuts a client that sends its headers a byte at a time once the headers timeout has passed', async () => {
    const headersTimeoutMs = 400;
    const s = await start({ HTTP_HEADERS_TIMEOUT_MS: String(headersTimeoutMs), HTTP_REQUEST_TIMEOUT_MS: '2000' });
    try {
      const socket = await open(s.server);
      const closed = untilClosed(socket);
      const started = performance.now();
      const head = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(10_000)}`;
      let sent = 0;
      // One byte every 20 ms, never finishing the headers: a server without a headers timeout
      // keeps this socket (and its memory) for as long as the client likes.
      const trickle = setInterval(() => {
        if (socket.destroyed || sent >= head.length) return;
        socket.write(head[sent]!);
        sent += 1;
      }, 20);
      const outcome = await within(closed, 20_000, 'still open');
      const heldMs = performance.now() - started;
      clearInterval(trickle);
      socket.destroy();
      expect(outcome, 'the server closed the trickling connection').to.not.equal('still open');
      expect(outcome).to.match(/^HTTP\/1\.1 408 /);
      expect(heldMs, 'not before the configured timeout').to.be.at.least(headersTimeoutMs - 50);
      expect(sent, 'the client was still sending when it was cut').to.be.greaterThan(0).and.below(head.length);
    } finally {
      await s.close();
    }
  });

  it('closes connections beyond HTTP_MAX_CONNECTIONS at once and keeps serving the open ones', async () => {
    const s = await start({ HTTP_MAX_CONNECTIONS: '3' });
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 3; i += 1) {
        const socket = await open(s.server);
        sockets.push(socket);
        expect(await request(socket, '/healthz')).to.match(/^HTTP\/1\.1 200 /);
      }
      const extra = await open(s.server);
      const refused = await within(untilClosed(extra), 10_000, 'still open');
      extra.destroy();
      expect(refused, 'no answer, just a closed socket').to.equal('');

      expect(await request(sockets[0]!, '/healthz'), 'an open keep-alive connection still works').to.match(/^HTTP\/1\.1 200 /);
      const gone = untilClosed(sockets[2]!);
      sockets[2]!.end();
      await gone;
      // The server counts the closed connection out on its own 'close' event: retry until it has.
      let reply = '';
      for (let attempt = 0; attempt < 50 && !reply.startsWith('HTTP/1.1 200'); attempt += 1) {
        const next = await open(s.server);
        sockets.push(next);
        reply = await request(next, '/healthz').catch(() => '');
        if (reply === '') await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(reply, 'a freed slot takes a new connection').to.match(/^HTTP\/1\.1 200 /);
    } finally {
      for (const socket of sockets) socket.destroy();
      await s.close();
    }
  });
});
