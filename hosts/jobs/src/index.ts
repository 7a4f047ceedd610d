export { startJobHost, type JobHostOptions, type RunningJobHost } from './job-host.js';
export { startJobHostHttp, type JobHostHttp, type JobHostHttpOptions } from './job-host-http.js';
export { runJob, runJobOnce, failureSummary, type JobRunContext } from './job-runner.js';
export { JOB_CATALOGUE, findJob, type JobSpec } from './jobs/job-catalogue.js';
export { createJobMetrics, type JobMetrics } from './job-metrics.js';
export { startOutboxPump, defaultPollMs, type OutboxPump, type OutboxPumpOptions } from './outbox-pump.js';
