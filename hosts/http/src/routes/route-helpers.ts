import { AppError } from '@cws/core';
import type { StaffIdentity } from '../http/staff-identity.js';
import type { ResponseSpec } from '../routing/route-definition.js';
import { ProblemSchema } from '../schemas/common.schemas.js';

const problem = (description: string): ResponseSpec => ({ description, schema: ProblemSchema, contentType: 'application/problem+json' });

/** The error answers every staff route can give. */
export const commonErrors: Record<number, ResponseSpec> = {
  401: problem('Missing, wrong or expired credentials, an ended session, or (admin API with ADMIN_MFA_REQUIRED) no proven second factor'),
  403: problem('The role lacks the permission, a temporary password must be changed first, the address is not on the admin allowlist, or no org could be chosen'),
  404: problem('Not found in this org (also for another org’s id)'),
  409: problem('Conflicts with the current state'),
  422: problem('Invalid input; errors[] lists each field'),
  429: problem('Too many requests (Retry-After says when to retry)'),
  503: problem('The database is unavailable; retry later'),
};

/** The answers of sign-in and refresh. */
export const authErrors: Record<number, ResponseSpec> = {
  401: problem('Wrong credentials, an invalid or reused refresh token, or a missing/wrong one-time code (code auth.mfa_required)'),
  403: problem('Not a member of the chosen org'),
  409: problem('Several orgs: send org_id (the problem lists them)'),
  422: problem('Invalid input; errors[] lists each field'),
  429: problem('Too many failed attempts (Retry-After says when to retry)'),
  503: problem('The database is unavailable; retry later'),
};

/** For responses that carry credentials (tokens, temporary passwords): never cached anywhere. */
export const NO_STORE: Readonly<Record<string, string>> = { 'Cache-Control': 'no-store' };

/** The session of a `sessionOnly` route (mountRoutes has already refused callers without one). */
export function requireSession(identity: StaffIdentity | null): string {
  if (identity?.sessionId == null) throw new AppError('auth.unauthenticated', 'This route acts on a signed-in session');
  return identity.sessionId;
}

export const publicErrors: Record<number, ResponseSpec> = {
  404: problem('Not found'),
  429: problem('Too many requests (Retry-After says when to retry)'),
  422: problem('Invalid input; errors[] lists each field'),
  503: problem('The database is unavailable; retry later'),
};
