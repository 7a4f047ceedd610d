/**
 * What the worker portal's use cases share: the session check (active worker, credentials
 * unchanged since the session was issued, no temporary password where the portal is closed),
 * the sign-in budgets, and a job as its worker sees it.
 */
import type { RequestContext } from '../../context.js';
import type { Booking, BookingStatus } from '../../domain/scheduling/booking.js';
import type { Worker } from '../../domain/scheduling/workforce.js';
import { AppError } from '../../errors/app-error.js';
import type { RateBucket } from '../../ports/rate-limiter.port.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import { LOGIN_FAILURES_BY_IP } from '../identity/identity-policy.js';
import { visitDetails, type VisitDetails } from '../scheduling/scheduling-support.js';
import type { WorkerPortalOptions } from './worker-portal-options.js';

/**
 * Worker sign-in failures per address have their own bucket (same budget as staff): cleaners and
 * the office often share one address, and mistyped worker passwords must not lock staff out.
 */
export const WORKER_LOGIN_FAILURES_BY_IP: RateBucket = { ...LOGIN_FAILURES_BY_IP, name: 'worker-login-failures-ip' };
/** Per login (keyed by org slug or id and the login), so an unknown org counts like a known one. */
export const WORKER_LOGIN_FAILURES_BY_ACCOUNT: RateBucket = { ...LOGIN_FAILURES_BY_IP, name: 'worker-login-failures-account' };

export const invalidCredentials = () => new AppError('auth.invalid_credentials', 'The phone, email or password is not correct');
const sessionEnded = () => new AppError('auth.session_revoked', 'The session has ended; sign in again');

/** Who the portal request is from: the worker id and when their session was issued. */
export interface PortalSession {
  readonly workerId: string;
  readonly issuedAt: Date;
}

/** `full`: the portal's jobs, closed while the password is temporary; `self`: profile, password change, sign-out. */
export type PortalAccess = 'full' | 'self';

/** The session's worker. @throws auth.session_revoked, auth.password_change_required (for `full`) */
export async function portalWorker(repos: TenantRepositories, session: PortalSession, access: PortalAccess, forUpdate = false): Promise<Worker> {
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
export const asWorker = (ctx: RequestContext, session: PortalSession): RequestContext => ({ ...ctx, actor: { kind: 'worker', id: session.workerId, role: null } });

/** What a worker may do with a job: start a confirmed one, complete a started one. */
export type WorkerAction = 'start' | 'complete';

export const WORKER_ACTIONS: Readonly<Record<BookingStatus, readonly WorkerAction[]>> = {
  pending: [],
  confirmed: ['start'],
  in_progress: ['complete'],
  completed: [],
  cancelled: [],
  no_show: [],
};

/** A job as the worker sees it: the booking, who and where, and what they may do with it now. */
export interface WorkerJob extends VisitDetails {
  readonly booking: Booking;
  /** Only what this worker may do now: `start` from `startableFrom` on, `complete` once started. */
  readonly allowedActions: readonly WorkerAction[];
  /** When a confirmed job may be started (its start less the start window); null otherwise. */
  readonly startableFrom: Date | null;
}

export function startableFrom(booking: Booking, options: WorkerPortalOptions): Date {
  return new Date(booking.startsAt.getTime() - options.jobStartWindowMinutes * 60_000);
}

export function toJob(booking: Booking, visit: VisitDetails | undefined, now: Date, options: WorkerPortalOptions): WorkerJob {
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

export async function toJobs(repos: TenantRepositories, bookings: readonly Booking[], now: Date, options: WorkerPortalOptions): Promise<WorkerJob[]> {
  const visits = await visitDetails(repos, bookings);
  return bookings.map((b) => toJob(b, visits.get(b.id), now, options));
}

/** The statuses a worker sees: cancelled and no-show jobs are left out. */
export const VISIBLE: readonly BookingStatus[] = ['pending', 'confirmed', 'in_progress', 'completed'];

/** The booking, when this worker is on it and it is visible; otherwise as if absent. @throws booking.not_found */
export async function ownJob(repos: TenantRepositories, worker: Worker, id: string, forUpdate = false): Promise<Booking> {
  const booking = await repos.bookings.findById(id, { forUpdate });
  if (booking === null || !booking.workers.some((w) => w.workerId === worker.id) || !VISIBLE.includes(booking.status)) {
    throw new AppError('booking.not_found', `No job ${id} for this worker`, { details: { booking_id: id } });
  }
  return booking;
}
