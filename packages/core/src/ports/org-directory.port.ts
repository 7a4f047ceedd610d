import type { SystemAuditEntry } from '../domain/audit/audit-entry.js';
import type { Org, OrgSettings } from '../domain/orgs/org.js';

/**
 * The orgs table, read and written outside any tenant transaction: choosing an org by slug for
 * public routes, creating orgs, and listing orgs for cross-org jobs.
 */
export interface OrgDirectory {
  /**
   * Creates the org, its settings and the system audit row in one transaction;
   * `org.slug_taken` when the slug exists.
   */
  create(org: Org, settings: OrgSettings, audit: SystemAuditEntry): Promise<void>;
  findById(id: string): Promise<Org | null>;
  findBySlug(slug: string): Promise<Org | null>;
  /** Orgs ordered by id, after `afterId`, at most `limit`; for iterating all orgs in batches. */
  list(afterId: string | null, limit: number): Promise<readonly Org[]>;
  count(): Promise<number>;
}
