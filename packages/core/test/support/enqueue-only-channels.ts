/**
 * Message channels that exist but are never called: with them, use cases enqueue messages (a
 * kind without a channel is not enqueued), and a test that only enqueues fails loudly if
 * something tries to deliver.
 */
import type { Mailer, SmsOptOutStore, SmsSender } from '@cws/core';

const notDelivered = (): never => {
  throw new Error('nothing is delivered in these tests');
};

export const ENQUEUE_ONLY_EMAIL: Mailer = { provider: 'test', send: async () => notDelivered() };
export const ENQUEUE_ONLY_SMS: SmsSender = { provider: 'test', send: async () => notDelivered() };

/** Every number answered STOP. */
export const EVERYONE_OPTED_OUT: SmsOptOutStore = { isOptedOut: async () => true, optOut: async () => {}, optIn: async () => false };
