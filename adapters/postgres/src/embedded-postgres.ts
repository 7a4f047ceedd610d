/**
 * Embedded PostgreSQL (PGlite, real Postgres in WASM) served over the wire protocol by
 * pglite-socket, so every client (knex, Agenda's pg pool) reaches it the same way it would reach
 * a server. PGlite is ONE session: the socket server runs one message at a time and, once a
 * transaction is open, only that connection's messages until it ends. That keeps transactions
 * exclusive, and it means session settings are shared, which is why tenant transactions use
 * transaction-local settings only.
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres?sslmode=disable` */
  readonly connectionString: string;
  close(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory for the data files (kept across restarts); null or absent keeps it in memory. */
  readonly dataDir?: string | null;
  /** Connections the socket server accepts (sum of every pool in the process, plus one). */
  readonly maxConnections?: number;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections ?? 64 });
  await server.start();
  return {
    connectionString: `postgresql://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
