/** The clients area: each use case (with its contract) and the schemas its contracts share. */
export * from './create-client.use-case.js';
export * from './get-client.use-case.js';
export * from './list-clients.use-case.js';
export * from './update-client.use-case.js';
export * from './add-client-address.use-case.js';
export * from './update-client-address.use-case.js';
export * from './remove-client-address.use-case.js';
export * from './client-use-cases.js';
export * from '../../domain/clients/client-schemas.js';
export * from '../../domain/clients/client-input.js';
