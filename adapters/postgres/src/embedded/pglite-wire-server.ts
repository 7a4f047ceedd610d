/**
 * A PostgreSQL wire-protocol front for PGlite, so that `pg` clients (knex, Agenda) can share one
 * embedded database safely.
 *
 * PGlite is ONE backend session. Serving several client connections from it is only correct if
 * no connection's messages ever land inside another's unfinished work. Two units must be atomic:
 *  - an extended-protocol sequence (Parse/Bind/Describe/Execute ... Sync): it shares the unnamed
 *    statement and portal, so another connection's Parse between them corrupts it — observed
 *    with @electric-sql/pglite-socket under load ("bind message supplies 5 parameters, but
 *    prepared statement "" requires 14"), which is why this server exists;
 *  - a transaction (BEGIN ... COMMIT/ROLLBACK): its settings (role, org) and rows belong to it.
 *
 * Rule: a connection takes the session lock when it sends work and keeps it until PGlite answers
 * ReadyForQuery with status `I` (idle: no open transaction, no half-done sequence, no COPY).
 * Others wait in FIFO order. A connection that goes away holding the lock has its transaction
 * rolled back. Framing is parsed; message contents only where session-guard.ts says.
 *
 * Roles: the session acts as the user a connection names at startup. The superuser (`postgres`,
 * what migrations use) gets the session as PGlite opened it; any other user is an app connection:
 * the session's authorization becomes that role whenever it is that connection's turn, and the
 * guard keeps it there (session-guard.ts, ADR 16).
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { errorIn, errorResponse, quoteIdent, refusedStatement, reportedParameters, simpleQuery, startupUser, statementsOf } from './session-guard.js';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

/** Client messages after which the client waits for the server: the end of a batch. */
const BATCH_END = new Set(['Q', 'S', 'H', 'c', 'f']);

/** ReadyForQuery with status Idle, and the same message with status In-transaction/Failed. */
function endsIdle(out: Uint8Array): boolean | null {
  // ReadyForQuery is 'Z', length 5, one status byte; it is always the last message when present.
  if (out.length < 6) return null;
  const at = out.length - 6;
  if (out[at] !== 0x5a || out[at + 1] !== 0 || out[at + 2] !== 0 || out[at + 3] !== 0 || out[at + 4] !== 5) return null;
  return out[at + 5] === 0x49; // 'I'
}

/** A FIFO lock over the single session, re-entrant for the connection that holds it. */
class SessionLock {
  private holder: number | null = null;
  private readonly waiting: Array<{ id: number; grant: () => void }> = [];

  async acquire(id: number): Promise<void> {
    if (this.holder === id) return;
    if (this.holder === null && this.waiting.length === 0) {
      this.holder = id;
      return;
    }
    await new Promise<void>((grant) => this.waiting.push({ id, grant }));
  }

  release(id: number): void {
    if (this.holder !== id) return;
    const next = this.waiting.shift();
    this.holder = next?.id ?? null;
    next?.grant();
  }

  holds(id: number): boolean {
    return this.holder === id;
  }

  /** Drops a connection from the queue (it went away before its turn). */
  forget(id: number): void {
    const i = this.waiting.findIndex((w) => w.id === id);
    if (i >= 0) this.waiting.splice(i, 1);
  }
}

const ROLLBACK = simpleQuery('ROLLBACK');
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * One message through PGlite, its reply as bytes. Not `execProtocolRaw`: that also parses every
 * reply into message objects and keeps them in an array only `execProtocol` clears, so a server
 * relaying through it grows its heap by every row it ever served (issue 8, item 5). The stream
 * variant hands over the raw bytes and parses nothing; they are views into WASM memory that the
 * next write reuses, hence the copies.
 */
