import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { onEachDatabase, type ApiHarness } from '@cws/e2e-tests';
import { twilioRequestSignature, type TestDatabase } from '@cws/test-support';
import { TwilioInboundSmsVerifier } from '@cws/adapter-sms-twilio';

const AUTH_TOKEN = randomBytes(16).toString('hex');
const PATH = '/v1/public/sms/twilio/inbound';

/** A Twilio-like inbound message form for `from` saying `body`. */
function inbound(from: string, body: string): Record<string, string> {
  return { MessageSid: `SM${randomBytes(16).toString('hex')}`, AccountSid: `AC${randomBytes(16).toString('hex')}`, From: from, To: '+15550001111', Body: body, NumMedia: '0' };
}

/** A fresh E.164 number per test: the opt-out list is global. */
const aPhone = () => `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

async function post(h: ApiHarness, raw: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${h.server.url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: raw });
}

/** Posts `form` signed as Twilio signs it (over the URL called and the fields as the server parses them). */
async function postSigned(h: ApiHarness, form: Record<string, string> | string, token = AUTH_TOKEN): Promise<Response> {
  const raw = typeof form === 'string' ? form : new URLSearchParams(form).toString();
  const parsed = Object.fromEntries(new URLSearchParams(raw));
  return post(h, raw, { 'x-twilio-signature': twilioRequestSignature(token, `${h.server.url}${PATH}`, parsed) });
}

async function optOutRows(db: TestDatabase): Promise<number> {
  const [row] = await db.ownerKnex('sms_opt_outs').count<{ count: string }[]>({ count: '*' });
  return Number(row!.count);
}

onEachDatabase(
  'inbound SMS replies (Twilio webhook)',
  (h, db) => {
    /** Whether this runtime keeps an opt-out list (composition wires one when SMS is on). */
    async function requireOptOutStore(ctx: Mocha.Context): Promise<void> {
      const probe = await postSigned(h(), inbound(aPhone(), 'START'));
      if (probe.status === 503 && ((await probe.json()) as { code: string }).code === 'delivery.no_channel') {
        ctx.skip(); // composition does not give the core an SmsOptOutStore yet: nothing can be recorded
      }
    }

    it('STOP then START from a phone puts it on the opt-out list and takes it off; answered with empty TwiML', async function () {
      await requireOptOutStore(this);
      const phone = aPhone();
      const before = await optOutRows(db());
      const stop = await postSigned(h(), inbound(phone, ' stop '));
      expect(stop.status).to.equal(200);
      expect(stop.headers.get('content-type')).to.match(/^text\/xml/);
      expect(await stop.text()).to.match(/^<\?xml[^>]*\?><Response\/>$/);
      expect(await optOutRows(db())).to.equal(before + 1);
      // No phone number is stored: the key is a keyed hash.
      const keys = (await db().ownerKnex('sms_opt_outs').select('phone_key')).map((r: { phone_key: string }) => r.phone_key);
      expect(keys.join()).not.to.include(phone.slice(2));
      // STOP again changes nothing; START clears it.
      expect((await postSigned(h(), inbound(phone, 'UNSUBSCRIBE'))).status).to.equal(200);
      expect(await optOutRows(db())).to.equal(before + 1);
      expect((await postSigned(h(), inbound(phone, 'Start'))).status).to.equal(200);
      expect(await optOutRows(db())).to.equal(before);
    });

    it('a missing, wrong or replayed-elsewhere signature is refused with 403 problem+json, nothing recorded', async function () {
      const before = await optOutRows(db());
      const form = inbound(aPhone(), 'STOP');
      const raw = new URLSearchParams(form).toString();
      const signature = twilioRequestSignature(AUTH_TOKEN, `${h().server.url}${PATH}`, form);
      const attempts = [
        await post(h(), raw, {}),
        await post(h(), raw, { 'x-twilio-signature': 'not-a-signature' }),
        await postSigned(h(), form, 'another-accounts-token'),
        // A genuine signature over other fields (the body changed on the way).
        await post(h(), new URLSearchParams({ ...form, Body: 'START' }).toString(), { 'x-twilio-signature': signature }),
        // Signed for another URL (a request to another deployment, replayed here).
        await post(h(), raw, { 'x-twilio-signature': twilioRequestSignature(AUTH_TOKEN, `https://elsewhere.example${PATH}`, form) }),
      ];
      for (const answer of attempts) {
        expect(answer.status).to.equal(403);
        expect(answer.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(((await answer.json()) as { code: string }).code).to.equal('auth.forbidden');
      }
      expect(await optOutRows(db())).to.equal(before);
    });

    it('hostile bodies are answered like any text (ignored), nothing recorded', async function () {
      const before = await optOutRows(db());
      const phone = aPhone();
      const hostile: Array<Record<string, string> | string> = [
        inbound(phone, 'STOP\u0000'),
        inbound(phone, `${'x'.repeat(5000)} STOP`),
        inbound(phone, '<Response><Message>hi</Message></Response>'),
        inbound(phone, 'STOP 👍'),
        { ...inbound(phone, 'hello'), __proto__: 'x', 'Body[0]': 'STOP', constructor: 'y' },
        // Invalid UTF-8 (a lone surrogate's bytes) decodes to U+FFFD.
        `${new URLSearchParams(inbound(phone, '')).toString().replace('Body=', 'Body=%ED%A0%80STOP')}`,
        // No From at all.
        new URLSearchParams({ MessageSid: 'SM1', Body: 'STOP' }).toString(),
      ];
      for (const form of hostile) {
        const answer = await postSigned(h(), form);
        expect(answer.status, typeof form === 'string' ? form.slice(0, 80) : JSON.stringify(form).slice(0, 80)).to.equal(200);
        expect(await answer.text()).to.include('<Response/>');
      }
      expect(await optOutRows(db())).to.equal(before);
    });

    it('a JSON body is refused with 415; a body over the limit with 413', async function () {
      const json = await fetch(`${h().server.url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(inbound(aPhone(), 'STOP')) });
      expect(json.status).to.equal(415);
      const huge = await postSigned(h(), inbound(aPhone(), 'y'.repeat(2 * 1024 * 1024)));
      expect(huge.status).to.equal(413);
    });
  },
  { inboundSms: new TwilioInboundSmsVerifier(AUTH_TOKEN) },
);

onEachDatabase('inbound SMS replies without SMS configured', (h) => {
  it('answers 503 delivery.no_channel (this deployment receives no texts), whatever the signature', async () => {
    const form = inbound(aPhone(), 'STOP');
    const answer = await postSigned(h(), form);
    expect(answer.status).to.equal(503);
    expect(((await answer.json()) as { code: string }).code).to.equal('delivery.no_channel');
  });
});
