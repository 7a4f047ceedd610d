/**
 * The request limits over real HTTP, with the in-process limiter and (when REDIS_URL is set)
 * the Redis one, which every replica shares:
 *  - RATE_LIMIT_PER_MINUTE per client address on every API route (not on /healthz & co);
 *  - ADMIN_ACTION_RATE_LIMIT_PER_MINUTE per acting user on admin writes;
 *  - sign-in brute force: 10 failures per account and per address in 15 minutes.
 * The client address comes from X-Forwarded-For behind a trusted proxy (127.0.0.1 here), so each
 * test uses fresh random addresses, fresh orgs and fresh emails: the Redis database is shared
 * between runs, and nothing here may depend on what an earlier run left in it. Every variant
 * runs two runtimes over the same database, to show whether they share one budget.
 */
import { expect } from 'chai';
import { randomInt, randomUUID } from 'node:crypto';
import { eventually } from '@cws/contract-tests';
import type { RateBucket } from '@cws/core';
import { startApi, type ApiHarness, type ApiResponse } from '@cws/e2e-tests';
import { embeddedTestDatabase } from '@cws/test-support';

const REDIS_URL = process.env['REDIS_URL'] ?? '';
const NO_REDIS_REASON = 'REDIS_URL is not set: the shared rate limiter suites need a Redis server (e.g. REDIS_URL=redis://127.0.0.1:6379/15)';

interface Variant {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly skipReason: string | null;
  /** Whether two runtimes count against one budget. */
  readonly shared: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'in-process limiter, no REDIS_URL', env: {}, skipReason: null, shared: false },
  { name: 'Redis limiter, REDIS_URL', env: REDIS_URL === '' ? {} : { REDIS_URL }, skipReason: REDIS_URL === '' ? NO_REDIS_REASON : null, shared: true },
];

/** The test process is the trusted proxy: X-Forwarded-For names the client. */
const BEHIND_PROXY = { TRUST_PROXY_HEADERS: 'true', TRUSTED_PROXY_IPS: '127.0.0.1' };

/** A client address no other test (or earlier run) used. */
const freshIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const freshEmail = (what: string) => `${what}-${randomUUID().slice(0, 12)}@e2e.example.com`;
const from = (ip: string) => ({ 'x-forwarded-for': ip });

function expectRateLimited(r: ApiResponse, maxRetryAfter: number, label = ''): number {
  expect(r.status, `${label} ${r.text}`).to.equal(429);
  expect(r.headers.get('content-type'), label).to.match(/^application\/problem\+json/);
  expect(r.body, label).to.include({ code: 'request.rate_limited', status: 429, type: '/problems/request/rate_limited' });
  const retryAfter = r.headers.get('retry-after');
  expect(retryAfter, `${label}: Retry-After`).to.match(/^\d+$/);
  expect(Number(retryAfter), `${label}: Retry-After`).to.be.within(1, maxRetryAfter);
  return Number(retryAfter);
}

/**
 * Until its client is connected, a Redis limiter answers from its in-process insurance. Waits
 * until a hit made through `a` is seen through `b`: then both count in Redis.
 */
async function untilBothCountInRedis(a: ApiHarness, b: ApiHarness): Promise<void> {
  const bucket: RateBucket = { name: `e2e-ready-${randomUUID().slice(0, 8)}`, points: 1000, windowSeconds: 60 };
  await eventually(
    'both runtimes count in Redis',
    async () => {
      try {
        await a.runtime.rateLimiter.hit(bucket, 'probe');
        return (await b.runtime.rateLimiter.peek(bucket, 'probe')).remaining < bucket.points - 1;
      } catch {
        return false;
      }
    },
    10_000,
  );
}

async function startPair(variant: Variant, env: Record<string, string>): Promise<[ApiHarness, ApiHarness]> {
  const db = await embeddedTestDatabase();
  const a = await startApi(db, { env: { ...BEHIND_PROXY, ...env, ...variant.env } });
  const b = await startApi(db, { env: { ...BEHIND_PROXY, ...env, ...variant.env } });
  if (variant.shared) await untilBothCountInRedis(a, b);
  return [a, b];
}

