/** Listening and graceful close: stop accepting, let in-flight requests finish, then resolve. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpApp } from './app.js';
import { answerClientError } from './http/client-errors.js';

export interface RunningHttpServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

export async function startHttpServer(http: HttpApp, host: string, port: number): Promise<RunningHttpServer> {
  const server = createServer(http.app.callback());
  server.on('clientError', answerClientError(http.publicBaseUrl));
  // Slightly above common proxy idle timeouts so the proxy, not us, closes idle connections.
  server.keepAliveTimeout = 65_000;
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
