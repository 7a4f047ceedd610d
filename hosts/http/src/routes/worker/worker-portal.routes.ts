/**
 * `/v1/worker/portal/*`: a worker signs in with their phone or email and portal password, sees
 * their own jobs and starts and completes them. Only a worker portal token (WORKER_PORTAL_SECRET)
 * opens these routes — staff credentials are refused here, and worker tokens on staff routes.
 * Every call re-checks in the core that the worker is active and their password unchanged since
 * the token was issued. A password staff set must be changed first: until then the core answers
 * only me, change-password and logout. Sign-in failures are rate limited per login and per
 * address by the core, on top of the per-address API limit every route has.
 */
import { AppError, ChangeWorkerPortalPassword, GetWorkerJob, GetWorkerProfile, ListWorkerJobs, ProgressWorkerJob, WorkerSignIn, WorkerSignOut, type WorkerView } from '@cws/core';
import type { Runtime } from '@cws/composition';
import type { WorkerPortalTokens } from '../../auth/worker-portal-tokens.js';
import { defineContractRoute, type RouteDefinition, type ResponseSpec, type WorkerPortalIdentity } from '../../routing/route-definition.js';
import { workerJobJson, workerSelfJson } from '../../presenters/scheduling-presenters.js';
import { NO_STORE } from '../route-helpers.js';

const tags = ['Worker portal'] as const;

/** What the portal's answers mean beyond the derived ones (the problem schema is added). */
const session401: ResponseSpec = { description: 'No worker portal token, an invalid or expired one, or a session ended by a password change, sign-out or deactivation' };
const changeFirst403: ResponseSpec = { description: 'auth.password_change_required: the password was set by staff; change it first (POST /v1/worker/portal/change-password)' };
const notYours404: ResponseSpec = { description: 'Not one of your jobs (booking.not_found)' };

/**
 * The org a sign-in is for when no slug is sent: DEFAULT_ORG_ID, else the only org (as Basic
 * Auth picks it). A slug goes to the core as typed: unknown and known slugs are answered alike.
 */
async function defaultSignInOrg(runtime: Runtime): Promise<string | null> {
  if (runtime.config.auth.defaultOrgId !== null) return runtime.config.auth.defaultOrgId.toLowerCase();
  const orgs = await runtime.ports.orgs.list(null, 2);
  return orgs.length === 1 ? orgs[0]!.id : null;
}

function portalOf(worker: WorkerPortalIdentity | null): WorkerPortalIdentity {
  // mountRoutes has refused worker routes without a valid worker token.
  if (worker === null) throw new AppError('auth.unauthenticated', 'A worker portal token is required');
  return worker;
}

/** The core's refusal while the password is temporary, with the route that lifts it. */
async function withChangeHint<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError && err.code === 'auth.password_change_required') {
      throw new AppError(err.code, `${err.message} (POST /v1/worker/portal/change-password)`, { details: err.details, cause: err });
    }
    throw err;
  }
}

/** The token a portal sign-in or password change answers with. */
async function tokenBody(workerTokens: WorkerPortalTokens, worker: WorkerView, orgId: string, now: Date) {
  const issued = await workerTokens.issue({ workerId: worker.id, orgId }, now);
  return {
    access_token: issued.token,
    token_type: 'Bearer',
    expires_in: issued.expiresInSeconds,
    expires_at: issued.expiresAt.toISOString(),
    must_change_password: worker.mustChangePortalPassword,
    worker: workerSelfJson(worker),
  };
}

const progress = (to: 'in_progress' | 'completed', operationId: string, action: string, summary: string, description: string) =>
  defineContractRoute({
    method: 'POST',
    path: `/v1/worker/portal/jobs/:id/${action}`,
    operationId,
    summary,
    description,
    tags,
    audience: 'worker',
    permission: null,
    contract: ProgressWorkerJob.contract,
    fixedFields: ['to'],
    // Nothing but the path: a body, if any, is not read.
    inputIn: 'query',
    responses: {
      200: { description: 'The job', schema: 'output' },
      401: session401,
      403: changeFirst403,
      404: notYours404,
      409: { description: 'booking.invalid_transition (allowed_actions lists what you may do) or booking.too_early_to_start (can_start_from says when)' },
    },
    async handler({ runtime, ctx, worker, input }) {
      const job = await withChangeHint(runtime.core.workerPortal.progress.execute(ctx, portalOf(worker).session, { ...input, to }));
      return { status: 200, body: workerJobJson(job) };
    },
  });

