/**
 * Prometheus metrics of the HTTP host (guide 003 "Metrics"): requests and latency by method,
 * route template and status, and 5xx errors. Route templates, not raw paths, keep label
 * cardinality bounded. Each app gets its own registry (tests build many apps in one process).
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface HttpMetrics {
  readonly registry: Registry;
  observe(sample: { method: string; path: string; status: number; seconds: number }): void;
}

export function createHttpMetrics(registry: Registry = new Registry(), options: { defaultMetrics?: boolean } = {}): HttpMetrics {
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'path', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route template and status',
    labelNames: ['method', 'path', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'http_5xx_errors_total',
    help: 'HTTP responses with a 5xx status, by method and route template',
    labelNames: ['method', 'path'] as const,
    registers: [registry],
  });
  return {
    registry,
    observe({ method, path, status, seconds }) {
      const labels = { method, path, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, seconds);
      if (status >= 500) errors.inc({ method, path });
    },
  };
}
