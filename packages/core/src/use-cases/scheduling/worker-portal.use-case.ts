/**
 * The worker portal: a worker signs in with their phone or email and portal password, sees their
 * own jobs (today's and upcoming, with the address and notes they need on the day), and starts
 * and completes them. A worker only ever sees bookings they are on, in their own org. The host
 * signs the session (WORKER_PORTAL_SECRET); every call here re-checks that the worker is still
 * active and that their credentials did not change after the session was issued. A password set
 * by staff is temporary: until the worker chooses their own, only their profile, the password
 * change and signing out are open to them.
 */
import type { RequestContext } from '../../context.js';
import { auditEntry, snapshot } from '../../domain/audit/audit-builder.js';
import type { Booking, BookingStatus } from '../../domain/scheduling/booking.js';
import type { Worker } from '../../domain/scheduling/workforce.js';
import { localDayBounds, localDateOf, toZonedIso } from '../../domain/scheduling/zoned-time.js';
import { normaliseEmail, normalisePhone } from '../../domain/shared/contact.js';
import { InputChecks } from '../../domain/shared/input-checks.js';
import { AppError } from '../../errors/app-error.js';
import type { PasswordHasher } from '../../ports/credentials.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';
import type { RateBucket, RateLimiter } from '../../ports/rate-limiter.port.js';
import type { TenantRepositories, UnitOfWork } from '../../ports/unit-of-work.port.js';
import type { PasswordStrength } from '../../ports/password-strength.port.js';
import { LOGIN_FAILURES_BY_IP, checkNewPassword, passwordContext, reserveAttempt, signInBudgets } from '../identity/identity-policy.js';
import { transition } from './bookings.use-case.js';
import { orgZone, visitDetails, type VisitDetails } from './scheduling-support.js';
import { workerView, type WorkerView } from './workforce.use-case.js';

export interface WorkerPortalDeps {
  readonly uow: UnitOfWork;
  readonly ids: IdGenerator;
  readonly hasher: PasswordHasher;
  readonly limiter: RateLimiter;
  readonly orgs: OrgDirectory;
  /** Judges the portal passwords workers choose (the staff rule). */
  readonly strength: PasswordStrength;
}

export interface WorkerPortalOptions {
  /** How long before a job's start its worker may start it (WORKER_JOB_START_WINDOW_MINUTES). */
  readonly jobStartWindowMinutes: number;
}

export const DEFAULT_WORKER_PORTAL_OPTIONS: WorkerPortalOptions = { jobStartWindowMinutes: 120 };

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

/** `full`: the portal's jobs, closed while the password is temporary; `self`: profile, password change, sign-out. */
type PortalAccess = 'full' | 'self';

async function portalWorker(repos: TenantRepositories, session: PortalSession, access: PortalAccess, forUpdate = false): Promise<Worker> {
  const worker = await repos.workers.findById(session.workerId, { forUpdate });
  const changed = worker?.credentialsChangedAt ?? null;
  if (worker === null || !worker.active || (changed !== null && changed > session.issuedAt)) throw sessionEnded();
  if (access === 'full' && worker.mustChangePortalPassword) {
    throw new AppError('auth.password_change_required', 'Your portal password was set by staff: choose your own before using the portal', {
      details: { must_change_password: true },
    });
  }
  return worker;
}

/** The request as the worker's own act (audit rows name the worker). */
const asWorker = (ctx: RequestContext, session: PortalSession): RequestContext => ({ ...ctx, actor: { kind: 'worker', id: session.workerId, role: null } });

/** What a worker may do with a job: start a confirmed one, complete a started one. */
export type WorkerAction = 'start' | 'complete';

const WORKER_ACTIONS: Readonly<Record<BookingStatus, readonly WorkerAction[]>> = {
  pending: [],
  confirmed: ['start'],
  in_progress: ['complete'],
  completed: [],
  cancelled: [],
  no_show: [],
};

const ACTION_STATUS: Readonly<Record<WorkerAction, BookingStatus>> = { start: 'in_progress', complete: 'completed' };

/** A job as the worker sees it: the booking, who and where, and what they may do with it now. */
export interface WorkerJob extends VisitDetails {
  readonly booking: Booking;
  /** Only what this worker may do now: `start` from `startableFrom` on, `complete` once started. */
  readonly allowedActions: readonly WorkerAction[];
  /** When a confirmed job may be started (its start less the start window); null otherwise. */
  readonly startableFrom: Date | null;
}

function startableFrom(booking: Booking, options: WorkerPortalOptions): Date {
  return new Date(booking.startsAt.getTime() - options.jobStartWindowMinutes * 60_000);
}

