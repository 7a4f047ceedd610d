import { Type } from '@sinclair/typebox';
import { AppError, type InboundSmsVerifier, type SystemContext } from '@cws/core';
import type { Runtime } from '@cws/composition';
import { ProblemSchema } from '../../schemas/common.schemas.js';
import { defineRoute, type RouteDefinition } from '../../routing/route-definition.js';

/** An empty TwiML answer: the reply is recorded, nothing is texted back by us (Twilio's own STOP/START replies still go). */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

const TwilioInboundForm = Type.Object(
  {
    From: Type.String({ description: 'The number that texted (E.164)' }),
    To: Type.String({ description: 'Our number it texted' }),
    Body: Type.String({ description: 'What it texted' }),
    MessageSid: Type.String(),
    AccountSid: Type.String(),
  },
  { additionalProperties: Type.String(), $id: 'TwilioInboundMessage', description: "Twilio's inbound message webhook fields (more fields may come)" },
);

/**
 * The verifier of inbound SMS signatures the runtime carries when SMS_MODE=twilio (wired by
 * composition from TWILIO_AUTH_TOKEN); null when this deployment receives no texts.
 */
export function runtimeInboundSms(runtime: Runtime): InboundSmsVerifier | null {
  return runtime.inboundSms;
}

/**
 * Provider text as the core takes it: NUL and unpaired surrogates become U+FFFD and it is cut at
 * `max` (a keyword is short: a long or broken text is simply not one), so a signed but odd
 * message is answered like any other rather than refused.
 */
function asText(value: string | undefined, max: number): string {
  // eslint-disable-next-line no-control-regex
  const clean = (value ?? '').replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return clean.length <= max ? clean : clean.slice(0, max).replace(/[\uD800-\uDBFF]$/, '');
}

export function publicSmsRoutes(options: { inboundSms: (runtime: Runtime) => InboundSmsVerifier | null }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/v1/public/sms/twilio/inbound',
      operationId: 'receiveTwilioSms',
      summary: "Twilio's inbound message webhook: STOP and START replies",
      description:
        'Set as the Messaging webhook (HTTP POST) of the sending number. A reply of STOP, STOPALL, UNSUBSCRIBE, CANCEL, END or QUIT puts the number on the opt-out list (no texts are queued for it, whichever org); START, YES or UNSTOP takes it off; anything else is ignored. The X-Twilio-Signature must sign PUBLIC_BASE_URL plus this path (the URL set in the console) and the posted fields: otherwise 403. Answers an empty TwiML document. 503 when this deployment receives no texts (SMS_MODE is not twilio).',
      tags: ['Public'],
      audience: 'public',
      permission: null,
      formBody: TwilioInboundForm,
      responses: {
        200: { description: 'Recorded (or ignored): an empty TwiML <Response/>', contentType: 'text/xml' },
        403: { description: 'The X-Twilio-Signature is missing or does not sign this request', schema: ProblemSchema, contentType: 'application/problem+json' },
      },
      async handler({ runtime, body, koa, requestId, now }) {
        const verifier = options.inboundSms(runtime);
        if (verifier === null) throw new AppError('delivery.no_channel', 'This deployment receives no text messages (SMS_MODE is not twilio)');
        const form = body as Readonly<Record<string, string>>;
        const { From: sender, Body: text } = form;
        // The URL Twilio signed: the public one (behind a proxy the Host seen here may differ).
        // A forged Host gains nothing: the signature still needs our auth token.
        const base = (runtime.config.http.publicBaseUrl ?? `${koa.protocol}://${koa.host}`).replace(/\/+$/, '');
        if (!verifier.verify(`${base}${koa.originalUrl}`, form, koa.get(verifier.signatureHeader) || null)) {
          throw new AppError('auth.forbidden', 'The request does not carry a valid provider signature');
        }
        const from = asText(sender, 64);
        if (from !== '') {
          const sys: SystemContext = { actor: { kind: 'public', id: `sms-inbound:${verifier.provider}`, role: null }, requestId, now, reason: 'inbound SMS reply (STOP/START)' };
          await runtime.core.outbox.recordSmsReply.execute(sys, { from, body: asText(text, 1600) });
        }
        return { status: 200, body: EMPTY_TWIML, contentType: 'text/xml' };
      },
    }),
  ];
}
