import type { Lead, LeadStatus } from '../domain/leads/lead.js';
import type { PageKey } from '../domain/shared/pagination.js';
import type { SearchField } from '../domain/shared/search-fields.js';

export interface TextSearch {
  /** Lower-cased, trimmed, at least 3 characters; matched as a substring of name and email (case-insensitive). */
  readonly text: string;
  /** The digits of the search when it has at least 3; matched as a substring of the phone. */
  readonly digits: string | null;
  /**
   * The fields to match, and no others: a role that sees email and phone masked searches names
   * only, so a search cannot tell it what its responses hide.
   */
  readonly fields: readonly SearchField[];
}

export type ArchivedFilter = 'exclude' | 'only' | 'include';

export interface LeadListQuery {
  readonly statuses: readonly LeadStatus[] | null;
  /** Inclusive lower bound on created_at. */
  readonly createdFrom: Date | null;
  /** Exclusive upper bound on created_at. */
  readonly createdTo: Date | null;
  readonly search: TextSearch | null;
  readonly archived: ArchivedFilter;
  /** Return rows strictly after this key, newest first. */
  readonly after: PageKey | null;
  readonly limit: number;
}

/** Leads of the org the unit of work is bound to. Another org's lead is simply absent (null). */
export interface LeadRepository {
  /** A lead whose orgId is not the bound org fails with `tenant.cross_org_write`. */
  insert(lead: Lead): Promise<void>;
  /** `forUpdate` locks the row until the unit of work ends. */
  findById(id: string, options?: { forUpdate?: boolean }): Promise<Lead | null>;
  /** Replaces the stored lead; `lead.not_found` when it is absent from the bound org. */
  update(lead: Lead): Promise<void>;
  /** Newest first, at most `limit` rows. */
  list(query: LeadListQuery): Promise<readonly Lead[]>;
  /** Unarchived leads in `statuses` last updated before `updatedBefore`, oldest first. */
  listStale(query: { updatedBefore: Date; statuses: readonly LeadStatus[]; limit: number }): Promise<readonly Lead[]>;
}
