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
