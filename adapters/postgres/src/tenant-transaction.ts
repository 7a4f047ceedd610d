/**
 * A unit of work bound to one org: one pooled connection, one transaction, RLS in force.
 *
 * The transaction opens with a single simple-protocol message,
 *   BEGIN; SELECT set_config('role', 'cws_app', true), set_config('app.current_org_id', '<uuid>', true),
 *                 set_config('app.acting_user_id', '<uuid or empty>', true);
 * — `SET LOCAL ROLE cws_app` (policies bind even a superuser connection), the org the policies
 * read, and the staff user acting (their own account row is theirs to write; migration 0008), all
 * transaction-local, so they vanish at COMMIT/ROLLBACK and a pooled connection carries nothing to
 * the next request. Values are inlined because the simple protocol takes no parameters; they are
 * only ever values that passed `isUuid` (or a known role name).
 *
 * Queries are built with knex and objection and run on that connection (`.connection(conn)`)
 * instead of through `knex.transaction()`: its per-transaction machinery (a transactor, a new
 * knex instance, event emitters) cost more CPU than the four statements themselves on a small
 * box (test/bench/README.md, PB1), and sending BEGIN ourselves saves a round trip.
 */
import { AppError, ROLES, isUuid, type SessionProof } from '@cws/core';
import type { Knex } from 'knex';
import type { Model, QueryBuilderType } from 'objection';
import pg from 'pg';
import { translatePgError } from './pg-errors.js';

export const APP_ROLE = 'cws_app';

/** The unit's connection, for the repositories. */
export interface TenantDb {
  /** A knex query on `table`, run inside this unit. */
  table(table: string): Knex.QueryBuilder;
  /** A raw statement run inside this unit. */
  raw(sql: string, bindings?: readonly Knex.RawBinding[]): Knex.Raw;
  /** An objection query of `model`, run inside this unit. */
  query<M extends Model>(model: new () => M): QueryBuilderType<M>;
}

export interface PgConnection {
  query(sql: string): Promise<PgResult | PgResult[]>;
}

export interface PgResult {
  readonly rows: Array<Record<string, unknown>>;
}

/** A session to confirm live in the transaction's first message (see `RequestContext.session`). */
export interface SessionCheck {
  readonly proof: SessionProof;
  readonly now: Date;
}

/** Who the transaction acts for: the org, and the staff user acting (null for other actors). */
export interface TenantScope {
  readonly orgId: string;
  readonly actingUserId?: string | null;
}

interface KnexPoolClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<void>;
}

const uuid = (value: string, what: string): string => {
  // Inlined into SQL: anything but a UUID is refused here, whatever the caller checked.
  if (!isUuid(value)) throw new Error(`${what} that is not a UUID: ${JSON.stringify(value)}`);
  return value.toLowerCase();
};

/**
 * The first message of a tenant transaction: BEGIN and the tenant settings, one round trip; with
 * a session to confirm, the liveness read rides in the same message (its result is the third).
 */
export function tenantBeginStatement(scope: TenantScope | string, check: SessionCheck | null = null): string {
  const { orgId, actingUserId = null } = typeof scope === 'string' ? { orgId: scope } : scope;
  const acting = actingUserId === null ? '' : uuid(actingUserId, 'An acting user id');
  const begin =
    `BEGIN; SELECT set_config('role', '${APP_ROLE}', true), set_config('app.current_org_id', '${uuid(orgId, 'Tenant transaction for an org id')}', true),` +
    ` set_config('app.acting_user_id', '${acting}', true);`;
  if (check === null) return begin;
  const sessionId = uuid(check.proof.sessionId, 'A session id');
  const userId = uuid(check.proof.userId, 'A user id');
  // The token's claims must still hold: the live membership's role, the session's second factor.
  if (!(ROLES as readonly string[]).includes(check.proof.role)) throw new Error(`A session check for an unknown role: ${JSON.stringify(check.proof.role)}`);
  const mfa = check.proof.mfaVerified === true ? 'true' : 'false';
  return (
    `${begin} SELECT count(*)::int AS live FROM auth_sessions s JOIN memberships m ON m.org_id = s.org_id AND m.user_id = s.user_id` +
    ` WHERE s.id = '${sessionId}' AND s.user_id = '${userId}' AND s.revoked_at IS NULL AND s.expires_at > '${check.now.toISOString()}' AND m.deactivated_at IS NULL` +
    ` AND m.role = '${check.proof.role}' AND s.mfa_verified = ${mfa};`
  );
}

