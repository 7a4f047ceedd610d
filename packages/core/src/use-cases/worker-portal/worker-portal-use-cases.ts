/** The worker portal use cases, each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { ChangeWorkerPortalPassword, GetWorkerJob, GetWorkerProfile, ListWorkerJobs, ProgressWorkerJob, WorkerSignIn, WorkerSignOut } from '../scheduling/worker-portal.use-case.js';

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
