/** A client: a household or business the org serves, with the addresses where work happens. */
import type { ServiceAddress } from '../shared/address.js';

/** One of a client's addresses: the service address form (label, postal fields, access notes) as a stored row. */
export interface ClientAddress extends ServiceAddress {
  readonly id: string;
  readonly orgId: string;
  readonly clientId: string;
  readonly isPrimary: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface Client {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly notes: string | null;
  /** The lead this client was converted from, if any. */
  readonly sourceLeadId: string | null;
  readonly archivedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Primary address first, then oldest first. */
  readonly addresses: readonly ClientAddress[];
}

export const MAX_ADDRESSES_PER_CLIENT = 20;

/** Orders addresses the way every adapter returns them. */
export function compareAddresses(a: ClientAddress, b: ClientAddress): number {
  if (a.isPrimary !== b.isPrimary) return a.isPrimary ? -1 : 1;
  const byTime = a.createdAt.getTime() - b.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
