/**
 * ops/prometheus/alerts.yml: every rule is complete (expr, for, severity, summary), the guide's
 * alerts are all there, and every metric a rule reads is one the hosts export — so a renamed
 * metric breaks this test rather than silently muting an alert. With promtool on the PATH (or at
 * PROMTOOL) the file is also checked by Prometheus itself and its unit tests
 * (ops/prometheus/alerts.test.yml) are run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'yaml';
import { createHttpMetrics } from '@cws/host-http';
import { createJobMetrics } from '@cws/host-jobs';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'ops', 'prometheus');

interface Rule {
  alert?: string;
  expr?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const rules = (): Rule[] => {
  const doc = parse(readFileSync(join(DIR, 'alerts.yml'), 'utf8')) as { groups: Array<{ name: string; rules: Rule[] }> };
  return doc.groups.flatMap((g) => g.rules);
};

/** Gauges the outbox delivery pump and the circuit breakers export (issue 10), named here until their registries can be built in a test. */
const OUTBOX_METRICS = ['outbox_events', 'circuit_breaker_state'];

function exportedMetrics(): Set<string> {
  const { registry } = createHttpMetrics(undefined, { defaultMetrics: false });
  createJobMetrics(registry, 'test-runner');
  return new Set([...registry.getMetricsAsArray().map((m) => m.name), ...OUTBOX_METRICS]);
}

/** The metric names a PromQL expression selects (quoted text, grouping labels and functions left out). */
export function metricsOf(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\{[^}]*\}/g, '{}');
  const names = [...bare.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map((m) => m[1]!);
  const keywords = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan', 'Inf', 'NaN']);
  return names.filter((n) => !keywords.has(n) && !/^\d/.test(n) && !/^\d+[smhdwy]$/.test(n));
}

describe('ops/prometheus/alerts.yml', () => {
  it('gives every rule an alert name, expr, for, a severity of warning or critical, a summary and a description', () => {
    const all = rules();
    expect(all.length).to.be.greaterThan(0);
    for (const rule of all) {
      const label = rule.alert ?? JSON.stringify(rule);
      expect(rule.alert, label).to.match(/^[A-Z][A-Za-z0-9]+$/);
      expect(rule.expr, label).to.be.a('string').and.not.equal('');
      expect(rule.for, label).to.match(/^\d+[smh]$/);
      expect(rule.labels?.['severity'], label).to.be.oneOf(['warning', 'critical']);
      expect(rule.annotations?.['summary'], label).to.be.a('string').and.not.equal('');
      expect(rule.annotations?.['description'], label).to.be.a('string').and.not.equal('');
    }
    const names = all.map((r) => r.alert);
    expect(new Set(names).size, 'alert names are unique').to.equal(names.length);
  });

  it("has the guide's alerts: readyz 5xx, error rate, P99 latency, job failures, the DLQ backlog and open circuit breakers", () => {
    const byName = new Map(rules().map((r) => [r.alert, r]));
    for (const name of ['ReadyzFailing', 'HighErrorRate', 'HighP99Latency', 'JobFailures', 'OutboxDeadLetterBacklog', 'CircuitBreakerOpen']) expect(byName.has(name), name).to.equal(true);
    expect(byName.get('OutboxDeadLetterBacklog')).to.deep.include({ for: '15m' });
    expect(byName.get('OutboxDeadLetterBacklog')!.expr).to.include('outbox_events{status="dead"}');
    expect(byName.get('CircuitBreakerOpen')).to.deep.include({ for: '5m' });
    expect(byName.get('CircuitBreakerOpen')!.expr).to.match(/circuit_breaker_state\{breaker=~"\.\+"\} == 2/);
  });

  it('reads only metrics the hosts export (histograms by their _bucket series)', () => {
    const exported = exportedMetrics();
    expect(exported.has('http_request_duration_seconds'), 'the exporters were built').to.equal(true);
    for (const rule of rules()) {
      const used = metricsOf(rule.expr!);
      expect(used.length, `${rule.alert} reads a metric`).to.be.greaterThan(0);
      for (const name of used) expect(exported.has(name.replace(/_(bucket|sum|count)$/, '')) || exported.has(name), `${rule.alert} reads ${name}`).to.equal(true);
    }
  });

  it('finds the metric names in an expression and nothing else', () => {
    expect(metricsOf('sum by (job, le) (rate(http_request_duration_seconds_bucket{path!~"/a|/b"}[5m])) > 2')).to.deep.equal(['http_request_duration_seconds_bucket']);
    expect(metricsOf('max by (runner_id) (job_heartbeat_age_seconds) > 180 and on (x) up == 1')).to.deep.equal(['job_heartbeat_age_seconds', 'up']);
  });

  const promtool = process.env['PROMTOOL'] ?? 'promtool';
  const available = (() => {
    try {
      execFileSync(promtool, ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  const title = 'passes promtool check rules and the rule unit tests (alerts.test.yml)';
  it(available ? title : `${title} — skipped: promtool is not installed (Prometheus is no npm package; put it on the PATH or set PROMTOOL)`, function () {
    if (!available) this.skip();
    execFileSync(promtool, ['check', 'rules', 'alerts.yml'], { cwd: DIR, stdio: 'pipe' });
    const out = execFileSync(promtool, ['test', 'rules', 'alerts.test.yml'], { cwd: DIR, encoding: 'utf8' });
    expect(out).to.include('SUCCESS');
  });
});
