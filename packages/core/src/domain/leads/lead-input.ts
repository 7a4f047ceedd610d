/** Validation and normalisation of lead fields, shared by create, update and public intake. */
import { checkServiceAddress, type ServiceAddress } from '../shared/address.js';
import { normaliseEmail, normalisePhone } from '../shared/contact.js';
import type { InputChecks } from '../shared/input-checks.js';
import { LEAD_SOURCE_PATTERN, SETTABLE_LEAD_STATUSES, type LeadStatus } from './lead.js';

export interface LeadFieldsInput {
  readonly name?: unknown;
  readonly email?: unknown;
  readonly phone?: unknown;
  readonly source?: unknown;
  readonly notes?: unknown;
  readonly serviceRequested?: unknown;
  readonly address?: unknown;
  readonly status?: unknown;
}

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

/** Checks the fields present in `input`; absent fields stay absent in the result. */
export function checkLeadFields(checks: InputChecks, input: LeadFieldsInput): LeadFieldChanges {
  const changes: LeadFieldChanges = {};
  if (input.name !== undefined) changes.name = checks.text('/name', input.name, { max: 200 });
  const email = normaliseEmail(checks, '/email', input.email);
  if (email !== undefined) changes.email = email;
  const phone = normalisePhone(checks, '/phone', input.phone);
  if (phone !== undefined) changes.phone = phone;
  const source = checks.optionalText('/source', input.source, { max: 64 });
  if (source !== undefined) {
    if (source !== null && !LEAD_SOURCE_PATTERN.test(source)) checks.fail('/source', 'must be lower-case letters, digits, _ or -');
    changes.source = source;
  }
  const notes = checks.optionalText('/notes', input.notes, { max: 5000 });
  if (notes !== undefined) changes.notes = notes;
  const service = checks.optionalText('/serviceRequested', input.serviceRequested, { max: 500 });
  if (service !== undefined) changes.serviceRequested = service;
  if (input.address === null) changes.address = null;
  else if (input.address !== undefined) changes.address = checkServiceAddress(checks, '/address', input.address);
  if (input.status !== undefined) {
    const status = checks.oneOf('/status', input.status, SETTABLE_LEAD_STATUSES);
    if (status !== undefined) changes.status = status;
  }
  return changes;
}

/** A lead must stay reachable: at least one of email and phone. */
export function checkReachable(checks: InputChecks, email: string | null, phone: string | null): void {
  if (email === null && phone === null) checks.fail('/email', 'an email or a phone is required');
}
