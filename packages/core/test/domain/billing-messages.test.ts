import { expect } from 'chai';
import { currencyExponent, minorToDecimalString, renderMessage, type InvoiceMessageData, type SenderContext } from '@cws/core';

/** Billing mail: amounts in the currency's own minor unit and the org's locale, every value escaped, the link only from the sealed token. */
describe('billing messages', function () {
  const sender = (locale = 'en-GB'): SenderContext => ({ orgName: 'Sparkle', timeZone: 'Europe/London', locale, publicBaseUrl: 'https://api.example.com' });
  const invoice = (over: Partial<InvoiceMessageData> = {}): InvoiceMessageData => ({
    invoiceId: '00000000-0000-4000-8000-000000000001',
    invoiceNumber: 'INV-2026-000042',
    recipientName: 'Ana',
    totalCents: 123456,
    outstandingCents: 123456,
    currency: 'GBP',
    dueDate: '2026-12-20',
    ...over,
  });

  it('prints amounts with the exponent of their currency: GBP 2, JPY 0, BHD 3', function () {
    expect(renderMessage('invoice_sent', invoice(), sender(), null).text).to.include('£1,234.56');
    expect(renderMessage('invoice_sent', invoice({ currency: 'JPY' }), sender(), null).text).to.match(/(JP¥|¥)123,456/);
    expect(renderMessage('invoice_sent', invoice({ currency: 'BHD' }), sender(), null).text).to.include('123.456');
    expect(renderMessage('invoice_sent', invoice(), sender('de-DE'), null).text).to.include('1.234,56');
  });

  it('formats amounts beyond 2^53 / 100 exactly (no float on the way)', function () {
    const text = renderMessage('invoice_sent', invoice({ totalCents: 90_000_000_000_001, outstandingCents: 90_000_000_000_001 }), sender('en'), null).text;
    expect(text).to.include('900,000,000,000.01');
  });

  it('shows what is left when part is paid, and the link only when a token rides along', function () {
    const partial = renderMessage('invoice_sent', invoice({ outstandingCents: 1000 }), sender(), null).text;
    expect(partial).to.include('Left to pay: £10.00');
    expect(partial).to.not.include('/v1/public/invoices/');
    const linked = renderMessage('invoice_payment_failed', invoice(), sender(), 'org.link.secret').text;
    expect(linked).to.include('https://api.example.com/v1/public/invoices/org.link.secret');
  });

  it('escapes hostile names in the HTML part and keeps the plain-text part', function () {
    const message = renderMessage('invoice_overdue_reminder', { ...invoice({ recipientName: '<script>alert(1)</script>' }), daysOverdue: 7 }, sender(), null);
    expect(message.html).to.not.include('<script>');
    expect(message.html).to.include('&lt;script&gt;');
    expect(message.text).to.include('due 7 days ago');
    expect(message.subject).to.equal('Sparkle: invoice INV-2026-000042 is overdue');
  });

  it('a receipt says whether anything is left and thanks for a tip apart', function () {
    const paid = renderMessage('payment_receipt', { ...invoice({ outstandingCents: 0 }), paidCents: 123456, tipCents: 500 }, sender(), null).text;
    expect(paid).to.include('paid in full').and.include('tip of £5.00');
    const some = renderMessage('payment_receipt', { ...invoice({ outstandingCents: 100 }), paidCents: 123356, tipCents: 0 }, sender(), null).text;
    expect(some).to.include('Left to pay: £1.00');
    expect(some).to.not.include('tip');
  });

  it('currency exponents and decimal strings', function () {
    expect([currencyExponent('JPY'), currencyExponent('USD'), currencyExponent('BHD'), currencyExponent('HUF')]).to.deep.equal([0, 2, 3, 2]);
    expect(() => currencyExponent('XYZ')).to.throw(RangeError);
    expect(() => currencyExponent('usd')).to.throw(RangeError);
    expect(minorToDecimalString(5, 'USD')).to.equal('0.05');
    expect(minorToDecimalString(5, 'BHD')).to.equal('0.005');
    expect(minorToDecimalString(5, 'JPY')).to.equal('5');
    expect(minorToDecimalString(-1234, 'EUR')).to.equal('-12.34');
  });
});
