import { Type } from '@sinclair/typebox';
import type { SystemContext } from '../../context.js';
import { AppError } from '../../errors/app-error.js';
import { checkInput, defineContract, type ContractInput } from '../../contracts/use-case-contract.js';
import { compactPhone } from '../../contracts/schema-vocabulary.js';
import type { Messaging } from './messaging.js';
import { smsPhoneKey } from './enqueue-message.js';

export interface RecordSmsReplyDeps {
  readonly messaging: Messaging;
}

const contract = defineContract({
  name: 'RecordSmsReply',
  input: Type.Object(
    {
      from: Type.String({ minLength: 1, maxLength: 64, description: 'The number that texted us, as the provider reports it (E.164)' }),
      body: Type.String({ maxLength: 1600, description: 'What they texted' }),
    },
    { additionalProperties: false },
  ),
  output: Type.Object(
    { action: Type.Union([Type.Literal('opted_out'), Type.Literal('opted_in'), Type.Literal('ignored')]) },
    { additionalProperties: false, $id: 'SmsReplyOutcome' },
  ),
});

export type RecordSmsReplyInput = ContractInput<typeof contract>;
export type SmsReplyAction = 'opted_out' | 'opted_in' | 'ignored';

/** Twilio's default opt-out and opt-in keywords: a reply that is exactly one of them (any case, trimmed). */
export const SMS_OPT_OUT_KEYWORDS: ReadonlySet<string> = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
export const SMS_OPT_IN_KEYWORDS: ReadonlySet<string> = new Set(['START', 'YES', 'UNSTOP']);

const E164 = /^\+[1-9]\d{6,14}$/;

/** What a reply asks for: only a reply that is a keyword and nothing else counts ("stop by at 5" does not). */
export function smsReplyIntent(body: string): 'opt_out' | 'opt_in' | null {
  const word = body.trim().toUpperCase();
  if (SMS_OPT_OUT_KEYWORDS.has(word)) return 'opt_out';
  if (SMS_OPT_IN_KEYWORDS.has(word)) return 'opt_in';
  return null;
}

/**
 * A text someone sent to our number (the provider's inbound webhook): STOP and its synonyms put
 * the number on the opt-out list (nothing is texted to it, whichever org, until START); START,
 * YES or UNSTOP take it off; anything else is ignored. The carrier itself blocks our number
 * after STOP, so this list keeps us from queueing texts that would be refused. Numbers are
 * stored only as keyed hashes (`smsPhoneKey`), the same key delivery checks.
 * @throws validation.failed — text that is not text (NUL, unpaired surrogates), or too long.
 * @throws delivery.no_channel — this process has no opt-out store.
 */
export class RecordSmsReply {
  static readonly contract = contract;

  constructor(private readonly deps: RecordSmsReplyDeps) {}

  async execute(ctx: SystemContext, input: RecordSmsReplyInput): Promise<{ action: SmsReplyAction }> {
    const { from, body } = checkInput(contract, input);
    const intent = smsReplyIntent(body);
    const phone = compactPhone(from);
    // A short code or an alphanumeric sender is never one we text: nothing to record.
    if (intent === null || !E164.test(phone)) return { action: 'ignored' };
    const store = this.deps.messaging.smsOptOuts;
    if (store === null) throw new AppError('delivery.no_channel', 'This process keeps no SMS opt-out list');
    const key = smsPhoneKey(this.deps.messaging.tokens, phone);
    if (intent === 'opt_out') {
      await store.optOut(key, 'keyword', ctx.now);
      return { action: 'opted_out' };
    }
    await store.optIn(key);
    return { action: 'opted_in' };
  }
}