function toJob(booking: Booking, visit: VisitDetails | undefined, now: Date, options: WorkerPortalOptions): WorkerJob {
  const from = booking.status === 'confirmed' ? startableFrom(booking, options) : null;
  const allowedActions = WORKER_ACTIONS[booking.status].filter((a) => a !== 'start' || (from !== null && now >= from));
  return {
    booking,
    client: visit?.client ?? { id: booking.clientId, name: '', phone: null },
    address: visit?.address ?? null,
    serviceName: visit?.serviceName ?? null,
    allowedActions,
    startableFrom: from,
  };
}

async function toJobs(repos: TenantRepositories, bookings: readonly Booking[], now: Date, options: WorkerPortalOptions): Promise<WorkerJob[]> {
  const visits = await visitDetails(repos, bookings);
  return bookings.map((b) => toJob(b, visits.get(b.id), now, options));
}

const VISIBLE: readonly BookingStatus[] = ['pending', 'confirmed', 'in_progress', 'completed'];

/** The signed-in worker; open while the password is temporary (it says so). @throws auth.session_revoked */
export class GetWorkerProfile {
  constructor(private readonly deps: { uow: UnitOfWork }) {}

  execute(ctx: RequestContext, session: PortalSession): Promise<WorkerView> {
    return this.deps.uow.run(ctx, async (repos) => workerView(await portalWorker(repos, session, 'self')));
  }
}

/**
 * The worker chooses their own portal password: required after one set by staff, possible any
 * time. The current password must be given; a wrong one counts like a failed sign-in (the attempt
 * is taken from the budget before the hash is checked, and given back on success, so concurrent
 * guesses cannot exceed it). Every earlier portal session ends — the host answers with a new
 * token. Audited as `worker.portal_password_change` by the worker.
 * @throws validation.failed — the current password is wrong; the new one breaks the password rule
 *   or equals the current one.
 * @throws request.rate_limited — too many wrong current passwords.
 * @throws auth.session_revoked
 */
export class ChangeWorkerPortalPassword {
  constructor(private readonly deps: WorkerPortalDeps) {}

  async execute(ctx: RequestContext, session: PortalSession, input: { currentPassword?: unknown; newPassword?: unknown }): Promise<WorkerView> {
    const actorCtx = asWorker(ctx, session);
    const worker = await this.deps.uow.run(actorCtx, (repos) => portalWorker(repos, session, 'self'));
    if (typeof input.currentPassword !== 'string') {
      throw new AppError('validation.failed', 'Confirm with your current password', { errors: [{ pointer: '/currentPassword', detail: 'must be a string' }] });
    }
    const current = input.currentPassword;
    // The current password first, its attempt spent before the hash: judging a new one costs CPU.
    const reserved = await reserveAttempt(this.deps.limiter, [{ bucket: WORKER_LOGIN_FAILURES_BY_ACCOUNT, key: `worker-id:${ctx.orgId}:${worker.id}`, onSuccess: 'reset' }]);
    if (worker.portalPasswordHash === null || !(await this.deps.hasher.verify(worker.portalPasswordHash, current))) {
      throw new AppError('validation.failed', 'The current password is not correct', { errors: [{ pointer: '/currentPassword', detail: 'is not correct' }] });
    }
    await reserved.passed();
    const checks = new InputChecks();
    const org = await this.deps.orgs.findById(ctx.orgId);
    const next = checkNewPassword(checks, '/newPassword', input.newPassword, this.deps.strength, passwordContext(worker.email ?? '', worker.name, org?.name));
    if (next !== '' && next === current) checks.fail('/newPassword', 'must differ from the current password');
    checks.throwIfAny();
    const hash = await this.deps.hasher.hash(next);
    return this.deps.uow.run(actorCtx, async (repos) => {
      // Again under a row lock: a reset or deactivation since the check ends the session here.
      const before = await portalWorker(repos, session, 'self', true);
      const after: Worker = { ...before, portalPasswordHash: hash, mustChangePortalPassword: false, credentialsChangedAt: ctx.now, updatedAt: ctx.now };
      await repos.workers.update(after);
      await repos.audit.append(
        auditEntry(actorCtx, this.deps.ids, {
          action: 'worker.portal_password_change',
          resourceType: 'worker',
          resourceId: worker.id,
          metadata: { was_temporary: before.mustChangePortalPassword },
        }),
      );
      return workerView(after);
    });
  }
}

/**
 * Signs the worker out of the portal. Portal tokens are not stored one by one, so this ends every
 * portal session of theirs (a phone, a shared tablet). Audited as `worker.portal_logout`.
 * @throws auth.session_revoked
 */
export class WorkerSignOut {
  constructor(private readonly deps: { uow: UnitOfWork; ids: IdGenerator }) {}

  async execute(ctx: RequestContext, session: PortalSession): Promise<void> {
    const actorCtx = asWorker(ctx, session);
    await this.deps.uow.run(actorCtx, async (repos) => {
      const before = await portalWorker(repos, session, 'self', true);
      await repos.workers.update({ ...before, credentialsChangedAt: ctx.now, updatedAt: ctx.now });
      await repos.audit.append(auditEntry(actorCtx, this.deps.ids, { action: 'worker.portal_logout', resourceType: 'worker', resourceId: before.id }));
    });
  }
}

