/**
 * The job host's own port, over a real database (PGlite): /healthz answers while the process
 * runs, /readyz checks the database and this runner's heartbeat (503 once the runner stopped),
 * /metrics serves the guide's job metrics behind METRICS_TOKEN exactly as the API does, and
 * anything else is a problem+json 404.
 */
import { expect } from 'chai';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@cws/composition';
import { startJobHost, startJobHostHttp, type JobHostHttp, type RunningJobHost } from '@cws/host-jobs';
import { embeddedTestDatabase } from '@cws/test-support';

const silent = createLogger({ logLevel: 'ERROR' }, new Writable({ write: (_c, _e, done) => done() }));
const TOKEN = 'job-host-metrics-token-0123456789abcdef';

describe('job host endpoints (PGlite)', function () {
  this.timeout(60_000);
  let runtime: Runtime;
  let host: RunningJobHost;
  let http: JobHostHttp;
  let stopped = false;

  before(async () => {
    const { connectionString } = await embeddedTestDatabase();
    runtime = await createRuntime(
      loadConfig({ APP_ENV: 'test', DATABASE_URL: connectionString, JOB_RUNNER_ID: 'endpoint-test', METRICS_TOKEN: TOKEN }, { dotenvPath: null }),
    );
    const registry = new Registry();
    host = await startJobHost(runtime, { logger: silent, registry, processEveryMs: 500 });
    http = await startJobHostHttp(runtime, host, { host: '127.0.0.1', port: 0, registry, logger: silent });
  });
  after(async () => {
    await http.close();
    if (!stopped) await host.stop(10_000);
    await runtime.close();
  });

  it('answers /healthz with 200 and the runner id', async () => {
    const r = await fetch(`${http.url}/healthz`);
    expect(r.status).to.equal(200);
    expect(await r.json()).to.deep.equal({ status: 'ok', runner_id: 'endpoint-test' });
  });

  it('serves the guide’s job metrics only with the METRICS_TOKEN bearer', async () => {
    const anonymous = await fetch(`${http.url}/metrics`);
    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(anonymous.headers.get('www-authenticate')).to.equal('Bearer realm="metrics"');
    expect(await anonymous.json()).to.include({ status: 401, code: 'metrics.unauthorized' });
    const wrong = await fetch(`${http.url}/metrics`, { headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.status).to.equal(401);

    const scraped = await fetch(`${http.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scraped.status).to.equal(200);
    const text = await scraped.text();
    for (const metric of ['job_last_heartbeat_timestamp', 'job_heartbeat_age_seconds', 'job_runner_up', 'job_last_success_timestamp', 'job_errors_total']) {
      expect(text).to.include(`# TYPE ${metric} `);
    }
    expect(text).to.match(/^job_runner_up\{runner_id="endpoint-test"\} 1$/m);
  });

  it('answers other paths and methods with problem+json', async () => {
    const missing = await fetch(`${http.url}/v1/admin/leads`);
    expect(missing.status).to.equal(404);
    expect(await missing.json()).to.include({ status: 404, code: 'route.not_found', instance: '/v1/admin/leads' });
    const post = await fetch(`${http.url}/healthz`, { method: 'POST' });
    expect(post.status).to.equal(405);
    expect(post.headers.get('allow')).to.equal('GET, HEAD');
  });

  it('is ready while the database answers and this runner beats, and not once it stopped', async () => {
    const ready = await fetch(`${http.url}/readyz`);
    const body = (await ready.json()) as { ok: boolean; checks: Array<{ name: string; ok: boolean }> };
    expect(ready.status).to.equal(200);
    expect(body.checks.map((c) => [c.name, c.ok])).to.deep.equal([
      ['db', true],
      ['jobs', true],
      ['delivery', true],
    ]);
    await host.stop(10_000);
    stopped = true;
    const after = await fetch(`${http.url}/readyz`);
    expect(after.status).to.equal(503);
    expect(((await after.json()) as { checks: Array<{ name: string; ok: boolean }> }).checks.find((c) => c.name === 'jobs')?.ok).to.equal(false);
  });
});
