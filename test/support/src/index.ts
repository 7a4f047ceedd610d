export * from './test-databases.js';
export * from './run-command.js';
