/** The operations use cases (jobs, housekeeping), each built from the core's shared services (explicit wiring, no container). */
import type { CoreServices } from '../shared/core-services.js';
import { GetJobsStatus } from './get-jobs-status.use-case.js';
import { PruneIdempotencyKeys } from './prune-idempotency-keys.use-case.js';

export function opsUseCases({ uow, ids, orgs, systemAudit, jobs, heartbeatTtlSeconds }: CoreServices) {
  return {
    pruneIdempotencyKeys: new PruneIdempotencyKeys({ orgs, uow, systemAudit, ids, jobs }),
    jobsStatus: new GetJobsStatus({ jobs, heartbeatTtlSeconds }),
  };
}
