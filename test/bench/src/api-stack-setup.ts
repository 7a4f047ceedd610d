/**
 * The two stacks PB1 compares, started in this process against the shared test database (the
 * server at TEST_DATABASE_URL, else the embedded PGlite), with one seeded org:
 *   - the real HTTP app (runtime + Koa app, as the e2e harness starts it), and
 *   - a bare node:http server running the same list SQL on a plain pg.Pool.
 * Shared by the benchmark and by the profiling script.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pg from 'pg';
import type { Lead } from '@cws/core';
import { adapterTypeParsers } from '@cws/adapter-postgres';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@cws/composition';
import { createHttpApp, startHttpServer, type RunningHttpServer } from '@cws/host-http';
import { embeddedTestDatabase } from '@cws/test-support';
import type { BenchOptions } from './bench-options.js';
import { basicAuthorization, hostEnv } from './host-env.js';
import { FETCH_ROWS, LIST_SQL_EXPLICIT, LIST_SQL_RLS, PAGE_SIZE, TENANT_PRELUDE, insertLeads, pgRunner } from './lead-list-sql.js';
import { createScratchDatabase } from './scratch-database.js';
import { fmt } from './stats.js';

export const SEEDED_LEADS = 1_200;

type Log = (line?: string) => void;

/**
 * An owner of the bench org signed in over HTTP, as a user would be (invite, sign in with the
 * temporary password, change it, sign in again); returns the access token.
 */
