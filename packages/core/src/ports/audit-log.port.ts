import type { AuditEntry, SystemAuditEntry } from '../domain/audit/audit-entry.js';
import type { PageKey } from '../domain/shared/pagination.js';

export interface AuditListQuery {
  readonly resourceType: string | null;
  readonly resourceId: string | null;
  readonly action: string | null;
  readonly actorId: string | null;
  readonly createdFrom: Date | null;
  readonly createdTo: Date | null;
  readonly after: PageKey | null;
  readonly limit: number;
}

/** Append-only audit of the bound org: entries are written in the same unit of work as the change. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first, at most `limit` rows. */
  list(query: AuditListQuery): Promise<readonly AuditEntry[]>;
}

/** Append-only audit of cross-org (system) work. */
export interface SystemAuditLog {
  append(entry: SystemAuditEntry): Promise<void>;
  /** Newest first. */
  listRecent(limit: number): Promise<readonly SystemAuditEntry[]>;
}
