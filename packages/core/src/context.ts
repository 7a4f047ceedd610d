/**
 * Who is acting and for which org. Every use case takes one of these first: tenancy is explicit,
 * never ambient (no AsyncLocalStorage inside the core).
 */
import type { Role } from './access/roles.js';

export type ActorKind = 'staff' | 'client' | 'worker' | 'system' | 'public';

export interface Actor {
  readonly kind: ActorKind;
  /** Stable id of the actor: a user id, `basic:<username>`, a job name, or `public-intake`. */
  readonly id: string;
  /** Staff role; null for non-staff actors. */
  readonly role: Role | null;
}

/**
 * The signed-in session a request acts under. Every unit of work run with the context first
 * confirms, in its own transaction, that the session is live — so nothing commits under a
 * session revoked a moment ago, and the request pays no separate round trip for the check.
 * `confirmed` is set by whatever checked it; a host checks explicitly when nothing did.
 */
export interface SessionProof {
  readonly sessionId: string;
  readonly userId: string;
  /**
   * What the access token claims: the check also requires the live membership to hold this role
   * and the session's second-factor state to equal this, so a token whose claims no longer
   * match (or were forged with a leaked key) is refused.
   */
  readonly role: Role;
  readonly mfaVerified: boolean;
  confirmed: boolean;
}

/** Context of work done inside one org. */
export interface RequestContext {
  readonly orgId: string;
  readonly actor: Actor;
  readonly requestId: string;
  /** The instant the request or job started; use cases stamp rows with it (no hidden Date.now()). */
  readonly now: Date;
  /** Set for requests of a signed-in user (not Basic Auth, jobs or public requests). */
  readonly session?: SessionProof;
}

/**
 * Context of cross-org work (job runners, org creation, public slug lookup). It may only touch
 * global tables; work on an org's rows takes a tenant context per org (see `tenantContextFor`).
 */
export interface SystemContext {
  readonly actor: Actor & { readonly kind: 'system' | 'public' };
  readonly requestId: string;
  readonly now: Date;
  /** Why cross-org access is needed; recorded in the system audit log. */
  readonly reason: string;
  /** The job this work runs as, when a job host runs it: each org's outcome is recorded under this name. */
  readonly job?: string;
}

export function systemActor(id: string): Actor & { kind: 'system' } {
  return { kind: 'system', id, role: null };
}

/** Derives the tenant context a system task uses for one org. */
export function tenantContextFor(system: SystemContext, orgId: string): RequestContext {
  return { orgId, actor: system.actor, requestId: system.requestId, now: system.now };
}
