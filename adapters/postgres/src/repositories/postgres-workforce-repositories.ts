/**
 * Teams, workers, services and blackouts inside a tenant unit of work; RLS decides visibility.
 * Names sort with COLLATE "C" (code-point order), the order the core and the memory adapter use,
 * whatever collation the database was created with.
 */
import {
  AppError,
  type Blackout,
  type BlackoutRepository,
  type BlackoutScope,
  type RosterWorker,
  type Service,
  type ServiceRepository,
  type Team,
  type TeamRepository,
  type TimeWindow,
  type Worker,
  type WorkerListQuery,
  type WorkerRepository,
  type WorkingHours,
} from '@cws/core';
import type { Knex } from 'knex';
import { translatingErrors, updateOne } from '../pg-errors.js';
import type { TenantDb } from '../tenant-transaction.js';

type Row = Record<string, unknown>;

/** bigint columns arrive as strings (node-pg keeps int8 exact); amounts here fit a double. */
export const toNumber = (value: unknown): number => Number(value);
export const toNumberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

const BY_NAME = 'name COLLATE "C", id';

export function toTeam(r: Row): Team {
  return {
    id: r['id'] as string,
    orgId: r['org_id'] as string,
    name: r['name'] as string,
    active: r['active'] as boolean,
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
  };
}

export class PostgresTeamRepository implements TeamRepository {
  constructor(private readonly db: TenantDb) {}

  async insert(team: Team): Promise<void> {
    await translatingErrors(() =>
      this.db.table('teams').insert({ org_id: team.orgId, id: team.id, name: team.name, active: team.active, created_at: team.createdAt, updated_at: team.updatedAt }),
    );
  }

  async findById(id: string): Promise<Team | null> {
    const row = (await translatingErrors(() => this.db.table('teams').where({ id }).first())) as Row | undefined;
    return row === undefined ? null : toTeam(row);
  }

  async update(team: Team): Promise<void> {
    await updateOne(
      () => this.db.table('teams').where({ org_id: team.orgId, id: team.id }).update({ name: team.name, active: team.active, updated_at: team.updatedAt }),
      () => new AppError('team.not_found', `No team ${team.id} in this organisation`, { details: { team_id: team.id } }),
    );
  }

  async list(): Promise<readonly Team[]> {
    const rows = (await translatingErrors(() => this.db.table('teams').orderByRaw(BY_NAME))) as Row[];
    return rows.map(toTeam);
  }
}

const ROSTER_COLUMNS = ['id', 'name', 'skills', 'team_id', 'working_hours'] as const;

function toRosterWorker(r: Row): RosterWorker {
  return {
    id: r['id'] as string,
    name: r['name'] as string,
    skills: r['skills'] as string[],
    teamId: r['team_id'] as string | null,
    workingHours: r['working_hours'] as WorkingHours | null,
  };
}

export function toWorker(r: Row): Worker {
  return {
    ...toRosterWorker(r),
    phone: r['phone'] as string | null,
    email: r['email'] as string | null,
    orgId: r['org_id'] as string,
    active: r['active'] as boolean,
    portalPasswordHash: r['portal_password_hash'] as string | null,
    mustChangePortalPassword: r['must_change_portal_password'] as boolean,
    credentialsChangedAt: r['credentials_changed_at'] as Date | null,
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
  };
}

function workerColumns(w: Worker) {
  return {
    name: w.name,
    phone: w.phone,
    email: w.email,
    skills: [...w.skills],
    active: w.active,
    team_id: w.teamId,
    // A null must stay SQL NULL, not the JSON literal null.
    working_hours: w.workingHours === null ? null : JSON.stringify(w.workingHours),
    portal_password_hash: w.portalPasswordHash,
    must_change_portal_password: w.mustChangePortalPassword,
    credentials_changed_at: w.credentialsChangedAt,
    updated_at: w.updatedAt,
  };
}

export class PostgresWorkerRepository implements WorkerRepository {
  constructor(private readonly db: TenantDb) {}

