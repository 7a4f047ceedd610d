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

/** The query parameters every list shares (see ListQueryFields), as the core's list input. */
export interface ListQuery {
  readonly created_from?: string;
  readonly created_to?: string;
  readonly q?: string;
  readonly archived?: 'exclude' | 'only' | 'include';
  readonly cursor?: string;
  readonly limit?: number;
}

export function listInput(query: ListQuery) {
  return {
    ...(query.created_from !== undefined ? { createdFrom: query.created_from } : {}),
    ...(query.created_to !== undefined ? { createdTo: query.created_to } : {}),
    ...(query.q !== undefined ? { q: query.q } : {}),
    ...(query.archived !== undefined ? { archived: query.archived } : {}),
    ...(query.cursor !== undefined ? { cursor: query.cursor } : {}),
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
  };
}
