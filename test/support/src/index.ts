export * from './test-databases.js';
export * from './run-command.js';
export * from './fake-twilio-server.js';
export * from './webhook-receiver-server.js';
export * from './local-http-server.js';
export * from './fake-sendgrid-server.js';
export * from './smtp-test-server.js';
