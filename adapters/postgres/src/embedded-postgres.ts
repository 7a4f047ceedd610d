/**
 * Embedded PostgreSQL (PGlite, real Postgres in WASM) served over the wire protocol, so every
 * client (knex, Agenda's pg pool) reaches it the same way it would reach a server. PGlite is ONE
 * session: the wire server (embedded/pglite-wire-server.ts) gives it to one connection at a time,
 * from its first message until the session is idle again, so extended-protocol sequences and
 * transactions never interleave. Session settings are shared, which is why tenant transactions
 * use transaction-local settings only. Connections as `postgres` (the superuser: migrations) get
 * the session as it is; connections as any other role act as that role (ADR 16).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { AppError } from '@cws/core';
import { startPGliteWireServer } from './embedded/pglite-wire-server.js';
import { EMBEDDED_HARDENING_SQL } from './embedded/session-guard.js';

/** The one user PGlite's session is authenticated as. */
export const EMBEDDED_SUPERUSER = 'postgres';

export interface EmbeddedPostgres {
  /** As the superuser (migrations, setup): `postgresql://postgres@127.0.0.1:<port>/postgres?sslmode=disable` */
  readonly connectionString: string;
  /** The same database as another role, whose authorization the session takes for that connection. */
  connectionStringFor(role: string): string;
  /** The data directory, or null when the database lives in memory. */
  readonly dataDir: string | null;
  close(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory for the data files (kept across restarts); null or absent keeps it in memory. */
  readonly dataDir?: string | null;
  /** Connections the socket server accepts (sum of every pool in the process, plus one). */
  readonly maxConnections?: number;
  /**
   * A gzipped empty cluster to start a new database from instead of running initdb (several
   * seconds in WASM); default: the one `npm install` prepares. Ignored when absent.
   */
  readonly templateFile?: string | null;
}

/**
 * Where tools/prepare-embedded-template.mjs writes the template:
 * node_modules/.cache/cleanwithsnapshot/pglite-<version>-template.tgz next to PGlite itself.
 */
export function embeddedTemplatePath(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  // PGlite's exports hide package.json: find the package folder from its entry point.
  const marker = `${sep}node_modules${sep}@electric-sql${sep}pglite${sep}`;
  const root = entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return join(dirname(dirname(root)), '.cache', 'cleanwithsnapshot', `pglite-${version}-template.tgz`);
}

function templateBlob(file: string | null): Blob | null {
  if (file === null || !existsSync(file)) return null;
  return new Blob([readFileSync(file)]);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Two processes opening one PGlite directory would corrupt it; a pid file next to it makes the
 * second one stop with a clear message instead. A file left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'cws.lock');
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(lockFile, 'utf8'));
    // Our own pid counts too: two PGlite instances in one process would corrupt it just the same.
    if (Number.isInteger(holder) && isAlive(holder)) {
      throw new AppError('storage.unavailable', `The embedded database in ${dataDir} is in use by process ${holder}; stop it first`, {
        retryable: false,
      });
    }
    writeFileSync(lockFile, String(process.pid));
  }
  return () => rmSync(lockFile, { force: true });
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const dataDir = options.dataDir ?? null;
  const unlock = dataDir === null ? () => {} : lockDataDir(dataDir);
  try {
    // A data directory that already holds a cluster is opened as it is; a new one starts from the template.
    const fresh = dataDir === null || !existsSync(join(dataDir, 'PG_VERSION'));
    const template = fresh ? templateBlob(options.templateFile === undefined ? embeddedTemplatePath() : options.templateFile) : null;
    // btree_gist for the scheduling exclusion constraints (migration 0007), pg_trgm and btree_gin
    // for the search indexes (0009). Extension files are loaded into PGlite's install tree at
    // start, not stored in the data directory, so the initdb template needs no change.
    const db = await PGlite.create({
      extensions: { btree_gist, pg_trgm, btree_gin },
      ...(dataDir === null ? {} : { dataDir }),
      ...(template === null ? {} : { loadDataDir: template }),
    });
    await db.exec(EMBEDDED_HARDENING_SQL);
    const server = await startPGliteWireServer(db, { host: '127.0.0.1', port: 0, maxConnections: options.maxConnections ?? 64, superuser: EMBEDDED_SUPERUSER });
    const url = (role: string) => `postgresql://${encodeURIComponent(role)}@${server.host}:${server.port}/postgres?sslmode=disable`;
    return {
      connectionString: url(EMBEDDED_SUPERUSER),
      connectionStringFor: url,
      dataDir,
      async close() {
        await server.stop();
        await db.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}
