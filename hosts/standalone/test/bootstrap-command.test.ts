/**
 * `npm run bootstrap`: run as a child process, as an operator would, against a fresh embedded
 * database. It creates the org and its owner; the owner can then sign in (a chosen password
 * works as given, a generated one is temporary), and bad input exits non-zero with the reason.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createRuntime, loadConfig } from '@cws/composition';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SCRIPT = join(ROOT, 'hosts/standalone/src/bootstrap-org.ts');

describe('bootstrap command', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cws-bootstrap-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const env = (extra: Record<string, string> = {}) => {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'DATABASE_URL') clean[k] = v;
    return { ...clean, APP_ENV: 'dev', LOG_LEVEL: 'ERROR', EMBEDDED_DATA_DIR: join(dir, 'pgdata'), ...extra };
  };
  const bootstrap = (args: string[], extra: Record<string, string> = {}) =>
    run(process.execPath, ['--conditions=@cws/source', '--import', 'tsx', SCRIPT, ...args], { cwd: ROOT, env: env(extra) }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('creates an org and its owner, who signs in with the chosen password; a generated one is temporary', async () => {
    const chosen = await bootstrap(['--name', 'Sparkle Cleaning', '--slug', 'sparkle', '--owner-email', 'Owner@Sparkle.example.com', '--time-zone', 'Europe/London', '--currency', 'GBP'], {
      CWS_OWNER_PASSWORD: 'Correct-horse-battery-9',
    });
    expect(chosen.code, chosen.stderr).to.equal(0);
    const made = JSON.parse(chosen.stdout.trim());
    expect(made).to.include({ slug: 'sparkle', time_zone: 'Europe/London', currency: 'GBP', owner_email: 'owner@sparkle.example.com' });
    expect(made).to.not.have.property('temporary_password');

    const generated = await bootstrap(['--name', 'Second Co', '--slug', 'second-co', '--owner-email', 'boss@second.example.com']);
    expect(generated.code, generated.stderr).to.equal(0);
    const second = JSON.parse(generated.stdout.trim());
    expect(second.temporary_password).to.be.a('string').with.length.of.at.least(20);
    expect(generated.stderr).to.include('shown once');

    const runtime = await createRuntime(loadConfig(env(), { dotenvPath: null }));
    try {
      const attempt = { requestId: 'test', now: new Date(), clientIp: '127.0.0.1' };
      const owner = await runtime.core.identity.signIn.execute(attempt, { email: 'owner@sparkle.example.com', password: 'Correct-horse-battery-9' });
      expect([owner.membership.orgId, owner.membership.role, owner.user.mustChangePassword]).to.deep.equal([made.org_id, 'owner', false]);
      const temp = await runtime.core.identity.signIn.execute(attempt, { email: 'boss@second.example.com', password: second.temporary_password });
      expect([temp.membership.orgId, temp.user.mustChangePassword]).to.deep.equal([second.org_id, true]);
    } finally {
      await runtime.close();
    }
  });

  it('exits with the reason on bad input: a missing owner, a weak password, a slug in use', async () => {
    const usage = await bootstrap(['--name', 'No Owner', '--slug', 'no-owner']);
    expect(usage.code).to.equal(2);
    expect(usage.stderr).to.include('--owner-email');
    const weak = await bootstrap(['--name', 'Weak Co', '--slug', 'weak-co', '--owner-email', 'a@weak.example.com', '--owner-password', 'password123']);
    expect(weak.code).to.equal(1);
    expect(weak.stderr).to.include('validation.failed').and.include('/ownerPassword');
    const taken = await bootstrap(['--name', 'Again', '--slug', 'sparkle', '--owner-email', 'x@again.example.com']);
    expect(taken.code).to.equal(1);
    expect(taken.stderr).to.include('org.slug_taken');
  });
});
