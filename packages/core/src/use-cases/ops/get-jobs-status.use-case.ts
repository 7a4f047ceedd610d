import { Type } from '@sinclair/typebox';
import type { RequestContext } from '../../context.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { InstantView, Nullable } from '../../contracts/schema-vocabulary.js';
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

/** The answer as JSON: a runner's age to a tenth of a second, a job by its name. */
export const JobsStatusView = Type.Object(
  {
    healthy: Type.Boolean({ description: 'At least one runner has a fresh heartbeat' }),
    heartbeatTtlSeconds: Type.Integer(),
    runners: Type.Array(
      Type.Object(
        {
          runnerId: Type.String(),
          name: Type.String({ description: 'The process kind: jobs (job host) or standalone' }),
          hostname: Type.String(),
          pid: Type.Integer(),
          version: Type.String(),
          startedAt: InstantView(),
          lastHeartbeat: InstantView(),
          ageSeconds: Type.Number({ description: 'Seconds since the last heartbeat, to a tenth' }),
          stale: Type.Boolean({ description: 'The last heartbeat is older than heartbeat_ttl_seconds' }),
        },
        { additionalProperties: false },
      ),
    ),
    jobs: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          lastRunAt: InstantView(),
          lastSuccessAt: Nullable(InstantView()),
          lastErrorAt: Nullable(InstantView()),
          lastErrorCode: Nullable(Type.String({ description: 'The error code of the last failure in this org (see /problems); never a message' })),
          successCount: Type.Integer(),
          errorCount: Type.Integer(),
        },
        { additionalProperties: false },
      ),
      { description: 'This org’s own outcome of each job that has run for it; other orgs’ runs never show' },
    ),
  },
  { additionalProperties: false, $id: 'JobsStatus' },
);

const contract = defineContract({ name: 'GetJobsStatus', input: Type.Object({}, { additionalProperties: false }), output: JobsStatusView });

export type GetJobsStatusInput = ContractInput<typeof contract>;

/**
 * Runners with heartbeat age, and per job this org's last success and last error (code and time).
 * Jobs run over every org; an org sees only its own outcomes, never another org's failure or an
 * error message (which may quote data).
 */
export class GetJobsStatus {
  static readonly contract = contract;

  constructor(private readonly deps: GetJobsStatusDeps) {}

  async execute(ctx: RequestContext, input: GetJobsStatusInput = {}): Promise<JobsStatus> {
    checkInput(contract, input);
    const [runners, jobs] = await Promise.all([this.deps.jobs.listRunners(), this.deps.jobs.listOrgJobStats(ctx.orgId)]);
    const ttl = this.deps.heartbeatTtlSeconds;
    const withAge = runners.map((r) => {
      const ageSeconds = Math.max(0, (ctx.now.getTime() - r.lastHeartbeat.getTime()) / 1000);
      return { ...r, ageSeconds, stale: ageSeconds > ttl };
    });
    return { healthy: withAge.some((r) => !r.stale), heartbeatTtlSeconds: ttl, runners: withAge, jobs };
  }
}
