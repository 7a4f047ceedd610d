/**
 * @cws/client: the CleanWithSnapshot HTTP API as a typed client. The types come from the OpenAPI
 * document the HTTP host serves (./generated/openapi.ts, written by `npm run client:generate`);
 * requests go through openapi-fetch, so a path, its parameters, its body and each answer are
 * checked by the compiler against that document.
 */
import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/openapi.js';

export type { components, operations, paths } from './generated/openapi.js';

export interface CwsClientOptions {
  /** Where the API is served, e.g. http://127.0.0.1:8000 (the paths carry /v1 themselves). */
  readonly baseUrl: string;
  /**
   * An access token (the `access_token` of POST /v1/auth/login), sent as
   * `Authorization: Bearer <token>` on every request that does not set Authorization itself.
   */
  readonly token?: string;
  /** Used instead of the global fetch (tests, proxies, instrumentation). */
  readonly fetch?: ClientOptions['fetch'];
}

export type CwsClient = Client<paths>;

/** A client typed by the API's paths; with `token`, signed in. */
export function createCwsClient(options: CwsClientOptions): CwsClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch !== undefined ? { fetch: options.fetch } : {}) });
  if (options.token !== undefined) client.use(bearerToken(options.token));
  return client;
}

function bearerToken(token: string): Middleware {
  if (token === '') throw new TypeError('createCwsClient: token is empty (leave it out to call without credentials)');
  const authorization = `Bearer ${token}`;
  return {
    onRequest({ request }) {
      if (!request.headers.has('authorization')) request.headers.set('authorization', authorization);
      return request;
    },
  };
}

/**
 * The named schemas of a `components` type: `components['schemas']` when the document has any,
 * none otherwise (openapi-typescript writes `schemas: never` for a document without them, and
 * `keyof never` would be every string).
 */
export type SchemasOf<C> = C extends { schemas: infer S } ? ([S] extends [never] ? Record<never, never> : S) : Record<never, never>;

/** The names of the API's named schemas (components.schemas). */
export type SchemaName = Extract<keyof SchemasOf<components>, string>;

/** One named schema of the API, e.g. `Schema<'Lead'>` for components['schemas']['Lead']. */
export type Schema<Name extends SchemaName> = SchemasOf<components>[Name];