async function relay(db: PGlite, message: Uint8Array): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  await db.execProtocolRawStream(message, {
    onRawData: (bytes) => {
      chunks.push(bytes.slice());
      size += bytes.length;
    },
  });
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export interface PGliteWireServer {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface PGliteWireServerOptions {
  readonly host?: string;
  readonly port?: number;
  readonly maxConnections?: number;
  /** The user PGlite's session is authenticated as (its bootstrap superuser). */
  readonly superuser?: string;
}

export async function startPGliteWireServer(db: PGlite, options: PGliteWireServerOptions = {}): Promise<PGliteWireServer> {
  const superuser = options.superuser ?? 'postgres';
  const lock = new SessionLock();
  const sockets = new Set<Socket>();
  let nextId = 1;
  // One PGlite call at a time (clean-up of a closed connection may overlap a lock hand-over).
  let chain: Promise<unknown> = Promise.resolve();
  const exec = (message: Uint8Array): Promise<Uint8Array> => {
    const run = chain.then(() => relay(db, message));
    chain = run.catch(() => undefined);
    return run;
  };
  // Whom the session acts as now; null when unknown (an app batch left it elsewhere).
  let actingAs: string | null = superuser;
  /** Gives the (idle, locked) session the authorization of `user`; throws PGlite's refusal. */
  const actAs = async (user: string): Promise<void> => {
    if (actingAs === user) return;
    actingAs = null;
    // Not RESET: PGlite's session has no default authorization to go back to.
    const failure = errorIn(await exec(simpleQuery(`SET SESSION AUTHORIZATION ${quoteIdent(user)}`)));
    if (failure !== null) throw new Error(failure);
    actingAs = user;
  };

  const serve = (socket: Socket) => {
    const id = nextId++;
    sockets.add(socket);
    socket.setNoDelay(true);
    let buffer: Buffer = Buffer.alloc(0);
    let started = false;
    /** The user named at startup; the superuser's connections are not guarded. */
    let user = superuser;
    let pending: Buffer[] = [];
    let work: Promise<void> = Promise.resolve();
    let closed = false;

    const write = (data: Uint8Array) => {
      if (!closed && data.length > 0) socket.write(data);
    };

    /** Refuses the batch and closes the connection (its open transaction is rolled back then). */
    const refuse = (severity: 'ERROR' | 'FATAL', code: string, message: string) => {
      if (!closed) socket.end(errorResponse(severity, code, message));
      closed = true;
    };

    const runBatch = async (batch: Buffer, startup = false) => {
      const guarded = user !== superuser;
      if (guarded && !startup) {
        for (const sql of statementsOf(batch)) {
          const reason = refusedStatement(sql);
          if (reason !== null) return refuse('ERROR', '42501', `The embedded database refuses a statement from ${user} that ${reason}`);
        }
      }
      await lock.acquire(id);
      if (closed) {
        await cleanUp();
        return;
      }
      try {
        await actAs(user);
      } catch (err) {
        lock.release(id);
        return refuse('FATAL', '28000', (err as Error).message);
      }
      const out = await exec(new Uint8Array(batch));
      const reported = guarded && !startup ? reportedParameters(out) : null;
      const authorization = reported?.get('session_authorization');
      if (reported !== null && ((authorization !== undefined && authorization !== user) || reported.get('is_superuser') === 'on')) {
        // The batch has left its role: nothing of it is answered, its transaction is undone.
        actingAs = null;
        refuse('ERROR', '42501', `The embedded database closed a connection of ${user} that changed its session authorization`);
        await cleanUp();
        return;
      }
      write(out);
      // Keep the session until it is idle again: in a transaction, a COPY, or before Sync.
      if (endsIdle(out) === true) lock.release(id);
    };

    const cleanUp = async () => {
      if (!lock.holds(id)) {
        lock.forget(id);
        return;
      }
      try {
        // Finish a half-done extended sequence, then undo an open transaction.
        let out = await exec(SYNC);
        if (endsIdle(out) !== true) out = await exec(ROLLBACK);
      } finally {
        lock.release(id);
      }
    };

    const onData = (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            write(Buffer.from('N'));
            continue;
          }
          if (code === CANCEL_REQUEST) {
            socket.end();
            return;
          }
          if (code !== PROTOCOL_3) {
            socket.destroy();
            return;
          }
          started = true;
          user = startupUser(message) ?? superuser;
          // Authentication and parameter status for this client, in turn like any other work.
          work = work.then(() => runBatch(Buffer.from(message), true)).catch(() => {
            socket.destroy();
          });
          continue;
        }
        if (buffer.length < 5) return;
        const type = String.fromCharCode(buffer[0]!);
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) return;
        const message = buffer.subarray(0, 1 + length);
        buffer = buffer.subarray(1 + length);
        if (type === 'X') {
          socket.end();
          return;
        }
        pending.push(message);
        if (BATCH_END.has(type)) {
          const batch = Buffer.concat(pending);
          pending = [];
          work = work.then(() => runBatch(batch)).catch(() => {
            socket.destroy();
          });
        }
      }
    };

    socket.on('data', onData);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      closed = true;
      sockets.delete(socket);
      work = work.then(cleanUp, cleanUp).catch(() => undefined);
    });
  };

  const server: Server = createServer(serve);
  server.maxConnections = options.maxConnections ?? 64;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the embedded database server has no TCP address');
  return {
    host,
    port: address.port,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await chain;
    },
  };
}
