export * from './test-databases.js';
export * from './run-command.js';
export * from './fake-sendgrid-server.js';
export * from './smtp-test-server.js';
export * from './outbox-messages.js';
export * from './failure-code.js';
