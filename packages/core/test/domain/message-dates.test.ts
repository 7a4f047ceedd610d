import { expect } from 'chai';
import { renderMessage, type SenderContext } from '@cws/core';

/** Dates in messages: formatters are reused between renders, so one render must never leak its zone or locale into another. */
describe('message dates', function () {
  const sender = (timeZone: string, locale = 'en'): SenderContext => ({ orgName: 'Sparkle', timeZone, locale, publicBaseUrl: null });
  const booking = (timeZone: string | null) => ({
    bookingId: '00000000-0000-4000-8000-000000000001',
    recipientName: 'Ana',
    serviceName: 'Deep clean',
    startsAt: '2026-12-08T09:00:00.000Z',
    endsAt: '2026-12-08T11:30:00.000Z',
    timeZone,
    address: null,
  });
  const text = (s: SenderContext, zone: string | null = null) => renderMessage('booking_confirmed', booking(zone), s, null).text;

  it('each org reads its own zone and locale, whatever was rendered before', function () {
    const paris = text(sender('Europe/Paris'));
    const newYork = text(sender('America/New_York'));
    expect(paris).to.include('10:00').and.include('12:30');
    expect(newYork).to.include('4:00').and.include('6:30');
    expect(text(sender('Europe/Paris'))).to.equal(paris);
    const german = text(sender('Europe/Paris', 'de-DE'));
    expect(german).to.include('Dienstag').and.not.equal(paris);
    expect(text(sender('Europe/Paris'))).to.equal(paris);
  });

  it("the booking's own zone wins over the org's; an unknown zone or locale falls back to English in the org's zone", function () {
    expect(text(sender('Europe/Paris'), 'Asia/Tokyo')).to.include('6:00').and.include('8:30');
    expect(text(sender('Europe/Paris'), 'Not/AZone')).to.equal(text(sender('Europe/Paris')));
    expect(text(sender('Europe/Paris', 'xx-invalid-locale-tag-!!'))).to.equal(text(sender('Europe/Paris')));
  });
});
