/**
 * The admin safety switches of guide 000 ("Admin safety", "Admin MFA", "Incident read-only +
 * break-glass procedure") over real HTTP:
 *  - ADMIN_IP_ALLOWLIST_CIDRS gates /v1/admin/* and /v1/iam/* by the client IP, resolved
 *    through trusted proxies only (an X-Forwarded-For from anyone else is ignored);
 *  - ADMIN_READ_ONLY turns admin writes into 409 unless a live break-glass token of the org
 *    comes with them, and every start and every such write is audited with the reason;
 *  - ADMIN_MFA_REQUIRED refuses owner/admin sessions that have not proven a second factor.
 * Each test asserts the status, the problem code, the headers and what was (not) stored.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { totpCode, totpStep } from '@cws/contract-tests';
import { onEachDatabase, startApi, type ApiHarness, type ApiResponse, type CallOptions, type StaffSession } from '@cws/e2e-tests';
import type { RequestContext } from '@cws/core';

/** An RFC 9457 problem with `code`, whose `type` names the same code. */
function expectProblem(r: ApiResponse, status: number, code: string, label = ''): void {
  expect(r.status, `${label} ${r.text}`).to.equal(status);
  expect(r.headers.get('content-type'), label).to.match(/^application\/problem\+json/);
  expect(r.body.code, label).to.equal(code);
  expect(r.body.status, label).to.equal(status);
  expect(r.body.type, label).to.match(new RegExp(`${code.replace('.', '/')}$`));
}

const ownerCtx = (orgId: string): RequestContext => ({ orgId, actor: { kind: 'staff', id: 'e2e-check', role: 'owner' }, requestId: `e2e-${randomUUID()}`, now: new Date() });

// ---------------------------------------------------------------------------------------------
// ADMIN_IP_ALLOWLIST_CIDRS (memory storage: one runtime per configuration)
// ---------------------------------------------------------------------------------------------

describe('admin IP allowlist (ADMIN_IP_ALLOWLIST_CIDRS=10.0.0.0/8, no trusted proxy; memory storage)', function () {
  let h: ApiHarness;
  let org: { id: string; slug: string };
  let owner: StaffSession;
  before(async () => {
    h = await startApi(null, { env: { ADMIN_IP_ALLOWLIST_CIDRS: '10.0.0.0/8' } });
    org = await h.newOrg();
    owner = await h.staff(org.id, 'owner');
  });
  after(async () => h?.close());

  it('refuses /v1/admin/* and /v1/iam/* from 127.0.0.1 with 403 auth.ip_not_allowed, whatever the credentials, and stores nothing', async () => {
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/v1/admin/leads'],
      ['GET', '/v1/admin/profile'],
      ['GET', '/v1/iam/users'],
      ['POST', '/v1/admin/leads', { name: 'Blocked Lead', email: 'blocked@example.com' }],
      ['POST', '/v1/iam/users', { email: `blocked-${randomUUID().slice(0, 8)}@e2e.example.com`, role: 'viewer' }],
      ['POST', '/v1/admin/break-glass/start', { reason: 'should never start', ttl_minutes: 5 }],
      // Not under /v1/admin or /v1/iam, but an admin action on another account all the same.
      ['POST', '/v1/auth/2fa/disable', { user_id: randomUUID() }],
    ];
    const callers: Array<[string, CallOptions]> = [
      ['owner token', { token: owner.accessToken }],
      ['basic admin', { as: 'admin', org: org.id }],
      ['no credentials', { as: null }],
    ];
    for (const [method, path, body] of calls) {
      for (const [who, options] of callers) {
        const label = `${who} → ${method} ${path}`;
        const r = await h.api.call(method, path, { ...options, ...(body !== undefined ? { body } : {}) });
        expectProblem(r, 403, 'auth.ip_not_allowed', label);
        expect(r.body.client_ip, label).to.equal('127.0.0.1');
        // Refused before credentials are looked at: no challenge, nothing about the caller.
        expect(r.headers.get('www-authenticate'), label).to.equal(null);
      }
    }
    const leads = await h.runtime.core.leads.list.execute(ownerCtx(org.id), {});
    expect(leads.items).to.have.length(0);
    const members = await h.runtime.core.iam.listUsers.execute(ownerCtx(org.id));
    expect(members.items.map((m) => m.user.email)).to.deep.equal([owner.email]);
  });

  it('still serves /v1/auth/me, /v1/public/* and /healthz from the same address', async () => {
    const me = await h.api.call('GET', '/v1/auth/me', { token: owner.accessToken });
    expect(me.status, me.text).to.equal(200);
    expect(me.body).to.include({ org_id: org.id, role: 'owner' });
    const intake = await h.api.call('POST', '/v1/public/leads', { as: null, body: { org_slug: org.slug, name: 'Public Visitor', phone: '5550001234' } });
    expect(intake.status, intake.text).to.equal(201);
    const stored = await h.runtime.core.leads.list.execute(ownerCtx(org.id), {});
    expect(stored.items.map((l) => l.name)).to.deep.equal(['Public Visitor']);
    const health = await h.api.call('GET', '/healthz', { as: null });
    expect(health.status).to.equal(200);
  });

  it('ignores X-Forwarded-For without a trusted proxy: a spoofed allowed address is still refused', async () => {
    for (const xff of ['10.1.2.3', '10.1.2.3, 10.0.0.1']) {
      const r = await h.api.call('GET', '/v1/admin/leads', { as: 'admin', org: org.id, headers: { 'x-forwarded-for': xff } });
      expectProblem(r, 403, 'auth.ip_not_allowed', xff);
      expect(r.body.client_ip, xff).to.equal('127.0.0.1');
    }
  });
});

