import type { RequestContext } from '../../context.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { AuditEntry } from './audit-entry.js';

export interface AuditFacts {
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
  readonly metadata?: Record<string, unknown>;
}

/** Builds the audit row of a change made under `ctx`. */
export function auditEntry(ctx: RequestContext, ids: IdGenerator, facts: AuditFacts): AuditEntry {
  return {
    id: ids.next(),
    orgId: ctx.orgId,
    actorKind: ctx.actor.kind,
    actorId: ctx.actor.id,
    actorRole: ctx.actor.role,
    action: facts.action,
    resourceType: facts.resourceType,
    resourceId: facts.resourceId,
    before: facts.before ?? null,
    after: facts.after ?? null,
    metadata: facts.metadata ?? {},
    requestId: ctx.requestId,
    createdAt: ctx.now,
  };
}

/** A JSON-safe snapshot of an entity for before/after columns (dates as ISO strings). */
export function snapshot(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
