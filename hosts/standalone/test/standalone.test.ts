/**
 * What `npm start` promises, in process: on an empty embedded database it applies migrations,
 * creates the demo org with an owner who can sign in, generates and keeps an admin pair, runs
 * the job host inside, and is ready (db, migrations, jobs) — and a restart on the same data
 * keeps data and credentials.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, loadConfig } from '@cws/composition';
import { startBanner, startStandalone, type Standalone } from '@cws/host-standalone';

const silent = createLogger({ logLevel: 'ERROR' }, new Writable({ write: (_c, _e, done) => done() }));

async function get(s: Standalone, path: string, auth = true) {
  const pair = s.runtime.config.auth.basicAuthPairs[0]!;
  const headers: Record<string, string> = auth ? { authorization: `Basic ${Buffer.from(`${pair.username}:${pair.password}`).toString('base64')}` } : {};
  const r = await fetch(`${s.http.url}${path}`, { headers });
  return { status: r.status, body: (await r.json()) as any };
}

describe('standalone process (npm start)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cws-standalone-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  // As `npm start` loads it: unset signing secrets are kept next to the data directory.
  const config = () => loadConfig({ APP_ENV: 'dev', EMBEDDED_DATA_DIR: join(dir, 'pgdata'), JOB_RUNNER_ID: 'standalone-test' }, { dotenvPath: null, devSecrets: 'data-dir' });

  it('starts on an empty data directory ready, seeded and callable, and keeps everything across a restart', async () => {
    const first = await startStandalone(config(), { port: 0, logger: silent });
    let demoLeadIds: string[];
    let password: string;
    let accessToken: string;
    try {
      expect(first.seeded).to.equal(true);
      expect(first.credentials?.created).to.equal(true);
      expect(statSync(first.credentials!.file).mode & 0o077, 'credentials file is private').to.equal(0);
      password = first.credentials!.pair!.password;
      const ownerPassword = first.credentials!.owner.password;
      expect(startBanner(first)).to.include(password).and.include(ownerPassword).and.include('/v1/auth/login');

      const login = await fetch(`${first.http.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: first.credentials!.owner.email, password: ownerPassword }),
      });
      const tokens = (await login.json()) as { access_token: string; role: string; must_change_password: boolean };
      expect([login.status, tokens.role, tokens.must_change_password]).to.deep.equal([200, 'owner', false]);
      accessToken = tokens.access_token;
      const secrets = join(dir, 'dev-secrets.json');
      expect(statSync(secrets).mode & 0o777, 'generated signing secrets, kept privately next to the data').to.equal(0o600);
      const asOwner = await fetch(`${first.http.url}/v1/iam/users`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect(asOwner.status).to.equal(200);

      // The demo worker's portal sign-in is printed and works; staff set it, so it must be changed.
      const worker = first.credentials!.worker;
      expect(startBanner(first)).to.include(worker.email).and.include(worker.password).and.include('/v1/worker/portal/login');
      const portal = await fetch(`${first.http.url}/v1/worker/portal/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ org: 'demo-cleaning', login: worker.email, password: worker.password }),
      });
      const portalBody = (await portal.json()) as { must_change_password: boolean; worker: { name: string } };
      expect([portal.status, portalBody.must_change_password, portalBody.worker.name]).to.deep.equal([200, true, 'Kim Nguyen']);

      const ready = await get(first, '/readyz', false);
      expect(ready.status).to.equal(200);
      expect(ready.body.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).to.deep.equal([
        ['db', true],
        ['migrations', true],
        ['jobs', true],
        ['delivery', true],
      ]);
      expect(ready.body.jobs.enabled).to.equal(true);

      expect(first.jobsHttp, 'no second port unless JOBS_HTTP_PORT is set').to.equal(null);
      const metrics = await fetch(`${first.http.url}/metrics`);
      expect(await metrics.text(), 'the API’s /metrics carries the job metrics').to.match(/^job_runner_up\{runner_id="standalone-test"\} 1$/m);

      const leads = await get(first, '/v1/admin/leads');
      expect(leads.status).to.equal(200);
      expect(leads.body.items.length).to.be.at.least(3);
      demoLeadIds = leads.body.items.map((l: { id: string }) => l.id);
    } finally {
      await first.stop();
    }

    const second = await startStandalone(config(), { port: 0, logger: silent });
    try {
      expect(second.seeded, 'no second demo org').to.equal(false);
      expect(second.credentials?.created).to.equal(false);
      expect(second.credentials?.pair?.password).to.equal(password);
      expect(second.demoOwner?.email).to.equal(second.credentials?.owner.email);
      expect(startBanner(second)).to.not.include(password).and.not.include(second.credentials!.owner.password).and.not.include(second.credentials!.worker.password);
      expect(startBanner(second)).to.include(second.credentials!.worker.email);
      const leads = await get(second, '/v1/admin/leads');
      expect(leads.body.items.map((l: { id: string }) => l.id)).to.deep.equal(demoLeadIds);
      const sameSession = await fetch(`${second.http.url}/v1/iam/users`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(sameSession.status, 'a token signed before the restart is still valid: the key was kept').to.equal(200);
    } finally {
      await second.stop();
    }
  });

  it('serves the job host’s own endpoints as well when JOBS_HTTP_PORT is set', async () => {
    const loaded = loadConfig({ APP_ENV: 'dev', EMBEDDED_DATA_DIR: join(dir, 'pgdata'), JOB_RUNNER_ID: 'standalone-test', JOBS_HTTP_PORT: '0' }, { dotenvPath: null, devSecrets: 'data-dir' });
    const s = await startStandalone(loaded, { port: 0, logger: silent });
    try {
      expect(s.jobsHttp).to.not.equal(null);
      expect((await fetch(`${s.jobsHttp!.url}/healthz`)).status).to.equal(200);
      expect(await (await fetch(`${s.jobsHttp!.url}/metrics`)).text()).to.include('job_last_heartbeat_timestamp');
    } finally {
      await s.stop();
    }
  });

  it('refuses to open a data directory that a running instance holds, and frees it on stop', async () => {
    const s = await startStandalone(config(), { port: 0, logger: silent });
    try {
      const err = await startStandalone(config(), { port: 0, logger: silent }).then(
        async (other) => {
          await other.stop();
          return null;
        },
        (e: Error) => e,
      );
      expect(err?.message).to.match(/in use by process \d+/);
    } finally {
      await s.stop();
    }
    const again = await startStandalone(config(), { port: 0, logger: silent });
    await again.stop();
  });
});
