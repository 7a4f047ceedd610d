import type { RequestContext } from '../../context.js';
import type { JobStats, RunnerHeartbeat } from '../../domain/jobs/job-status.js';
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
  readonly jobs: readonly JobStats[];
}

/** Runners with heartbeat age, and per job the last success and the last error (operators). */
export class GetJobsStatus {
  constructor(private readonly deps: GetJobsStatusDeps) {}

  async execute(ctx: RequestContext): Promise<JobsStatus> {
    const [runners, jobs] = await Promise.all([this.deps.jobs.listRunners(), this.deps.jobs.listJobStats()]);
    const ttl = this.deps.heartbeatTtlSeconds;
    const withAge = runners.map((r) => {
      const ageSeconds = Math.max(0, (ctx.now.getTime() - r.lastHeartbeat.getTime()) / 1000);
      return { ...r, ageSeconds, stale: ageSeconds > ttl };
    });
    return { healthy: withAge.some((r) => !r.stale), heartbeatTtlSeconds: ttl, runners: withAge, jobs };
  }
}
