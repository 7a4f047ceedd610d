/** Validation of client and address fields, shared by create, update and lead conversion. */
import { checkServiceAddress, type ServiceAddress } from '../shared/address.js';
import { normaliseEmail, normalisePhone } from '../shared/contact.js';
import type { InputChecks } from '../shared/input-checks.js';

export interface ClientFieldsInput {
  readonly name?: unknown;
  readonly email?: unknown;
  readonly phone?: unknown;
  readonly notes?: unknown;
}

export interface ClientFieldChanges {
  name?: string;
  email?: string | null;
  phone?: string | null;
  notes?: string | null;
}

export function checkClientFields(checks: InputChecks, input: ClientFieldsInput, pointer = ''): ClientFieldChanges {
  const changes: ClientFieldChanges = {};
  if (input.name !== undefined) changes.name = checks.text(`${pointer}/name`, input.name, { max: 200 });
  const email = normaliseEmail(checks, `${pointer}/email`, input.email);
  if (email !== undefined) changes.email = email;
  const phone = normalisePhone(checks, `${pointer}/phone`, input.phone);
  if (phone !== undefined) changes.phone = phone;
  const notes = checks.optionalText(`${pointer}/notes`, input.notes, { max: 5000 });
  if (notes !== undefined) changes.notes = notes;
  return changes;
}

export interface AddressInput {
  readonly label?: unknown;
  readonly line1?: unknown;
  readonly line2?: unknown;
  readonly city?: unknown;
  readonly region?: unknown;
  readonly postalCode?: unknown;
  readonly country?: unknown;
  readonly accessNotes?: unknown;
  readonly isPrimary?: unknown;
}

export interface CheckedAddress extends ServiceAddress {
  readonly isPrimary: boolean | undefined;
}

export function checkAddress(checks: InputChecks, pointer: string, input: unknown): CheckedAddress {
  const address = checkServiceAddress(checks, pointer, input);
  const raw = (input ?? {}) as AddressInput;
  let isPrimary: boolean | undefined;
  if (raw.isPrimary !== undefined) {
    if (typeof raw.isPrimary === 'boolean') isPrimary = raw.isPrimary;
    else checks.fail(`${pointer}/isPrimary`, 'must be a boolean');
  }
  return { ...address, isPrimary };
}
