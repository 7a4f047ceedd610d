import { AppError, type Lead, type LeadListQuery, type LeadRepository, type LeadStatus, type ServiceAddress } from '@cws/core';
import type { Model, QueryBuilder } from 'objection';
import type { TenantDb } from '../tenant-transaction.js';
import { LeadModel } from '../models.js';
import { translatingErrors, updateOne } from '../pg-errors.js';
import { applyKnexWindow } from './list-filters.js';
import { DEFAULT_SEARCH_TUNING, searchList, type SearchTuning } from './text-search.js';

/** A leads row as node-pg returns it (the model's columns). */
type LeadRow = Omit<LeadModel, keyof Model>;

function toLead(row: LeadRow): Lead {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    source: row.source,
    status: row.status as LeadStatus,
    notes: row.notes,
    serviceRequested: row.service_requested,
    // Rows stored before leads took a label and access notes have neither.
    address: row.address === null ? null : ({ label: null, accessNotes: null, ...row.address } as ServiceAddress),
    convertedClientId: row.converted_client_id,
    convertedAt: row.converted_at,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns a lead update may change (id, org and creation time never change). */
function mutableColumns(lead: Lead) {
  return {
    name: lead.name,
    email: lead.email,
    phone: lead.phone,
    source: lead.source,
    status: lead.status,
    notes: lead.notes,
    service_requested: lead.serviceRequested,
    address: lead.address === null ? null : JSON.stringify(lead.address),
    converted_client_id: lead.convertedClientId,
    converted_at: lead.convertedAt,
    archived_at: lead.archivedAt,
    updated_at: lead.updatedAt,
  };
}

export class PostgresLeadRepository implements LeadRepository {
  constructor(
    private readonly db: TenantDb,
    private readonly search: SearchTuning = DEFAULT_SEARCH_TUNING,
  ) {}

  async insert(lead: Lead): Promise<void> {
    await translatingErrors(() => this.db.table('leads').insert({ org_id: lead.orgId, id: lead.id, created_at: lead.createdAt, ...mutableColumns(lead) }));
  }

  async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<Lead | null> {
    // Plain knex on these hot reads: objection's model instances cost more than the mapping.
    const qb = this.db.table('leads').select('leads.*').where({ id }).first();
    if (options.forUpdate) qb.forUpdate();
    const row = (await qb) as LeadRow | undefined;
    return row === undefined ? null : toLead(row);
  }

  async update(lead: Lead): Promise<void> {
    await updateOne(
      () => this.db.table('leads').where({ id: lead.id, org_id: lead.orgId }).update(mutableColumns(lead)),
      () => new AppError('lead.not_found', `No lead ${lead.id} in this organisation`, { details: { lead_id: lead.id } }),
    );
  }

  async list(q: LeadListQuery): Promise<readonly Lead[]> {
    const statuses = (qb: QueryBuilder<LeadModel, LeadModel[]>) => {
      if (q.statuses !== null) qb.whereIn('status', [...q.statuses]);
    };
    if (q.search !== null) return (await searchList<LeadModel>(this.db, LeadModel, { ...q, search: q.search }, statuses, this.search)).map(toLead);
    const qb = this.db.table('leads');
    if (q.statuses !== null) qb.whereIn('status', [...q.statuses]);
    return ((await applyKnexWindow(qb, 'leads', q)) as LeadRow[]).map(toLead);
  }

  async listStale(q: { updatedBefore: Date; statuses: readonly LeadStatus[]; limit: number }): Promise<readonly Lead[]> {
    const rows = await this.db.query(LeadModel)
      .whereNull('archived_at')
      .whereIn('status', [...q.statuses])
      .where('updated_at', '<', q.updatedBefore)
      .orderBy([{ column: 'updated_at' }, { column: 'id' }])
      .limit(q.limit);
    return rows.map(toLead);
  }
}