async function signedInOwner(runtime: Runtime, baseUrl: string, orgId: string): Promise<string> {
  const email = `bench-owner-${orgId.slice(0, 8)}@example.com`;
  const setup = { orgId, actor: { kind: 'staff' as const, id: 'bench', role: 'owner' as const }, requestId: `bench-${randomUUID()}`, now: new Date() };
  const invited = await runtime.core.iam.inviteUser.execute(setup, { email, role: 'owner' });
  if (invited.kind !== 'member' || invited.temporaryPassword === null) throw new Error(`${email} already has an account`);
  const { temporaryPassword } = invited;
  const post = async (path: string, body: unknown, token?: string) => {
    const r = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${path} answered ${r.status}: ${await r.text()}`);
    return r.status === 204 ? null : ((await r.json()) as { access_token: string });
  };
  const password = `Bench-${randomUUID()}`;
  const first = await post('/v1/auth/login', { email, password: temporaryPassword });
  await post('/v1/auth/change-password', { current_password: temporaryPassword, new_password: password }, first!.access_token);
  return (await post('/v1/auth/login', { email, password }))!.access_token;
}

export interface RouteUnderTest {
  readonly key: string;
  readonly label: string;
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** The bare route's JSON: the fields and shape of the API's LeadView page. */
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function bareLeadJson(row: Record<string, any>) {
  const a = row['address'] as Record<string, string | null> | null;
  return {
    id: row['id'],
    org_id: row['org_id'],
    name: row['name'],
    email: row['email'],
    phone: row['phone'],
    source: row['source'],
    status: row['status'],
    notes: row['notes'],
    service_requested: row['service_requested'],
    address:
      a === null ? null : { line1: a['line1'], line2: a['line2'], city: a['city'], region: a['region'], postal_code: a['postalCode'], country: a['country'] },
    converted_client_id: row['converted_client_id'],
    converted_at: iso(row['converted_at']),
    archived_at: iso(row['archived_at']),
    created_at: (row['created_at'] as Date).toISOString(),
    updated_at: (row['updated_at'] as Date).toISOString(),
  };
}

function pageBody(rows: ReadonlyArray<Record<string, any>>): string {
  const items = rows.slice(0, PAGE_SIZE);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > PAGE_SIZE && last !== undefined
      ? Buffer.from(JSON.stringify([(last['created_at'] as Date).toISOString(), last['id']]), 'utf8').toString('base64url')
      : null;
  return JSON.stringify({ items: items.map(bareLeadJson), next_cursor: nextCursor });
}

/**
 * The bare server. `/leads` is the baseline; the other paths are diagnostics that add back one
 * piece of the API's database work at a time.
 */
/** A domain Lead (as the core returns it) in the same JSON shape. */
function domainLeadJson(l: Lead) {
  return bareLeadJson({
    id: l.id,
    org_id: l.orgId,
    name: l.name,
    email: l.email,
    phone: l.phone,
    source: l.source,
    status: l.status,
    notes: l.notes,
    service_requested: l.serviceRequested,
    address: l.address,
    converted_client_id: l.convertedClientId,
    converted_at: l.convertedAt,
    archived_at: l.archivedAt,
    created_at: l.createdAt,
    updated_at: l.updatedAt,
  });
}

/**
 * `samePool`: a pool like `pool` whose clients parse timestamptz as the adapter's do
 * (adapterTypeParsers); `/leads-same-parser` is the bare route on it, printed beside the baseline
 * so the share of the API's gain that is only faster date parsing can be read off.
 */
export function startBareServer(pool: pg.Pool, orgId: string, runtime: Runtime, samePool: pg.Pool): Promise<{ server: Server; url: string }> {
  const send = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const tenantList = async (withOrgLookup: boolean) => {
    if (withOrgLookup) await pool.query('select "orgs".* from "orgs" where "orgs"."id" = $1', [orgId]);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(TENANT_PRELUDE, [orgId]);
      const { rows } = await client.query(LIST_SQL_RLS, [FETCH_ROWS]);
      await client.query('COMMIT');
      return rows;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (req.url === '/leads') {
        const { rows } = await pool.query(LIST_SQL_EXPLICIT, [orgId, FETCH_ROWS]);
        return send(res, 200, pageBody(rows));
      }
      if (req.url === '/leads-same-parser') {
        const { rows } = await samePool.query(LIST_SQL_EXPLICIT, [orgId, FETCH_ROWS]);
        return send(res, 200, pageBody(rows));
      }
      if (req.url === '/leads-tx') return send(res, 200, pageBody(await tenantList(false)));
      if (req.url === '/leads-org-tx') return send(res, 200, pageBody(await tenantList(true)));
      if (req.url === '/leads-core') {
        // The core use case over the real adapters (org lookup, knex tenant transaction, objection), no Koa.
        const org = await runtime.ports.orgs.findById(orgId);
        if (org === null) throw new Error('bench org vanished');
        const now = new Date();
        const page = await runtime.core.leads.list.execute(
          { orgId: org.id, actor: { kind: 'staff', id: 'basic:bench-admin', role: 'admin' }, requestId: randomUUID(), now },
          { limit: PAGE_SIZE },
        );
        return send(res, 200, JSON.stringify({ items: page.items.map(domainLeadJson), next_cursor: page.nextCursor }));
      }
      return send(res, 404, '{"error":"not found"}');
    } catch (err) {
      return send(res, 500, JSON.stringify({ error: String(err) }));
    }
  };
  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
}

export async function probe(route: RouteUnderTest): Promise<string[]> {
  const response = await fetch(route.url, { headers: route.headers });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${route.label}: probe answered ${response.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { items?: Array<{ id: string }>; next_cursor?: string | null };
  const ids = (body.items ?? []).map((i) => i.id);
  if (ids.length !== PAGE_SIZE || typeof body.next_cursor !== 'string') {
    throw new Error(`${route.label}: expected a full page of ${PAGE_SIZE} leads with a next cursor, got ${ids.length} (cursor ${String(body.next_cursor)})`);
  }
  return ids;
}

/**
 * Where the app's log lines go: nowhere, except the first few error lines and 4xx/5xx access lines,
 * kept to explain a run that got failing responses.
 */
export class LogSink extends Writable {
  readonly failures: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    if (this.failures.length < 8) {
      const text = chunk.toString('utf8');
      if (/"level":"ERROR"|"status_code":[45]\d\d/.test(text)) this.failures.push(text.trim().slice(0, 1500));
    }
    done();
  }
}


export interface ApiStack {
  readonly onServer: boolean;
  /** Pool size of each stack: `connections` on a server, 1 on PGlite (see below). */
  readonly poolSize: number;
  readonly orgId: string;
  /** The database both stacks use (owner connection). */
  readonly connectionString: string;
  /** The runtime behind the API (its core and ports, for the diagnostics). */
  readonly runtime: Runtime;
  /** The API route (PB1, Basic Auth), the same route as a signed-in owner (bearer token), and the bare baseline. */
  readonly api: RouteUnderTest;
  readonly bearer: RouteUnderTest;
  readonly bare: RouteUnderTest;
  /** The bare route with the adapter's timestamptz parser: printed, no verdict (see startBareServer). */
  readonly bareSameParser: RouteUnderTest;
  /** Diagnostic routes that add the API's pieces back one at a time. */
  readonly breakdown: readonly RouteUnderTest[];
  /** Error lines and failing access lines the app logged (the rest is discarded). */
  readonly appLog: LogSink;
  close(): Promise<void>;
}

export async function startApiStack(options: BenchOptions, log: Log): Promise<ApiStack> {
  const onServer = options.serverUrl !== null;
  // On a server: a scratch database of our own (another session may drop the shared test
  // database or terminate its connections mid-run). On PGlite: the shared embedded test database,
  // which lives in this process.
  const scratch = onServer ? await createScratchDatabase(options.serverUrl!, 'pb1') : null;
  const embedded = scratch === null ? await embeddedTestDatabase() : null;
  // The bare route (and the seeding) run as the owner; the API as the app's login role on PGlite
  // (ADR 16). The server's scratch database has only its owner, a superuser: the API warns once.
  const connectionString = scratch?.url ?? embedded!.ownerConnectionString;
  const appConnectionString = scratch?.url ?? embedded!.connectionString;
  log(
    scratch !== null
      ? `  database: ${scratch.description}`
      : '  database: embedded PGlite (in this process, ONE session: every query of both routes is serialised\n' +
          "            through it and runs on this process's main thread, so the ratio says little about a server)",
  );

  // PGlite is one session behind a multiplexer: concurrent connections interleave extended-protocol
  // messages and get each other's results ("portal does not exist", rows of another query). On
  // PGlite both stacks therefore get ONE pooled connection, so queries are serialised in Node.
  const poolSize = onServer ? options.connections : 1;
  const pool = new pg.Pool({ connectionString, max: poolSize, application_name: 'cws-bench-bare' });
  const samePool = new pg.Pool({ connectionString, max: poolSize, application_name: 'cws-bench-bare-same-parser', types: adapterTypeParsers });
  // An idle connection the server drops must not crash the process (pg.Pool re-emits it).
  let closing = false;
  for (const p of [pool, samePool]) {
    p.on('error', (err) => {
      if (!closing) log(`  warning: bare pool connection lost: ${err.message}`);
    });
  }
  const appLog = new LogSink();
  const orgId = randomUUID();
  let runtime: Runtime | null = null;
  let app: RunningHttpServer | null = null;
  let bare: { server: Server; url: string } | null = null;
  let orgCreated = false;

  const close = async () => {
    closing = true;
    // autocannon drops its sockets at the end of a run with requests still queued on the pools;
    // let them drain so closing the pools aborts nothing.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await app?.close();
    if (bare !== null) {
      const { server } = bare;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
    await runtime?.close();
    if (orgCreated && scratch === null) {
      // Leads and settings go with the org (ON DELETE CASCADE); the shared database stays as it was.
      await pool.query('delete from orgs where id = $1', [orgId]).catch((err: unknown) => log(`  warning: could not delete bench org ${orgId}: ${String(err)}`));
    }
    await pool.end();
    await samePool.end();
    await scratch?.drop().catch((err: unknown) => log(`  warning: could not drop ${scratch.name}: ${String(err)}`));
  };

  try {
    const config = loadConfig(
      hostEnv(appConnectionString, {
        DATABASE_POOL_MAX: String(poolSize),
        // Keeps the per-address limiter from turning the run into 429s.
        RATE_LIMIT_PER_MINUTE: '1000000',
        // The bearer route's token must outlive the run.
        AUTH_ACCESS_TOKEN_TTL_MINUTES: '240',
        // Used only by the breakdown route sent without X-Test-Org (the resolver caches this org).
        DEFAULT_ORG_ID: orgId,
      }),
      { dotenvPath: null },
    );
    runtime = await createRuntime(config);
    // The org through the core (as the e2e harness makes them), its leads in one INSERT … SELECT.
    const suffix = orgId.slice(0, 8);
    await runtime.core.orgs.create.execute(
      { actor: { kind: 'system', id: 'bench', role: null }, requestId: `bench-${suffix}`, now: new Date(), reason: 'PB1 benchmark org' },
      { id: orgId, name: `Bench PB1 ${suffix}`, slug: `bench-pb1-${suffix}` },
    );
    orgCreated = true;
    await insertLeads(pgRunner(pool), [orgId], SEEDED_LEADS);
    await pool.query('analyze leads');

    // Every access log line is still built and serialised by pino; only the write goes nowhere.
    const http = createHttpApp(runtime, { logger: createLogger(config, appLog) });
    app = await startHttpServer(http, '127.0.0.1', 0);
    bare = await startBareServer(pool, orgId, runtime, samePool);

    const authorization = basicAuthorization();
    const api: RouteUnderTest = { key: 'PB1', label: 'PB1 API', url: `${app.url}/v1/admin/leads?limit=${PAGE_SIZE}`, headers: { authorization, 'x-test-org': orgId } };
    const bareRoute: RouteUnderTest = { key: 'bare', label: 'bare pg', url: `${bare.url}/leads`, headers: {} };
    const bareSameParser: RouteUnderTest = { key: 'bare-same-parser', label: 'bare, our dates', url: `${bare.url}/leads-same-parser`, headers: {} };
    const token = await signedInOwner(runtime, app.url, orgId);
    // Signed-in users are the API's main path: measured with its own verdict, not only as a diagnostic.
    const bearer: RouteUnderTest = { key: 'bearer', label: 'PB1 API, bearer', url: api.url, headers: { authorization: `Bearer ${token}` } };
    const breakdown: RouteUnderTest[] = [
      { key: 'api-cached-org', label: 'API, org cached', url: api.url, headers: { authorization } },
      { key: 'bare-org-tx', label: 'bare+org+tx', url: `${bare.url}/leads-org-tx`, headers: {} },
      { key: 'bare-tx', label: 'bare+tx', url: `${bare.url}/leads-tx`, headers: {} },
      { key: 'core', label: 'core, no Koa', url: `${bare.url}/leads-core`, headers: {} },
    ];
    const reference = await probe(api);
    for (const route of [bareRoute, bareSameParser, bearer, ...breakdown]) {
      const ids = await probe(route);
      if (ids.join() !== reference.join()) throw new Error(`${route.label} returned a different first page than the API`);
    }
    log(`  data: 1 org, ${fmt(SEEDED_LEADS)} leads (5% archived); every route returns the same full page of ${PAGE_SIZE} (checked)`);
    return { onServer, poolSize, orgId, connectionString, runtime, api, bearer, bare: bareRoute, bareSameParser, breakdown, appLog, close };
  } catch (err) {
    await close();
    throw err;
  }
}
