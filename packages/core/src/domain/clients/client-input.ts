/**
 * Client input the schemas cannot judge alone: rules over several addresses or over the stored
 * client (one primary, at most 20, the primary kept), and checked addresses as the domain keeps them.
 */
import type { StaticDecode } from '@sinclair/typebox';
import { AppError } from '../../errors/app-error.js';
import { serviceAddressFrom, type ServiceAddress } from '../shared/address.js';
import { MAX_ADDRESSES_PER_CLIENT, type Client, type ClientAddress } from './client.js';
import type { ClientAddressInput } from './client-schemas.js';

/** A service address and whether it asked to be the primary one (undefined: it did not say). */
export interface CheckedAddress extends ServiceAddress {
  readonly isPrimary: boolean | undefined;
}

/** A checked address with every field present (absent ones null). */
export function checkedAddress(input: StaticDecode<typeof ClientAddressInput>): CheckedAddress {
  return { ...serviceAddressFrom(input), isPrimary: input.isPrimary };
}

/** A new client's addresses: at most one may be marked primary. */
export function assertOnePrimary(addresses: readonly CheckedAddress[]): void {
  if (addresses.filter((a) => a.isPrimary === true).length > 1) {
    throw AppError.validation([{ pointer: '/addresses', detail: 'at most one address can be primary' }]);
  }
}

/** A client keeps at most MAX_ADDRESSES_PER_CLIENT addresses. */
export function assertRoomForAddress(client: Client): void {
  if (client.addresses.length >= MAX_ADDRESSES_PER_CLIENT) {
    throw AppError.validation([{ pointer: '/', detail: `a client can have at most ${MAX_ADDRESSES_PER_CLIENT} addresses` }]);
  }
}

/** A client with addresses always has one primary: it is moved by marking another, never by unmarking it. */
export function assertPrimaryKept(before: ClientAddress, isPrimary: boolean | undefined): void {
  if (before.isPrimary && isPrimary === false) {
    throw AppError.validation([{ pointer: '/isPrimary', detail: 'mark another address primary instead of unmarking this one' }]);
  }
}

/** The fields of `changes` that were given (an absent field keeps its value; null clears). */
export function givenFields<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}
