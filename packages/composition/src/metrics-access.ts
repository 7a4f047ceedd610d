/**
 * Who may read /metrics, the same on the API and on the job host's own port: nobody when
 * METRICS_ENABLED is false; with METRICS_TOKEN set, only `Authorization: Bearer <token>`
 * (compared in constant time over digests, so neither content nor length leaks).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MetricsConfig } from './config/index.js';

export type MetricsAccess = 'ok' | 'disabled' | 'unauthorized';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function metricsAccess(metrics: MetricsConfig, authorization: string | undefined): MetricsAccess {
  if (!metrics.enabled) return 'disabled';
  if (metrics.token === null) return 'ok';
  const given = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(given), digest(metrics.token)) ? 'ok' : 'unauthorized';
}
