import type { AuditEntry, AuditListQuery, AuditLog, Role } from '@cws/core';
import type { TenantDb } from '../tenant-transaction.js';
import { AuditLogModel } from '../models.js';
import { translatingErrors } from '../pg-errors.js';
import { applyWindow } from './list-filters.js';

function toEntry(row: AuditLogModel): AuditEntry {
  return {
    id: row.id,
    orgId: row.org_id,
    actorKind: row.actor_kind as AuditEntry['actorKind'],
    actorId: row.actor_id,
    actorRole: row.admin_role as Role | null,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    before: row.before,
    after: row.after,
    metadata: row.metadata,
    requestId: row.request_id,
    createdAt: row.created_at,
  };
}

const json = (value: Record<string, unknown> | null) => (value === null ? null : JSON.stringify(value));

/** An entry's row (also written inside a booking's write statement). */
export function auditRow(e: AuditEntry) {
  return {
    org_id: e.orgId,
    id: e.id,
    actor_kind: e.actorKind,
    actor_id: e.actorId,
    admin_role: e.actorRole,
    action: e.action,
    resource_type: e.resourceType,
    resource_id: e.resourceId,
    before: json(e.before),
    after: json(e.after),
    metadata: JSON.stringify(e.metadata),
    request_id: e.requestId,
    created_at: e.createdAt,
  };
}

export class PostgresAuditLog implements AuditLog {
  constructor(private readonly db: TenantDb) {}

  async append(e: AuditEntry): Promise<void> {
    await translatingErrors(() => this.db.table('admin_audit_logs').insert(auditRow(e)));
  }

  async list(q: AuditListQuery): Promise<readonly AuditEntry[]> {
    const qb = this.db.query(AuditLogModel);
    if (q.resourceType !== null) qb.where('resource_type', q.resourceType);
    if (q.resourceId !== null) qb.where('resource_id', q.resourceId);
    if (q.action !== null) qb.where('action', q.action);
    if (q.actorId !== null) qb.where('actor_id', q.actorId);
    const rows = await applyWindow(qb, q);
    return rows.map(toEntry);
  }
}
