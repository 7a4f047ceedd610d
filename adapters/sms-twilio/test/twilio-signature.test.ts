import { expect } from 'chai';
import { twilioRequestSignature } from '@cws/test-support';
import { TwilioInboundSmsVerifier, verifyTwilioSignature } from '@cws/adapter-sms-twilio';

describe('Twilio inbound signature check', function () {
  const token = '0123456789abcdef0123456789abcdef';
  const url = 'https://api.example.test/v1/public/sms/twilio/inbound';
  const params = { From: '+15551234567', To: '+15550001111', Body: 'STOP', MessageSid: 'SM0123' };

  it('accepts the signature Twilio computes for the URL and fields', function () {
    expect(verifyTwilioSignature(token, url, params, twilioRequestSignature(token, url, params))).to.equal(true);
    expect(new TwilioInboundSmsVerifier(token).verify(url, params, twilioRequestSignature(token, url, params))).to.equal(true);
  });

  it('accepts emoji and other scripts in the signed fields', function () {
    const odd = { ...params, Body: 'Ça va 👍 清洁' };
    expect(verifyTwilioSignature(token, url, odd, twilioRequestSignature(token, url, odd))).to.equal(true);
  });

  it('refuses a changed field, an added field, another URL, another token, or no signature', function () {
    const good = twilioRequestSignature(token, url, params);
    expect(verifyTwilioSignature(token, url, { ...params, Body: 'START' }, good)).to.equal(false);
    expect(verifyTwilioSignature(token, url, { ...params, Extra: 'x' }, good)).to.equal(false);
    expect(verifyTwilioSignature(token, `${url}?x=1`, params, good)).to.equal(false);
    expect(verifyTwilioSignature(token, 'https://evil.example/v1/public/sms/twilio/inbound', params, good)).to.equal(false);
    expect(verifyTwilioSignature(`${token}x`, url, params, good)).to.equal(false);
    expect(verifyTwilioSignature(token, url, params, null)).to.equal(false);
    expect(verifyTwilioSignature(token, url, params, '')).to.equal(false);
    expect(verifyTwilioSignature(token, url, params, `${good}=`)).to.equal(false);
  });

  it('never throws: an unparsable URL or an empty token is simply not valid', function () {
    expect(verifyTwilioSignature(token, 'not a url', params, 'abc')).to.equal(false);
    expect(verifyTwilioSignature('', url, params, twilioRequestSignature('', url, params))).to.equal(false);
  });
});
