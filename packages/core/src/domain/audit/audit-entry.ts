/** One row of `admin_audit_logs`: who did what to which resource, with before/after snapshots. */
import type { ActorKind } from '../../context.js';
import type { Role } from '../../access/roles.js';

export interface AuditEntry {
  readonly id: string;
  readonly orgId: string;
  readonly actorKind: ActorKind;
  readonly actorId: string;
  readonly actorRole: Role | null;
  /** `<resource>.<verb>`, e.g. `lead.create`, `client.address_remove`. */
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string | null;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly metadata: Record<string, unknown>;
  readonly requestId: string;
  readonly createdAt: Date;
}

/** One row of `system_audit_logs`: cross-org work and why it was needed. */
export interface SystemAuditEntry {
  readonly id: string;
  readonly actorId: string;
  readonly action: string;
  readonly reason: string;
  readonly metadata: Record<string, unknown>;
  readonly requestId: string;
  readonly createdAt: Date;
}
