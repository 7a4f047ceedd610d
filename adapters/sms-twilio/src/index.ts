export * from './twilio-sms-sender.js';
export * from './twilio-signature.js';