  async insert(worker: Worker): Promise<void> {
    await translatingErrors(() => this.db.table('workers').insert({ org_id: worker.orgId, id: worker.id, created_at: worker.createdAt, ...workerColumns(worker) }));
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<Worker | null> {
    const qb = this.db.table('workers').where({ id }).first();
    if (options.forUpdate) qb.forUpdate();
    const row = (await translatingErrors(() => qb)) as Row | undefined;
    return row === undefined ? null : toWorker(row);
  }

  async findByIds(ids: readonly string[]): Promise<readonly Worker[]> {
    if (ids.length === 0) return [];
    const rows = (await translatingErrors(() => this.db.table('workers').whereRaw('id = ANY(?::uuid[])', [[...new Set(ids)]]))) as Row[];
    return rows.map(toWorker);
  }

  async update(worker: Worker): Promise<void> {
    await updateOne(
      () => this.db.table('workers').where({ org_id: worker.orgId, id: worker.id }).update(workerColumns(worker)),
      () => new AppError('worker.not_found', `No worker ${worker.id} in this organisation`, { details: { worker_id: worker.id } }),
    );
  }

  async list(query: WorkerListQuery): Promise<readonly Worker[]> {
    const qb = this.db.table('workers');
    if (query.teamId !== null) qb.where({ team_id: query.teamId });
    if (query.active !== null) qb.where({ active: query.active });
    const rows = (await translatingErrors(() => qb.orderByRaw(BY_NAME))) as Row[];
    return rows.map(toWorker);
  }

  async listRoster(): Promise<readonly RosterWorker[]> {
    const rows = (await translatingErrors(() => this.db.table('workers').select(...ROSTER_COLUMNS).where({ active: true }).orderByRaw(BY_NAME))) as Row[];
    return rows.map(toRosterWorker);
  }

  async findByLogin(login: { readonly email: string } | { readonly phone: string }): Promise<Worker | null> {
    const qb = this.db.table('workers').first();
    // lower(email) matches the unique index expression, so the lookup is an index probe.
    if ('email' in login) qb.whereRaw('lower(email) = ?', [login.email.toLowerCase()]);
    else qb.where({ phone: login.phone });
    const row = (await translatingErrors(() => qb)) as Row | undefined;
    return row === undefined ? null : toWorker(row);
  }
}

export function toService(r: Row): Service {
  return {
    id: r['id'] as string,
    orgId: r['org_id'] as string,
    name: r['name'] as string,
    durationMinutes: r['duration_minutes'] as number,
    priceMinor: toNumber(r['price_minor']),
    depositPercentBasis: (r['deposit_percent_basis'] as number | null) ?? null,
    depositCents: r['deposit_cents'] == null ? null : toNumber(r['deposit_cents']),
    active: r['active'] as boolean,
    createdAt: r['created_at'] as Date,
    updatedAt: r['updated_at'] as Date,
  };
}

function serviceColumns(s: Service) {
  return {
    name: s.name,
    duration_minutes: s.durationMinutes,
    price_minor: s.priceMinor,
    deposit_percent_basis: s.depositPercentBasis,
    deposit_cents: s.depositCents,
    active: s.active,
    updated_at: s.updatedAt,
  };
}

export class PostgresServiceRepository implements ServiceRepository {
  constructor(private readonly db: TenantDb) {}

  async insert(service: Service): Promise<void> {
    await translatingErrors(() => this.db.table('services').insert({ org_id: service.orgId, id: service.id, created_at: service.createdAt, ...serviceColumns(service) }));
  }

  async findById(id: string): Promise<Service | null> {
    const row = (await translatingErrors(() => this.db.table('services').where({ id }).first())) as Row | undefined;
    return row === undefined ? null : toService(row);
  }

  async update(service: Service): Promise<void> {
    await updateOne(
      () => this.db.table('services').where({ org_id: service.orgId, id: service.id }).update(serviceColumns(service)),
      () => new AppError('service.not_found', `No service ${service.id} in this organisation`, { details: { service_id: service.id } }),
    );
  }

  async list(query: { readonly active: boolean | null }): Promise<readonly Service[]> {
    const qb = this.db.table('services');
    if (query.active !== null) qb.where({ active: query.active });
    const rows = (await translatingErrors(() => qb.orderByRaw(BY_NAME))) as Row[];
    return rows.map(toService);
  }
}

export function toBlackout(r: Row): Blackout {
  return {
    id: r['id'] as string,
    orgId: r['org_id'] as string,
    scope: r['scope'] as BlackoutScope,
    teamId: r['team_id'] as string | null,
    workerId: r['worker_id'] as string | null,
    startsAt: r['starts_at'] as Date,
    endsAt: r['ends_at'] as Date,
    reason: r['reason'] as string,
    createdAt: r['created_at'] as Date,
  };
}

export class PostgresBlackoutRepository implements BlackoutRepository {
  constructor(private readonly db: TenantDb) {}

  async insert(b: Blackout): Promise<void> {
    await translatingErrors(() =>
      this.db.table('blackouts').insert({
        org_id: b.orgId,
        id: b.id,
        scope: b.scope,
        team_id: b.teamId,
        worker_id: b.workerId,
        starts_at: b.startsAt,
        ends_at: b.endsAt,
        reason: b.reason,
        created_at: b.createdAt,
      }),
    );
  }

  async findById(id: string): Promise<Blackout | null> {
    const row = (await translatingErrors(() => this.db.table('blackouts').where({ id }).first())) as Row | undefined;
    return row === undefined ? null : toBlackout(row);
  }

  async delete(id: string): Promise<boolean> {
    const count = await translatingErrors(() => this.db.table('blackouts').where({ id }).delete());
    return count > 0;
  }

  async listOverlapping(
    window: TimeWindow,
    filter: { readonly teamIds: readonly string[] | null; readonly workerIds: readonly string[] | null },
  ): Promise<readonly Blackout[]> {
    const qb = this.db
      .table('blackouts')
      .where('starts_at', '<', window.to)
      .where('ends_at', '>', window.from)
      .where((scope: Knex.QueryBuilder) => {
        scope.where({ scope: 'org' });
        scope.orWhere((team) => {
          team.where({ scope: 'team' });
          if (filter.teamIds !== null) team.whereIn('team_id', [...filter.teamIds]);
        });
        scope.orWhere((worker) => {
          worker.where({ scope: 'worker' });
          if (filter.workerIds !== null) worker.whereIn('worker_id', [...filter.workerIds]);
        });
      })
      .orderBy([{ column: 'starts_at' }, { column: 'id' }]);
    const rows = (await translatingErrors(() => qb)) as Row[];
    return rows.map(toBlackout);
  }
}
