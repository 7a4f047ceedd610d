import type { JobRunRecord, JobStats, RunnerHeartbeat } from '../domain/jobs/job-status.js';

/** Where job runners leave heartbeats and job outcomes (`job_heartbeats`, `job_run_stats`). */
export interface JobMonitor {
  /** Inserts or refreshes the runner's heartbeat row. */
  beat(heartbeat: RunnerHeartbeat): Promise<void>;
  /** Updates the job's last success or last error and its counters. */
  recordRun(run: JobRunRecord): Promise<void>;
  /** Most recent heartbeat first. */
  listRunners(): Promise<readonly RunnerHeartbeat[]>;
  /** By job name. */
  listJobStats(): Promise<readonly JobStats[]>;
  /** Deletes heartbeats last seen before `before`; returns how many. */
  pruneRunners(before: Date): Promise<number>;
}
