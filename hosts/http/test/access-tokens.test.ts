/**
 * Access tokens: what they carry, when they stop being accepted, and that nothing but our own
 * HS256 signature with our key is accepted (no `alg: none`, no other key, no edited claims).
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { AppError } from '@cws/core';
import { AccessTokens } from '../src/auth/access-tokens.js';

const T0 = new Date('2026-05-01T10:00:00Z');
const claims = { userId: randomUUID(), email: 'ada@example.com', orgId: randomUUID(), role: 'admin' as const, sessionId: randomUUID(), mfaVerified: true, mustChangePassword: false };
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'expected the token to be refused').to.be.instanceOf(AppError);
  expect((err as AppError).code).to.equal('auth.token_invalid');
  return err as AppError;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access tokens', () => {
  const tokens = new AccessTokens('a-secret-of-reasonable-length-for-tests', 15);

  it('carries the org, role, session, MFA state and a due password change, and lives AUTH_ACCESS_TOKEN_TTL_MINUTES', async () => {
    const issued = await tokens.issue(claims, T0);
    expect(issued.expiresInSeconds).to.equal(900);
    expect(issued.expiresAt.toISOString()).to.equal(at(900).toISOString());
    const read = await tokens.verify(issued.token, at(899));
    expect(read).to.deep.equal({ ...claims, expiresAt: at(900) });
    const header = JSON.parse(Buffer.from(issued.token.split('.')[0]!, 'base64url').toString('utf8'));
    expect(header).to.deep.equal({ alg: 'HS256', typ: 'at+jwt' });
  });

  it('is refused once expired, with a hint to refresh — also after it was accepted (and remembered) before', async () => {
    const { token } = await tokens.issue(claims, T0);
    const err = await refusal(tokens.verify(token, at(901)));
    expect(err.message).to.include('/v1/auth/refresh');
    const other = await tokens.issue({ ...claims, sessionId: randomUUID() }, T0);
    expect((await tokens.verify(other.token, at(10))).sessionId).to.not.equal(claims.sessionId);
    expect((await tokens.verify(other.token, at(899))).sessionId, 'remembered').to.not.equal(claims.sessionId);
    await refusal(tokens.verify(other.token, at(900)));
  });

  it('is refused when signed with another key, when a claim is edited, or when unsigned', async () => {
    const { token } = await tokens.issue(claims, T0);
    await refusal(new AccessTokens('another-secret-entirely-different', 15).verify(token, at(1)));
    const [head, body, signature] = token.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    await refusal(tokens.verify(`${head}.${b64({ ...payload, role: 'owner' })}.${signature}`, at(1)));
    await refusal(tokens.verify(`${b64({ alg: 'none', typ: 'at+jwt' })}.${body}.`, at(1)));
    await refusal(tokens.verify('not-a-token', at(1)));
  });

  it('refuses a well-signed token whose claims are not ours (role unknown, ids not UUIDs)', async () => {
    // Same key, same issuer and audience, but claims an older or foreign issuer might have put there.
    const forge = new AccessTokens('a-secret-of-reasonable-length-for-tests', 15);
    const bad = await forge.issue({ ...claims, role: 'superuser' as never }, T0);
    await refusal(tokens.verify(bad.token, at(1)));
    const badId = await forge.issue({ ...claims, sessionId: 'not-a-uuid' }, T0);
    await refusal(tokens.verify(badId.token, at(1)));
  });
});
