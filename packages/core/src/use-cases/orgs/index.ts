/** The orgs area: each use case (with its contract) and the schemas its contracts share. */
export * from './create-org.use-case.js';
export * from './get-org-settings.use-case.js';
export * from './update-org-settings.use-case.js';
export * from './org-use-cases.js';
export * from '../../domain/orgs/org-schemas.js';
