/**
 * The worker portal as its use cases take and answer it (JSON): the sign-in, the worker's own
 * record, the token a host answers a sign-in with, and a job as its worker sees it (when, where,
 * for whom, what they may do now; no prices).
 */
import { Type } from '@sinclair/typebox';
import { Email, InstantView, Nullable, OneOf, Phone, withMessage } from '../../contracts/schema-vocabulary.js';
import { ClientAddressView } from '../clients/client-schemas.js';
import { BOOKING_STATUSES } from './booking.js';
import { WorkingHoursView } from './workforce-schemas.js';

/** What a worker signs in with: their phone (compacted) or email (lower-cased). */
export const WorkerLogin = withMessage(
  Type.Union([Email(), Phone()], { description: 'The worker’s phone or email' }),
  'must be a phone number or an email address',
);

export const WORKER_ACTIONS_LIST = ['start', 'complete'] as const;

const MustChangePassword = Type.Boolean({
  description: 'true: the password was set by staff; until POST /v1/worker/portal/change-password only me, change-password and logout answer (others: 403 auth.password_change_required)',
});

/** What a worker sees of themselves in the portal. */
export const WorkerSelfView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    orgId: Type.String({ format: 'uuid' }),
    name: Type.String(),
    phone: Nullable(Type.String()),
    email: Nullable(Type.String()),
    skills: Type.Array(Type.String()),
    teamId: Nullable(Type.String({ format: 'uuid' })),
    workingHours: Nullable(WorkingHoursView),
    mustChangePassword: MustChangePassword,
  },
  { additionalProperties: false, $id: 'WorkerSelf' },
);

/** The answer to a portal sign-in or password change: a bearer token the host issues, and the worker. */
export const WorkerTokenView = Type.Object(
  {
    accessToken: Type.String({ description: 'Send as Authorization: Bearer <access_token> to /v1/worker/portal/*' }),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer({ description: 'Seconds (12 hours)' }),
    expiresAt: InstantView(),
    mustChangePassword: MustChangePassword,
    worker: WorkerSelfView,
  },
  { additionalProperties: false, $id: 'WorkerToken' },
);

/** A job as its worker sees it. */
export const WorkerJobView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    status: OneOf(BOOKING_STATUSES),
    startsAt: InstantView(),
    endsAt: InstantView(),
    timeZone: Type.String({ description: 'IANA zone of the job’s wall clock' }),
    localStartsAt: Type.String({ format: 'date-time', description: 'starts_at on the job’s wall clock, with its offset' }),
    localEndsAt: Type.String({ format: 'date-time', description: 'ends_at on the job’s wall clock, with its offset' }),
    allowedActions: Type.Array(OneOf(WORKER_ACTIONS_LIST), {
      description: 'What you may do now: start (a confirmed job, from can_start_from on: WORKER_JOB_START_WINDOW_MINUTES before its start) or complete (a started one)',
    }),
    canStartFrom: Nullable(InstantView()),
    serviceName: Nullable(Type.String()),
    notes: Nullable(Type.String()),
    client: Type.Object({ name: Type.String(), phone: Nullable(Type.String()) }, { additionalProperties: false }),
    address: Nullable(ClientAddressView),
    teamId: Nullable(Type.String({ format: 'uuid' })),
    workers: Type.Array(Type.Object({ workerId: Type.String({ format: 'uuid' }), viaTeam: Type.Boolean() }, { additionalProperties: false })),
    seriesId: Nullable(Type.String({ format: 'uuid' })),
    occurrenceDate: Nullable(Type.String({ format: 'date', description: 'The series date this job is for' })),
    startedAt: Nullable(InstantView()),
    completedAt: Nullable(InstantView()),
  },
  { additionalProperties: false, $id: 'WorkerJob' },
);
