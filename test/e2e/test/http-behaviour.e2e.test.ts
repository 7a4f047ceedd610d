/**
 * What every response of the HTTP host promises, whatever the route: problem+json for every
 * error (and nothing internal in it), request ids, one JSON log line per request, metrics behind
 * their token, CORS as configured, security headers, and the generated OpenAPI document.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { defineRoute } from '../../../hosts/http/src/routing/route-definition.js';
import { startApi, testEnv, type ApiHarness } from '@cws/e2e-tests';
import { embeddedTestDatabase } from '@cws/test-support';

const boom = defineRoute({
  method: 'GET',
  path: '/v1/test/boom',
  operationId: 'testBoom',
  summary: 'throws a programmer error',
  description: 'Mounted by this test only.',
  tags: ['Operations'],
  audience: 'public',
  permission: null,
  responses: { 500: { description: 'always' } },
  async handler() {
    throw new Error('secret detail: SELECT password FROM users');
  },
});

describe('HTTP host behaviour (PGlite)', function () {
  let h: ApiHarness;
  before(async () => {
    h = await startApi(await embeddedTestDatabase(), { env: { HTTP_BODY_LIMIT_KB: '2' }, extraRoutes: [boom] });
  });
  after(async () => h.close());

  it('echoes a valid X-Request-ID, replaces a malformed one, and puts it in problems and logs', async () => {
    const given = await h.api.call('GET', '/healthz', { as: null, headers: { 'x-request-id': 'req-abc.123' } });
    expect(given.headers.get('x-request-id')).to.equal('req-abc.123');
    const bad = await h.api.call('GET', '/nowhere', { as: null, headers: { 'x-request-id': 'has spaces and <html>' } });
    const generated = bad.headers.get('x-request-id')!;
    expect(generated).to.match(/^[0-9a-f-]{36}$/);
    expect(bad.body.request_id).to.equal(generated);
    const line = h.logs.lines.find((l) => l['request_id'] === generated);
    expect(line).to.include({ level: 'INFO', message: 'request', method: 'GET', path: '/nowhere', status_code: 404 });
  });

  it('writes one JSON log line per request with the guide’s fields', async () => {
    const org = await h.newOrg();
    const before = h.logs.lines.length;
    const r = await h.api.call('GET', '/v1/admin/leads', { as: 'dispatcher', org: org.id });
    const lines = h.logs.lines.slice(before).filter((l) => l['request_id'] === r.headers.get('x-request-id'));
    expect(lines).to.have.length(1);
    const line = lines[0]!;
    expect(line).to.include({ level: 'INFO', message: 'request', org_id: org.id, user_id: 'basic:dispatch', role: 'dispatcher', method: 'GET', path: '/v1/admin/leads', status_code: 200 });
    expect(line['timestamp']).to.match(/^\d{4}-\d\d-\d\dT/);
    expect(line['latency_ms']).to.be.a('number');
  });

  it('answers every failure as problem+json with the right status and code', async () => {
    const org = await h.newOrg();
    const cases: Array<[string, Promise<{ status: number; headers: Headers; body: any }>, number, string]> = [
      ['unknown route', h.api.call('GET', '/v1/admin/nothing-here', { org: org.id }), 404, 'route.not_found'],
      ['wrong method', h.api.call('DELETE', '/v1/admin/leads', { org: org.id }), 405, 'route.method_not_allowed'],
      ['unknown method', h.api.call('PROPFIND', '/v1/admin/leads', { org: org.id }), 501, 'route.not_implemented'],
      ['malformed JSON', h.api.call('POST', '/v1/admin/leads', { org: org.id, rawBody: '{"name": "x",', headers: { 'content-type': 'application/json' } }), 400, 'request.malformed'],
      ['JSON scalar', h.api.call('POST', '/v1/admin/leads', { org: org.id, rawBody: '"just a string"', headers: { 'content-type': 'application/json' } }), 400, 'request.malformed'],
      ['wrong media type', h.api.call('POST', '/v1/admin/leads', { org: org.id, rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'request.unsupported_media_type'],
      ['body too large', h.api.call('POST', '/v1/admin/leads', { org: org.id, body: { name: 'x', notes: 'n'.repeat(4000), email: 'a@example.com' } }), 413, 'request.too_large'],
      ['missing body', h.api.call('POST', '/v1/admin/leads', { org: org.id }), 422, 'validation.failed'],
      ['bad path id', h.api.call('GET', '/v1/admin/leads/not-a-uuid', { org: org.id }), 422, 'validation.failed'],
    ];
    for (const [label, pending, status, code] of cases) {
      const r = await pending;
      expect(r.status, label).to.equal(status);
      expect(r.headers.get('content-type'), label).to.match(/^application\/problem\+json/);
      expect(r.body, label).to.include({ status, code, type: `/problems/${code.replace('.', '/')}` });
      expect(r.body.title, label).to.be.a('string');
      expect(r.body.request_id, label).to.equal(r.headers.get('x-request-id'));
    }
    const wrongMethod = await h.api.call('DELETE', '/v1/admin/leads', { org: org.id });
    expect(wrongMethod.headers.get('allow')).to.include('GET').and.include('POST');
    const badId = await h.api.call('GET', '/v1/admin/leads/not-a-uuid', { org: org.id });
    expect(badId.body.errors).to.deep.equal([{ pointer: '/id', detail: 'must be a UUID', in: 'path' }]);
  });

  it('hides the cause of an unexpected error from the client and logs it with its stack', async () => {
    const r = await h.api.call('GET', '/v1/test/boom', { as: null });
    expect(r.status).to.equal(500);
    expect(r.body).to.include({ code: 'internal.unexpected', status: 500 });
    expect(r.text).to.not.include('SELECT').and.not.include('secret detail').and.not.include('at ');
    const logged = h.logs.lines.find((l) => l['message'] === 'unhandled error' && l['request_id'] === r.body.request_id);
    expect(logged).to.not.equal(undefined);
    expect(JSON.stringify(logged)).to.include('secret detail');
  });

  it('sets security headers', async () => {
    const r = await h.api.call('GET', '/healthz', { as: null });
    expect(r.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(r.headers.get('content-security-policy')).to.include("frame-ancestors 'none'");
    expect(r.headers.get('referrer-policy')).to.equal('no-referrer');
  });

  it('serves metrics only with the bearer token, labelled by route template', async () => {
    const org = await h.newOrg();
    await h.api.call('GET', `/v1/admin/leads/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, { org: org.id });
    const denied = await h.api.call('GET', '/metrics', { as: null });
    expect(denied.status).to.equal(401);
    expect(denied.headers.get('www-authenticate')).to.match(/^Bearer/);
    expect(denied.body.code).to.equal('metrics.unauthorized');
    const ok = await h.api.call('GET', '/metrics', { as: null, headers: { authorization: 'Bearer e2e-metrics-token-long-enough-for-prod' } });
    expect(ok.status).to.equal(200);
    expect(ok.text).to.match(/http_requests_total\{method="GET",path="\/v1\/admin\/leads\/:id",status="404"\} \d+/);
    expect(ok.text).to.include('http_request_duration_seconds_bucket');
    expect(ok.text).to.include('http_5xx_errors_total');
  });

  it('generates OpenAPI 3.1 from the route table, and a docs page and problem pages from it', async () => {
    const doc = (await h.api.call('GET', '/openapi.json', { as: null })).body;
    expect(doc.openapi).to.equal('3.1.0');
    for (const route of h.http.routes) {
      const op = doc.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).to.not.equal(undefined);
      expect(op.operationId).to.equal(route.operationId);
      if (route.audience === 'staff') expect(op['x-permission']).to.equal(route.permission);
    }
    expect(doc.paths['/v1/admin/leads'].get.parameters.map((p: { name: string }) => p.name)).to.include.members(['status', 'created_from', 'created_to', 'q', 'cursor', 'limit']);
    const page = await h.api.call('GET', '/docs', { as: null });
    expect(page.headers.get('content-type')).to.match(/^text\/html/);
    expect(page.text).to.include('"/openapi.json"').and.include('href="/problems/lead/not_found"');
    const problem = await h.api.call('GET', '/problems/lead/not_found', { as: null });
    expect(problem.body).to.include({ code: 'lead.not_found', status: 404 });
  });
});

describe('HTTP host API reference at /docs (PGlite)', function () {
  let h: ApiHarness;
  before(async () => {
    h = await startApi(await embeddedTestDatabase());
  });
  after(async () => h.close());

  /** Directive name → its sources. */
  const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0] !== '').map(([name, ...sources]) => [name!, sources]));

  it('serves Redoc under a strict policy of its own: this origin only, the inline script by a fresh nonce', async () => {
    const page = await h.api.call('GET', '/docs', { as: null });
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.match(/^text\/html; charset=utf-8/);
    expect(page.headers.get('cache-control')).to.equal('no-store');
    const policy = page.headers.get('content-security-policy')!;
    const csp = directives(policy);

    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp.get('script-src')!.join(' '))?.[1];
    expect(nonce, policy).to.be.a('string');
    expect(csp.get('script-src')).to.have.members(['\'self\'', `'nonce-${nonce}'`]);
    const inline = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].filter(([, , body]) => body!.trim() !== '');
    expect(inline, 'one inline script').to.have.length(1);
    expect(inline[0]![1]).to.include(`nonce="${nonce}"`);
    expect(inline[0]![2]).to.include('Redoc.init("/openapi.json"');
    const again = await h.api.call('GET', '/docs', { as: null });
    expect(again.headers.get('content-security-policy'), 'a nonce per response').to.not.include(nonce);

    // Nothing from another origin: every source is a keyword, this origin's nonce, data: or blob:.
    expect(policy).to.not.match(/https?:|\*|\/\//);
    const allowed = (directive: string, source: string) =>
      ["'self'", "'none'"].includes(source) ||
      (directive === 'script-src' && source === `'nonce-${nonce}'`) ||
      (directive === 'style-src' && source === "'unsafe-inline'") ||
      (['img-src', 'font-src'].includes(directive) && source === 'data:') ||
      (directive === 'worker-src' && source === 'blob:');
    for (const [directive, sources] of csp) for (const source of sources) expect(allowed(directive, source), `${directive} ${source}`).to.equal(true);
    expect(csp.get('default-src')).to.deep.equal(["'none'"]);
    expect(csp.get('frame-ancestors')).to.deep.equal(["'none'"]);
    expect(csp.get('object-src')).to.deep.equal(["'none'"]);

    // The bundle is loaded from this host.
    const src = /<script src="([^"]+)"><\/script>/.exec(page.text)?.[1];
    expect(src).to.match(/^\/docs\/assets\/redoc-\d+\.\d+\.\d+\.standalone\.js$/);
    expect(page.text).to.not.match(/(src|href)="(https?:)?\/\//);
  });

  it('serves the Redoc bundle from node_modules with long cache headers, and 404 for any other asset', async () => {
    const page = await h.api.call('GET', '/docs', { as: null });
    const src = /<script src="([^"]+)"><\/script>/.exec(page.text)![1]!;
    const response = await fetch(`${h.server.url}${src}`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^application\/javascript/);
    expect(response.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    const served = Buffer.from(await response.arrayBuffer());
    const installed = await readFile(createRequire(import.meta.url).resolve('redoc/bundles/redoc.standalone.js'));
    expect(served.length).to.equal(installed.length);
    expect(served.equals(installed), 'the same bytes').to.equal(true);
    const version = (createRequire(import.meta.url)('redoc/package.json') as { version: string }).version;
    expect(src).to.equal(`/docs/assets/redoc-${version}.standalone.js`);

    for (const name of ['redoc.standalone.js', 'redoc-0.0.0.standalone.js', '..%2Fpackage.json', 'nothing']) {
      const missing = await h.api.call('GET', `/docs/assets/${name}`, { as: null });
      expect(missing.status, name).to.equal(404);
      expect(missing.headers.get('content-type'), name).to.match(/^application\/problem\+json/);
      expect(missing.body, name).to.include({ status: 404, code: 'route.not_found' });
    }
  });

  it('keeps the API responses under the API policy (no scripts at all)', async () => {
    for (const path of ['/openapi.json', '/healthz', '/problems/lead/not_found']) {
      const r = await h.api.call('GET', path, { as: null });
      expect(r.headers.get('content-security-policy'), path).to.include("script-src 'none'");
    }
  });
});

