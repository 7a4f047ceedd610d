import { AppError } from '../../errors/app-error.js';
import type { Client } from '../../domain/clients/client.js';

export function clientNotFound(id: string): AppError {
  return new AppError('client.not_found', `No client ${id} in this organisation`, { details: { client_id: id } });
}

export function addressNotFound(clientId: string, addressId: string): AppError {
  return new AppError('client.address_not_found', `Client ${clientId} has no address ${addressId}`, {
    details: { client_id: clientId, address_id: addressId },
  });
}

export function assertClientActive(client: Client): void {
  if (client.archivedAt !== null) {
    throw new AppError('client.archived', `Client ${client.id} is archived`, { details: { client_id: client.id } });
  }
}
