/** The worker-portal area: each use case (with its contract), its wiring, options and the schemas its contracts share. */
export * from './worker-sign-in.use-case.js';
export * from './get-worker-profile.use-case.js';
export * from './change-worker-portal-password.use-case.js';
export * from './worker-sign-out.use-case.js';
export * from './list-worker-jobs.use-case.js';
export * from './get-worker-job.use-case.js';
export * from './progress-worker-job.use-case.js';
export * from './worker-portal-use-cases.js';
export * from './worker-portal-options.js';
export { WORKER_LOGIN_FAILURES_BY_ACCOUNT, WORKER_LOGIN_FAILURES_BY_IP, type PortalSession, type WorkerAction, type WorkerJob } from './worker-portal-support.js';
export * from '../../domain/scheduling/worker-portal-schemas.js';
