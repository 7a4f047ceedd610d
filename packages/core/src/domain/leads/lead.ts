/**
 * A lead: someone who asked about a service and is not (yet) a client. Leads move through a small
 * pipeline; conversion creates or links a client and is final. Archiving hides a lead from the
 * default lists and freezes it.
 */
import type { ServiceAddress } from '../shared/address.js';

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'converted', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Statuses a user may set by hand; `converted` is only reached through conversion. */
export const SETTABLE_LEAD_STATUSES = ['new', 'contacted', 'qualified', 'lost'] as const satisfies readonly LeadStatus[];

export interface Lead {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  /** Where the lead came from: `public_form`, `phone`, `referral`, ... */
  readonly source: string | null;
  readonly status: LeadStatus;
  readonly notes: string | null;
  /** What was asked for, free text ("deep clean, 3 bedrooms"). */
  readonly serviceRequested: string | null;
  /** Where the work would be, in the form of a client's address (conversion carries it over). */
  readonly address: ServiceAddress | null;
  readonly convertedClientId: string | null;
  readonly convertedAt: Date | null;
  readonly archivedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const LEAD_SOURCE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function isLeadStatus(value: string): value is LeadStatus {
  return (LEAD_STATUSES as readonly string[]).includes(value);
}
