/**
 * Objection models: table shapes only (snake_case, as stored). Domain objects never see them;
 * the repositories map rows to and from the core's types.
 */
import { Model } from 'objection';

export class OrgModel extends Model {
  static override tableName = 'orgs';
  id!: string;
  name!: string;
  slug!: string;
  created_at!: Date;
}

export class OrgSettingsModel extends Model {
  static override tableName = 'org_settings';
  static override idColumn = 'org_id';
  org_id!: string;
  time_zone!: string;
  currency!: string;
  lead_auto_archive_days!: number | null;
  locale!: string;
  notifications_disabled!: string[];
  dunning_days!: number[];
  updated_at!: Date;
}

export class LeadModel extends Model {
  static override tableName = 'leads';
  static override idColumn = ['org_id', 'id'];
  org_id!: string;
  id!: string;
  name!: string;
  email!: string | null;
  phone!: string | null;
  source!: string | null;
  status!: string;
  notes!: string | null;
  service_requested!: string | null;
  address!: Record<string, unknown> | null;
  converted_client_id!: string | null;
  converted_at!: Date | null;
  archived_at!: Date | null;
  created_at!: Date;
  updated_at!: Date;
}

export class ClientModel extends Model {
  static override tableName = 'clients';
  static override idColumn = ['org_id', 'id'];
  org_id!: string;
  id!: string;
  name!: string;
  email!: string | null;
  phone!: string | null;
  notes!: string | null;
  source_lead_id!: string | null;
  archived_at!: Date | null;
  created_at!: Date;
  updated_at!: Date;
}

export class ClientAddressModel extends Model {
  static override tableName = 'client_addresses';
  static override idColumn = ['org_id', 'id'];
  org_id!: string;
  id!: string;
  client_id!: string;
  label!: string | null;
  line1!: string;
  line2!: string | null;
  city!: string;
  region!: string | null;
  postal_code!: string | null;
  country!: string | null;
  access_notes!: string | null;
  is_primary!: boolean;
  created_at!: Date;
  updated_at!: Date;
}

export class AuditLogModel extends Model {
  static override tableName = 'admin_audit_logs';
  static override idColumn = ['org_id', 'id'];
  org_id!: string;
  id!: string;
  actor_kind!: string;
  actor_id!: string;
  admin_role!: string | null;
  action!: string;
  resource_type!: string;
  resource_id!: string | null;
  before!: Record<string, unknown> | null;
  after!: Record<string, unknown> | null;
  metadata!: Record<string, unknown>;
  request_id!: string;
  created_at!: Date;
}
