/** The workforce area: each use case (with its contract), its wiring, and the schemas and rules its contracts share. */
export * from './create-team.use-case.js';
export * from './update-team.use-case.js';
export * from './list-teams.use-case.js';
export * from './create-worker.use-case.js';
export * from './update-worker.use-case.js';
export * from './get-worker.use-case.js';
export * from './list-workers.use-case.js';
export * from './set-worker-portal-password.use-case.js';
export * from './create-service.use-case.js';
export * from './update-service.use-case.js';
export * from './list-services.use-case.js';
export * from './create-blackout.use-case.js';
export * from './delete-blackout.use-case.js';
export * from './list-blackouts.use-case.js';
export * from './workforce-use-cases.js';
export * from '../../domain/scheduling/workforce-schemas.js';
export * from '../../domain/scheduling/workforce-input.js';
