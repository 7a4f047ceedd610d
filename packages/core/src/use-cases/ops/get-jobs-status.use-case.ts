import type { RequestContext } from '../../context.js';
import type { OrgJobStats, RunnerHeartbeat } from '../../domain/jobs/job-status.js';
import type { JobMonitor } from '../../ports/job-monitor.port.js';

export interface GetJobsStatusDeps {
  readonly jobs: JobMonitor;
  /** A runner whose last heartbeat is older than this is reported stale. */
  readonly heartbeatTtlSeconds: number;
}

export interface RunnerStatus extends RunnerHeartbeat {
  readonly ageSeconds: number;
  readonly stale: boolean;
}

export interface JobsStatus {
  /** True when at least one runner has a fresh heartbeat. */
  readonly healthy: boolean;
  readonly heartbeatTtlSeconds: number;
  readonly runners: readonly RunnerStatus[];
  /** This org's own outcome of each job that has run for it. */
  readonly jobs: readonly OrgJobStats[];
}

/**
 * Runners with heartbeat age, and per job this org's last success and last error (code and time).
 * Jobs run over every org; an org sees only its own outcomes, never another org's failure or an
 * error message (which may quote data).
 */
export class GetJobsStatus {
  constructor(private readonly deps: GetJobsStatusDeps) {}

  async execute(ctx: RequestContext): Promise<JobsStatus> {
    const [runners, jobs] = await Promise.all([this.deps.jobs.listRunners(), this.deps.jobs.listOrgJobStats(ctx.orgId)]);
    const ttl = this.deps.heartbeatTtlSeconds;
    const withAge = runners.map((r) => {
      const ageSeconds = Math.max(0, (ctx.now.getTime() - r.lastHeartbeat.getTime()) / 1000);
      return { ...r, ageSeconds, stale: ageSeconds > ttl };
    });
    return { healthy: withAge.some((r) => !r.stale), heartbeatTtlSeconds: ttl, runners: withAge, jobs };
  }
}