/**
 * Runs `work` on a connection checked out of knex's pool; on any throw the connection's open
 * transaction (if any) is rolled back before it goes back, and the error is translated.
 */
export async function onPooledConnection<T>(knex: Knex, work: (connection: PgConnection) => Promise<T>): Promise<T> {
  const pool = knex.client as KnexPoolClient;
  let connection: PgConnection;
  try {
    connection = await pool.acquireConnection();
  } catch (err) {
    throw translatePgError(err);
  }
  try {
    return await work(connection);
  } catch (err) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw translatePgError(err);
  } finally {
    await pool.releaseConnection(connection);
  }
}

/** How a unit of work may run (see `UnitOptions` in the core's unit-of-work port). */
export interface TenantUnitOptions {
  /** The work only reads: the transaction is read-only, and a unit of one statement needs no BEGIN or COMMIT. */
  readonly readOnly?: boolean;
}

/**
 * Runs `work` in a tenant transaction on one pooled connection. The first statement of the work
 * travels with the transaction's opening in ONE round trip (StatementBatch): BEGIN, the tenant
 * settings and the statement. COMMIT is the second. With a session to check, the opening (and
 * the check) goes alone before the work starts: the work of a dead session never runs.
 *
 * A read-only unit first tries to be a single statement: tenant settings (transaction_read_only
 * included), session check and the statement go ahead of one Sync, which PostgreSQL runs as one
 * implicit transaction: one round trip in all, no BEGIN, no COMMIT. The work starts before the
 * check answers, but sees nothing if it fails: its one statement ran in a read-only transaction
 * that is over, and the unit throws auth.session_revoked. If the work asks for a
 * second statement, that attempt is abandoned (the statement is refused before it is sent) and
 * the work runs again as a full read-only transaction: read-only work may run twice.
 */
export async function inTenantTransaction<T>(
  knex: Knex,
  scope: TenantScope | string,
  work: (db: TenantDb) => Promise<T>,
  check: SessionCheck | null = null,
  options: TenantUnitOptions = {},
): Promise<T> {
  const { orgId, actingUserId = null } = typeof scope === 'string' ? { orgId: scope } : scope;
  const settings = tenantSettings(orgId, actingUserId, options.readOnly === true);
  return onPooledConnection(knex, async (connection) => {
    const client = connection as unknown as PgClient;
    if (options.readOnly === true) {
      const attempt = new TenantUnit(client, settings, check, 'single');
      let outcome: { ok: true; value: T } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, value: await work(unitDb(knex, attempt)) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      // A session found revoked wins over whatever the work made of it.
      if (attempt.revoked) throw sessionRevoked();
      if (!attempt.wantedMore) {
        if (!outcome.ok) throw outcome.error;
        await attempt.finish();
        return outcome.value;
      }
      // More than one statement: the first attempt's answer is dropped, the work runs again in a
      // transaction — once its statement has been answered (one query at a time on a client).
      await attempt.first;
    }
    const unit = new TenantUnit(client, settings, check, 'transaction');
    // A dead session's work must not even start (the port's promise): the check goes first, alone.
    if (check !== null) await unit.open();
    let result: T;
    try {
      result = await work(unitDb(knex, unit));
    } catch (err) {
      throw unit.revoked ? sessionRevoked() : err;
    }
    await unit.finish();
    return result;
  });
}

/** A statement and its values, as node-pg sends them ($1, $2, ...). */
interface Statement {
  readonly text: string;
  readonly values: readonly unknown[];
}

interface PgQueryConfig {
  readonly text: string;
  readonly values?: readonly unknown[];
  readonly rowMode?: string;
}

