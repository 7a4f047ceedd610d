/**
 * A limit that is checked, then spent, is no limit: sixty guesses sent at once must not all be
 * checked. Every password check reserves its attempt before the hash runs (review finding 3).
 */
import { expect } from 'chai';
import type { PasswordHasher } from '@cws/core';
import { CHEAP_HASHER, CLIENT_IP, identityFixture, PASSWORD } from '../support/identity-fixture.js';
import { schedulingFixture, PORTAL_PASSWORD } from '../support/scheduling-fixture.js';

/** Counts the password checks that really ran, each held open a moment so the guesses overlap. */
class CountingHasher implements PasswordHasher {
  verifications = 0;
  constructor(private readonly inner: PasswordHasher = CHEAP_HASHER) {}
  hash(password: string): Promise<string> {
    return this.inner.hash(password);
  }
  async verify(hash: string, password: string): Promise<boolean> {
    this.verifications += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return this.inner.verify(hash, password);
  }
}

const outcomes = (results: PromiseSettledResult<unknown>[]) =>
  results.map((r) => (r.status === 'fulfilled' ? 'ok' : ((r.reason as { code?: string }).code ?? String(r.reason))));

describe('Brute-force limits under concurrency', () => {
  it('60 concurrent wrong sign-ins to one account check at most 10 passwords; the rest are 429', async () => {
    const hasher = new CountingHasher();
    const fx = identityFixture({ passwordHasher: hasher });
    await fx.newOrgWithOwner('acme', 'olga@example.com');
    hasher.verifications = 0;
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => fx.signIn('olga@example.com', `Wrong-Guess-${i}-xx`, { clientIp: `198.51.100.${i}` })));
    const codes = outcomes(results);
    expect(hasher.verifications).to.be.at.most(10);
    expect(codes.filter((c) => c === 'auth.invalid_credentials')).to.have.length(hasher.verifications);
    expect(codes.filter((c) => c === 'request.rate_limited')).to.have.length(60 - hasher.verifications);
    // The account stays locked, even for the right password.
    expect(outcomes(await Promise.allSettled([fx.signIn('olga@example.com', PASSWORD)]))).to.deep.equal(['request.rate_limited']);
  });

  it('60 concurrent guesses from one address at many accounts check at most 10', async () => {
    const hasher = new CountingHasher();
    const fx = identityFixture({ passwordHasher: hasher });
    await fx.newOrgWithOwner('acme', 'olga@example.com');
    hasher.verifications = 0;
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => fx.signIn(`user${i}@example.com`, 'Wrong-Guess-xx', { clientIp: CLIENT_IP })));
    expect(hasher.verifications).to.be.at.most(10);
    expect(outcomes(results).filter((c) => c === 'request.rate_limited')).to.have.length(60 - hasher.verifications);
  });

  it('right passwords give their attempt back: 30 sign-ins in a row from one address all succeed', async () => {
    const fx = identityFixture();
    await fx.newOrgWithOwner('acme', 'olga@example.com');
    for (let i = 0; i < 30; i += 1) await fx.signIn('olga@example.com', PASSWORD);
  });

  it('60 concurrent wrong current passwords on change-password check at most 10', async () => {
    const hasher = new CountingHasher();
    const fx = identityFixture({ passwordHasher: hasher });
    await fx.newOrgWithOwner('acme', 'olga@example.com');
    const { session } = await fx.signIn('olga@example.com', PASSWORD);
    hasher.verifications = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        fx.core.identity.changePassword.execute(fx.as(session), { sessionId: session.id, currentPassword: `Wrong-${i}-xxxxxxxx`, newPassword: 'Fresh-Mop-Bucket-2026', clientIp: CLIENT_IP }),
      ),
    );
    expect(hasher.verifications).to.be.at.most(10);
    expect(outcomes(results).filter((c) => c === 'request.rate_limited')).to.have.length(60 - hasher.verifications);
  });

  it('60 concurrent wrong one-time codes check at most 10', async () => {
    const fx = identityFixture();
    await fx.newOrgWithOwner('acme', 'olga@example.com');
    const { session } = await fx.signIn('olga@example.com', PASSWORD);
    const { secret } = await fx.enableTotp(session);
    const right = fx.code(secret);
    const wrong = (i: number) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => fx.signIn('olga@example.com', PASSWORD, { totpCode: wrong(i), clientIp: `198.51.100.${i}` })));
    const codes = outcomes(results);
    expect(codes.filter((c) => c === 'auth.mfa_required').length).to.be.at.most(10);
    expect(codes.filter((c) => c === 'ok')).to.deep.equal([]);
  });

  it('60 concurrent worker portal guesses check at most 10 passwords', async () => {
    const hasher = new CountingHasher();
    const fx = schedulingFixture({ passwordHasher: hasher });
    const orgId = await fx.newOrg('acme');
    const worker = await fx.worker(orgId, { name: 'Wendy', phone: '+44 7700 900123' });
    await fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), { id: worker.id, password: PORTAL_PASSWORD });
    hasher.verifications = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        fx.core.workerPortal.signIn.execute({ requestId: `r${i}`, now: fx.clock.now(), clientIp: `198.51.100.${i}` }, { orgId, login: '+447700900123', password: `Wrong-${i}-xxxxxxx` }),
      ),
    );
    expect(hasher.verifications).to.be.at.most(10);
    expect(outcomes(results).filter((c) => c === 'request.rate_limited')).to.have.length(60 - hasher.verifications);
  });

  it('worker portal: an unknown org slug answers like a wrong password, checks a hash, and spends the same budgets', async () => {
    const hasher = new CountingHasher();
    const fx = schedulingFixture({ passwordHasher: hasher });
    const orgId = await fx.newOrg('acme');
    const worker = await fx.worker(orgId, { name: 'Wendy', phone: '+44 7700 900123' });
    await fx.core.workforce.setWorkerPassword.execute(fx.ctx(orgId), { id: worker.id, password: PORTAL_PASSWORD });
    hasher.verifications = 0;
    const attempt = (org: string, i: number): Promise<{ code: string; message: string }> =>
      fx.core.workerPortal.signIn
        .execute({ requestId: `r${i}`, now: fx.clock.now(), clientIp: '198.51.100.7' }, { org, login: '+447700900123', password: 'Wrong-xxxxxxxxxx' })
        .then(() => ({ code: 'ok', message: '' }));
    const unknown = await attempt('no-such-org', 0).catch((e: { code: string; message: string }) => e);
    const known = await attempt('acme', 1).catch((e: { code: string; message: string }) => e);
    expect(known.code).to.equal('auth.invalid_credentials');
    expect([unknown.code, unknown.message]).to.deep.equal([known.code, known.message]);
    expect(hasher.verifications, 'a hash is checked for the unknown org too').to.equal(2);
    // Both spend the address's budget: 8 more (10 in all) and the next, to either, is refused.
    for (let i = 0; i < 8; i += 1) await attempt(i % 2 === 0 ? 'no-such-org' : 'acme', i + 2).catch(() => undefined);
    for (const slug of ['acme', 'no-such-org']) expect((await attempt(slug, 99).catch((e: { code: string }) => e)).code).to.equal('request.rate_limited');
  });
});
