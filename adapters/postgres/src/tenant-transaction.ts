/**
 * A unit of work bound to one org: one pooled connection, one transaction, RLS in force.
 *
 * The unit opens with the tenant settings, `set_config('role', 'cws_app', true)` (policies bind
 * even a superuser connection), the org the policies read and the staff user acting (their own
 * account row is theirs to write; migration 0008), all transaction-local, so they vanish at
 * COMMIT/ROLLBACK and a pooled connection carries nothing to the next request. They travel as one
 * statement with bind parameters, with BEGIN (for a transaction), the session check and the
 * work's first statement, in one extended-protocol round trip (ADR 23); the settings and the
 * session check are named statements, prepared once per connection (DATABASE_PREPARED_STATEMENTS).
 *
 * Queries are built with knex and objection and run on that connection (`.connection(conn)`)
 * instead of through `knex.transaction()`: its per-transaction machinery (a transactor, a new
 * knex instance, event emitters) cost more CPU than the statements themselves on a small box
 * (test/bench/README.md, PB1).
 */
import { AppError, ROLES, isUuid, type SessionProof } from '@cws/core';
import type { Knex } from 'knex';
import type { Model, QueryBuilderType } from 'objection';
import pg from 'pg';
import { createHash } from 'node:crypto';
import { preparesStatements } from './database.js';
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
  const named = preparesStatements(knex);
  const settings = tenantSettings(orgId, actingUserId, options.readOnly === true, named);
  return onPooledConnection(knex, async (connection) => {
    const client = connection as unknown as PgClient;
    if (options.readOnly === true) {
      const attempt = new TenantUnit(client, settings, check, 'single', named);
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
    const unit = new TenantUnit(client, settings, check, 'transaction', named);
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
  /**
   * A name for a statement every unit sends (the opening's): parsed and planned once per
   * connection, then only bound and executed. Only fixed texts whose plan cannot depend on the
   * values are named (`plan_cache_mode` is left as it is).
   */
  readonly name?: string;
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
  parse(config: { text: string; name?: string; types: readonly number[] }): void;
  bind(config: { statement?: string; values: readonly unknown[] }): void;
  close(config: { type: 'S'; name: string }): void;
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
  /** What this sequence sends, in order (values as mapped for the wire); tests that count statements read it. */
  readonly statements: readonly Statement[];
  /** Named statements this batch parses, and the connection they will then exist on. */
  private parsing: { readonly connection: object; readonly names: string[] } | null = null;

  constructor(statements: readonly Statement[], rowMode: string | undefined, callback: PgCallback) {
    super({ text: statements[statements.length - 1]!.text, ...(rowMode !== undefined ? { rowMode } : {}), callback });
    // Mapped as node-pg maps a query's values; done here so a value it cannot send throws before anything is written.
    this.statements = statements.map((s) => ({ text: s.text, values: s.values.map((v) => utils.prepareValue(v)), ...(s.name !== undefined ? { name: s.name } : {}) }));
  }

  requiresPreparation(): boolean {
    return true;
  }

  prepare(connection: PgWire): void {
    const known = preparedOn.get(connection);
    for (const { text, values, name } of this.statements) {
      if (name === undefined) {
        connection.parse({ text, types: [] });
      } else if (known?.has(name) !== true) {
        // Close first (never an error, even for a name that does not exist): the name may be on the
        // session already, from a batch that failed after its Parse, or — on the embedded database,
        // one session behind many connections — from another connection (a name is always the same text).
        connection.close({ type: 'S', name });
        connection.parse({ text, name, types: [] });
        (this.parsing ??= { connection, names: [] }).names.push(name);
      }
      connection.bind({ ...(name !== undefined ? { statement: name } : {}), values });
      connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '' });
    }
    connection.sync();
  }

  /** The batch was answered without an error: every Parse in it ran, so its names exist. */
  parsed(): void {
    if (this.parsing === null) return;
    const known = preparedOn.get(this.parsing.connection) ?? new Set<string>();
    for (const name of this.parsing.names) known.add(name);
    preparedOn.set(this.parsing.connection, known);
  }
}

/** Per pg connection, the named statements known to exist on its session (see `Statement.name`). */
const preparedOn = new WeakMap<object, Set<string>>();

function sendBatch(client: PgClient, statements: readonly Statement[], rowMode?: string): Promise<PgResult[]> {
  return new Promise((resolve, reject) => {
    const batch: StatementBatch = new StatementBatch(statements, rowMode, (err, result) => {
      if (err) return reject(err);
      batch.parsed();
      resolve((Array.isArray(result) ? result : [result]) as PgResult[]);
    });
    client.query(batch);
  });
}

/** A fixed statement's name: derived from its text, so one name always means one text (on any connection). */
const nameOf = (text: string) => `cws_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;

const SETTINGS_SQL = `SELECT set_config('role', '${APP_ROLE}', true), set_config('app.current_org_id', $1, true), set_config('app.acting_user_id', $2, true)`;
const READ_ONLY_SETTINGS_SQL = `${SETTINGS_SQL}, set_config('transaction_read_only', 'on', true)`;
const SESSION_LIVE_SQL =
  'SELECT count(*)::int AS live FROM auth_sessions s JOIN memberships m ON m.org_id = s.org_id AND m.user_id = s.user_id' +
  ' WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > $3 AND m.deactivated_at IS NULL AND m.role = $4 AND s.mfa_verified = $5';
const OPENING_NAMES: ReadonlyMap<string, string> = new Map([SETTINGS_SQL, READ_ONLY_SETTINGS_SQL, SESSION_LIVE_SQL].map((text) => [text, nameOf(text)]));

/** `text` as a named statement when the unit names its opening (see `Statement.name`). */
function opening(text: string, values: readonly unknown[], named: boolean): Statement {
  return named ? { text, values, name: OPENING_NAMES.get(text)! } : { text, values };
}

/** The tenant settings as one statement with parameters (the ids still pass `isUuid` first). */
function tenantSettings(orgId: string, actingUserId: string | null, readOnly: boolean, named: boolean): Statement {
  const values = [uuid(orgId, 'Tenant transaction for an org id'), actingUserId === null ? '' : uuid(actingUserId, 'An acting user id')];
  return opening(readOnly ? READ_ONLY_SETTINGS_SQL : SETTINGS_SQL, values, named);
}

/** The session liveness read (see `tenantBeginStatement`), with parameters; its one row says `live`. */
function sessionLiveStatement(check: SessionCheck, named: boolean): Statement {
  const { proof, now } = check;
  if (!(ROLES as readonly string[]).includes(proof.role)) throw new Error(`A session check for an unknown role: ${JSON.stringify(proof.role)}`);
  const values = [uuid(proof.sessionId, 'A session id'), uuid(proof.userId, 'A user id'), now.toISOString(), proof.role, proof.mfaVerified === true];
  return opening(SESSION_LIVE_SQL, values, named);
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
    named: boolean,
  ) {
    this.sessionLive = check === null ? null : sessionLiveStatement(check, named);
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
