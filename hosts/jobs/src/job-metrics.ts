/** The guide's job metrics: heartbeat freshness, runner up, last success and errors per job. */
import { Counter, Gauge, Registry } from 'prom-client';

export interface JobMetrics {
  heartbeat(at: Date): void;
  runnerUp(up: boolean): void;
  success(job: string, at: Date): void;
  failure(job: string): void;
}

export function createJobMetrics(registry: Registry, runnerId: string): JobMetrics {
  let lastBeat: number | null = null;
  const labels = { runner_id: runnerId };
  const lastHeartbeat = new Gauge({ name: 'job_last_heartbeat_timestamp', help: 'Unix time of the last heartbeat written', labelNames: ['runner_id'], registers: [registry] });
  new Gauge({
    name: 'job_heartbeat_age_seconds',
    help: 'Seconds since the last heartbeat written by this runner',
    labelNames: ['runner_id'],
    registers: [registry],
    collect() {
      if (lastBeat !== null) this.set(labels, (Date.now() - lastBeat) / 1000);
    },
  });
  const up = new Gauge({ name: 'job_runner_up', help: '1 while the job runner is processing', labelNames: ['runner_id'], registers: [registry] });
  const lastSuccess = new Gauge({ name: 'job_last_success_timestamp', help: 'Unix time of the last successful run', labelNames: ['job'], registers: [registry] });
  const errors = new Counter({ name: 'job_errors_total', help: 'Failed job runs', labelNames: ['job'], registers: [registry] });
  return {
    heartbeat(at) {
      lastBeat = at.getTime();
      lastHeartbeat.set(labels, at.getTime() / 1000);
    },
    runnerUp(isUp) {
      up.set(labels, isUp ? 1 : 0);
    },
    success(job, at) {
      lastSuccess.set({ job }, at.getTime() / 1000);
    },
    failure(job) {
      errors.inc({ job });
    },
  };
}
