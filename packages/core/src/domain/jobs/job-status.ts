/** What the job host reports about itself: runner heartbeats and per-job outcomes. */

export interface RunnerHeartbeat {
  readonly runnerId: string;
  /** Which process kind is beating: `jobs` (job host) or `standalone`. */
  readonly name: string;
  readonly hostname: string;
  readonly pid: number;
  readonly version: string;
  readonly startedAt: Date;
  readonly lastHeartbeat: Date;
}

export type JobOutcome = 'success' | 'error';

export interface JobRunRecord {
  readonly jobName: string;
  readonly runnerId: string;
  readonly outcome: JobOutcome;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  /** Safe summary of the failure (code and message), never a stack. */
  readonly error: string | null;
}

/**
 * One org's outcome of one run of a cross-org job. An error is kept as its code only: a message
 * can quote data, and the job runs over every org.
 */
export interface OrgJobOutcome {
  readonly jobName: string;
  readonly outcome: JobOutcome;
  /** When the run started (the run's `now`). */
  readonly at: Date;
  /** The error code when `outcome` is `error`, else null. */
  readonly errorCode: string | null;
}

/** What an org sees of a job: its own outcomes only (`/v1/admin/jobs/status`). */
export interface OrgJobStats {
  readonly jobName: string;
  readonly lastRunAt: Date;
  readonly lastSuccessAt: Date | null;
  readonly lastErrorAt: Date | null;
  readonly lastErrorCode: string | null;
  readonly successCount: number;
  readonly errorCount: number;
}

/** The whole job across orgs, for operators (never shown to an org). */
export interface JobStats {
  readonly jobName: string;
  readonly lastRunAt: Date | null;
  readonly lastSuccessAt: Date | null;
  readonly lastErrorAt: Date | null;
  readonly lastError: string | null;
  readonly successCount: number;
  readonly errorCount: number;
  readonly lastRunnerId: string | null;
}
