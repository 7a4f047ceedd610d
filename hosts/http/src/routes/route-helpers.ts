import type { ResponseSpec } from '../routing/route-definition.js';
import { ProblemSchema } from '../schemas/common.schemas.js';

const problem = (description: string): ResponseSpec => ({ description, schema: ProblemSchema, contentType: 'application/problem+json' });

/** The error answers every staff route can give. */
export const commonErrors: Record<number, ResponseSpec> = {
  401: problem('Missing or wrong credentials (WWW-Authenticate names the scheme)'),
  403: problem('The role lacks the permission, or no org could be chosen'),
  404: problem('Not found in this org (also for another org’s id)'),
  409: problem('Conflicts with the current state'),
  422: problem('Invalid input; errors[] lists each field'),
  503: problem('The database is unavailable; retry later'),
};

export const publicErrors: Record<number, ResponseSpec> = {
  404: problem('Not found'),
  422: problem('Invalid input; errors[] lists each field'),
  503: problem('The database is unavailable; retry later'),
};
