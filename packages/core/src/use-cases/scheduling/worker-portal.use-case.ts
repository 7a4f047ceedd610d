/**
 * The worker portal: a worker signs in with their phone or email and portal password, sees their
 * own jobs (today's and upcoming, with the address and notes they need on the day), and starts
 * and completes them. A worker only ever sees bookings they are on, in their own org. The host
 * signs the session (WORKER_PORTAL_SECRET); every call here re-checks that the worker is still
 * active and that their credentials did not change after the session was issued.
 */
import type { RequestContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { ClientAddress } from '../../domain/clients/client.js';
import type { Booking, BookingStatus } from '../../domain/scheduling/booking.js';
import type { Worker } from '../../domain/scheduling/workforce.js';
import { localDayBounds, localDateOf } from '../../domain/scheduling/zoned-time.js';
import { normaliseEmail, normalisePhone } from '../../domain/shared/contact.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { AppError } from '../../errors/app-error.js';
import type { PasswordHasher } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { RateBucket, RateLimiter } from '../../ports/rate-limiter.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import { LOGIN_FAILURES_BY_IP, reserveAttempt, signInBudgets } from '../identity/identity-policy.js';
import { transition } from './bookings.use-case.js';
import { orgZone } from './scheduling-support.js';
import { workerView, type WorkerView } from './workforce.use-case.js';

export interface WorkerPortalDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly hasher: PasswordHasher;
  readonly limiter: RateLimiter;
  readonly orgs: OrgDirectory;
}

/**
 * Worker sign-in failures per address have their own bucket (same budget as staff): cleaners and
 * the office often share one address, and mistyped worker passwords must not lock staff out.
 */
export const WORKER_LOGIN_FAILURES_BY_IP: RateBucket = { ...LOGIN_FAILURES_BY_IP, name: 'worker-login-failures-ip' };
/** Per login (keyed by org slug or id and the login), so an unknown org counts like a known one. */
export const WORKER_LOGIN_FAILURES_BY_ACCOUNT: RateBucket = { ...LOGIN_FAILURES_BY_IP, name: 'worker-login-failures-account' };

const invalidCredentials = () => new AppError('auth.invalid_credentials', 'The phone, email or password is not correct');
const sessionEnded = () => new AppError('auth.session_revoked', 'The session has ended; sign in again');

export interface WorkerSignInInput {
  /** The org by its slug (what a worker types), or */
  readonly orgSlug?: unknown;
  /** the org by id, when the host chose it (DEFAULT_ORG_ID, the only org). */
  readonly orgId?: string | null;
  readonly login?: unknown;
  readonly password?: unknown;
  readonly clientIp: string;
}

/**
 * Checks a portal password. Unknown orgs, unknown logins, inactive workers and wrong passwords
 * answer alike, take as long (a hash is checked either way) and spend the same budgets: the
 * attempt is counted against the login (per org slug) and the address before the hash, so
 * concurrent guesses check at most the limit; a right password gives it back.
 * @throws validation.failed — neither a phone nor an email given, or no org named.
 * @throws auth.invalid_credentials, request.rate_limited
 */
export class WorkerSignIn {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: WorkerPortalDeps) {}

  async execute(attempt: { requestId: string; now: Date }, input: WorkerSignInInput): Promise<{ worker: WorkerView; orgId: string }> {
    const checks = new InputChecks();
    const raw = typeof input.login === 'string' ? input.login.trim() : '';
    const login = raw.includes('@') ? normaliseEmail(checks, '/login', raw) : normalisePhone(checks, '/login', raw);
    if (raw === '') checks.fail('/login', 'must be a phone number or an email address');
    const password = typeof input.password === 'string' ? input.password : (checks.fail('/password', 'must be a string'), '');
    const slug = input.orgSlug === undefined || input.orgSlug === null ? null : checks.text('/org', input.orgSlug, { min: 1, max: 63 }).toLowerCase();
    if (slug === null && (input.orgId === undefined || input.orgId === null)) checks.fail('/org', 'is required: name your organisation by its slug');
    checks.throwIfAny();
    const orgKey = slug ?? input.orgId!.toLowerCase();
    const reserved = await reserveAttempt(
      this.deps.limiter,
      signInBudgets(`worker:${orgKey}:${login}`, input.clientIp, { account: WORKER_LOGIN_FAILURES_BY_ACCOUNT, ip: WORKER_LOGIN_FAILURES_BY_IP }),
    );
    const orgId = slug === null ? input.orgId!.toLowerCase() : ((await this.deps.orgs.findBySlug(slug))?.id ?? null);
    const ctx = (id: string): RequestContext => ({ orgId: id, actor: { kind: 'public', id: 'worker-portal-login', role: null }, requestId: attempt.requestId, now: attempt.now });
    const worker = orgId === null ? null : await this.deps.uow.run(ctx(orgId), (repos) => repos.workers.findByLogin(raw.includes('@') ? { email: login! } : { phone: login! }));
    this.dummyHash ??= this.deps.hasher.hash('not-a-real-password-for-timing');
    const hash = worker?.portalPasswordHash ?? (await this.dummyHash);
    const ok = (await this.deps.hasher.verify(hash, password)) && worker !== null && worker.portalPasswordHash !== null && worker.active;
    if (!ok || orgId === null) throw invalidCredentials();
    await reserved.passed();
    await this.deps.uow.run(ctx(orgId), (repos) =>
      repos.audit.append(
        auditEntry({ ...ctx(orgId), actor: { kind: 'worker', id: worker.id, role: null } }, this.deps.ids, {
          action: 'worker.portal_login',
          resourceType: 'worker',
          resourceId: worker.id,
          metadata: { ip: input.clientIp },
        }),
      ),
    );
    return { worker: workerView(worker), orgId };
  }
}