describe('admin IP allowlist behind proxies and with other lists (memory storage)', function () {
  interface Case {
    readonly xff?: string;
    /** null: allowed; otherwise the client IP the refusal names. */
    readonly refusedAs: string | null;
  }
  const configurations: Array<{ name: string; env: Record<string, string>; cases: Case[] }> = [
    {
      name: 'TRUST_PROXY_HEADERS=true, TRUSTED_PROXY_IPS=127.0.0.1',
      env: { ADMIN_IP_ALLOWLIST_CIDRS: '10.0.0.0/8', TRUST_PROXY_HEADERS: 'true', TRUSTED_PROXY_IPS: '127.0.0.1' },
      cases: [
        { xff: '10.1.2.3', refusedAs: null },
        { xff: '192.0.2.9', refusedAs: '192.0.2.9' },
        // The proxy appends the real peer: an allowed address the client put in front is ignored.
        { xff: '10.1.2.3, 192.0.2.9', refusedAs: '192.0.2.9' },
        { xff: '192.0.2.9, 10.1.2.3', refusedAs: null },
        // Hops that are trusted proxies themselves are skipped.
        { xff: '10.1.2.3, 127.0.0.1', refusedAs: null },
        // A malformed hop: the header is not trusted at all, the peer counts.
        { xff: 'not-an-ip', refusedAs: '127.0.0.1' },
        // The proxy's own address is not on the list.
        { refusedAs: '127.0.0.1' },
      ],
    },
    {
      name: 'TRUST_PROXY_HEADERS=true, TRUSTED_PROXY_CIDRS=127.0.0.0/8',
      env: { ADMIN_IP_ALLOWLIST_CIDRS: '10.0.0.0/8', TRUST_PROXY_HEADERS: 'true', TRUSTED_PROXY_CIDRS: '127.0.0.0/8' },
      cases: [
        { xff: '10.1.2.3', refusedAs: null },
        { xff: '192.0.2.9', refusedAs: '192.0.2.9' },
      ],
    },
    {
      name: 'TRUSTED_PROXY_IPS=127.0.0.1 but TRUST_PROXY_HEADERS off',
      env: { ADMIN_IP_ALLOWLIST_CIDRS: '10.0.0.0/8', TRUSTED_PROXY_IPS: '127.0.0.1' },
      cases: [{ xff: '10.1.2.3', refusedAs: '127.0.0.1' }],
    },
    {
      name: 'TRUST_PROXY_HEADERS=true but no trusted proxy listed',
      env: { ADMIN_IP_ALLOWLIST_CIDRS: '10.0.0.0/8', TRUST_PROXY_HEADERS: 'true' },
      cases: [{ xff: '10.1.2.3', refusedAs: '127.0.0.1' }],
    },
    {
      name: 'ADMIN_IP_ALLOWLIST_CIDRS=127.0.0.1/32',
      env: { ADMIN_IP_ALLOWLIST_CIDRS: '127.0.0.1/32' },
      cases: [
        { refusedAs: null },
        // Without trusted proxies the header changes nothing, either way.
        { xff: '192.0.2.9', refusedAs: null },
      ],
    },
    {
      name: 'ADMIN_IP_ALLOWLIST_CIDRS=203.0.113.0/24,10.0.0.0/8 behind a trusted proxy',
      env: { ADMIN_IP_ALLOWLIST_CIDRS: '203.0.113.0/24,10.0.0.0/8', TRUST_PROXY_HEADERS: 'true', TRUSTED_PROXY_IPS: '127.0.0.1' },
      cases: [
        { xff: '203.0.113.7', refusedAs: null },
        { xff: '10.200.0.1', refusedAs: null },
        { xff: '203.0.114.7', refusedAs: '203.0.114.7' },
      ],
    },
  ];

  for (const configuration of configurations) {
    it(`${configuration.name}: ${configuration.cases.map((c) => `${c.xff ?? 'no header'} → ${c.refusedAs === null ? 'allowed' : 'refused'}`).join('; ')}`, async () => {
      const h = await startApi(null, { env: configuration.env });
      try {
        const org = await h.newOrg();
        let created = 0;
        for (const c of configuration.cases) {
          const headers: Record<string, string> = c.xff === undefined ? {} : { 'x-forwarded-for': c.xff };
          const label = `${configuration.name}, X-Forwarded-For: ${c.xff ?? '(none)'}`;
          const list = await h.api.call('GET', '/v1/admin/leads', { as: 'admin', org: org.id, headers });
          const iam = await h.api.call('GET', '/v1/iam/users', { as: 'admin', org: org.id, headers });
          const write = await h.api.call('POST', '/v1/admin/leads', { as: 'admin', org: org.id, headers, body: { name: `Lead ${created}`, email: 'proxy@example.com' } });
          if (c.refusedAs === null) {
            expect(list.status, `${label}: ${list.text}`).to.equal(200);
            expect(iam.status, `${label}: ${iam.text}`).to.equal(200);
            expect(write.status, `${label}: ${write.text}`).to.equal(201);
            created += 1;
          } else {
            for (const r of [list, iam, write]) {
              expectProblem(r, 403, 'auth.ip_not_allowed', label);
              expect(r.body.client_ip, label).to.equal(c.refusedAs);
            }
          }
        }
        const leads = await h.runtime.core.leads.list.execute(ownerCtx(org.id), {});
        expect(leads.items, 'only allowed writes are stored').to.have.length(created);
      } finally {
        await h.close();
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// ADMIN_READ_ONLY and break-glass
// ---------------------------------------------------------------------------------------------

async function auditOf(h: ApiHarness, org: string, query = ''): Promise<ApiResponse> {
  const r = await h.api.call('GET', `/v1/admin/audit-logs?limit=200${query}`, { as: 'admin', org });
  expect(r.status, r.text).to.equal(200);
  return r;
}

async function startBreakGlass(h: ApiHarness, session: StaffSession, reason: string, ttlMinutes = 15): Promise<string> {
  const r = await h.api.call('POST', '/v1/admin/break-glass/start', { token: session.accessToken, body: { reason, ttl_minutes: ttlMinutes } });
  expect(r.status, r.text).to.equal(201);
  return r.body.token as string;
}

onEachDatabase(
  'admin read-only mode and break-glass (ADMIN_READ_ONLY=true)',
  (h, db) => {
    it('serves GETs, answers 409 auth.admin_read_only to POST/PATCH on /v1/admin/* and /v1/iam/*, and changes nothing', async () => {
      const org = await h().newOrg();
      const owner = await h().staff(org.id, 'owner');
      const member = await h().staff(org.id, 'dispatcher');
      // Public intake is not the admin API: it still records leads during an incident.
      const intake = await h().api.call('POST', '/v1/public/leads', { as: null, body: { org_slug: org.slug, name: 'Incident Lead', phone: '5550009999' } });
      expect(intake.status, intake.text).to.equal(201);
      const leadId = intake.body.id as string;
      const auditBefore = (await auditOf(h(), org.id)).body.items.map((e: { id: string }) => e.id);
      const settingsBefore = await h().api.call('GET', '/v1/admin/org/settings', { token: owner.accessToken });
      expect(settingsBefore.status).to.equal(200);

      for (const path of ['/v1/admin/leads', `/v1/admin/leads/${leadId}`, '/v1/iam/users', '/v1/admin/audit-logs', '/v1/admin/feature-flags']) {
        const r = await h().api.call('GET', path, { token: owner.accessToken });
        expect(r.status, `GET ${path}: ${r.text}`).to.equal(200);
      }
      const flags = await h().api.call('GET', '/v1/admin/feature-flags', { token: owner.accessToken });
      expect(flags.body.admin_read_only).to.equal(true);

      const writes: Array<[string, string, CallOptions]> = [
        ['POST', '/v1/admin/leads', { token: owner.accessToken, body: { name: 'New During Incident', email: 'new@example.com' } }],
        ['PATCH', `/v1/admin/leads/${leadId}`, { token: owner.accessToken, body: { name: 'Changed During Incident' } }],
        ['POST', `/v1/admin/leads/${leadId}/archive`, { token: owner.accessToken, body: { reason: 'tidy up' } }],
        ['PATCH', '/v1/admin/org/settings', { token: owner.accessToken, body: { time_zone: 'Asia/Tokyo' } }],
        ['POST', '/v1/iam/users', { token: owner.accessToken, body: { email: `new-${randomUUID().slice(0, 8)}@e2e.example.com`, role: 'viewer' } }],
        ['PATCH', `/v1/iam/users/${member.userId}`, { token: owner.accessToken, body: { role: 'viewer' } }],
        ['POST', `/v1/iam/users/${member.userId}/deactivate`, { token: owner.accessToken }],
        ['POST', '/v1/admin/leads', { as: 'admin', org: org.id, body: { name: 'Basic During Incident', email: 'basic@example.com' } }],
        ['POST', '/v1/admin/leads', { token: member.accessToken, body: { name: 'Dispatcher During Incident', email: 'd@example.com' } }],
        // An empty header is no token.
        ['POST', '/v1/admin/leads', { token: owner.accessToken, headers: { 'x-break-glass-token': '' }, body: { name: 'Empty Header', email: 'e@example.com' } }],
      ];
      for (const [method, path, options] of writes) {
        const r = await h().api.call(method, path, options);
        expectProblem(r, 409, 'auth.admin_read_only', `${method} ${path}`);
        expect(r.body.detail).to.include('X-Break-Glass-Token');
      }

      const leads = await h().api.call('GET', '/v1/admin/leads?archived=include', { token: owner.accessToken });
      expect(leads.body.items.map((l: { id: string }) => l.id)).to.deep.equal([leadId]);
      const lead = await h().api.call('GET', `/v1/admin/leads/${leadId}`, { token: owner.accessToken });
      expect(lead.body).to.include({ name: 'Incident Lead', status: 'new' });
      expect(lead.body.archived_at ?? null).to.equal(null);
      const users = await h().api.call('GET', '/v1/iam/users', { token: owner.accessToken });
      expect(users.body.items.map((u: { email: string; role: string; deactivated_at: string | null }) => [u.email, u.role, u.deactivated_at]).sort()).to.deep.equal(
        [
          [owner.email, 'owner', null],
          [member.email, 'dispatcher', null],
        ].sort(),
      );
      const settingsAfter = await h().api.call('GET', '/v1/admin/org/settings', { token: owner.accessToken });
      expect(settingsAfter.body).to.deep.equal(settingsBefore.body);
      // The member's session survived (a role change or deactivation would have ended it).
      expect((await h().api.call('GET', '/v1/admin/leads', { token: member.accessToken })).status).to.equal(200);
      const auditAfter = (await auditOf(h(), org.id)).body.items.map((e: { id: string }) => e.id);
      expect(auditAfter).to.deep.equal(auditBefore);
    });

    it('lets an owner and an admin start break-glass (201, bg_ token, no-store) but not a dispatcher or viewer (403), and checks reason and TTL', async () => {
      const org = await h().newOrg();
      const owner = await h().staff(org.id, 'owner');
      const admin = await h().staff(org.id, 'admin');
      const dispatcher = await h().staff(org.id, 'dispatcher');
      const viewer = await h().staff(org.id, 'viewer');
      const before = Date.now();
      const started = await h().api.call('POST', '/v1/admin/break-glass/start', { token: owner.accessToken, body: { reason: 'INC-42 restore deleted leads', ttl_minutes: 15 } });
      expect(started.status, started.text).to.equal(201);
      expect(started.body.token).to.match(/^bg_[A-Za-z0-9_-]{20,}$/);
      expect(started.headers.get('cache-control')).to.equal('no-store');
      const expiresAt = Date.parse(started.body.expires_at);
      expect(expiresAt).to.be.within(before + 15 * 60_000 - 5_000, Date.now() + 15 * 60_000 + 5_000);
      const byAdmin = await h().api.call('POST', '/v1/admin/break-glass/start', { token: admin.accessToken, body: { reason: 'INC-42 second responder', ttl_minutes: 60 } });
      expect(byAdmin.status, byAdmin.text).to.equal(201);
      expect(byAdmin.body.token).to.match(/^bg_/).and.not.equal(started.body.token);

      for (const [who, options] of [
        ['dispatcher', { token: dispatcher.accessToken }],
        ['viewer', { token: viewer.accessToken }],
        ['basic dispatcher', { as: 'dispatcher', org: org.id }],
      ] as Array<[string, CallOptions]>) {
        const r = await h().api.call('POST', '/v1/admin/break-glass/start', { ...options, body: { reason: 'I want to write too', ttl_minutes: 5 } });
        expectProblem(r, 403, 'auth.forbidden', who);
        expect(r.body.token, who).to.equal(undefined);
      }
      for (const [label, body] of [
        ['TTL above BREAK_GLASS_MAX_TTL_MINUTES (60)', { reason: 'INC-42 too long', ttl_minutes: 61 }],
        ['TTL of 0', { reason: 'INC-42 too short', ttl_minutes: 0 }],
        ['no TTL', { reason: 'INC-42 no ttl' }],
        ['reason too short', { reason: 'x', ttl_minutes: 5 }],
        ['no reason', { ttl_minutes: 5 }],
      ] as Array<[string, Record<string, unknown>]>) {
        const r = await h().api.call('POST', '/v1/admin/break-glass/start', { token: owner.accessToken, body });
        expectProblem(r, 422, 'validation.failed', label);
      }

      const starts = (await auditOf(h(), org.id, '&action=break_glass.start')).body.items;
      expect(starts.map((e: { actor_id: string; admin_role: string; metadata: { reason: string; ttl_minutes: number } }) => [e.actor_id, e.admin_role, e.metadata.reason, e.metadata.ttl_minutes]).sort()).to.deep.equal(
        [
          [owner.userId, 'owner', 'INC-42 restore deleted leads', 15],
          [admin.userId, 'admin', 'INC-42 second responder', 60],
        ].sort(),
      );
      const ownerStart = starts.find((e: { actor_id: string }) => e.actor_id === owner.userId);
      expect(ownerStart).to.include({ resource_type: 'break_glass' });
      expect(Date.parse(ownerStart.metadata.expires_at)).to.equal(expiresAt);
    });

    it('admits writes that carry a live break-glass token of the org, auditing each with the reason and never the token', async () => {
      const org = await h().newOrg();
      const owner = await h().staff(org.id, 'owner');
      const dispatcher = await h().staff(org.id, 'dispatcher');
      const reason = `INC-${randomUUID().slice(0, 6)} customer data fix`;
      const token = await startBreakGlass(h(), owner, reason);
      const glass = { 'x-break-glass-token': token };

      const created = await h().api.call('POST', '/v1/admin/leads', { token: owner.accessToken, headers: glass, body: { name: 'Emergency Lead', email: 'emergency@example.com' } });
      expect(created.status, created.text).to.equal(201);
      const leadId = created.body.id as string;
      const patched = await h().api.call('PATCH', `/v1/admin/leads/${leadId}`, { token: owner.accessToken, headers: glass, body: { name: 'Emergency Lead Fixed' } });
      expect(patched.status, patched.text).to.equal(200);
      const invitedEmail = `glass-${randomUUID().slice(0, 8)}@e2e.example.com`;
      const invited = await h().api.call('POST', '/v1/iam/users', { token: owner.accessToken, headers: glass, body: { email: invitedEmail, role: 'viewer' } });
      expect(invited.status, invited.text).to.equal(201);
      // The token is bound to the person who started it: another member (or a Basic Auth pair)
      // holding a copy is refused, and the attempt is audited.
      const basic = await h().api.call('POST', '/v1/admin/leads', { as: 'admin', org: org.id, headers: glass, body: { name: 'Basic Emergency', email: 'be@example.com' } });
      expectProblem(basic, 403, 'auth.break_glass_not_yours');
      const byDispatcher = await h().api.call('POST', '/v1/admin/leads', { token: dispatcher.accessToken, headers: glass, body: { name: 'Dispatcher Emergency', email: 'de@example.com' } });
      expectProblem(byDispatcher, 403, 'auth.break_glass_not_yours');
      // Nor does it lend permissions: a dispatcher still may not manage staff.
      const iamByDispatcher = await h().api.call('POST', '/v1/iam/users', { token: dispatcher.accessToken, headers: glass, body: { email: `no-${randomUUID().slice(0, 8)}@e2e.example.com`, role: 'viewer' } });
      expectProblem(iamByDispatcher, 403, 'auth.forbidden');

      const lead = await h().api.call('GET', `/v1/admin/leads/${leadId}`, { token: owner.accessToken });
      expect(lead.body.name).to.equal('Emergency Lead Fixed');
      const leads = await h().api.call('GET', '/v1/admin/leads', { token: owner.accessToken });
      expect(leads.body.items.map((l: { name: string }) => l.name).sort()).to.deep.equal(['Emergency Lead Fixed']);
      const users = await h().api.call('GET', '/v1/iam/users', { token: owner.accessToken });
      expect(users.body.items.map((u: { email: string }) => u.email)).to.include(invitedEmail);

      const audit = await auditOf(h(), org.id);
      expect(audit.text, 'the token never reaches the audit log').to.not.include(token);
      expect(audit.text).to.not.include(token.slice(3));
      const items = audit.body.items as Array<{ action: string; actor_id: string; resource_id: string; metadata: Record<string, unknown> }>;
      const start = items.filter((e) => e.action === 'break_glass.start');
      expect(start).to.have.length(1);
      expect(start[0]).to.include({ actor_id: owner.userId });
      expect(start[0]!.metadata).to.include({ reason, ttl_minutes: 15 });
      const writes = items.filter((e) => e.action === 'break_glass.write');
      expect(writes.map((e) => [e.actor_id, e.metadata['method'], e.metadata['path']]).sort()).to.deep.equal(
        [
          [owner.userId, 'POST', '/v1/admin/leads'],
          [owner.userId, 'PATCH', `/v1/admin/leads/${leadId}`],
          [owner.userId, 'POST', '/v1/iam/users'],
        ].sort(),
      );
      const refused = items.filter((e) => e.action === 'break_glass.refused');
      expect(refused.map((e) => [e.actor_id, e.metadata['started_by'], e.metadata['path']]).sort()).to.deep.equal(
        [
          ['basic:admin', owner.userId, '/v1/admin/leads'],
          [dispatcher.userId, owner.userId, '/v1/admin/leads'],
        ].sort(),
      );
      for (const w of writes) {
        expect(w.metadata['reason']).to.equal(reason);
        expect(w.resource_id, 'each write names the break-glass session').to.equal(start[0]!.resource_id);
      }
      // The writes themselves are audited as usual.
      expect(items.filter((e) => e.action === 'lead.create')).to.have.length(1);
      expect(items.filter((e) => e.action === 'lead.update')).to.have.length(1);
      // (the harness invited the owner and the dispatcher as e2e-setup; the owner invited one more)
      expect(items.filter((e) => e.action === 'iam.user_invite' && e.actor_id === owner.userId)).to.have.length(1);
      // Nor does it reach the request log.
      expect(JSON.stringify(h().logs.lines)).to.not.include(token.slice(3));
    });

    it('refuses with 409 a garbage token, a token of another org and an expired token, and audits no write for them', async () => {
      const orgA = await h().newOrg();
      const orgB = await h().newOrg();
      const ownerA = await h().staff(orgA.id, 'owner');
      const ownerB = await h().staff(orgB.id, 'owner');
      const tokenB = await startBreakGlass(h(), ownerB, 'INC-B only for org B');
      const body = { name: 'Should Not Exist', email: 'nope@example.com' };
      for (const [label, value] of [
        ['garbage', 'garbage'],
        ['random bg_ token', `bg_${randomUUID().replaceAll('-', '')}`],
        ['org B token used in org A', tokenB],
      ]) {
        const r = await h().api.call('POST', '/v1/admin/leads', { token: ownerA.accessToken, headers: { 'x-break-glass-token': value! }, body });
        expectProblem(r, 409, 'auth.admin_read_only', label);
        const iam = await h().api.call('PATCH', `/v1/iam/users/${ownerA.userId}`, { token: ownerA.accessToken, headers: { 'x-break-glass-token': value! }, body: { role: 'admin' } });
        expectProblem(iam, 409, 'auth.admin_read_only', `${label} on iam`);
      }
      expect((await h().api.call('GET', '/v1/admin/leads', { token: ownerA.accessToken })).body.items).to.have.length(0);
      expect((await h().api.call('GET', '/v1/auth/me', { token: ownerA.accessToken })).body.role).to.equal('owner');
      expect((await auditOf(h(), orgA.id, '&action=break_glass.write')).body.items).to.have.length(0);
      const auditB = (await auditOf(h(), orgB.id)).body.items.map((e: { action: string }) => e.action);
      expect(auditB).to.include('break_glass.start').and.not.include('break_glass.write');

      // Expiry: the shortest TTL is a minute, so the stored expiry is moved into the past.
      const tokenA = await startBreakGlass(h(), ownerA, 'INC-A short window', 1);
      const inTime = await h().api.call('POST', '/v1/admin/leads', { token: ownerA.accessToken, headers: { 'x-break-glass-token': tokenA }, body: { name: 'In Time', email: 'in@example.com' } });
      expect(inTime.status, inTime.text).to.equal(201);
      const moved = await db().ownerKnex('break_glass_tokens').where({ org_id: orgA.id }).update({ expires_at: new Date(Date.now() - 1000) });
      expect(moved).to.equal(1);
      const late = await h().api.call('POST', '/v1/admin/leads', { token: ownerA.accessToken, headers: { 'x-break-glass-token': tokenA }, body: { name: 'Too Late', email: 'late@example.com' } });
      expectProblem(late, 409, 'auth.admin_read_only', 'expired token');
      const names = (await h().api.call('GET', '/v1/admin/leads', { token: ownerA.accessToken })).body.items.map((l: { name: string }) => l.name);
      expect(names).to.deep.equal(['In Time']);
      expect((await auditOf(h(), orgA.id, '&action=break_glass.write')).body.items).to.have.length(1);
    });

    it('admits a write only once it is well-formed: a malformed one is 422 and leaves no break-glass audit row', async () => {
      const org = await h().newOrg();
      const owner = await h().staff(org.id, 'owner');
      const token = await startBreakGlass(h(), owner, 'INC-7 bad input check');
      const bad = await h().api.call('POST', '/v1/admin/leads', { token: owner.accessToken, headers: { 'x-break-glass-token': token }, body: { name: 42, nickname: 'x' } });
      expect(bad.status, bad.text).to.equal(422);
      expect((await auditOf(h(), org.id, '&action=break_glass.write')).body.items).to.have.length(0);
    });

    it('keeps turning off someone else’s MFA (POST /v1/auth/2fa/disable) under read-only, like any admin write', async () => {
      const org = await h().newOrg();
      const owner = await h().staff(org.id, 'owner');
      const member = await h().staff(org.id, 'dispatcher');
      const refused = await h().api.call('POST', '/v1/auth/2fa/disable', { token: owner.accessToken, body: { user_id: member.userId } });
      expectProblem(refused, 409, 'auth.admin_read_only');
      expect((await h().api.call('GET', '/v1/auth/me', { token: member.accessToken })).status, 'nothing ended').to.equal(200);
      const token = await startBreakGlass(h(), owner, 'INC-9 lost authenticator');
      const admitted = await h().api.call('POST', '/v1/auth/2fa/disable', { token: owner.accessToken, headers: { 'x-break-glass-token': token }, body: { user_id: member.userId } });
      expect(admitted.status, admitted.text).to.equal(204);
      const writes = (await auditOf(h(), org.id, '&action=break_glass.write')).body.items;
      expect(writes.map((w: { metadata: { path: string; reason: string } }) => [w.metadata.path, w.metadata.reason])).to.deep.equal([['/v1/auth/2fa/disable', 'INC-9 lost authenticator']]);
    });

    it('with ADMIN_READ_ONLY off, admin writes need no token', async () => {
      const open = await startApi(db(), {});
      try {
        const org = await open.newOrg();
        const owner = await open.staff(org.id, 'owner');
        const member = await open.staff(org.id, 'dispatcher');
        const created = await open.api.call('POST', '/v1/admin/leads', { token: owner.accessToken, body: { name: 'Normal Day', email: 'normal@example.com' } });
        expect(created.status, created.text).to.equal(201);
        const role = await open.api.call('PATCH', `/v1/iam/users/${member.userId}`, { token: owner.accessToken, body: { role: 'viewer' } });
        expect(role.status, role.text).to.equal(200);
        expect(role.body.role).to.equal('viewer');
        const flags = await open.api.call('GET', '/v1/admin/feature-flags', { token: owner.accessToken });
        expect(flags.body.admin_read_only).to.equal(false);
        const audit = await auditOf(open, org.id);
        expect(audit.body.items.map((e: { action: string }) => e.action)).to.include.members(['lead.create', 'iam.role_change']).and.not.include('break_glass.write');
      } finally {
        await open.close();
      }
    });
  },
  { env: { ADMIN_READ_ONLY: 'true' } },
);

// ---------------------------------------------------------------------------------------------
// ADMIN_MFA_REQUIRED
// ---------------------------------------------------------------------------------------------

/** Waits until at least `room` seconds are left in the current 30-second TOTP step. */
async function awayFromStepEdge(room = 3): Promise<void> {
  const intoStep = (Date.now() / 1000) % 30;
  if (30 - intoStep < room) await new Promise((resolve) => setTimeout(resolve, (30 - intoStep) * 1000 + 50));
}

function expectMfaRequired(r: ApiResponse, label: string): void {
  expectProblem(r, 401, 'auth.mfa_required', label);
  expect(r.body.type, label).to.match(/mfa_required$/);
}

onEachDatabase(
  'admin MFA requirement (ADMIN_MFA_REQUIRED=true)',
  (h) => {
    it('refuses owners and admins signed in without a second factor on /v1/admin/* and /v1/iam/* (401 auth.mfa_required), but serves /v1/auth/me and enrolment', async () => {
      const org = await h().newOrg();
      for (const role of ['owner', 'admin'] as const) {
        const session = await h().staff(org.id, role);
        expect(session.mfaVerified).to.equal(false);
        for (const [method, path, body] of [
          ['GET', '/v1/admin/leads'],
          ['GET', '/v1/iam/users'],
          ['GET', '/v1/admin/profile'],
          ['POST', '/v1/admin/leads', { name: `By ${role}`, email: 'mfa@example.com' }],
          ['POST', '/v1/iam/users', { email: `mfa-${randomUUID().slice(0, 8)}@e2e.example.com`, role: 'viewer' }],
          ['POST', '/v1/admin/break-glass/start', { reason: 'not without a factor', ttl_minutes: 5 }],
        ] as Array<[string, string, unknown?]>) {
          const label = `${role} → ${method} ${path}`;
          const r = await h().api.call(method, path, { token: session.accessToken, ...(body !== undefined ? { body } : {}) });
          expectMfaRequired(r, label);
          expect(r.headers.get('www-authenticate'), label).to.include('error="insufficient_user_authentication"');
        }
        const me = await h().api.call('GET', '/v1/auth/me', { token: session.accessToken });
        expect(me.status, me.text).to.equal(200);
        expect(me.body).to.include({ role, mfa_verified: false });
        expect(me.body.user.mfa_enabled).to.equal(false);
        const enroll = await h().api.call('POST', '/v1/auth/2fa/enroll', { token: session.accessToken, body: { current_password: session.password } });
        expect(enroll.status, enroll.text).to.equal(200);
        expect(enroll.body.secret).to.match(/^[A-Z2-7]{16,}$/);
        expect(enroll.body.otpauth_uri).to.match(/^otpauth:\/\/totp\//);
      }
      // Nothing was written by the refused calls.
      const leads = await h().api.call('GET', '/v1/admin/leads', { as: 'admin', org: org.id });
      expect(leads.body.items).to.have.length(0);
      const users = await h().api.call('GET', '/v1/iam/users', { as: 'admin', org: org.id });
      expect(users.body.items).to.have.length(2);
      const starts = await h().api.call('GET', '/v1/admin/audit-logs?action=break_glass.start', { as: 'admin', org: org.id });
      expect(starts.body.items).to.have.length(0);
    });

    it('does not refuse a dispatcher or a viewer (roles not asked for a factor at sign-in)', async () => {
      const org = await h().newOrg();
      const dispatcher = await h().staff(org.id, 'dispatcher');
      const viewer = await h().staff(org.id, 'viewer');
      const list = await h().api.call('GET', '/v1/admin/leads', { token: dispatcher.accessToken });
      expect(list.status, list.text).to.equal(200);
      const created = await h().api.call('POST', '/v1/admin/leads', { token: dispatcher.accessToken, body: { name: 'Dispatched', email: 'dispatched@example.com' } });
      expect(created.status, created.text).to.equal(201);
      const viewed = await h().api.call('GET', `/v1/admin/leads/${created.body.id}`, { token: viewer.accessToken });
      expect(viewed.status, viewed.text).to.equal(200);
    });

    it('admits the same session once TOTP is enrolled and verified, then asks every new sign-in for a code', async () => {
      const org = await h().newOrg();
      const owner = await h().staff(org.id, 'owner');
      const enroll = await h().api.call('POST', '/v1/auth/2fa/enroll', { token: owner.accessToken, body: { current_password: owner.password } });
      expect(enroll.status, enroll.text).to.equal(200);
      const secret = enroll.body.secret as string;
      // Verify with the previous step's code (still inside the verifier's window), so the current
      // step's code stays unspent for the sign-in below: codes cannot be replayed.
      await awayFromStepEdge();
      const verify = await h().api.call('POST', '/v1/auth/2fa/verify', { token: owner.accessToken, body: { code: totpCode(secret, totpStep(new Date()) - 1) } });
      expect(verify.status, verify.text).to.equal(200);
      expect(verify.body.enabled).to.equal(true);
      expect(verify.body.recovery_codes).to.have.length.greaterThan(0);

      // The same session, with the access token the verification answered: it says mfa_verified.
      const proven = verify.body.access_token as string;
      expect(verify.body.session_id ?? null, 'no new session: a new token for this one').to.equal(null);
      // The token from before verification claims no second factor, which the session no longer
      // matches: it is refused outright (401), whatever the route.
      expectProblem(await h().api.call('GET', '/v1/admin/leads', { token: owner.accessToken }), 401, 'auth.session_revoked', 'the token from before verification');
      for (const path of ['/v1/admin/leads', '/v1/iam/users', '/v1/admin/audit-logs']) {
        const r = await h().api.call('GET', path, { token: proven });
        expect(r.status, `${path}: ${r.text}`).to.equal(200);
      }
      const me = await h().api.call('GET', '/v1/auth/me', { token: proven });
      expect(me.body).to.include({ mfa_verified: true, session_id: owner.sessionId });
      expect(me.body.user.mfa_enabled).to.equal(true);
      const members = await h().api.call('GET', '/v1/iam/users', { token: proven });
      expect(members.body.items.find((m: { id: string }) => m.id === owner.userId)).to.include({ mfa_enabled: true });

      const login = (extra: Record<string, string>) => h().api.call('POST', '/v1/auth/login', { as: null, body: { email: owner.email, password: owner.password, ...extra } });
      const withoutCode = await login({});
      expectMfaRequired(withoutCode, 'login without a code');
      expect(withoutCode.body.access_token).to.equal(undefined);
      const current = totpCode(secret, totpStep(new Date()));
      const wrong = current === '000000' ? '111111' : '000000';
      expectMfaRequired(await login({ totp_code: wrong }), 'login with a wrong code');
      const withCode = await login({ totp_code: totpCode(secret, totpStep(new Date())) });
      expect(withCode.status, withCode.text).to.equal(200);
      expect(withCode.body).to.include({ mfa_verified: true, role: 'owner' });
      const fresh = await h().api.call('GET', '/v1/admin/leads', { token: withCode.body.access_token });
      expect(fresh.status, fresh.text).to.equal(200);
      const audit = await h().api.call('GET', '/v1/admin/audit-logs?action=auth.login', { token: withCode.body.access_token });
      expect(audit.body.items.filter((e: { actor_id: string; metadata: { mfa_verified: boolean } }) => e.actor_id === owner.userId && e.metadata.mfa_verified)).to.have.length(1);
    });

    it('does not apply to legacy Basic Auth, which is not MFA-capable and is governed by LEGACY_BASIC_AUTH_ENABLED instead', async () => {
      const org = await h().newOrg();
      for (const path of ['/v1/admin/leads', '/v1/iam/users']) {
        const r = await h().api.call('GET', path, { as: 'admin', org: org.id });
        expect(r.status, `${path}: ${r.text}`).to.equal(200);
      }
      const profile = await h().api.call('GET', '/v1/admin/profile', { as: 'admin', org: org.id });
      expect(profile.body).to.include({ auth_method: 'basic', mfa_verified: false, role: 'admin' });
      const flags = await h().api.call('GET', '/v1/admin/feature-flags', { as: 'admin', org: org.id });
      expect(flags.body).to.include({ admin_mfa_required: true, legacy_basic_auth_enabled: true });
    });
  },
  { env: { ADMIN_MFA_REQUIRED: 'true' } },
);
