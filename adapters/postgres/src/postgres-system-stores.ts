/**
 * Global tables, used outside tenant transactions as the connection user: orgs, system audit,
 * job heartbeats and job outcomes. Creating an org also writes its settings row, which is
 * org-owned, so that insert runs with the new org bound (the policy would refuse it otherwise).
 */
import type {
  JobMonitor,
  JobRunRecord,
  JobStats,
  Org,
  OrgDirectory,
  OrgJobOutcome,
  OrgJobStats,
  OrgSettings,
  RunnerHeartbeat,
  SystemAuditEntry,
  SystemAuditLog,
} from '@cws/core';
import type { Knex } from 'knex';
import { OrgModel } from './models.js';
import { settingsColumns } from './repositories/postgres-org-settings-repository.js';
import { translatingErrors } from './pg-errors.js';
import { inTenantTransaction } from './tenant-transaction.js';

const toOrg = (row: OrgModel): Org => ({ id: row.id, name: row.name, slug: row.slug, createdAt: row.created_at });

function systemAuditRow(e: SystemAuditEntry) {
  return {
    id: e.id,
    actor_id: e.actorId,
    action: e.action,
    reason: e.reason,
    metadata: JSON.stringify(e.metadata),
    request_id: e.requestId,
    created_at: e.createdAt,
  };
}

export class PostgresOrgDirectory implements OrgDirectory {
  constructor(private readonly knex: Knex) {}

  create(org: Org, settings: OrgSettings, audit: SystemAuditEntry): Promise<void> {
    return translatingErrors(() =>
      this.knex.transaction(async (trx) => {
        await trx('orgs').insert({ id: org.id, name: org.name, slug: org.slug, created_at: org.createdAt });
        await trx('system_audit_logs').insert(systemAuditRow(audit));
        await trx.raw("select set_config('role', 'cws_app', true), set_config('app.current_org_id', ?, true)", [org.id]);
        await trx('org_settings').insert({ org_id: org.id, ...settingsColumns(settings) });
      }),
    );
  }

  async findById(id: string): Promise<Org | null> {
    const row = await translatingErrors(() => OrgModel.query(this.knex).findById(id));
    return row === undefined ? null : toOrg(row);
  }

  async findBySlug(slug: string): Promise<Org | null> {
    const row = await translatingErrors(() => OrgModel.query(this.knex).findOne({ slug }));
    return row === undefined ? null : toOrg(row);
  }

  async list(afterId: string | null, limit: number): Promise<readonly Org[]> {
    const qb = OrgModel.query(this.knex).orderBy('id').limit(limit);
    if (afterId !== null) qb.where('id', '>', afterId);
    return (await translatingErrors(() => qb)).map(toOrg);
  }

  async count(): Promise<number> {
    const [row] = await translatingErrors(() => this.knex('orgs').count<{ count: string }[]>({ count: '*' }));
    return Number(row?.count ?? 0);
  }
}

export class PostgresSystemAuditLog implements SystemAuditLog {
  constructor(private readonly knex: Knex) {}

  async append(entry: SystemAuditEntry): Promise<void> {
    await translatingErrors(() => this.knex('system_audit_logs').insert(systemAuditRow(entry)));
  }

  async listRecent(limit: number): Promise<readonly SystemAuditEntry[]> {
    const rows = await translatingErrors(() => this.knex('system_audit_logs').orderBy('created_at', 'desc').limit(limit));
    return rows.map((r: Record<string, unknown>) => ({
      id: r['id'] as string,
      actorId: r['actor_id'] as string,
      action: r['action'] as string,
      reason: r['reason'] as string,
      metadata: r['metadata'] as Record<string, unknown>,
      requestId: r['request_id'] as string,
      createdAt: r['created_at'] as Date,
    }));
  }
}

export class PostgresJobMonitor implements JobMonitor {
  constructor(private readonly knex: Knex) {}

  async beat(h: RunnerHeartbeat): Promise<void> {
    await translatingErrors(() =>
      this.knex('job_heartbeats')
        .insert({
          runner_id: h.runnerId,
          name: h.name,
          hostname: h.hostname,
          pid: h.pid,
          version: h.version,
          started_at: h.startedAt,
          last_heartbeat: h.lastHeartbeat,
        })
        .onConflict('runner_id')
        .merge(),
    );
  }

