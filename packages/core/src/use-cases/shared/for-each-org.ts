/**
 * The shape of every cross-org job: one system audit row for the run, then the work in each org
 * under its own tenant context, in batches of orgs by id. One org failing does not stop the
 * others; the run then ends with the first failure (an AppError as it is, anything else wrapped)
 * so the job host records it and retries. When a job host runs it (`sys.job`), each org's
 * outcome is recorded in that org's own job stats: success, or the error's code (never its
 * message, which may quote data) — so an org's status shows its outcome and no other org's.
 */
import { tenantContextFor, type RequestContext, type SystemContext } from '../../context.js';
import { AppError, isAppError } from '../../errors/app-error.js';
import type { SystemAuditLog } from '../../ports/audit-log.port.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { JobMonitor } from '../../ports/job-monitor.port.js';
import type { OrgDirectory } from '../../ports/org-directory.port.js';

export interface ForEachOrgDeps {
  readonly orgs: OrgDirectory;
  readonly systemAudit: SystemAuditLog;
  readonly ids: IdGenerator;
  /** Where each org's outcome of a job run goes; without it nothing is recorded per org. */
  readonly jobs?: Pick<JobMonitor, 'recordOrgRun'>;
}

const ORG_BATCH = 100;

export async function forEachOrg(
  deps: ForEachOrgDeps,
  sys: SystemContext,
  run: { readonly action: string; readonly metadata?: Record<string, unknown> },
  work: (ctx: RequestContext) => Promise<void>,
): Promise<{ orgsScanned: number; orgsFailed: number }> {
  await deps.systemAudit.append({
    id: deps.ids.next(),
    actorId: sys.actor.id,
    action: run.action,
    reason: sys.reason,
    metadata: run.metadata ?? {},
    requestId: sys.requestId,
    createdAt: sys.now,
  });
  const recorder = sys.job === undefined || deps.jobs === undefined ? null : { job: sys.job, jobs: deps.jobs };
  let orgsScanned = 0;
  let orgsFailed = 0;
  let firstFailure: unknown = null;
  let afterId: string | null = null;
  for (;;) {
    const orgs = await deps.orgs.list(afterId, ORG_BATCH);
    for (const org of orgs) {
      orgsScanned += 1;
      try {
        await work(tenantContextFor(sys, org.id));
        // A success that cannot be recorded fails the org: the status must not keep an old error silently.
        await recorder?.jobs.recordOrgRun(org.id, { jobName: recorder.job, outcome: 'success', at: sys.now, errorCode: null });
      } catch (err) {
        orgsFailed += 1;
        firstFailure ??= err;
        const errorCode = isAppError(err) ? err.code : 'internal.unexpected';
        // Best effort: the run fails either way, and the job host records and logs it.
        await recorder?.jobs.recordOrgRun(org.id, { jobName: recorder.job, outcome: 'error', at: sys.now, errorCode }).catch(() => undefined);
      }
    }
    if (orgs.length < ORG_BATCH) break;
    afterId = orgs[orgs.length - 1]!.id;
  }
  if (firstFailure !== null) {
    throw firstFailure instanceof AppError
      ? firstFailure
      : new AppError('internal.unexpected', `${run.action} failed in ${orgsFailed} org(s)`, { cause: firstFailure });
  }
  return { orgsScanned, orgsFailed };
}