describe('HTTP host CORS (PGlite)', function () {
  it('allows any origin without a list, and only listed origins with STRICT_CORS', async () => {
    const db = await embeddedTestDatabase();
    const open = await startApi(db);
    const strict = await startApi(db, { env: { STRICT_CORS: 'true', CORS_ORIGINS: 'https://app.example.com' } });
    try {
      const anyOrigin = await open.api.call('GET', '/healthz', { as: null, headers: { origin: 'https://elsewhere.example' } });
      expect(anyOrigin.headers.get('access-control-allow-origin')).to.equal('*');
      const listed = await strict.api.call('GET', '/healthz', { as: null, headers: { origin: 'https://app.example.com' } });
      expect(listed.headers.get('access-control-allow-origin')).to.equal('https://app.example.com');
      const other = await strict.api.call('GET', '/healthz', { as: null, headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).to.equal(null);
    } finally {
      await open.close();
      await strict.close();
    }
  });
});

describe('identity in prod mode (PGlite)', function () {
  const prodEnv = (url: string, extra: Record<string, string> = {}) => ({
    ...testEnv(url),
    APP_ENV: 'prod',
    AUTH_SECRET_KEY: 'k'.repeat(20) + 'Zx81Qw73Lm55Pv02',
    CLIENT_PORTAL_SECRET: 'c'.repeat(20) + 'Yt64Nb19Kr28Ds47',
    WORKER_PORTAL_SECRET: 'w'.repeat(20) + 'Gh36Jf84Ue51Ra90',
    MFA_SECRET_KEY: 'm'.repeat(20) + 'Tq27Vb93Kx64Np15',
    ...extra,
  });

  it('turns legacy Basic Auth off by default in prod', async () => {
    const db = await embeddedTestDatabase();
    const h = await startApi(db, { exactEnv: prodEnv(db.connectionString) });
    try {
      const r = await h.api.call('GET', '/v1/admin/profile');
      expect(r.status).to.equal(401);
      expect(r.body.code).to.equal('auth.unauthenticated');
    } finally {
      await h.close();
    }
  });

  it('ignores X-Test-Org in prod and acts in DEFAULT_ORG_ID', async () => {
    const db = await embeddedTestDatabase();
    const scratch = await startApi(db);
    const home = await scratch.newOrg();
    const other = await scratch.newOrg();
    await scratch.close();
    const h = await startApi(db, { exactEnv: prodEnv(db.connectionString, { LEGACY_BASIC_AUTH_ENABLED: 'true', DEFAULT_ORG_ID: home.id }) });
    try {
      const r = await h.api.call('GET', '/v1/admin/profile', { org: other.id });
      expect(r.status).to.equal(200);
      expect(r.body.org_id).to.equal(home.id);
    } finally {
      await h.close();
    }
  });
});