/**
 * The worker's jobs: `today` (the org's local day) or `upcoming` (from now, `days` ahead,
 * default 14, at most 60), by start. Cancelled jobs are left out.
 * @throws validation.failed, auth.session_revoked, auth.password_change_required
 */
export class ListWorkerJobs {
  constructor(private readonly deps: { uow: UnitOfWork; options: WorkerPortalOptions }) {}

  async execute(ctx: RequestContext, session: PortalSession, input: { scope?: unknown; days?: unknown }): Promise<readonly WorkerJob[]> {
    const checks = new InputChecks();
    const scope = checks.oneOf('/scope', input.scope ?? 'upcoming', ['today', 'upcoming'] as const);
    const days = checks.integer('/days', input.days, { min: 1, max: 60 }) ?? 14;
    checks.throwIfAny();
    return this.deps.uow.run(ctx, async (repos) => {
      const worker = await portalWorker(repos, session, 'full');
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
      return toJobs(repos, bookings, ctx.now, this.deps.options);
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
  constructor(private readonly deps: { uow: UnitOfWork; options: WorkerPortalOptions }) {}

  /** @throws validation.failed, booking.not_found, auth.session_revoked, auth.password_change_required */
  async execute(ctx: RequestContext, session: PortalSession, input: { id: unknown }): Promise<WorkerJob> {
    const id = checkedId(input.id);
    return this.deps.uow.run(ctx, async (repos) => {
      const job = await ownJob(repos, await portalWorker(repos, session, 'full'), id);
      return (await toJobs(repos, [job], ctx.now, this.deps.options))[0]!;
    });
  }
}

/**
 * Starts (confirmed → in_progress) or completes (in_progress → completed) one of the worker's
 * jobs, stamping the time; audited with the worker as actor. A job can be started from its start
 * less the start window on (WORKER_JOB_START_WINDOW_MINUTES), not hours or days ahead.
 * @throws validation.failed, booking.not_found, auth.session_revoked, auth.password_change_required
 * @throws booking.invalid_transition — not a move a worker may make from the job's status (the
 *   error lists the ones they may: `allowed_actions`).
 * @throws booking.too_early_to_start — the start window has not opened (the error says when it does).
 */
export class ProgressWorkerJob {
  constructor(private readonly deps: { uow: UnitOfWork; ids: IdGenerator; options: WorkerPortalOptions }) {}

  async execute(ctx: RequestContext, session: PortalSession, input: { id: unknown; to: 'in_progress' | 'completed' }): Promise<WorkerJob> {
    const checks = new InputChecks();
    const id = checks.uuid('/id', input.id);
    const to = checks.oneOf('/to', input.to, ['in_progress', 'completed'] as const);
    checks.throwIfAny();
    const action: WorkerAction = to === 'in_progress' ? 'start' : 'complete';
    const actorCtx = asWorker(ctx, session);
    return this.deps.uow.run(actorCtx, async (repos) => {
      const worker = await portalWorker(repos, session, 'full');
      const before = await ownJob(repos, worker, id, true);
      this.assertAllowed(before, action, ctx.now);
      const after: Booking = { ...transition(before, ACTION_STATUS[action], ctx.now, null), updatedAt: ctx.now };
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
      return (await toJobs(repos, [after], ctx.now, this.deps.options))[0]!;
    });
  }

  private assertAllowed(booking: Booking, action: WorkerAction, now: Date): void {
    const allowed = toJob(booking, undefined, now, this.deps.options).allowedActions;
    if (!WORKER_ACTIONS[booking.status].includes(action)) {
      const may = allowed.length === 0 ? 'there is nothing you can do with it now' : `you may ${allowed.join(' or ')} it`;
      throw new AppError('booking.invalid_transition', `A ${booking.status} job cannot be ${action === 'start' ? 'started' : 'completed'}: ${may}`, {
        details: { booking_id: booking.id, from: booking.status, action, allowed_actions: allowed },
      });
    }
    const from = startableFrom(booking, this.deps.options);
    if (action === 'start' && now < from) {
      // On the booking's wall clock, as the worker reads the job.
      const local = toZonedIso(from, booking.timeZone);
      throw new AppError('booking.too_early_to_start', `This job starts at ${toZonedIso(booking.startsAt, booking.timeZone)}; you can start it from ${local}`, {
        details: {
          booking_id: booking.id,
          starts_at: booking.startsAt.toISOString(),
          can_start_from: from.toISOString(),
          local_can_start_from: local,
          start_window_minutes: this.deps.options.jobStartWindowMinutes,
          allowed_actions: allowed,
        },
      });
    }
  }
}
