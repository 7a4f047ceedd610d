/** The iam area: its use cases (each with its contract) and their wiring. Each use case file is exported here as it gets its contract. */
export * from './iam-use-cases.js';
