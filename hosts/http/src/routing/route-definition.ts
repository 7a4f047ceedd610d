/**
 * A route is a declaration: method, path, schemas, the permission it needs, and a handler that
 * calls a use case. The router, the permission test and the OpenAPI document are all generated
 * from these declarations, so they cannot drift apart.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import type { Permission, PortalSession, RequestContext } from '@cws/core';
import type { ParameterizedContext } from 'koa';
import type { Runtime } from '@cws/composition';
import type { StaffIdentity } from '../http/staff-identity.js';

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
  readonly schema?: TSchema;
  /** Non-JSON responses (text/plain metrics, text/html docs). */
  readonly contentType?: string;
}

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
  readonly description?: string;
  readonly tags: readonly string[];
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
  /** Whether a body is required when `body` is declared (default true for POST/PUT/PATCH). */
  readonly bodyRequired?: boolean;
  /** Where core validation pointers point (query for list routes), for `errors[].in`. */
  readonly inputIn?: 'body' | 'query';
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  handler(input: RouteInput<StaticOr<P, Record<string, never>>, StaticOr<Q, Record<string, never>>, Record<string, unknown>>): Promise<HandlerResult>;
}

/** Identity helper so declarations are type-checked against their own schemas. */
export function defineRoute<P extends TSchema | undefined = undefined, Q extends TSchema | undefined = undefined, B extends TSchema | undefined = undefined>(
  route: RouteDefinition<P, Q, B>,
): RouteDefinition {
  return route as unknown as RouteDefinition;
}
