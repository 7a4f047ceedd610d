/** The identity area: its use cases (each with its contract) and their wiring. Each use case file is exported here as it gets its contract. */
export * from './identity-use-cases.js';
