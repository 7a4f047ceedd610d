/** The worker-portal area: its use cases (each with its contract) and their wiring. Each use case file is exported here as it gets its contract. */
export * from './worker-portal-use-cases.js';
