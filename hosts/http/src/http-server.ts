/** Listening and graceful close: stop accepting, let in-flight requests finish, then resolve. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultHttpServerLimits, type HttpServerLimits } from '@cws/composition';
import type { HttpApp } from './app.js';
import { answerClientError } from './http/client-errors.js';

export interface RunningHttpServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * The defaults of HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS
 * (above common proxy idle timeouts, so the proxy closes idle connections first) and
 * HTTP_MAX_CONNECTIONS, for callers that pass no configuration.
 */
export const DEFAULT_HTTP_SERVER_LIMITS: HttpServerLimits = defaultHttpServerLimits();

/**
 * Node checks the headers and request timeouts only every `connectionsCheckingInterval` (30 s by
 * default), so a slow client could outlive its timeout by that much; check at a fifth of the
 * shorter timeout instead (at most once a second, at least every 10 ms).
 */
function checkingIntervalMs(limits: HttpServerLimits): number {
  return Math.min(1000, Math.max(10, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 5)));
}

export async function startHttpServer(http: HttpApp, host: string, port: number, limits: HttpServerLimits = DEFAULT_HTTP_SERVER_LIMITS): Promise<RunningHttpServer> {
  const server = createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: checkingIntervalMs(limits) },
    http.app.callback(),
  );
  // Node's own parser refusals (431, 400, 408) answer problem+json too.
  server.on('clientError', answerClientError(http.publicBaseUrl));
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Beyond the cap Node closes each new socket at once (no response), so a flood of idle
  // connections cannot exhaust file descriptors and memory.
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
