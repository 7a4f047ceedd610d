/** The worker portal use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { ChangeWorkerPortalPassword } from './change-worker-portal-password.use-case.js';
import { GetWorkerJob } from './get-worker-job.use-case.js';
import { GetWorkerProfile } from './get-worker-profile.use-case.js';
import { ListWorkerJobs } from './list-worker-jobs.use-case.js';
import { ProgressWorkerJob } from './progress-worker-job.use-case.js';
import { WorkerSignIn } from './worker-sign-in.use-case.js';
import { WorkerSignOut } from './worker-sign-out.use-case.js';

export function workerPortalUseCases({ uow, ids, portalOptions, workerCredentials }: CoreServices) {
  return {
    signIn: new WorkerSignIn(workerCredentials),
    profile: new GetWorkerProfile({ uow }),
    changePassword: new ChangeWorkerPortalPassword(workerCredentials),
    signOut: new WorkerSignOut({ uow, ids }),
    jobs: new ListWorkerJobs({ uow, options: portalOptions }),
    job: new GetWorkerJob({ uow, options: portalOptions }),
    progress: new ProgressWorkerJob({ uow, ids, options: portalOptions }),
  };
}
