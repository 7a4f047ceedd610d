export * from './messaging.js';
export * from './enqueue-message.js';
export * from './deliver-outbox.use-case.js';
export * from './list-dead-letters.use-case.js';
export * from './replay-outbox-event.use-case.js';
export * from './get-dead-letter-queue.use-case.js';
export * from './outbox-use-cases.js';
export * from '../../domain/outbox/dead-letter.js';
