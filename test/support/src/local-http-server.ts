/** Starting a test peer on an ephemeral loopback port, and closing it even while requests hang. */
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ListeningPeer {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** Destroys open connections (a hanging request would hold `close` forever), then closes. */
  close(): Promise<void>;
}

export async function listenOnLoopback(server: Server): Promise<ListeningPeer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
