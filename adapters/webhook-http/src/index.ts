export * from './http-webhook-sender.js';
export * from './webhook-address-guard.js';