  async recordRun(run: JobRunRecord): Promise<void> {
    const ok = run.outcome === 'success';
    // One upsert: counters add up correctly even when two runners finish the same job at once.
    await translatingErrors(() =>
      this.knex.raw(
        `insert into job_run_stats as s (job_name, last_run_at, last_success_at, last_error_at, last_error, success_count, error_count, last_runner_id)
         values (?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (job_name) do update set
           last_run_at = excluded.last_run_at,
           last_success_at = coalesce(excluded.last_success_at, s.last_success_at),
           last_error_at = coalesce(excluded.last_error_at, s.last_error_at),
           last_error = coalesce(excluded.last_error, s.last_error),
           success_count = s.success_count + excluded.success_count,
           error_count = s.error_count + excluded.error_count,
           last_runner_id = excluded.last_runner_id`,
        [run.jobName, run.finishedAt, ok ? run.finishedAt : null, ok ? null : run.finishedAt, ok ? null : run.error, ok ? 1 : 0, ok ? 0 : 1, run.runnerId],
      ),
    );
  }

  async listRunners(): Promise<readonly RunnerHeartbeat[]> {
    const rows = await translatingErrors(() => this.knex('job_heartbeats').orderBy('last_heartbeat', 'desc'));
    return rows.map((r: Record<string, unknown>) => ({
      runnerId: r['runner_id'] as string,
      name: r['name'] as string,
      hostname: r['hostname'] as string,
      pid: r['pid'] as number,
      version: r['version'] as string,
      startedAt: r['started_at'] as Date,
      lastHeartbeat: r['last_heartbeat'] as Date,
    }));
  }

  async listJobStats(): Promise<readonly JobStats[]> {
    const rows = await translatingErrors(() => this.knex('job_run_stats').orderBy('job_name'));
    return rows.map((r: Record<string, unknown>) => ({
      jobName: r['job_name'] as string,
      lastRunAt: r['last_run_at'] as Date | null,
      lastSuccessAt: r['last_success_at'] as Date | null,
      lastErrorAt: r['last_error_at'] as Date | null,
      lastError: r['last_error'] as string | null,
      successCount: Number(r['success_count']),
      errorCount: Number(r['error_count']),
      lastRunnerId: r['last_runner_id'] as string | null,
    }));
  }

  async recordOrgRun(orgId: string, run: OrgJobOutcome): Promise<void> {
    const ok = run.outcome === 'success';
    // In the org's tenant transaction: RLS keeps the row in its org. One upsert, so two runners
    // finishing the same org at once both count.
    await inTenantTransaction(this.knex, orgId, (db) =>
      db.raw(
        `insert into job_org_run_stats as s (org_id, job_name, last_run_at, last_success_at, last_error_at, last_error_code, success_count, error_count)
         values (?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (org_id, job_name) do update set
           last_run_at = greatest(s.last_run_at, excluded.last_run_at),
           last_success_at = coalesce(excluded.last_success_at, s.last_success_at),
           last_error_at = coalesce(excluded.last_error_at, s.last_error_at),
           last_error_code = coalesce(excluded.last_error_code, s.last_error_code),
           success_count = s.success_count + excluded.success_count,
           error_count = s.error_count + excluded.error_count`,
        [orgId, run.jobName, run.at, ok ? run.at : null, ok ? null : run.at, ok ? null : run.errorCode, ok ? 1 : 0, ok ? 0 : 1],
      ),
    );
  }

  async listOrgJobStats(orgId: string): Promise<readonly OrgJobStats[]> {
    const rows = await inTenantTransaction(this.knex, orgId, (db) => db.table('job_org_run_stats').orderBy('job_name'));
    return rows.map((r: Record<string, unknown>) => ({
      jobName: r['job_name'] as string,
      lastRunAt: r['last_run_at'] as Date,
      lastSuccessAt: r['last_success_at'] as Date | null,
      lastErrorAt: r['last_error_at'] as Date | null,
      lastErrorCode: r['last_error_code'] as string | null,
      successCount: Number(r['success_count']),
      errorCount: Number(r['error_count']),
    }));
  }

  async pruneRunners(before: Date): Promise<number> {
    return translatingErrors(() => this.knex('job_heartbeats').where('last_heartbeat', '<', before).delete());
  }
}
