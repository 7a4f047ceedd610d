import { Type } from '@sinclair/typebox';
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { DateTime, Nullable } from '../../schemas/common.schemas.js';
import { commonErrors } from '../route-helpers.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

const JobsStatusView = Type.Object({
  healthy: Type.Boolean({ description: 'At least one runner has a fresh heartbeat' }),
  heartbeat_ttl_seconds: Type.Integer(),
  runners: Type.Array(
    Type.Object({
      runner_id: Type.String(),
      name: Type.String(),
      hostname: Type.String(),
      pid: Type.Integer(),
      version: Type.String(),
      started_at: DateTime,
      last_heartbeat: DateTime,
      age_seconds: Type.Number(),
      stale: Type.Boolean(),
    }),
  ),
  jobs: Type.Array(
    Type.Object({
      name: Type.String(),
      last_run_at: DateTime,
      last_success_at: Nullable(DateTime),
      last_error_at: Nullable(DateTime),
      last_error_code: Nullable(Type.String({ description: 'The error code of the last failure in this org (see /problems); never a message' })),
      success_count: Type.Integer(),
      error_count: Type.Integer(),
    }),
    { description: 'This org’s own outcome of each job that has run for it; other orgs’ runs never show' },
  ),
});

export function jobsRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/v1/admin/jobs/status',
      operationId: 'getJobsStatus',
      summary: 'Job runners (heartbeat age) and, per job, this org’s last success and last error code',
      tags: ['Operations'],
      audience: 'staff',
      permission: 'ops.view',
      responses: { 200: { description: 'Job host status', schema: JobsStatusView }, ...commonErrors },
      async handler({ runtime, ctx }) {
        const status = await runtime.core.ops.jobsStatus.execute(ctx);
        return {
          status: 200,
          body: {
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
          },
        };
      },
    }),
  ];
}
