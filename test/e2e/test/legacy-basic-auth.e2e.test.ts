/**
 * Legacy Basic Auth (guide 000 "Admin Basic Auth verification"): the *_BASIC_USERNAME/PASSWORD
 * pairs of the environment. In dev and test they are on by default; in prod
 * LEGACY_BASIC_AUTH_ENABLED defaults to false even when pairs are set (break-glass only), and
 * the configuration refuses weak pair passwords (under 12 characters, or placeholders) whether
 * or not the pairs are enabled. Basic Auth is never MFA-capable.
 * Memory storage throughout: prod configuration demands a DATABASE_URL, which memory storage
 * never opens.
 */
import { expect } from 'chai';
import { randomBytes, randomUUID } from 'node:crypto';
import { ConfigError, loadConfig } from '@cws/composition';
import { BASIC_USERS, PASSWORDS, startApi, testEnv, type ApiHarness, type ApiResponse, type BasicRole } from '@cws/e2e-tests';

const ROLE_OF: Record<BasicRole, string> = { admin: 'admin', dispatcher: 'dispatcher', finance: 'finance', viewer: 'viewer' };
const BASIC_ROLES = Object.keys(ROLE_OF) as BasicRole[];
const BEARER_ONLY = 'Bearer realm="cleanwithsnapshot"';

/** Hex only: it cannot spell a placeholder word (secret, password, example, change-me). */
const generated = () => randomBytes(32).toString('hex');

/** A configuration APP_ENV=prod accepts: generated secrets, a database URL, the e2e pairs. */
function prodEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...testEnv(null),
    APP_ENV: 'prod',
    DATABASE_URL: 'postgres://cws_app:not-opened@127.0.0.1:1/memory-storage-never-connects',
    AUTH_SECRET_KEY: generated(),
    CLIENT_PORTAL_SECRET: generated(),
    WORKER_PORTAL_SECRET: generated(),
    MFA_SECRET_KEY: generated(),
    METRICS_TOKEN: generated(),
    ...extra,
  };
}

