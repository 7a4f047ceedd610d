/**
 * Idempotency keys. One statement claims a key: it inserts, or takes over an expired record, and
 * otherwise leaves the live record alone (the ON CONFLICT ... WHERE fails). A second transaction
 * claiming the same key meanwhile waits on the primary key until the first commits or rolls back,
 * then sees its outcome, so two concurrent retries never both create the resource.
 */
import type { IdempotencyRecord, IdempotencyRepository } from '@cws/core';
import { translatingErrors } from '../pg-errors.js';
import type { TenantDb } from '../tenant-transaction.js';

type Row = Record<string, unknown>;

export class PostgresIdempotencyRepository implements IdempotencyRepository {
  constructor(
    private readonly db: TenantDb,
    /** Records carry no org: they belong to the unit's. */
    private readonly orgId: string,
  ) {}

  async claim(record: IdempotencyRecord): Promise<IdempotencyRecord | null> {
    const claimed = await translatingErrors(() =>
      this.db.raw(
        `INSERT INTO idempotency_keys AS k (org_id, scope, key, fingerprint, resource_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (org_id, scope, key) DO UPDATE
           SET fingerprint = EXCLUDED.fingerprint, resource_id = EXCLUDED.resource_id,
               created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         WHERE k.expires_at <= EXCLUDED.created_at
         RETURNING 1`,
        [this.orgId, record.scope, record.key, record.fingerprint, record.resourceId, record.createdAt, record.expiresAt],
      ),
    );
    if (claimed.rows.length > 0) return null;
    // The conflicting row is locked by the statement above, so it is still the live one.
    const row = (await translatingErrors(() =>
      this.db.table('idempotency_keys').where({ org_id: this.orgId, scope: record.scope, key: record.key }).first(),
    )) as Row | undefined;
    if (row === undefined) throw new Error(`Idempotency key ${record.scope}/${record.key} conflicted but cannot be read`);
    return {
      scope: row['scope'] as string,
      key: row['key'] as string,
      fingerprint: row['fingerprint'] as string,
      resourceId: row['resource_id'] as string,
      createdAt: row['created_at'] as Date,
      expiresAt: row['expires_at'] as Date,
    };
  }

  async deleteExpired(now: Date, limit: number): Promise<number> {
    // DELETE has no LIMIT: pick the batch by key first (the org-led primary key finds it).
    const result = await translatingErrors(() =>
      this.db.raw(
        `DELETE FROM idempotency_keys WHERE (org_id, scope, key) IN (
           SELECT org_id, scope, key FROM idempotency_keys WHERE org_id = ? AND expires_at <= ? LIMIT ?)`,
        [this.orgId, now, limit],
      ),
    );
    return result.rowCount ?? 0;
  }
}
