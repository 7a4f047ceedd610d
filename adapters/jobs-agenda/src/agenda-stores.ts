/**
 * The Agenda backends (PostgreSQL or MongoDB) plus the few direct store operations the queue
 * needs that Agenda has no safe API for. `Job.save()` cannot be used on a running job: it
 * leaves out the processor fields, and both backends then write them as NULL (PostgreSQL
 * clears fail_count; MongoDB also clears lockedAt, unlocking a running job).
 */
import { MongoBackend } from '@agendajs/mongo-backend';
import { PostgresBackend } from '@agendajs/postgres-backend';
import type { AgendaBackend } from 'agenda';
import { MongoClient, ObjectId } from 'mongodb';
import pg from 'pg';

/** Reserved field of a stored run's data that carries its unique key while the run is pending. */
export const UNIQUE_KEY_FIELD = '__cwsUniqueKey';

/** Created by migration 0005 (Agenda runs with ensureSchema: false). */
const PG_JOBS_TABLE = 'agenda_jobs';
const PG_LOGS_TABLE = 'agenda_logs';
const MONGO_COLLECTION = 'agendaJobs';

export type AgendaStoreOptions =
  | {
      readonly backend: 'postgres';
      readonly connectionString: string;
      /** Connections in the pool this queue owns (default 10); a started queue holds one for LISTEN. */
      readonly poolMax?: number;
    }
  | { readonly backend: 'mongo'; readonly mongodbUrl: string };

export interface StoredSchedule {
  readonly name: string;
  readonly cron: string;
  readonly timeZone: string;
}

export interface AgendaStore {
  readonly backend: AgendaBackend;
  /** Connects the backend; rejects (never crashes the process) when the store is unreachable. */
  connect(): Promise<void>;
  /** Drops the unique-key marker from a stored run, touching nothing else in it. */
  releaseUniqueKey(jobId: string): Promise<void>;
  listSchedules(): Promise<StoredSchedule[]>;
  /** Closes the connections this store opened; safe to call more than once. */
  close(): Promise<void>;
}

export function createAgendaStore(options: AgendaStoreOptions, connectTimeoutMs: number, onError: (error: unknown) => void): AgendaStore {
  return options.backend === 'postgres' ? postgresStore(options.connectionString, options.poolMax ?? 10, connectTimeoutMs, onError) : mongoStore(options.mongodbUrl, connectTimeoutMs);
}

function postgresStore(connectionString: string, poolMax: number, connectTimeoutMs: number, onError: (error: unknown) => void): AgendaStore {
  const pool = new pg.Pool({ connectionString, max: poolMax, connectionTimeoutMillis: connectTimeoutMs });
  // An idle client losing its server emits 'error' on the pool; unheard, that would end the process.
  pool.on('error', onError);
  // A client the backend has checked out hears no pool listener: a FATAL that arrives after its
  // last reply resolved but before the release ran (terminate, failover) would be an unheard
  // 'error' that ends the process. Its callers see the failure on their next query.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const backend = new PostgresBackend({ pool, ensureSchema: false, tableName: PG_JOBS_TABLE, logTableName: PG_LOGS_TABLE });
  // Its LISTEN connection emits 'error' on the channel when the server ends it (a restart, a
  // failover, pg_terminate_backend) and then reconnects by itself; unheard, that 'error' would end
  // the job host.
  backend.notificationChannel?.on('error', onError);
  let closing: Promise<void> | null = null;
  return {
    backend,
    connect: () => backend.connect(),
    async releaseUniqueKey(jobId) {
      await pool.query(`UPDATE ${PG_JOBS_TABLE} SET data = data - $2::text WHERE id = $1`, [jobId, UNIQUE_KEY_FIELD]);
    },
    async listSchedules() {
      const { rows } = await pool.query<{ name: string; repeat_interval: string; repeat_timezone: string | null }>(
        `SELECT name, repeat_interval, repeat_timezone FROM ${PG_JOBS_TABLE} WHERE type = 'single' AND repeat_interval IS NOT NULL ORDER BY name`,
      );
      return rows.map((r) => ({ name: r.name, cron: r.repeat_interval, timeZone: r.repeat_timezone ?? 'UTC' }));
    },
    close() {
      closing ??= pool.end();
      return closing;
    },
  };
}

interface MongoJobDocument {
  name: string;
  type: string;
  repeatInterval?: string | number | null;
  repeatTimezone?: string | null;
}

// The client is ours (not built by the backend from an address) so the queue can reach the
// collection directly and connection failures reject our own connect().
function mongoStore(mongodbUrl: string, connectTimeoutMs: number): AgendaStore {
  const client = new MongoClient(mongodbUrl, { serverSelectionTimeoutMS: connectTimeoutMs });
  const db = client.db();
  const jobs = db.collection<MongoJobDocument>(MONGO_COLLECTION);
  const backend = new MongoBackend({ mongo: db, collection: MONGO_COLLECTION });
  let closing: Promise<void> | null = null;
  return {
    backend,
    async connect() {
      await client.connect();
      await backend.connect();
    },
    async releaseUniqueKey(jobId) {
      await jobs.updateOne({ _id: new ObjectId(jobId) }, { $unset: { [`data.${UNIQUE_KEY_FIELD}`]: '' } });
    },
    async listSchedules() {
      const docs = await jobs.find({ type: 'single', repeatInterval: { $ne: null } }).sort({ name: 1 }).toArray();
      return docs.map((d) => ({ name: d.name, cron: String(d.repeatInterval), timeZone: d.repeatTimezone ?? 'UTC' }));
    },
    close() {
      closing ??= client.close();
      return closing;
    },
  };
}
