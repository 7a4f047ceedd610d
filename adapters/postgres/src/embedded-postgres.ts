/**
 * Embedded PostgreSQL (PGlite, real Postgres in WASM) served over the wire protocol, so every
 * client (knex, Agenda's pg pool) reaches it the same way it would reach a server. PGlite and the
 * wire server run in a worker thread of their own (embedded/database-thread.ts, ADR 24), so the
 * app and its database use two cores, as with a server. PGlite is ONE
 * session: the wire server (embedded/pglite-wire-server.ts) gives it to one connection at a time,
 * from its first message until the session is idle again, so extended-protocol sequences and
 * transactions never interleave. Session settings are shared, which is why tenant transactions
 * use transaction-local settings only. Connections as `postgres` (the superuser: migrations) get
 * the session as it is; connections as any other role act as that role (ADR 16).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '@cws/core';
import type { DatabaseThreadOptions, DatabaseThreadReply, DatabaseThreadRequest } from './embedded/database-thread.js';

/** The one user PGlite's session is authenticated as. */
export const EMBEDDED_SUPERUSER = 'postgres';

export interface EmbeddedPostgres {
  /** As the superuser (migrations, setup): `postgresql://postgres@127.0.0.1:<port>/postgres?sslmode=disable` */
  readonly connectionString: string;
  /** The same database as another role, whose authorization the session takes for that connection. */
  connectionStringFor(role: string): string;
  /** The data directory, or null when the database lives in memory. */
  readonly dataDir: string | null;
  /** The JS heap of the database's thread after a full garbage collection, in bytes (leak tests). */
  heapUsedAfterGc(): Promise<number>;
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

/**
 * The database thread. Built, it is database-thread.js next to this file. From source (`npm start`
 * runs under tsx), it is the .ts file, which a worker cannot load by itself on Node 20: tsx's
 * `--import` hooks do not reach worker threads, so the thread loads it through tsx's tsImport.
 */
function startDatabaseThread(options: DatabaseThreadOptions): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(`./embedded/database-thread.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: options });
  const tsx = tsxImportEntry();
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`;
  // The parent's flags minus tsx's own --import (its hooks would only fail in the thread).
  const execArgv: string[] = [];
  for (let i = 0; i < process.execArgv.length; i += 1) {
    const arg = process.execArgv[i]!;
    if (arg === '--import' && /^tsx(\/|$)/.test(process.execArgv[i + 1] ?? '')) i += 1;
    else if (!/^--import=tsx(\/|$)/.test(arg)) execArgv.push(arg);
  }
  return new Worker(code, { eval: true, workerData: options, execArgv });
}

/**
 * Where `import('tsx/esm/api')` leads. Read from tsx's package exports: this module may itself
 * run as CommonJS (mocha's tsx), where resolving gives the `require` build, and that one cannot
 * register its hooks from a worker.
 */
function tsxImportEntry(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}

/** The next reply of the thread of the given kind; rejects when the thread fails or exits first. */
function replyOf<K extends DatabaseThreadReply['kind']>(worker: Worker, kind: K): Promise<Extract<DatabaseThreadReply, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: DatabaseThreadReply) => {
      if (reply.kind === 'failed') {
        done();
        const error = new Error(reply.message);
        if (reply.stack !== undefined) error.stack = reply.stack;
        reject(error);
      } else if (reply.kind === kind) {
        done();
        resolve(reply as Extract<DatabaseThreadReply, { kind: K }>);
      }
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`the embedded database thread exited (code ${code})`));
    };
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
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
    const threadOptions: DatabaseThreadOptions = {
      dataDir,
      templateFile: fresh ? (options.templateFile === undefined ? embeddedTemplatePath() : options.templateFile) : null,
      maxConnections: options.maxConnections ?? 64,
      superuser: EMBEDDED_SUPERUSER,
    };
    const worker = startDatabaseThread(threadOptions);
    let server: { host: string; port: number };
    try {
      server = await replyOf(worker, 'ready');
    } catch (err) {
      await worker.terminate();
      throw err;
    }
    // A thread that dies later leaves every connection refused; say why instead of failing silently.
    let closing = false;
    worker.on('error', (err) => {
      if (!closing) process.emitWarning(`The embedded database thread failed: ${err.stack ?? err.message}`, { code: 'CWS_EMBEDDED_DATABASE' });
    });
    const ask = (request: DatabaseThreadRequest) => worker.postMessage(request);
    const url = (role: string) => `postgresql://${encodeURIComponent(role)}@${server.host}:${server.port}/postgres?sslmode=disable`;
    let closed: Promise<void> | null = null;
    return {
      connectionString: url(EMBEDDED_SUPERUSER),
      connectionStringFor: url,
      dataDir,
      async heapUsedAfterGc() {
        const reply = replyOf(worker, 'heap');
        ask({ kind: 'heap' });
        return (await reply).used;
      },
      close() {
        closed ??= (async () => {
          closing = true;
          try {
            const reply = replyOf(worker, 'closed');
            ask({ kind: 'close' });
            await reply;
          } finally {
            await worker.terminate();
            unlock();
          }
        })();
        return closed;
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}