/** Who the portal request is from: the worker id and when their session was issued. */
export interface PortalSession {
  readonly workerId: string;
  readonly issuedAt: Date;
}

async function portalWorker(repos: TenantRepositories, session: PortalSession): Promise<Worker> {
  const worker = await repos.workers.findById(session.workerId);
  const changed = worker?.credentialsChangedAt ?? null;
  if (worker === null || !worker.active || (changed !== null && changed > session.issuedAt)) throw sessionEnded();
  return worker;
}

/** A job as the worker sees it: the booking, who and where. */
export interface WorkerJob {
  readonly booking: Booking;
  readonly client: { readonly name: string; readonly phone: string | null };
  readonly address: ClientAddress | null;
  readonly serviceName: string | null;
}

async function toJob(repos: TenantRepositories, booking: Booking): Promise<WorkerJob> {
  const client = await repos.clients.findById(booking.clientId);
  const service = booking.serviceId === null ? null : await repos.services.findById(booking.serviceId);
  return {
    booking,
    client: { name: client?.name ?? '', phone: client?.phone ?? null },
    address: client?.addresses.find((a) => a.id === booking.addressId) ?? null,
    serviceName: service?.name ?? null,
  };
}

const VISIBLE: readonly BookingStatus[] = ['pending', 'confirmed', 'in_progress', 'completed'];

export class GetWorkerProfile {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  /** @throws auth.session_revoked */
  execute(ctx: RequestContext, session: PortalSession): Promise<WorkerView> {
    return this.deps.uow.run(ctx, async (repos) => workerView(await portalWorker(repos, session)));
  }
}

/**
 * The worker's jobs: `today` (the org's local day) or `upcoming` (from now, `days` ahead,
 * default 14, at most 60), by start. Cancelled jobs are left out.
 * @throws validation.failed, auth.session_revoked
 */
export class ListWorkerJobs {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  async execute(ctx: RequestContext, session: PortalSession, input: { scope?: unknown; days?: unknown }): Promise<readonly WorkerJob[]> {
    const checks = new InputChecks();
    const scope = checks.oneOf('/scope', input.scope ?? 'upcoming', ['today', 'upcoming'] as const);
    const days = checks.integer('/days', input.days, { min: 1, max: 60 }) ?? 14;
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const worker = await portalWorker(repos, session);
      const { timeZone } = await orgZone(repos);
      const bounds = localDayBounds(localDateOf(ctx.now, timeZone), timeZone);
      const window = scope === 'today' ? { from: bounds.start, to: bounds.end } : { from: ctx.now, to: new Date(ctx.now.getTime() + days * 86_400_000) };
      const bookings = await repos.bookings.list({
        window,
        statuses: VISIBLE,
        workerId: worker.id,
        teamId: null,
        clientId: null,
        seriesId: null,
        unassignedOnly: false,
        after: null,
        limit: 500,
      });
      const jobs: WorkerJob[] = [];
      for (const b of bookings) jobs.push(await toJob(repos, b));
      return jobs;
    });
  }
}

/** The booking, when this worker is on it and it is not cancelled; otherwise as if absent. */
async function ownJob(repos: TenantRepositories, worker: Worker, id: string, forUpdate = false): Promise<Booking> {
  const booking = await repos.bookings.findById(id, { forUpdate });
  if (booking === null || !booking.workers.some((w) => w.workerId === worker.id) || !VISIBLE.includes(booking.status)) {
    throw new AppError('booking.not_found', `No job ${id} for this worker`, { details: { booking_id: id } });
  }
  return booking;
}

function checkedId(raw: unknown): string {
  const checks = new InputChecks();
  const id = checks.uuid('/id', raw);
  checks.throwIfAny();
  return id;
}

export class GetWorkerJob {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  /** @throws validation.failed, booking.not_found, auth.session_revoked */
  async execute(ctx: RequestContext, session: PortalSession, input: { id: unknown }): Promise<WorkerJob> {
    const id = checkedId(input.id);
    return this.deps.uow.run(ctx, async (repos) => toJob(repos, await ownJob(repos, await portalWorker(repos, session), id)));
  }
}

/**
 * Starts (confirmed → in_progress) or completes (in_progress → completed) one of the worker's
 * jobs, stamping the time; audited with the worker as actor.
 * @throws validation.failed, booking.not_found, booking.invalid_transition, auth.session_revoked
 */
export class ProgressWorkerJob {
  constructor(private readonly deps: { uow: UnitOfWork; ids: IdGenerator }) {}

  async execute(ctx: RequestContext, session: PortalSession, input: { id: unknown; to: 'in_progress' | 'completed' }): Promise<WorkerJob> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const to = checks.oneOf('/to', input.to, ['in_progress', 'completed'] as const);
    checks.throwIfAny();
    const actorCtx: RequestContext = { ...ctx, actor: { kind: 'worker', id: session.workerId, role: null } };
    return this.deps.uow.run(actorCtx, async (repos) => {
      const worker = await portalWorker(repos, session);
      const before = await ownJob(repos, worker, id, true);
      const after: Booking = { ...transition(before, to!, ctx.now, null), updatedAt: ctx.now };
      await repos.bookings.update(after);
      await repos.audit.append(
        auditEntry(actorCtx, this.deps.ids, {
          action: `booking.status.${to}`,
          resourceType: 'booking',
          resourceId: id,
          before: snapshot(before),
          after: snapshot(after),
          metadata: { via: 'worker_portal' },
        }),
      );
      return toJob(repos, after);
    });
  }
}
