/** The audit area: its use case (with its contract), the schemas it answers with, and its wiring. */
export * from './list-audit-logs.use-case.js';
export * from './audit-use-cases.js';
export * from '../../domain/audit/audit-schemas.js';