type PgCallback = (err: Error | null, result?: unknown) => void;

/** The pooled node-pg client, as far as this file uses it. */
interface PgClient {
  query(config: unknown, callback?: PgCallback): unknown;
  readonly __knexUid?: string;
}

interface PgWire {
  parse(config: { text: string; types: readonly number[] }): void;
  bind(config: { values: readonly unknown[] }): void;
  describe(config: { type: 'P'; name: string }): void;
  execute(config: { portal: string }): void;
  sync(): void;
}

type PgQueryClass = new (config: { text: string; rowMode?: string; callback: PgCallback }) => object;
const { Query, utils } = pg as unknown as { Query: PgQueryClass; utils: { prepareValue(value: unknown): unknown } };

/**
 * Several statements in ONE round trip: Parse/Bind/Describe/Execute for each, then a single Sync
 * (the extended protocol's pipelining). Outside BEGIN … COMMIT, everything before the Sync is one
 * implicit transaction; the first error skips the rest and undoes it. node-pg's own Query reads
 * the replies (rows parsed by the same type parsers) and answers one result per statement.
 */
class StatementBatch extends Query {
  private readonly statements: Statement[];

  constructor(statements: readonly Statement[], rowMode: string | undefined, callback: PgCallback) {
    super({ text: statements[statements.length - 1]!.text, ...(rowMode !== undefined ? { rowMode } : {}), callback });
    // Mapped as node-pg maps a query's values; done here so a value it cannot send throws before anything is written.
    this.statements = statements.map((s) => ({ text: s.text, values: s.values.map((v) => utils.prepareValue(v)) }));
  }

  requiresPreparation(): boolean {
    return true;
  }

  prepare(connection: PgWire): void {
    for (const { text, values } of this.statements) {
      connection.parse({ text, types: [] });
      connection.bind({ values });
      connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '' });
    }
    connection.sync();
  }
}

function sendBatch(client: PgClient, statements: readonly Statement[], rowMode?: string): Promise<PgResult[]> {
  return new Promise((resolve, reject) => {
    client.query(
      new StatementBatch(statements, rowMode, (err, result) => (err ? reject(err) : resolve((Array.isArray(result) ? result : [result]) as PgResult[]))),
    );
  });
}

/** The tenant settings as one statement with parameters (the ids still pass `isUuid` first). */
function tenantSettings(orgId: string, actingUserId: string | null, readOnly: boolean): Statement {
  return {
    text:
      `SELECT set_config('role', '${APP_ROLE}', true), set_config('app.current_org_id', $1, true), set_config('app.acting_user_id', $2, true)` +
      (readOnly ? ", set_config('transaction_read_only', 'on', true)" : ''),
    values: [uuid(orgId, 'Tenant transaction for an org id'), actingUserId === null ? '' : uuid(actingUserId, 'An acting user id')],
  };
}

/** The session liveness read (see `tenantBeginStatement`), with parameters; its one row says `live`. */
function sessionLiveStatement(check: SessionCheck): Statement {
  const { proof, now } = check;
  if (!(ROLES as readonly string[]).includes(proof.role)) throw new Error(`A session check for an unknown role: ${JSON.stringify(proof.role)}`);
  return {
    text:
      'SELECT count(*)::int AS live FROM auth_sessions s JOIN memberships m ON m.org_id = s.org_id AND m.user_id = s.user_id' +
      ' WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3 AND m.deactivated_at IS NULL AND m.role = $4 AND s.mfa_verified = $5',
    values: [uuid(proof.sessionId, 'A session id'), uuid(proof.userId, 'A user id'), now.toISOString(), proof.role, proof.mfaVerified === true],
  };
}

const sessionRevoked = () => new AppError('auth.session_revoked', 'The session has ended; sign in again');

/** Refuses the second statement of a single-statement attempt; never leaves this file. */
class WantsTransaction extends Error {
  constructor() {
    super('A read-only unit asked for a second statement: it runs again as a transaction');
  }
}

/**
 * One attempt at a unit: sends the opening with the first statement, then the rest as they come.
 * `single`: the opening and the first statement are the whole unit (an implicit transaction).
 */
