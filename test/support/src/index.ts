export * from './test-databases.js';
export * from './run-command.js';
export * from './failure-code.js';
