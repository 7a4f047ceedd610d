import type { JobRunRecord, JobStats, OrgJobOutcome, OrgJobStats, RunnerHeartbeat } from '../domain/jobs/job-status.js';

/** Where job runners leave heartbeats and job outcomes (`job_heartbeats`, `job_run_stats`). */
export interface JobMonitor {
  /** Inserts or refreshes the runner's heartbeat row. */
  beat(heartbeat: RunnerHeartbeat): Promise<void>;
  /** Updates the job's last success or last error and its counters. */
  recordRun(run: JobRunRecord): Promise<void>;
  /** Most recent heartbeat first. */
  listRunners(): Promise<readonly RunnerHeartbeat[]>;
  /** By job name, across orgs (operators only). */
  listJobStats(): Promise<readonly JobStats[]>;
  /** Adds one org's outcome of a job run to that org's own stats (a tenant row, under RLS). */
  recordOrgRun(orgId: string, outcome: OrgJobOutcome): Promise<void>;
  /** The org's own outcomes, by job name; nothing of any other org. */
  listOrgJobStats(orgId: string): Promise<readonly OrgJobStats[]>;
  /** Deletes heartbeats last seen before `before`; returns how many. */
  pruneRunners(before: Date): Promise<number>;
}
