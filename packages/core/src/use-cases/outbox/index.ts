export * from './messaging.js';
export * from './enqueue-message.js';
export * from './deliver-outbox.use-case.js';
export * from './record-sms-reply.use-case.js';