export function workerPortalRoutes(options: { workerTokens: WorkerPortalTokens }): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'POST',
      path: '/v1/worker/portal/login',
      operationId: 'workerPortalLogin',
      summary: 'Worker sign-in with phone or email and portal password; answers a 12-hour bearer token',
      description:
        'org is the organisation’s slug (without it: DEFAULT_ORG_ID, or the only org). Unknown logins, wrong passwords, inactive workers and unknown orgs all answer 401 auth.invalid_credentials. must_change_password: true when staff set the password; change it (POST /v1/worker/portal/change-password) before anything else. Failed sign-ins are limited per login and per address (429 with Retry-After).',
      tags,
      audience: 'public',
      permission: null,
      contract: WorkerSignIn.contract,
      fixedFields: ['orgId'],
      responses: {
        200: { description: 'The token and the worker', schema: 'output', headers: ['Cache-Control'] },
        401: { description: 'Wrong credentials (auth.invalid_credentials)' },
        429: { description: 'Too many failed attempts (Retry-After says when to retry)' },
      },
      async handler({ runtime, input, requestId, now, clientIp }) {
        const named = input.org !== undefined;
        const { worker, orgId } = await runtime.core.workerPortal.signIn.execute(
          { requestId, now, clientIp },
          { ...input, ...(named ? {} : { orgId: await defaultSignInOrg(runtime) }) },
        );
        return { status: 200, body: await tokenBody(options.workerTokens, worker, orgId, now), headers: NO_STORE };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/worker/portal/change-password',
      operationId: 'workerPortalChangePassword',
      summary: 'Choose your own portal password (required after one set by staff); answers a new token',
      description:
        'The current password and a new one (the staff password rule). Every earlier portal token of yours stops working; use the token in this answer. A wrong current password is 422 and counts like a failed sign-in (10 in 15 minutes, then 429).',
      tags,
      audience: 'worker',
      permission: null,
      contract: ChangeWorkerPortalPassword.contract,
      responses: {
        200: { description: 'A new token; earlier ones are ended', schema: 'output', headers: ['Cache-Control'] },
        401: session401,
        429: { description: 'Too many wrong current passwords (Retry-After says when to retry)' },
      },
      async handler({ runtime, ctx, worker, input, now }) {
        const portal = portalOf(worker);
        const changed = await runtime.core.workerPortal.changePassword.execute(ctx, portal.session, input);
        return { status: 200, body: await tokenBody(options.workerTokens, changed, portal.orgId, now), headers: NO_STORE };
      },
    }),
    defineContractRoute({
      method: 'POST',
      path: '/v1/worker/portal/logout',
      operationId: 'workerPortalLogout',
      summary: 'Sign out of the portal (every portal session of yours ends: tokens are not kept one by one)',
      description: 'Open while the password is temporary too. The token used here, and every other portal token of yours, stops working; sign in again for a new one. No body is read.',
      tags,
      audience: 'worker',
      permission: null,
      contract: WorkerSignOut.contract,
      inputIn: 'query',
      responses: { 204: { description: 'Signed out' }, 401: session401 },
      async handler({ runtime, ctx, worker, input }) {
        await runtime.core.workerPortal.signOut.execute(ctx, portalOf(worker).session, input);
        return { status: 204 };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/worker/portal/me',
      operationId: 'workerPortalMe',
      summary: 'The signed-in worker',
      description: 'Open while the password is temporary too (must_change_password says so).',
      tags,
      audience: 'worker',
      permission: null,
      contract: GetWorkerProfile.contract,
      responses: { 200: { description: 'The worker', schema: 'output' }, 401: session401 },
      async handler({ runtime, ctx, worker, input }) {
        return { status: 200, body: workerSelfJson(await runtime.core.workerPortal.profile.execute(ctx, portalOf(worker).session, input)) };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/worker/portal/jobs',
      operationId: 'workerPortalJobs',
      summary: 'Your jobs: today’s (the org’s local day) or upcoming (from now, `days` ahead, default 14), by start',
      description: 'Cancelled and no-show jobs are left out. Everything in one page: next_cursor is always null.',
      tags,
      audience: 'worker',
      permission: null,
      contract: ListWorkerJobs.contract,
      responses: { 200: { description: 'The jobs', schema: 'output' }, 401: session401, 403: changeFirst403 },
      async handler({ runtime, ctx, worker, input }) {
        const jobs = await withChangeHint(runtime.core.workerPortal.jobs.execute(ctx, portalOf(worker).session, input));
        return { status: 200, body: { items: jobs.map(workerJobJson), next_cursor: null } };
      },
    }),
    defineContractRoute({
      method: 'GET',
      path: '/v1/worker/portal/jobs/:id',
      operationId: 'workerPortalJob',
      summary: 'One of your jobs (another worker’s is 404)',
      description: 'When, where, for whom and what you may do with it now (allowed_actions, can_start_from). Another worker’s job, a cancelled one and an unknown one all answer 404.',
      tags,
      audience: 'worker',
      permission: null,
      contract: GetWorkerJob.contract,
      responses: { 200: { description: 'The job', schema: 'output' }, 401: session401, 403: changeFirst403, 404: notYours404 },
      async handler({ runtime, ctx, worker, input }) {
        return { status: 200, body: workerJobJson(await withChangeHint(runtime.core.workerPortal.job.execute(ctx, portalOf(worker).session, input))) };
      },
    }),
    progress(
      'in_progress',
      'workerPortalStartJob',
      'start',
      'Start a confirmed job (→ in_progress), from WORKER_JOB_START_WINDOW_MINUTES (default 120) before its start',
      'Stamps started_at. A job not confirmed, or already started, answers 409 booking.invalid_transition; too early, 409 booking.too_early_to_start saying when it can be started.',
    ),
    progress('completed', 'workerPortalCompleteJob', 'complete', 'Complete a started job (→ completed)', 'Stamps completed_at. A job not started answers 409 booking.invalid_transition listing what you may do.'),
  ];
}
