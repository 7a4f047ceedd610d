/** Lead fields from a checked contract input, and the rule a schema cannot say (reachability). */
import type { StaticDecode, TObject } from '@sinclair/typebox';
import { AppError } from '../../errors/app-error.js';
import { serviceAddressFrom, type ServiceAddress } from '../shared/address.js';
import type { LeadStatus } from './lead.js';
import type { LeadFields } from './lead-schemas.js';

export type CheckedLeadFields = StaticDecode<TObject<typeof LeadFields>> & { readonly name?: string; readonly status?: LeadStatus };

export interface LeadFieldChanges {
  name?: string;
  email?: string | null;
  phone?: string | null;
  source?: string | null;
  notes?: string | null;
  serviceRequested?: string | null;
  address?: ServiceAddress | null;
  status?: LeadStatus;
}

/** The fields present in `input` (absent fields stay absent; null clears). */
export function leadChanges(input: CheckedLeadFields): LeadFieldChanges {
  const changes: LeadFieldChanges = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.email !== undefined) changes.email = input.email;
  if (input.phone !== undefined) changes.phone = input.phone;
  if (input.source !== undefined) changes.source = input.source;
  if (input.notes !== undefined) changes.notes = input.notes;
  if (input.serviceRequested !== undefined) changes.serviceRequested = input.serviceRequested;
  if (input.address !== undefined) changes.address = input.address === null ? null : serviceAddressFrom(input.address);
  if (input.status !== undefined) changes.status = input.status;
  return changes;
}

/** A lead must stay reachable: at least one of email and phone. */
export function assertReachable(email: string | null, phone: string | null): void {
  if (email === null && phone === null) throw AppError.validation([{ pointer: '/email', detail: 'an email or a phone is required' }], '/email an email or a phone is required');
}
