/**
 * The embedded database's own thread: PGlite and the wire server that serves it run here, in a
 * worker thread, not on the thread of the app that queries it (ADR 24).
 *
 * PGlite executes each message synchronously, in WebAssembly, on the thread that calls it. On the
 * app's thread every query stopped Koa, knex and pg for its whole duration, so the API and its
 * database took turns on one core while a PostgreSQL server runs beside the app on another. Here
 * they overlap, as with a server; clients still reach the database only over TCP (the wire
 * server listens in this thread), so nothing else changes for them.
 *
 * Messages from the parent: `close` (stop serving, close PGlite, answer `closed`) and `heap`
 * (answer this thread's JS heap after a full collection: the leak test watches the relay here).
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { existsSync, readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { startPGliteWireServer } from './pglite-wire-server.js';
import { EMBEDDED_HARDENING_SQL } from './session-guard.js';

/** What the parent passes to the thread (plain data: it crosses the thread boundary by copy). */
export interface DatabaseThreadOptions {
  readonly dataDir: string | null;
  /** A gzipped empty cluster to load into a new data directory, or null. */
  readonly templateFile: string | null;
  readonly maxConnections: number;
  readonly superuser: string;
}

export type DatabaseThreadReply =
  | { readonly kind: 'ready'; readonly host: string; readonly port: number }
  | { readonly kind: 'failed'; readonly message: string; readonly stack?: string }
  | { readonly kind: 'closed' }
  | { readonly kind: 'heap'; readonly used: number };

export type DatabaseThreadRequest = { readonly kind: 'close' } | { readonly kind: 'heap' };

export interface ServedDatabase {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Opens PGlite and serves it over the wire protocol, on the calling thread. */
export async function serveEmbeddedDatabase(options: DatabaseThreadOptions): Promise<ServedDatabase> {
  const template = options.templateFile !== null && existsSync(options.templateFile) ? new Blob([readFileSync(options.templateFile)]) : null;
  // btree_gist for the scheduling exclusion constraints (migration 0007), pg_trgm and btree_gin
  // for the search indexes (0009). Extension files are loaded into PGlite's install tree at
  // start, not stored in the data directory, so the initdb template needs no change.
  const db = await PGlite.create({
    extensions: { btree_gist, pg_trgm, btree_gin },
    ...(options.dataDir === null ? {} : { dataDir: options.dataDir }),
    ...(template === null ? {} : { loadDataDir: template }),
  });
  try {
    await db.exec(EMBEDDED_HARDENING_SQL);
    const server = await startPGliteWireServer(db, { host: '127.0.0.1', port: 0, maxConnections: options.maxConnections, superuser: options.superuser });
    return {
      host: server.host,
      port: server.port,
      async close() {
        await server.stop();
        await db.close();
      },
    };
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

function heapUsedAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return getHeapStatistics().used_heap_size;
}

async function main(port: NonNullable<typeof parentPort>, options: DatabaseThreadOptions): Promise<void> {
  const post = (reply: DatabaseThreadReply) => port.postMessage(reply);
  try {
    const served = await serveEmbeddedDatabase(options);
    port.on('message', (request: DatabaseThreadRequest) => {
      if (request.kind === 'heap') return post({ kind: 'heap', used: heapUsedAfterGc() });
      void served.close().finally(() => {
        post({ kind: 'closed' });
        port.close();
      });
    });
    post({ kind: 'ready', host: served.host, port: served.port });
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    post({ kind: 'failed', message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) });
    port.close();
  }
}

if (parentPort !== null) void main(parentPort, workerData as DatabaseThreadOptions);
