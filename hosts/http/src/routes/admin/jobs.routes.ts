import { GetJobsStatus, type JobsStatus } from '@cws/core';
import { defineContractRoute, type RouteDefinition } from '../../routing/route-definition.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** The status as JSON: a runner's age to a tenth of a second (see the contract's JobsStatusView). */
function jobsStatusJson(status: JobsStatus) {
  return {
    healthy: status.healthy,
    heartbeat_ttl_seconds: status.heartbeatTtlSeconds,
    runners: status.runners.map((r) => ({
      runner_id: r.runnerId,
      name: r.name,
      hostname: r.hostname,
      pid: r.pid,
      version: r.version,
      started_at: r.startedAt.toISOString(),
      last_heartbeat: r.lastHeartbeat.toISOString(),
      age_seconds: Math.round(r.ageSeconds * 10) / 10,
      stale: r.stale,
    })),
    jobs: status.jobs.map((j) => ({
      name: j.jobName,
      last_run_at: j.lastRunAt.toISOString(),
      last_success_at: iso(j.lastSuccessAt),
      last_error_at: iso(j.lastErrorAt),
      last_error_code: j.lastErrorCode,
      success_count: j.successCount,
      error_count: j.errorCount,
    })),
  };
}

export function jobsRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'GET',
      path: '/v1/admin/jobs/status',
      operationId: 'getJobsStatus',
      summary: 'Job runners (heartbeat age) and, per job, this org’s last success and last error code',
      description:
        'healthy is true while at least one runner (job host or standalone process) has a heartbeat younger than heartbeat_ttl_seconds. Jobs run over every org; the jobs list holds only this org’s own outcomes, and a failure shows as its error code, never its message.',
      tags: ['Operations'],
      audience: 'staff',
      permission: 'ops.view',
      contract: GetJobsStatus.contract,
      responses: { 200: { description: 'Job host status', schema: 'output' } },
      async handler({ runtime, ctx, input }) {
        return { status: 200, body: jobsStatusJson(await runtime.core.ops.jobsStatus.execute(ctx, input)) };
      },
    }),
  ];
}