for (const variant of VARIANTS) {
  describe(`rate limits (${variant.name})`, function () {
    if (variant.skipReason !== null) {
      it(`is skipped: ${variant.skipReason}`, function () {
        this.skip();
      });
      return;
    }

    describe('API limit per client address (RATE_LIMIT_PER_MINUTE=5)', function () {
      let a: ApiHarness;
      let b: ApiHarness;
      let org: { id: string; slug: string };
      before(async () => {
        [a, b] = await startPair(variant, { RATE_LIMIT_PER_MINUTE: '5' });
        org = await a.newOrg(); // through the core: no request counted
      });
      after(async () => {
        await a?.close();
        await b?.close();
      });
      const list = (h: ApiHarness, ip: string) => h.api.call('GET', '/v1/admin/leads', { as: 'admin', org: org.id, headers: from(ip) });

      it('answers the 6th request from one address with 429 request.rate_limited and Retry-After (1..60 s); another address is still served, /healthz is not limited', async () => {
        const ip = freshIp();
        for (let i = 1; i <= 5; i += 1) {
          const r = await list(a, ip);
          expect(r.status, `request ${i}: ${r.text}`).to.equal(200);
        }
        expectRateLimited(await list(a, ip), 60, 'request 6');
        // Limited before anything else: a write is not stored, missing credentials are not asked for.
        const write = await a.api.call('POST', '/v1/admin/leads', { as: 'admin', org: org.id, headers: from(ip), body: { name: 'Over The Limit', email: 'over@example.com' } });
        expectRateLimited(write, 60, 'write over the limit');
        const anonymous = await a.api.call('GET', '/v1/admin/leads', { as: null, headers: from(ip) });
        expectRateLimited(anonymous, 60, 'anonymous over the limit');
        expect(anonymous.headers.get('www-authenticate')).to.equal(null);
        const intake = await a.api.call('POST', '/v1/public/leads', { as: null, headers: from(ip), body: { org_slug: org.slug, name: 'Public Over', phone: '5550001111' } });
        expectRateLimited(intake, 60, 'public route over the limit');

        const other = await list(a, freshIp());
        expect(other.status, other.text).to.equal(200);
        expect(other.body.items.map((l: { name: string }) => l.name)).to.not.include.members(['Over The Limit', 'Public Over']);
        for (let i = 0; i < 3; i += 1) {
          const health = await a.api.call('GET', '/healthz', { as: null, headers: from(ip) });
          expect(health.status, 'healthz of a limited address').to.equal(200);
        }
      });

      it('does not count /healthz, /readyz or /openapi.json against the budget', async () => {
        const ip = freshIp();
        for (let i = 0; i < 8; i += 1) {
          for (const path of ['/healthz', '/readyz', '/openapi.json']) {
            const r = await a.api.call('GET', path, { as: null, headers: from(ip) });
            expect(r.status, `${path}: ${r.text.slice(0, 200)}`).to.equal(200);
          }
        }
        for (let i = 1; i <= 5; i += 1) expect((await list(a, ip)).status, `request ${i}`).to.equal(200);
        expectRateLimited(await list(a, ip), 60, 'request 6');
      });

      if (variant.shared) {
        it('shares one budget between two runtimes (replicas) over REDIS_URL', async () => {
          const ip = freshIp();
          for (let i = 0; i < 3; i += 1) expect((await list(a, ip)).status).to.equal(200);
          for (let i = 0; i < 2; i += 1) expect((await list(b, ip)).status).to.equal(200);
          expectRateLimited(await list(b, ip), 60, '6th request, on the second runtime');
          expectRateLimited(await list(a, ip), 60, '7th request, on the first runtime');
        });
      } else {
        it('keeps a separate budget in each process, which is why several replicas need REDIS_URL', async () => {
          const ip = freshIp();
          for (let i = 0; i < 3; i += 1) expect((await list(a, ip)).status).to.equal(200);
          for (let i = 0; i < 5; i += 1) expect((await list(b, ip)).status, `request ${i + 1} on the second runtime`).to.equal(200);
          expect((await list(a, ip)).status, '4th request on the first runtime').to.equal(200);
          expectRateLimited(await list(b, ip), 60, '6th request on the second runtime');
        });
      }
    });

    describe('admin write limit per user (ADMIN_ACTION_RATE_LIMIT_PER_MINUTE=3) and sign-in brute-force limits', function () {
      let a: ApiHarness;
      let b: ApiHarness;
      before(async () => {
        [a, b] = await startPair(variant, { ADMIN_ACTION_RATE_LIMIT_PER_MINUTE: '3' });
      });
      after(async () => {
        await a?.close();
        await b?.close();
      });

      const login = (h: ApiHarness, ip: string, email: string, password: string) => h.api.call('POST', '/v1/auth/login', { as: null, headers: from(ip), body: { email, password } });
      const logins = async (h: ApiHarness, org: string, userId: string) =>
        (await h.api.call('GET', `/v1/admin/audit-logs?action=auth.login&actor_id=${userId}&limit=200`, { as: 'admin', org })).body.items.length as number;

      it('answers the 4th admin write of one user with 429 and Retry-After; GETs still work, other users may still write, nothing extra is stored', async () => {
        const org = await a.newOrg();
        const admin = await a.staff(org.id, 'admin');
        const dispatcher = await a.staff(org.id, 'dispatcher');
        const ids: string[] = [];
        for (let i = 1; i <= 3; i += 1) {
          const r = await a.api.call('POST', '/v1/admin/leads', { token: admin.accessToken, body: { name: `Admin Lead ${i}`, email: `l${i}@example.com` } });
          expect(r.status, `write ${i}: ${r.text}`).to.equal(201);
          ids.push(r.body.id);
        }
        expectRateLimited(await a.api.call('POST', '/v1/admin/leads', { token: admin.accessToken, body: { name: 'Admin Lead 4', email: 'l4@example.com' } }), 60, 'write 4');
        // One budget for every admin and IAM write of that user.
        expectRateLimited(await a.api.call('PATCH', `/v1/admin/leads/${ids[0]}`, { token: admin.accessToken, body: { name: 'Renamed' } }), 60, 'PATCH after the limit');
        expectRateLimited(await a.api.call('POST', '/v1/iam/users', { token: admin.accessToken, body: { email: freshEmail('limited'), role: 'viewer' } }), 60, 'IAM write after the limit');

        const listed = await a.api.call('GET', '/v1/admin/leads', { token: admin.accessToken });
        expect(listed.status, listed.text).to.equal(200);
        expect(listed.body.items.map((l: { name: string }) => l.name).sort()).to.deep.equal(['Admin Lead 1', 'Admin Lead 2', 'Admin Lead 3']);
        expect((await a.api.call('GET', '/v1/iam/users', { token: admin.accessToken })).body.items).to.have.length(2);

        const byOther = await a.api.call('POST', '/v1/admin/leads', { token: dispatcher.accessToken, body: { name: 'Dispatcher Lead', email: 'd@example.com' } });
        expect(byOther.status, byOther.text).to.equal(201);
        const byBasic = await a.api.call('POST', '/v1/admin/leads', { as: 'admin', org: org.id, body: { name: 'Basic Lead', email: 'b@example.com' } });
        expect(byBasic.status, byBasic.text).to.equal(201);
        const all = await a.api.call('GET', '/v1/admin/leads', { token: admin.accessToken });
        expect(all.body.items).to.have.length(5);
        const creates = await a.api.call('GET', '/v1/admin/audit-logs?action=lead.create&limit=200', { token: admin.accessToken });
        expect(creates.body.items).to.have.length(5);
      });

      it(
        variant.shared ? 'shares the admin write budget of a user between two runtimes over REDIS_URL' : 'keeps the admin write budget per process without REDIS_URL',
        async () => {
          const org = await a.newOrg();
          const admin = await a.staff(org.id, 'admin');
          const write = (h: ApiHarness, n: number) => h.api.call('POST', '/v1/admin/leads', { token: admin.accessToken, body: { name: `Shared ${n}`, email: `s${n}@example.com` } });
          expect((await write(a, 1)).status).to.equal(201);
          expect((await write(a, 2)).status).to.equal(201);
          expect((await write(b, 3)).status).to.equal(201);
          const fourth = await write(b, 4);
          if (variant.shared) expectRateLimited(fourth, 60, '4th write, on the second runtime');
          else expect(fourth.status, fourth.text).to.equal(201);
          const stored = await a.api.call('GET', '/v1/admin/leads', { token: admin.accessToken });
          expect(stored.body.items).to.have.length(variant.shared ? 3 : 4);
        },
      );

      it('after 10 wrong passwords for one account (from ten addresses), refuses the 11th attempt with 429 and Retry-After, even with the right password', async () => {
        const org = await a.newOrg();
        const user = await a.staff(org.id, 'dispatcher');
        const loginsBefore = await logins(a, org.id, user.userId);
        for (let i = 1; i <= 10; i += 1) {
          const r = await login(a, freshIp(), user.email, `wrong-${i}-${randomUUID()}`);
          expect(r.status, `attempt ${i}: ${r.text}`).to.equal(401);
          expect(r.body.code).to.equal('auth.invalid_credentials');
        }
        const right = await login(a, freshIp(), user.email, user.password);
        expectRateLimited(right, 15 * 60, '11th attempt with the right password');
        expect(right.body.access_token).to.equal(undefined);
        expectRateLimited(await login(a, freshIp(), user.email.toUpperCase(), user.password), 15 * 60, 'same account, other case');
        // No session was made, and the sessions the user already had go on working.
        expect(await logins(a, org.id, user.userId)).to.equal(loginsBefore);
        expect((await a.api.call('GET', '/v1/auth/me', { token: user.accessToken })).status).to.equal(200);
        // Other accounts sign in as usual.
        const other = await a.staff(org.id, 'viewer');
        const fine = await login(a, freshIp(), other.email, other.password);
        expect(fine.status, fine.text).to.equal(200);
      });

      it('answers an unknown email exactly as a known email with a wrong password, up to and including the lockout', async () => {
        const org = await a.newOrg();
        const user = await a.staff(org.id, 'finance');
        const unknown = freshEmail('nobody');
        const comparable = (r: ApiResponse) => ({
          status: r.status,
          www: r.headers.get('www-authenticate'),
          retry: r.headers.get('retry-after') === null ? null : 'set',
          type: r.body.type,
          code: r.body.code,
          title: r.body.title,
          detail: r.body.detail,
          keys: Object.keys(r.body).sort(),
        });
        for (let i = 1; i <= 11; i += 1) {
          const known = await login(a, freshIp(), user.email, `wrong-${randomUUID()}`);
          const stranger = await login(a, freshIp(), unknown, `wrong-${randomUUID()}`);
          expect(comparable(stranger), `attempt ${i}`).to.deep.equal(comparable(known));
          if (i <= 10) expect(known.body.code, `attempt ${i}`).to.equal('auth.invalid_credentials');
          else {
            expectRateLimited(known, 15 * 60, 'known account, 11th');
            expectRateLimited(stranger, 15 * 60, 'unknown email, 11th');
          }
        }
      });

      it('limits one address to 10 failures across different emails, then refuses even a right password from it; another address is served', async () => {
        const org = await a.newOrg();
        const user = await a.staff(org.id, 'owner');
        const ip = freshIp();
        for (let i = 1; i <= 10; i += 1) {
          const email = i === 10 ? user.email : freshEmail(`spray${i}`);
          const r = await login(a, ip, email, `Spray-${randomUUID()}`);
          expect(r.status, `attempt ${i}: ${r.text}`).to.equal(401);
        }
        expectRateLimited(await login(a, ip, user.email, user.password), 15 * 60, 'right password from the sprayed address');
        expectRateLimited(await login(a, ip, freshEmail('late'), 'whatever-it-is'), 15 * 60, 'new email from the sprayed address');
        const elsewhere = await login(a, freshIp(), user.email, user.password);
        expect(elsewhere.status, elsewhere.text).to.equal(200);
        expect(elsewhere.body.user_id).to.equal(user.userId);
      });

      it(variant.shared ? 'shares the sign-in failure counts between two runtimes over REDIS_URL' : 'counts sign-in failures per process without REDIS_URL', async () => {
        const email = freshEmail('shared');
        for (const h of [a, a, a, a, a, b, b, b, b, b]) {
          const r = await login(h, freshIp(), email, `wrong-${randomUUID()}`);
          expect(r.status, r.text).to.equal(401);
        }
        const eleventh = await login(a, freshIp(), email, `wrong-${randomUUID()}`);
        if (variant.shared) expectRateLimited(eleventh, 15 * 60, '11th attempt, counted on both runtimes');
        else expect(eleventh.body.code).to.equal('auth.invalid_credentials');
      });
    });
  });
}
