/**
 * Worker portal tokens: what they carry, that they live 12 hours, and that they and staff access
 * tokens are never accepted in each other's place — not even when both secrets are the same.
 */
import { expect } from 'chai';
import { hkdfSync, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { AppError } from '@cws/core';
import { AccessTokens } from '../src/auth/access-tokens.js';
import { WORKER_TOKEN_TTL_SECONDS, WorkerPortalTokens } from '../src/auth/worker-portal-tokens.js';

const SECRET = 'a-secret-of-reasonable-length-for-tests';
const T0 = new Date('2027-03-14T06:59:30.750Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const worker = { workerId: randomUUID(), orgId: randomUUID() };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function refusal(work: Promise<unknown>, code = 'auth.token_invalid'): Promise<AppError> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'expected the token to be refused').to.be.instanceOf(AppError);
  expect((err as AppError).code).to.equal(code);
  return err as AppError;
}

describe('worker portal tokens', () => {
  const tokens = new WorkerPortalTokens(SECRET);

  it('carries the worker, the org, typ worker and the issue instant to the millisecond, and lives 12 hours', async () => {
    const issued = await tokens.issue(worker, T0);
    expect(issued.expiresInSeconds).to.equal(12 * 3600).and.equal(WORKER_TOKEN_TTL_SECONDS);
    const iat = new Date(Math.floor(T0.getTime() / 1000) * 1000);
    expect(await tokens.verify(issued.token, at(60))).to.deep.equal({ ...worker, issuedAt: T0, expiresAt: new Date(iat.getTime() + 43_200_000) });
    const payload = JSON.parse(Buffer.from(issued.token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(payload).to.include({ sub: worker.workerId, org: worker.orgId, typ: 'worker' });
    const expired = await refusal(tokens.verify(issued.token, at(43_200)));
    expect(expired.message).to.include('/v1/worker/portal/login');
    expect(expired.details['www_authenticate']).to.match(/^Bearer realm="cleanwithsnapshot-worker-portal", error="invalid_token"/);
  });

  it('is never a staff token, and a staff token is never a worker token, even under one secret', async () => {
    const staff = new AccessTokens(SECRET, 15);
    const workerToken = await tokens.issue(worker, T0);
    await refusal(staff.verify(workerToken.token, at(1)));
    const staffToken = await staff.issue(
      { userId: worker.workerId, email: 'w@example.com', orgId: worker.orgId, role: 'owner', sessionId: randomUUID(), mfaVerified: true, mustChangePassword: false },
      T0,
    );
    await refusal(tokens.verify(staffToken.token, at(1)));
  });

  it('is refused with another key, edited claims, no signature, or well-signed claims that are not a worker’s', async () => {
    const { token } = await tokens.issue(worker, T0);
    await refusal(new WorkerPortalTokens('another-secret-entirely-different').verify(token, at(1)));
    const [head, body, signature] = token.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    await refusal(tokens.verify(`${head}.${b64({ ...payload, org: randomUUID() })}.${signature}`, at(1)));
    await refusal(tokens.verify(`${b64({ alg: 'none', typ: 'JWT' })}.${body}.`, at(1)));
    await refusal(tokens.verify('not-a-token', at(1)));
    await refusal(tokens.fromAuthorization(undefined, at(1)), 'auth.unauthenticated');
    await refusal(tokens.fromAuthorization('Basic abc', at(1)), 'auth.unauthenticated');
    expect((await tokens.fromAuthorization(`Bearer ${token}`, at(1))).workerId).to.equal(worker.workerId);
  });
});

describe('worker portal tokens signed elsewhere with the same derived key', () => {
  it('refuses a token whose typ is not worker, whose sub is not a UUID, or whose iat_ms is missing or disagrees', async () => {
    // The HKDF derivation is the module's; re-derive it here to sign claims it must still refuse.
    const key = new Uint8Array(hkdfSync('sha256', SECRET, 'cws', 'worker portal token v1', 32));
    const sign = (claims: Record<string, unknown>, sub: string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(sub)
        .setIssuer('cleanwithsnapshot')
        .setAudience('cws-worker-portal')
        .setIssuedAt(Math.floor(T0.getTime() / 1000))
        .setExpirationTime(Math.floor(T0.getTime() / 1000) + 3600)
        .sign(key);
    const tokens = new WorkerPortalTokens(SECRET);
    const iatMs = T0.getTime();
    expect((await tokens.verify(await sign({ org: worker.orgId, typ: 'worker', iat_ms: iatMs }, worker.workerId), at(1))).workerId, 'the control is accepted').to.equal(worker.workerId);
    await refusal(tokens.verify(await sign({ org: worker.orgId, typ: 'client', iat_ms: iatMs }, worker.workerId), at(1)));
    await refusal(tokens.verify(await sign({ org: worker.orgId, typ: 'worker', iat_ms: iatMs }, 'worker-7'), at(1)));
    // The millisecond issue time must be there and agree with iat.
    await refusal(tokens.verify(await sign({ org: worker.orgId, typ: 'worker' }, worker.workerId), at(1)));
    await refusal(tokens.verify(await sign({ org: worker.orgId, typ: 'worker', iat_ms: iatMs + 5000 }, worker.workerId), at(1)));
  });
});