const basicHeader = (username: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` });

function expectUnauthenticated(r: ApiResponse, label: string): void {
  expect(r.status, `${label}: ${r.text}`).to.equal(401);
  expect(r.headers.get('content-type'), label).to.match(/^application\/problem\+json/);
  expect(r.body.code, label).to.equal('auth.unauthenticated');
}

function configProblems(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, { dotenvPath: null });
  } catch (err) {
    expect(err, String(err)).to.be.instanceOf(ConfigError);
    return err as ConfigError;
  }
  expect.fail('loadConfig accepted the configuration');
}

describe('legacy Basic Auth in dev/test mode (memory storage)', function () {
  let h: ApiHarness;
  let org: { id: string; slug: string };
  before(async () => {
    h = await startApi(null);
    org = await h.newOrg();
  });
  after(async () => h?.close());

  it('accepts each configured pair: the profile names the role, auth_method basic and mfa_verified false', async () => {
    for (const role of BASIC_ROLES) {
      const r = await h.api.call('GET', '/v1/admin/profile', { as: role, org: org.id });
      expect(r.status, `${role}: ${r.text}`).to.equal(200);
      expect(r.body).to.deep.equal({
        user_id: `basic:${BASIC_USERS[role]}`,
        username: BASIC_USERS[role],
        role: ROLE_OF[role],
        org_id: org.id,
        auth_method: 'basic',
        mfa_verified: false,
      });
    }
    const flags = await h.api.call('GET', '/v1/admin/feature-flags', { as: 'viewer', org: org.id });
    expect(flags.body.legacy_basic_auth_enabled).to.equal(true);
  });

  it('answers 401 offering Basic (and Bearer) without credentials, and 401 for a wrong password, a wrong username or a malformed header', async () => {
    const none = await h.api.call('GET', '/v1/admin/profile', { as: null, org: org.id });
    expectUnauthenticated(none, 'no credentials');
    expect(none.headers.get('www-authenticate')).to.match(/Basic realm="cleanwithsnapshot"/).and.match(/^Bearer /);
    const attempts: Array<[string, Record<string, string>]> = [
      ['wrong password', basicHeader(BASIC_USERS.admin, `${PASSWORDS.admin}x`)],
      ["another pair's password", basicHeader(BASIC_USERS.admin, PASSWORDS.viewer)],
      ['unknown username', basicHeader('root', PASSWORDS.admin)],
      ['empty password', basicHeader(BASIC_USERS.admin, '')],
      ['not base64', { authorization: 'Basic !!!not-base64!!!' }],
      ['no colon', { authorization: `Basic ${Buffer.from('adminonly').toString('base64')}` }],
    ];
    for (const [label, headers] of attempts) {
      const r = await h.api.call('GET', '/v1/admin/profile', { as: null, org: org.id, headers });
      expectUnauthenticated(r, label);
      expect(r.headers.get('www-authenticate'), label).to.include('Basic realm=');
    }
  });

  it('is refused by session-only routes: Basic Auth is not a session and cannot enrol a second factor', async () => {
    for (const [method, path] of [
      ['GET', '/v1/auth/me'],
      ['POST', '/v1/auth/2fa/enroll'],
    ]) {
      const r = await h.api.call(method!, path!, { as: 'admin', org: org.id });
      expectUnauthenticated(r, `${method} ${path}`);
      expect(r.headers.get('www-authenticate')).to.equal(BEARER_ONLY);
    }
  });

  it('can be turned off in dev/test with LEGACY_BASIC_AUTH_ENABLED=false: 401, and the challenge stops offering Basic', async () => {
    const off = await startApi(null, { env: { LEGACY_BASIC_AUTH_ENABLED: 'false' } });
    try {
      const other = await off.newOrg();
      const r = await off.api.call('GET', '/v1/admin/profile', { as: 'admin', org: other.id });
      expectUnauthenticated(r, 'basic admin while off');
      expect(r.body.detail).to.include('LEGACY_BASIC_AUTH_ENABLED');
      expect(r.headers.get('www-authenticate')).to.equal(BEARER_ONLY);
      const none = await off.api.call('GET', '/v1/admin/profile', { as: null });
      expect(none.headers.get('www-authenticate')).to.equal(BEARER_ONLY);
    } finally {
      await off.close();
    }
  });
});

describe('Basic Auth pair passwords under APP_ENV=prod (loadConfig)', function () {
  it('accepts the reference prod configuration, with Basic Auth off by default (on by default in dev and test)', () => {
    const prod = loadConfig(prodEnv(), { dotenvPath: null });
    expect(prod.appEnv).to.equal('prod');
    expect(prod.auth.legacyBasicAuthEnabled).to.equal(false);
    expect(prod.auth.basicAuthPairs.map((p) => p.role).sort()).to.deep.equal(['admin', 'dispatcher', 'finance', 'viewer']);
    expect(prod.auth.testOrgHeaderAllowed).to.equal(false);
    for (const appEnv of ['dev', 'test']) {
      expect(loadConfig({ ...testEnv(null), APP_ENV: appEnv }, { dotenvPath: null }).auth.legacyBasicAuthEnabled, appEnv).to.equal(true);
    }
    expect(loadConfig(prodEnv({ LEGACY_BASIC_AUTH_ENABLED: 'true' }), { dotenvPath: null }).auth.legacyBasicAuthEnabled).to.equal(true);
  });

  it('refuses pair passwords shorter than 12 characters, naming the variable and never echoing the value, even with LEGACY_BASIC_AUTH_ENABLED=false', () => {
    const cases: Array<[string, string]> = [
      ['ADMIN_BASIC_PASSWORD', 'Kq7-vT9-zR2'],
      ['DISPATCHER_BASIC_PASSWORD', 'x9Q!'],
      ['ACCOUNTANT_BASIC_PASSWORD', 'Zr4-Wq8-Lm'],
      ['VIEWER_BASIC_PASSWORD', 'Zq7#'],
    ];
    for (const [variable, value] of cases) {
      for (const enabled of [{}, { LEGACY_BASIC_AUTH_ENABLED: 'false' }, { LEGACY_BASIC_AUTH_ENABLED: 'true' }] as Array<Record<string, string>>) {
        const error = configProblems(prodEnv({ [variable]: value, ...enabled }));
        const label = `${variable}=<${value.length} chars> ${JSON.stringify(enabled)}`;
        expect(error.problems.map((p) => p.variable), label).to.deep.equal([variable]);
        expect(error.problems[0]!.message, label).to.include(`${value.length} characters`).and.include('12');
        expect(error.message, label).to.include(variable).and.not.include(value);
      }
    }
    // Twelve characters is enough.
    expect(() => loadConfig(prodEnv({ ADMIN_BASIC_PASSWORD: 'Kq7-vT9-zR2w' }), { dotenvPath: null })).to.not.throw();
  });

  it('refuses placeholder pair passwords (change-me, secret, password, admin, 123456, qwerty, or containing such a word)', () => {
    const placeholders = ['change-me', 'secret', 'password', 'admin', '123456', 'qwerty', 'PASSWORD', 'Our-Password-2024!', 'my-secret-admin-pass', 'copied-from-example-docs', 'changeme-changeme'];
    for (const value of placeholders) {
      const error = configProblems(prodEnv({ ADMIN_BASIC_PASSWORD: value }));
      expect(error.problems.map((p) => p.variable), value).to.deep.equal(['ADMIN_BASIC_PASSWORD']);
      expect(error.problems[0]!.message, value).to.include('placeholder');
      if (value.length >= 12) expect(error.message, value).to.not.include(value);
    }
    // Several weak pairs: every one is reported at once.
    const all = configProblems(prodEnv({ ADMIN_BASIC_PASSWORD: 'admin', VIEWER_BASIC_PASSWORD: 'short' }));
    expect(all.problems.map((p) => p.variable).sort()).to.deep.equal(['ADMIN_BASIC_PASSWORD', 'VIEWER_BASIC_PASSWORD']);
  });

  it('leaves weak pair passwords to dev and test, but refuses half a pair in every mode', () => {
    for (const appEnv of ['dev', 'test']) {
      const config = loadConfig({ ...testEnv(null), APP_ENV: appEnv, ADMIN_BASIC_PASSWORD: 'change-me' }, { dotenvPath: null });
      expect(config.auth.basicAuthPairs.find((p) => p.role === 'admin')?.password, appEnv).to.equal('change-me');
    }
    const { ADMIN_BASIC_PASSWORD: _dropped, ...withoutPassword } = testEnv(null);
    const half = configProblems(withoutPassword);
    expect(half.problems.map((p) => p.variable)).to.deep.equal(['ADMIN_BASIC_PASSWORD']);
  });
});

describe('legacy Basic Auth under APP_ENV=prod (memory storage)', function () {
  it('with pairs configured but LEGACY_BASIC_AUTH_ENABLED unset: Basic credentials get 401, the challenge offers only Bearer, and nothing is written', async () => {
    const h = await startApi(null, { exactEnv: prodEnv() });
    try {
      const org = await h.newOrg();
      const owner = await h.staff(org.id, 'owner');
      for (const role of BASIC_ROLES) {
        const r = await h.api.call('GET', '/v1/admin/profile', { as: role });
        expectUnauthenticated(r, `basic ${role}`);
        expect(r.body.detail).to.include('LEGACY_BASIC_AUTH_ENABLED');
        expect(r.headers.get('www-authenticate'), role).to.equal(BEARER_ONLY);
      }
      const none = await h.api.call('GET', '/v1/admin/profile', { as: null });
      expectUnauthenticated(none, 'no credentials');
      expect(none.headers.get('www-authenticate')).to.equal(BEARER_ONLY);
      const write = await h.api.call('POST', '/v1/admin/leads', { as: 'admin', body: { name: 'Via Basic', email: 'basic@example.com' } });
      expectUnauthenticated(write, 'basic admin write');

      // Signed-in users are unaffected; what is in force is visible, and no pair password leaks.
      const leads = await h.api.call('GET', '/v1/admin/leads', { token: owner.accessToken });
      expect(leads.status, leads.text).to.equal(200);
      expect(leads.body.items).to.have.length(0);
      const flags = await h.api.call('GET', '/v1/admin/feature-flags', { token: owner.accessToken });
      expect(flags.body.legacy_basic_auth_enabled).to.equal(false);
      const config = await h.api.call('GET', '/v1/admin/config', { token: owner.accessToken });
      expect(config.status, config.text).to.equal(200);
      expect(config.body.values).to.include({ APP_ENV: 'prod', LEGACY_BASIC_AUTH_ENABLED: false, ADMIN_BASIC_USERNAME: BASIC_USERS.admin, ADMIN_BASIC_PASSWORD: '<redacted>' });
      for (const password of Object.values(PASSWORDS)) expect(config.text).to.not.include(password);
    } finally {
      await h.close();
    }
  });

  it('with LEGACY_BASIC_AUTH_ENABLED=true the pairs work (break-glass while SaaS sign-in is unavailable), in the only org, with X-Test-Org ignored', async () => {
    const h = await startApi(null, { exactEnv: prodEnv({ LEGACY_BASIC_AUTH_ENABLED: 'true' }) });
    try {
      const org = await h.newOrg();
      for (const role of BASIC_ROLES) {
        // X-Test-Org is a dev/test override: in prod it names nothing.
        const r = await h.api.call('GET', '/v1/admin/profile', { as: role, org: randomUUID() });
        expect(r.status, `${role}: ${r.text}`).to.equal(200);
        expect(r.body).to.deep.equal({ user_id: `basic:${BASIC_USERS[role]}`, username: BASIC_USERS[role], role: ROLE_OF[role], org_id: org.id, auth_method: 'basic', mfa_verified: false });
      }
      const none = await h.api.call('GET', '/v1/admin/profile', { as: null });
      expectUnauthenticated(none, 'no credentials');
      expect(none.headers.get('www-authenticate')).to.match(/Basic realm="cleanwithsnapshot"/);
      expectUnauthenticated(await h.api.call('GET', '/v1/admin/profile', { as: null, headers: basicHeader(BASIC_USERS.admin, 'wrong-but-long-enough') }), 'wrong password');

      const created = await h.api.call('POST', '/v1/admin/leads', { as: 'admin', body: { name: 'Via Basic', email: 'basic@example.com' } });
      expect(created.status, created.text).to.equal(201);
      expect(created.body.org_id).to.equal(org.id);
      const audit = await h.api.call('GET', `/v1/admin/audit-logs?resource_id=${created.body.id}`, { as: 'admin' });
      expect(audit.body.items.map((e: { action: string; actor_id: string; admin_role: string }) => [e.action, e.actor_id, e.admin_role])).to.deep.equal([['lead.create', 'basic:admin', 'admin']]);
      const flags = await h.api.call('GET', '/v1/admin/feature-flags', { as: 'viewer' });
      expect(flags.body.legacy_basic_auth_enabled).to.equal(true);
    } finally {
      await h.close();
    }
  });

  it('with LEGACY_BASIC_AUTH_ENABLED=true, several orgs and no DEFAULT_ORG_ID, refuses to guess the org (403 auth.org_unresolved)', async () => {
    const h = await startApi(null, { exactEnv: prodEnv({ LEGACY_BASIC_AUTH_ENABLED: 'true' }) });
    try {
      await h.newOrg();
      const second = await h.newOrg();
      const r = await h.api.call('GET', '/v1/admin/profile', { as: 'admin', org: second.id });
      expect(r.status, r.text).to.equal(403);
      expect(r.body.code).to.equal('auth.org_unresolved');
      expect(r.body.detail).to.include('DEFAULT_ORG_ID');
    } finally {
      await h.close();
    }
  });
});
