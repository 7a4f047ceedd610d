/**
 * Reading what the system queued to send, for tests: the outbox events of an address, with the
 * sealed secret (an invitation or reset token, a temporary password) opened by the sealer the
 * test gave the core — messages are not delivered in tests, so the outbox is where tokens are.
 */
import type { Knex } from '@cws/adapter-postgres';
import { AesGcmSecretSealer, type EmailToSend, type Mailer, type OutboxEvent, type SecretSealer, type SendReceipt } from '@cws/core';

/** The outbox sealer tests give the core (`messageSealer`), so they can open what it sealed. */
export const TEST_MESSAGE_SEALER: SecretSealer = new AesGcmSecretSealer('test-outbox-message-sealing-key', 'outbox-message:v1');

/** A mailer that keeps what it is asked to send: a host given it has an email channel. */
export class RecordingMailer implements Mailer {
  readonly provider = 'recording';
  readonly sent: EmailToSend[] = [];

  async send(email: EmailToSend): Promise<SendReceipt> {
    this.sent.push(email);
    return { providerMessageId: null };
  }
}

/** Where the events are: a memory state, or a connection that sees every org's rows (the owner's: RLS would hide them). */
export type OutboxSource = { readonly tables: { readonly outbox: ReadonlyMap<string, OutboxEvent> } } | Knex;

/** What tests look at: the key, the payload and whether it was sent (its lifecycle is the outbox suites'). */
export type StoredOutboxEvent = Pick<OutboxEvent, 'id' | 'orgId' | 'dedupeKey' | 'payload' | 'status'>;

export interface QueuedMessage {
  readonly event: StoredOutboxEvent;
  readonly template: string;
  readonly to: string;
  /** The opened sealed secret, or null when the message carries none. */
  readonly secret: string | null;
}

async function allEvents(source: OutboxSource): Promise<StoredOutboxEvent[]> {
  if ('tables' in source) return [...source.tables.outbox.values()];
  const rows: Array<{ id: string; org_id: string; dedupe_key: string; payload: OutboxEvent['payload']; status: OutboxEvent['status'] }> = await source('outbox_events')
    .select('id', 'org_id', 'dedupe_key', 'payload', 'status')
    .orderBy([{ column: 'created_at' }, { column: 'id' }]);
  return rows.map(({ org_id: orgId, dedupe_key: dedupeKey, ...rest }) => ({ ...rest, orgId, dedupeKey }));
}

/** The mail and text messages queued for `address` (any case), oldest first; of `template` only when given. */
export async function queuedMessagesTo(source: OutboxSource, sealer: SecretSealer, address: string, template?: string): Promise<QueuedMessage[]> {
  const wanted = address.toLowerCase();
  const found: QueuedMessage[] = [];
  for (const event of await allEvents(source)) {
    if (event.payload.kind !== 'email' && event.payload.kind !== 'sms') continue;
    const { message } = event.payload;
    if (message.to.toLowerCase() !== wanted || (template !== undefined && message.template !== template)) continue;
    found.push({ event, template: message.template, to: message.to, secret: message.sealedSecret === null ? null : sealer.open(message.sealedSecret) });
  }
  return found;
}

/** The secret of the newest `template` message queued for `address`; throws (failing the test) when there is none. */
export async function newestQueuedSecret(source: OutboxSource, sealer: SecretSealer, template: string, address: string): Promise<string> {
  const secret = (await queuedMessagesTo(source, sealer, address, template)).at(-1)?.secret ?? null;
  if (secret === null) throw new Error(`no ${template} with a secret was queued for ${address}`);
  return secret;
}
