/** The global (not org-scoped) stores: orgs, system audit, job heartbeats and job outcomes. */
import {
  AppError,
  type JobMonitor,
  type JobRunRecord,
  type JobStats,
  type Org,
  type OrgJobOutcome,
  type OrgJobStats,
  type OrgDirectory,
  type OrgSettings,
  type RunnerHeartbeat,
  type SystemAuditEntry,
  type SystemAuditLog,
} from '@cws/core';
import { copy, type MemoryState } from './memory-state.js';

export class MemoryOrgDirectory implements OrgDirectory {
  constructor(private readonly state: MemoryState) {}

  create(org: Org, settings: OrgSettings, audit: SystemAuditEntry): Promise<void> {
    return this.state.serial(async () => this.insert(org, settings, audit));
  }

  private insert(org: Org, settings: OrgSettings, audit: SystemAuditEntry): void {
    if ([...this.state.orgs.values()].some((o) => o.slug === org.slug)) {
      throw new AppError('org.slug_taken', `The slug ${org.slug} is in use`, { details: { slug: org.slug } });
    }
    if (this.state.orgs.has(org.id)) throw new AppError('storage.conflict', `Organisation ${org.id} exists`);
    this.state.orgs.set(org.id, copy(org));
    this.state.tables.orgSettings.set(org.id, copy(settings));
    this.state.systemAudit.push(copy(audit));
  }

  async findById(id: string): Promise<Org | null> {
    const org = this.state.orgs.get(id);
    return org === undefined ? null : copy(org);
  }

  async findBySlug(slug: string): Promise<Org | null> {
    const org = [...this.state.orgs.values()].find((o) => o.slug === slug);
    return org === undefined ? null : copy(org);
  }

  async list(afterId: string | null, limit: number): Promise<readonly Org[]> {
    return [...this.state.orgs.values()]
      .filter((o) => afterId === null || o.id > afterId)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map(copy);
  }

  async count(): Promise<number> {
    return this.state.orgs.size;
  }
}

export class MemorySystemAuditLog implements SystemAuditLog {
  constructor(private readonly state: MemoryState) {}

  async append(entry: SystemAuditEntry): Promise<void> {
    this.state.systemAudit.push(copy(entry));
  }

  async listRecent(limit: number): Promise<readonly SystemAuditEntry[]> {
    return [...this.state.systemAudit]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit)
      .map(copy);
  }
}

export class MemoryJobMonitor implements JobMonitor {
  constructor(private readonly state: MemoryState) {}

  async beat(heartbeat: RunnerHeartbeat): Promise<void> {
    this.state.heartbeats.set(heartbeat.runnerId, copy(heartbeat));
  }

  async recordRun(run: JobRunRecord): Promise<void> {
    const prior: JobStats = this.state.jobStats.get(run.jobName) ?? {
      jobName: run.jobName,
      lastRunAt: null,
      lastSuccessAt: null,
      lastErrorAt: null,
      lastError: null,
      successCount: 0,
      errorCount: 0,
      lastRunnerId: null,
    };
    const ok = run.outcome === 'success';
    this.state.jobStats.set(run.jobName, {
      ...prior,
      lastRunAt: run.finishedAt,
      lastRunnerId: run.runnerId,
      lastSuccessAt: ok ? run.finishedAt : prior.lastSuccessAt,
      lastErrorAt: ok ? prior.lastErrorAt : run.finishedAt,
      lastError: ok ? prior.lastError : run.error,
      successCount: prior.successCount + (ok ? 1 : 0),
      errorCount: prior.errorCount + (ok ? 0 : 1),
    });
  }

  async recordOrgRun(orgId: string, run: OrgJobOutcome): Promise<void> {
    const ofOrg = this.state.orgJobStats.get(orgId) ?? new Map<string, OrgJobStats>();
    this.state.orgJobStats.set(orgId, ofOrg);
    const prior = ofOrg.get(run.jobName);
    const ok = run.outcome === 'success';
    ofOrg.set(run.jobName, {
      jobName: run.jobName,
      lastRunAt: run.at,
      lastSuccessAt: ok ? run.at : (prior?.lastSuccessAt ?? null),
      lastErrorAt: ok ? (prior?.lastErrorAt ?? null) : run.at,
      lastErrorCode: ok ? (prior?.lastErrorCode ?? null) : run.errorCode,
      successCount: (prior?.successCount ?? 0) + (ok ? 1 : 0),
      errorCount: (prior?.errorCount ?? 0) + (ok ? 0 : 1),
    });
  }

  async listOrgJobStats(orgId: string): Promise<readonly OrgJobStats[]> {
    return [...(this.state.orgJobStats.get(orgId)?.values() ?? [])].sort((a, b) => (a.jobName < b.jobName ? -1 : 1)).map(copy);
  }

  async listRunners(): Promise<readonly RunnerHeartbeat[]> {
    return [...this.state.heartbeats.values()].sort((a, b) => b.lastHeartbeat.getTime() - a.lastHeartbeat.getTime()).map(copy);
  }

  async listJobStats(): Promise<readonly JobStats[]> {
    return [...this.state.jobStats.values()].sort((a, b) => (a.jobName < b.jobName ? -1 : 1)).map(copy);
  }

  async pruneRunners(before: Date): Promise<number> {
    let removed = 0;
    for (const [id, hb] of this.state.heartbeats) {
      if (hb.lastHeartbeat < before) {
        this.state.heartbeats.delete(id);
        removed += 1;
      }
    }
    return removed;
  }
}
