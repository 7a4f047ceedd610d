/** The leads area: each use case (with its contract) and the schemas its contracts share. */
export * from './create-lead.use-case.js';
export * from './get-lead.use-case.js';
export * from './list-leads.use-case.js';
export * from './update-lead.use-case.js';
export * from './archive-lead.use-case.js';
export * from './convert-lead.use-case.js';
export * from './submit-public-lead.use-case.js';
export * from './archive-stale-leads.use-case.js';
export * from './lead-use-cases.js';
export * from '../../domain/leads/lead-schemas.js';
export * from '../../domain/leads/lead-input.js';
