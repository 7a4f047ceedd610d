/**
 * A route is a declaration: method, path, schemas, the permission it needs, and a handler that
 * calls a use case. The router, the permission test and the OpenAPI document are all generated
 * from these declarations, so they cannot drift apart.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { ContractInput, Permission, PortalSession, RequestContext, UseCaseContract } from '@cws/core';
import type { ParameterizedContext } from 'koa';
import type { Runtime } from '@cws/composition';
import type { StaffIdentity } from '../http/staff-identity.js';
import type { ApiTag } from './api-tags.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call the route: `staff` needs an identity with the route's permission; `worker` needs
 * a worker portal token (never a staff credential, and no permission); `public` and `infra`
 * (health, metrics, docs) need none.
 */
export type RouteAudience = 'staff' | 'worker' | 'public' | 'infra';

/** The worker a `worker` route acts for, from their portal token. */
export interface WorkerPortalIdentity {
  readonly orgId: string;
  readonly session: PortalSession;
}

export interface ResponseSpec {
  readonly description: string;
  /** The body's schema; `'output'`: the route's contract output, as the wire names it. */
  readonly schema?: TSchema | 'output';
  /** Response headers this answer sets (names of components in the document, e.g. Location). */
  readonly headers?: readonly ResponseHeader[];
  /** Non-JSON responses (text/plain metrics, text/html docs). */
  readonly contentType?: string;
}

/** Headers the document declares on answers (see openapi-document.ts for their meaning). */
export type ResponseHeader = 'Location' | 'Idempotent-Replayed' | 'Cache-Control' | 'Retry-After' | 'Content-Disposition';

export interface HandlerResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Defaults to application/json for object bodies. */
  readonly contentType?: string;
}

export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  /** The validated body with keys converted to camelCase. */
  readonly body: B;
  /** Routes declaring `rawBody`: the body's bytes as received; null elsewhere. */
  readonly rawBody: Uint8Array | null;
  readonly requestId: string;
  readonly now: Date;
  readonly runtime: Runtime;
  /** Set for staff and worker routes: the org and actor the request acts as. */
  readonly ctx: RequestContext;
  /** Staff routes: who is calling and how they proved it; null elsewhere. */
  readonly identity: StaffIdentity | null;
  /** Worker routes: the worker and their portal session; null elsewhere. */
  readonly worker: WorkerPortalIdentity | null;
  /** The client address as resolved through trusted proxies. */
  readonly clientIp: string;
  readonly koa: ParameterizedContext;
}

type StaticOr<T extends TSchema | undefined, D> = T extends TSchema ? Static<T> : D;

export interface RouteDefinition<P extends TSchema | undefined = TSchema | undefined, Q extends TSchema | undefined = TSchema | undefined, B extends TSchema | undefined = TSchema | undefined> {
  readonly method: HttpMethod;
  /** Koa syntax: `/v1/admin/leads/:id`. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  /** What the operation does and its notable answers (the document and the reference show it). */
  readonly description: string;
  readonly tags: readonly ApiTag[];
  readonly audience: RouteAudience;
  /** Required (non-null) exactly when audience is `staff`. */
  readonly permission: Permission | null;
  /** Staff routes that act on the caller's own session (sign out, MFA): Basic Auth has none. */
  readonly sessionOnly?: boolean;
  /** Staff routes still open while a temporary password waits to be changed. */
  readonly allowedWithTemporaryPassword?: boolean;
  /** An admin write that stays open in read-only mode (starting break-glass itself). */
  readonly readOnlyExempt?: boolean;
  /**
   * Under the admin safety switches (IP allowlist, MFA requirement, read-only, admin write
   * limit) though its path is not under /v1/admin or /v1/iam (turning off someone's MFA).
   */
  readonly adminSurface?: boolean;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /**
   * An application/x-www-form-urlencoded body (a provider's webhook): documented by this schema,
   * handed to the handler as `body` with its names as sent (no case conversion, not validated:
   * the handler checks the provider's signature over it first).
   */
  readonly formBody?: TSchema;
  /**
   * A body taken as the bytes received (a provider's signed webhook): the JSON parser skips the
   * route, the handler gets `rawBody` unparsed and checks the provider's signature over it first.
   * `schema` documents what the bytes hold.
   */
  readonly rawBody?: { readonly mediaType: string; readonly limitBytes: number; readonly schema: TSchema };
  /** Whether a body is required when `body` is declared (default true for POST/PUT/PATCH). */
  readonly bodyRequired?: boolean;
  /** Where core validation pointers point (query for list routes), for `errors[].in`. */
  readonly inputIn?: 'body' | 'query';
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** Set by defineContractRoute: the use case contract the request's input comes from. */
  readonly contract?: UseCaseContract;
  readonly headerFields?: Readonly<Record<string, InputHeader>>;
  readonly fixedFields?: readonly string[];
  handler(input: RouteInput<StaticOr<P, Record<string, never>>, StaticOr<Q, Record<string, never>>, Record<string, unknown>>): Promise<HandlerResult>;
}

/** Request headers a contract field may come from. */
export type InputHeader = 'Idempotency-Key' | 'X-Break-Glass-Token';

/** What a contract route's handler gets besides the transport: the use case's input, assembled and typed. */
export interface ContractRouteInput<C extends UseCaseContract, F extends string = never> extends Omit<RouteInput<unknown, unknown, unknown>, 'params' | 'query' | 'body'> {
  /**
   * Path, body (or query) and header fields as the contract names them (camelCase), checked
   * against the contract's wire form; the fixed fields are the handler's to add.
   */
  readonly input: Omit<ContractInput<C>, F>;
}

/**
 * A route whose input is a use case's contract: the path fields (named as in the path), header
 * fields and the rest — the body for writes, the query string for reads — are all derived from
 * `contract.input`. Validation, the handler's input type and the document follow from it.
 */
export interface ContractRouteDefinition<C extends UseCaseContract = UseCaseContract, F extends string = never> extends Omit<RouteDefinition, 'params' | 'query' | 'body' | 'bodyRequired' | 'inputIn' | 'handler' | 'contract' | 'headerFields' | 'fixedFields'> {
  readonly contract: C;
  /** Where the fields not in the path or headers come from (default: query for GET and DELETE, body otherwise). */
  readonly inputIn?: 'body' | 'query';
  /** Contract fields taken from request headers. */
  readonly headerFields?: Readonly<Partial<Record<keyof ContractInput<C> & string, InputHeader>>>;
  /** Require a JSON body even when the contract requires no field of it (default: required exactly when it does). */
  readonly bodyRequired?: boolean;
  /** Contract fields the route sets itself (not on the wire), e.g. the caller's own id. */
  readonly fixedFields?: readonly F[];
  handler(input: ContractRouteInput<C, F>): Promise<HandlerResult>;
}

/** Declares a route driven by a use case's contract. */
export function defineContractRoute<C extends UseCaseContract, F extends keyof ContractInput<C> & string = never>(route: ContractRouteDefinition<C, F>): RouteDefinition {
  return route as unknown as RouteDefinition;
}

/** Identity helper so declarations are type-checked against their own schemas. */
export function defineRoute<P extends TSchema | undefined = undefined, Q extends TSchema | undefined = undefined, B extends TSchema | undefined = undefined>(
  route: RouteDefinition<P, Q, B>,
): RouteDefinition {
  return route as unknown as RouteDefinition;
}
