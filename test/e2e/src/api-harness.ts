/**
 * A running HTTP host over a real database for end-to-end tests: the shared test database of
 * the given kind, a runtime connected to it by URL (as production would be), the Koa app on an
 * ephemeral port, and a small fetch client. Each test creates its own orgs.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger, createRuntime, loadConfig, type Config, type Runtime } from '@cws/composition';
import { createHttpApp, startHttpServer, type HttpApp, type RouteDefinition, type RunningHttpServer } from '@cws/host-http';
import { RecordingMailer, TEST_MESSAGE_SEALER, newestQueuedSecret, queuedMessagesTo, type OutboxSource, type QueuedMessage, type TestDatabase } from '@cws/test-support';
import { ScryptPasswordHasher, type InboundSmsVerifier, type Role } from '@cws/core';

export interface Login {
  readonly email: string;
  readonly password: string;
  readonly orgId?: string;
  readonly totpCode?: string;
}

export interface StaffSession {
  readonly userId: string;
  readonly email: string;
  readonly password: string;
  readonly orgId: string;
  readonly role: Role;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly sessionId: string;
  readonly mfaVerified: boolean;
}

async function signInOverHttp(api: ApiClient, login: Login): Promise<StaffSession> {
  const r = await api.call('POST', '/v1/auth/login', {
    as: null,
    body: { email: login.email, password: login.password, ...(login.orgId ? { org_id: login.orgId } : {}), ...(login.totpCode ? { totp_code: login.totpCode } : {}) },
  });
  if (r.status !== 200) throw new Error(`login of ${login.email} answered ${r.status}: ${r.text}`);
  return {
    userId: r.body.user_id,
    email: login.email,
    password: login.password,
    orgId: r.body.org_id,
    role: r.body.role,
    accessToken: r.body.access_token,
    refreshToken: r.body.refresh_token,
    sessionId: r.body.session_id,
    mfaVerified: r.body.mfa_verified,
  };
}

export const PASSWORDS = {
  // Long and free of placeholder words, so the same pairs also pass APP_ENV=prod checks.
  admin: 'adm-Zq7v-e2e-K4pT9w',
  dispatcher: 'dsp-Hn3b-e2e-R8sL2x',
  finance: 'fin-Wc5j-e2e-M1qD6y',
  viewer: 'vwr-Pt8k-e2e-B7nF3z',
} as const;
export type BasicRole = keyof typeof PASSWORDS;

export const BASIC_USERS: Record<BasicRole, string> = { admin: 'admin', dispatcher: 'dispatch', finance: 'accounts', viewer: 'viewer' };

export function testEnv(databaseUrl: string | null, extra: Record<string, string> = {}): Record<string, string> {
  return {
    APP_ENV: 'test',
    LOG_LEVEL: 'INFO',
    ...(databaseUrl === null ? {} : { DATABASE_URL: databaseUrl }),
    ADMIN_BASIC_USERNAME: BASIC_USERS.admin,
    ADMIN_BASIC_PASSWORD: PASSWORDS.admin,
    DISPATCHER_BASIC_USERNAME: BASIC_USERS.dispatcher,
    DISPATCHER_BASIC_PASSWORD: PASSWORDS.dispatcher,
    ACCOUNTANT_BASIC_USERNAME: BASIC_USERS.finance,
    ACCOUNTANT_BASIC_PASSWORD: PASSWORDS.finance,
    VIEWER_BASIC_USERNAME: BASIC_USERS.viewer,
    VIEWER_BASIC_PASSWORD: PASSWORDS.viewer,
    METRICS_TOKEN: 'e2e-metrics-token-long-enough-for-prod',
    // Suites make hundreds of calls a minute from one address; the limit suites set their own.
    RATE_LIMIT_PER_MINUTE: '1000000',
    ADMIN_ACTION_RATE_LIMIT_PER_MINUTE: '1000000',
    ...extra,
  };
}

export interface ApiResponse<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

export interface CallOptions {
  /** A Basic Auth role (default admin), or null for no credentials; ignored when `token` is set. */
  readonly as?: BasicRole | null;
  /** An access token, sent as Authorization: Bearer. */
  readonly token?: string;
  readonly org?: string | null;
  readonly body?: unknown;
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
}

export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const role = options.as === undefined ? 'admin' : options.as;
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    else if (role !== null) headers['authorization'] = `Basic ${Buffer.from(`${BASIC_USERS[role]}:${PASSWORDS[role]}`).toString('base64')}`;
    if (options.org) headers['x-test-org'] = options.org;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }
}

/** Collects the JSON log lines a host writes. */
export class LogCapture extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') this.lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
}

export interface ApiHarness {
  readonly runtime: Runtime;
  readonly http: HttpApp;
  readonly server: RunningHttpServer;
  readonly api: ApiClient;
  readonly logs: LogCapture;
  /** The messages queued in the outbox for `address` (secrets opened), oldest first. */
  queued(address: string, template?: string): Promise<QueuedMessage[]>;
  /** The token of the newest `kind` mail queued for `email`; fails the test when none was. */
  mailedToken(kind: 'invitation' | 'password_reset' | 'second_factor_reset', email: string): Promise<string>;
  /** A new org (with settings) and its id, for one test. */
  newOrg(overrides?: { timeZone?: string; leadAutoArchiveDays?: number }): Promise<{ id: string; slug: string }>;
  /** A member of `orgId` with `role` and a chosen password, signed in over HTTP. */
  staff(orgId: string, role: Role, options?: { email?: string }): Promise<StaffSession>;
  /** Signs in over HTTP; fails the test unless the answer is 200. */
  signIn(login: Login): Promise<StaffSession>;
  close(): Promise<void>;
}

