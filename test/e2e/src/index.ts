export * from './api-harness.js';
export * from './each-database.js';
export * from './scheduling-fixtures.js';
export * from './fuzz/route-fuzz.js';
export * from './conformance/openapi-conformance.js';
export * from './outbox-faults/index.js';