class TenantUnit {
  private opened = false;
  /** The session check failed: nothing more is answered. */
  revoked = false;
  /** A `single` attempt was asked for a second statement. */
  wantedMore = false;
  /** Settles when the first statement (with the opening) has been answered, however it went. */
  first: Promise<void> = Promise.resolve();

  private readonly sessionLive: Statement | null;

  constructor(
    private readonly client: PgClient,
    private readonly settings: Statement,
    private readonly check: SessionCheck | null,
    private readonly mode: 'single' | 'transaction',
  ) {
    this.sessionLive = check === null ? null : sessionLiveStatement(check);
  }

  /** The knex-facing connection: `query(config, callback)` as node-pg's, through this unit. */
  connection(): PgClient {
    const query = (config: unknown, callback?: PgCallback): unknown => {
      if (typeof config !== 'object' || config === null || typeof (config as { submit?: unknown }).submit === 'function' || callback === undefined) {
        // Not what knex's _query sends (a stream, say): open the unit on its own first.
        return this.open().then(() => this.client.query(config, callback));
      }
      this.statement(config as PgQueryConfig).then(
        (result) => callback(null, result),
        (err: Error) => callback(err),
      );
      return undefined;
    };
    return { query, ...(this.client.__knexUid !== undefined ? { __knexUid: this.client.__knexUid } : {}) };
  }

  private async statement(config: PgQueryConfig): Promise<unknown> {
    if (this.revoked) throw sessionRevoked();
    if (this.opened) {
      if (this.mode === 'single') {
        this.wantedMore = true;
        throw new WantsTransaction();
      }
      const result = await this.client.query(config);
      if (this.revoked) throw sessionRevoked();
      return result;
    }
    this.opened = true;
    const opening = this.opening();
    const sent = sendBatch(this.client, [...opening, { text: config.text, values: config.values ?? [] }], config.rowMode);
    this.first = sent.then(
      () => undefined,
      () => undefined,
    );
    const results = await sent;
    this.confirm(results[opening.length - 1]);
    return results[results.length - 1];
  }

  /** BEGIN (for a transaction), the tenant settings, the session check. */
  private opening(): Statement[] {
    return [
      ...(this.mode === 'transaction' ? [{ text: 'BEGIN', values: [] }] : []),
      this.settings,
      ...(this.sessionLive !== null ? [this.sessionLive] : []),
    ];
  }

  /** Reads the session check's answer (the opening's last result), when there is a check. */
  private confirm(result: PgResult | undefined): void {
    if (this.check === null) return;
    if (result?.rows[0]?.['live'] !== 1) {
      this.revoked = true;
      throw sessionRevoked();
    }
    this.check.proof.confirmed = true;
  }

  /** Sends the opening now (with no statement of the work), if it has not gone yet. */
  async open(): Promise<void> {
    if (this.opened) return;
    if (this.mode === 'single') {
      this.wantedMore = true;
      throw new WantsTransaction();
    }
    this.opened = true;
    const results = await sendBatch(this.client, this.opening());
    this.confirm(results[results.length - 1]);
  }

  /** COMMIT what was opened; a unit that sent nothing still checks its session (an implicit transaction). */
  async finish(): Promise<void> {
    if (this.revoked) throw sessionRevoked();
    if (!this.opened) {
      if (this.sessionLive !== null) this.confirm((await sendBatch(this.client, [this.settings, this.sessionLive]))[1]);
      return;
    }
    if (this.mode === 'transaction') await this.client.query('COMMIT');
  }
}

function unitDb(knex: Knex, unit: TenantUnit): TenantDb {
  const connection = unit.connection();
  return {
    table: (table) => knex(table).connection(connection),
    raw: (sql, bindings = []) => knex.raw(sql, bindings).connection(connection),
    query: <M extends Model>(model: new () => M) =>
      (model as unknown as typeof Model).query(knex).onBuildKnex((builder) => void builder.connection(connection)) as unknown as QueryBuilderType<M>,
  };
}