export interface ApiAppOptions {
  readonly env?: Record<string, string>;
  readonly extraRoutes?: RouteDefinition[];
  readonly exactEnv?: Record<string, string>;
  /** Give the host no email channel (as EMAIL_MODE=off): nothing is queued for mail. Default: a recording mailer. */
  readonly noEmailChannel?: boolean;
  /** The inbound SMS signature check the host uses (default: the runtime's). */
  readonly inboundSms?: InboundSmsVerifier | null;
}

/** The HTTP host's app over `db` (null: memory storage), not listening: what startApi serves. */
export interface ApiApp {
  readonly config: Config;
  readonly runtime: Runtime;
  readonly http: HttpApp;
  readonly logs: LogCapture;
  /** The outbox's rows: the owner's connection (every org), or the memory state. */
  readonly outbox: OutboxSource;
}

/** The memory adapters' state when the runtime stores in memory (its ports are `createMemoryAdapters()`'s). */
function memoryState(runtime: Runtime): OutboxSource {
  const ports = runtime.ports as unknown as { state?: OutboxSource };
  if (ports.state === undefined) throw new Error('memory storage without a state to read the outbox from');
  return ports.state;
}

export async function createApiApp(db: TestDatabase | null, options: ApiAppOptions = {}): Promise<ApiApp> {
  const config: Config = loadConfig(options.exactEnv ?? testEnv(db?.connectionString ?? null, options.env), { dotenvPath: null });
  // Real scrypt at a cost tests can afford (the production cost is checked in the core's tests).
  const passwordHasher = new ScryptPasswordHasher({ N: 2 ** 10, r: 8, p: 1 });
  // Messages are queued, not delivered, in these tests: a known sealer opens their tokens.
  const messaging = { messageSealer: TEST_MESSAGE_SEALER, ...(options.noEmailChannel === true ? {} : { channels: { email: new RecordingMailer() } }) };
  const runtime = await createRuntime(config, db === null ? { storage: 'memory', passwordHasher, ...messaging } : { passwordHasher, ...messaging });
  const logs = new LogCapture();
  const http = createHttpApp(runtime, {
    logger: createLogger(config, logs),
    checkResponses: true,
    ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
    ...(options.inboundSms !== undefined ? { inboundSms: options.inboundSms } : {}),
  });
  return { config, runtime, http, logs, outbox: db === null ? memoryState(runtime) : db.ownerKnex };
}

export async function startApi(db: TestDatabase | null, options: ApiAppOptions = {}): Promise<ApiHarness> {
  const { config, runtime, http, logs, outbox } = await createApiApp(db, options);
  const server = await startHttpServer(http, '127.0.0.1', 0, config.http.limits);
  const api = new ApiClient(server.url);
  const signIn = (login: Login) => signInOverHttp(api, login);
  return {
    runtime,
    http,
    server,
    api,
    logs,
    queued: (address, template) => queuedMessagesTo(outbox, TEST_MESSAGE_SEALER, address, template),
    mailedToken: (kind, email) => newestQueuedSecret(outbox, TEST_MESSAGE_SEALER, kind, email),
    signIn,
    async staff(orgId, role, staffOptions = {}) {
      const email = staffOptions.email ?? `${role}-${randomUUID().slice(0, 8)}@e2e.example.com`;
      const setup = { orgId, actor: { kind: 'staff' as const, id: 'e2e-setup', role: 'owner' as const }, requestId: `e2e-${randomUUID()}`, now: new Date() };
      const invited = await runtime.core.iam.inviteUser.execute(setup, { email, role });
      if (invited.kind === 'invitation') throw new Error(`${email} already has an account: staff() makes new ones (accept invitations over HTTP)`);
      const password = `Pw-${randomUUID()}`;
      if (invited.temporaryPassword !== null) {
        const first = await signIn({ email, password: invited.temporaryPassword, orgId });
        const changed = await api.call('POST', '/v1/auth/change-password', { token: first.accessToken, body: { current_password: invited.temporaryPassword, new_password: password } });
        if (changed.status !== 200) throw new Error(`change-password answered ${changed.status}: ${changed.text}`);
      }
      return signIn({ email, password, orgId });
    },
    async newOrg(overrides = {}) {
      const suffix = randomUUID().slice(0, 8);
      const { org } = await runtime.core.orgs.create.execute(
        { actor: { kind: 'system', id: 'e2e', role: null }, requestId: `e2e-${suffix}`, now: new Date(), reason: 'e2e test org' },
        { name: `E2E ${suffix}`, slug: `e2e-${suffix}`, ...overrides },
      );
      return { id: org.id, slug: org.slug };
    },
    async close() {
      await server.close();
      await runtime.close();
    },
  };
}
