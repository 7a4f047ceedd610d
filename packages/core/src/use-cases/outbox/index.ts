export * from './messaging.js';
export * from './enqueue-message.js';
