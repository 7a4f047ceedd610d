/**
 * How a use case sends a message: inside its own unit of work, `enqueueMessage(...)` writes the
 * outbox row beside the change it announces — or writes nothing, and says why, when the message
 * cannot go anywhere (no channel of that kind configured, no address of that kind, the org
 * turned the notification off, the number answered STOP). A token the message carries is sealed
 * here and opened only at delivery.
 */
import type { RequestContext } from '../../context.js';
import { notificationEnabled, type NotificationKind } from '../../domain/orgs/org.js';
import type { NewOutboxEvent, OutboxEvent } from '../../domain/outbox/outbox-event.js';
import type { MessageTemplateName, TemplateData } from '../../domain/outbox/message-templates.js';
import type { IdGenerator } from '../../ports/id-generator.port.js';
import type { SecretTokens } from '../../ports/credentials.port.js';
import type { TenantRepositories } from '../../ports/unit-of-work.port.js';
import type { Messaging } from './messaging.js';

export interface MessageRequest<T extends MessageTemplateName> {
  readonly channel: 'email' | 'sms';
  /** `<subject>:<id>:<what>`, unique per org: enqueuing the same key again sends nothing more. */
  readonly dedupeKey: string;
  readonly template: T;
  /** The address or E.164 number; null when the recipient has none (nothing is enqueued). */
  readonly to: string | null;
  readonly toName: string | null;
  readonly data: TemplateData<T>;
  /** A single-use token or temporary password the message carries; sealed in the row. */
  readonly secret?: string | null;
  /** For notifications an org may turn off; account mail (invitations, resets) leaves it out. */
  readonly notification?: NotificationKind;
  /** Earliest delivery. */
  readonly notBefore?: Date;
}

export type EnqueueOutcome =
  | { readonly queued: true; readonly event: OutboxEvent; readonly created: boolean }
  | { readonly queued: false; readonly reason: 'no_channel' | 'no_address' | 'turned_off' | 'opted_out' };

export interface MessageDeps {
  readonly messaging: Messaging;
  readonly ids: IdGenerator;
}

/** The key an opted-out number is stored under (a keyed hash: the table holds no numbers). */
export function smsPhoneKey(tokens: SecretTokens, phone: string): string {
  return tokens.fingerprint(`sms:${phone.replace(/[^\d+]/g, '')}`);
}

export type PreparedMessage =
  | { readonly queued: true; readonly event: NewOutboxEvent }
  | { readonly queued: false; readonly reason: 'no_channel' | 'no_address' | 'turned_off' | 'opted_out' };

/**
 * The outbox event `request` makes, or why it makes none, without writing it: for a caller that
 * writes it together with its change (a booking write carries its messages).
 */
export async function prepareMessage<T extends MessageTemplateName>(
  deps: MessageDeps,
  repos: TenantRepositories,
  ctx: RequestContext,
  request: MessageRequest<T>,
): Promise<PreparedMessage> {
  const { messaging } = deps;
  if (messaging.channels[request.channel] === null) return { queued: false, reason: 'no_channel' };
  if (request.to === null || request.to.trim() === '') return { queued: false, reason: 'no_address' };
  if (request.notification !== undefined && !notificationEnabled(await repos.orgSettings.get(), request.notification)) {
    return { queued: false, reason: 'turned_off' };
  }
  if (request.channel === 'sms' && messaging.smsOptOuts !== null && (await messaging.smsOptOuts.isOptedOut(smsPhoneKey(messaging.tokens, request.to)))) {
    return { queued: false, reason: 'opted_out' };
  }
  const secret = request.secret ?? null;
  const message = { template: request.template, to: request.to, toName: request.toName, data: request.data, sealedSecret: secret === null ? null : messaging.sealer.seal(secret) };
  return {
    queued: true,
    event: {
      id: deps.ids.next(),
      orgId: ctx.orgId,
      dedupeKey: request.dedupeKey,
      payload: request.channel === 'email' ? { kind: 'email', message } : { kind: 'sms', message },
      createdAt: ctx.now,
      ...(request.notBefore === undefined ? {} : { notBefore: request.notBefore }),
    },
  };
}

export async function enqueueMessage<T extends MessageTemplateName>(
  deps: MessageDeps,
  repos: TenantRepositories,
  ctx: RequestContext,
  request: MessageRequest<T>,
): Promise<EnqueueOutcome> {
  const prepared = await prepareMessage(deps, repos, ctx, request);
  if (!prepared.queued) return prepared;
  const { event, created } = await repos.outbox.enqueue(prepared.event);
  return { queued: true, event, created };
}
