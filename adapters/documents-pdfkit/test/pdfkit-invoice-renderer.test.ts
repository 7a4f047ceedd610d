/**
 * The PDFKit renderer, read back with pdf.js: the figures, number and payment state are on the
 * page in the org's locale; 100 lines continue over pages with the table header repeated; the
 * same document gives the same bytes; hostile text (RTL, emoji, lone surrogates, control
 * characters, one endless word, huge amounts) neither crashes nor corrupts the page.
 */
import { expect } from 'chai';
import type { InvoiceDocument, InvoiceDocumentLine } from '@cws/core';
import { pdfText } from '@cws/test-support';
import { MAX_PRINTED_DESCRIPTION, PdfkitInvoiceRenderer, winAnsiText } from '@cws/adapter-documents-pdfkit';

const ISSUED = new Date('2026-03-02T09:30:00.000Z');

function aLine(overrides: Partial<InvoiceDocumentLine> = {}): InvoiceDocumentLine {
  return { description: 'Deep clean, 3 bedrooms', quantity: '2.5', unitPriceCents: 4000, taxRateBasis: 2000, lineTotalCents: 10000, lineTaxCents: 2000, ...overrides };
}

function aDocument(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    orgName: 'Sparkle Cleaning Ltd',
    client: { name: 'Ana Lima', email: 'ana@example.com', address: '1 High St, Leeds, LS1 1AA, GB' },
    number: 'INV-2026-000123',
    status: 'SENT',
    issueDate: '2026-03-02',
    dueDate: '2026-03-16',
    currency: 'GBP',
    locale: 'en-GB',
    lines: [aLine(), aLine({ description: 'Oven', quantity: '1', unitPriceCents: 4550, taxRateBasis: 0, lineTotalCents: 4550, lineTaxCents: 0 })],
    totals: { subtotalCents: 14550, taxableSubtotalCents: 10000, taxCents: 2000, taxRateBasis: 2000, totalCents: 16550 },
    paidCents: 0,
    outstandingCents: 16550,
    creditCents: 0,
    paymentState: 'due',
    notes: null,
    payUrl: null,
    documentDate: ISSUED,
    ...overrides,
  };
}

const renderer = new PdfkitInvoiceRenderer();

describe('PdfkitInvoiceRenderer', () => {
  it('prints the org, number, dates, client, lines and stored totals in the org locale', async () => {
    const bytes = await renderer.render(aDocument());
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).to.equal('%PDF-');
    const { pages, text, info } = await pdfText(bytes);
    // Reading it back leaves this process's globals alone (pdf.js's polyfills stay in its worker).
    expect(Function.prototype.toString.call(JSON.stringify)).to.include('[native code]');
    expect(pages).to.have.length(1);
    for (const expected of [
      'Sparkle Cleaning Ltd',
      'Invoice INV-2026-000123',
      'Issue date: 2 Mar 2026',
      'Due date: 16 Mar 2026',
      'Ana Lima',
      'ana@example.com',
      '1 High St, Leeds, LS1 1AA, GB',
      'Deep clean, 3 bedrooms',
      '2.5',
      '£40.00',
      '20%',
      '£100.00',
      '£145.50',
      'Tax (20%)',
      '£165.50',
      'DUE',
      'Amount due £165.50 by 16 Mar 2026',
      'Page 1 of 1',
    ]) {
      expect(text).to.include(expected);
    }
    expect(info['Title']).to.equal('Invoice INV-2026-000123');
    expect(info['Author']).to.equal('Sparkle Cleaning Ltd');
    expect(info['CreationDate']).to.match(/^D:20260302093000/);
  });

  it('prints a draft as DRAFT without a number', async () => {
    const { text } = await pdfText(await renderer.render(aDocument({ number: null, status: 'DRAFT', issueDate: null, dueDate: null, paymentState: 'draft' })));
    expect(text).to.include('DRAFT');
    expect(text).to.include('DRAFT - not issued');
    expect(text).not.to.include('INV-');
    expect(text).to.include('Issue date: —'.replace('—', winAnsiText('—')));
  });

  it('prints each payment state with what is left to pay', async () => {
    const paid = await pdfText(await renderer.render(aDocument({ status: 'PAID', paidCents: 16550, outstandingCents: 0, paymentState: 'paid' })));
    expect(paid.text).to.include('PAID');
    expect(paid.text).to.include('Paid in full: £165.50');
    const partial = await pdfText(await renderer.render(aDocument({ status: 'PARTIAL', paidCents: 5000, outstandingCents: 11550, paymentState: 'partial' })));
    expect(partial.text).to.include('PARTIAL');
    expect(partial.text).to.include('Paid £50.00, outstanding £115.50, due 16 Mar 2026');
    const overdue = await pdfText(await renderer.render(aDocument({ status: 'OVERDUE', paymentState: 'overdue' })));
    expect(overdue.text).to.include('OVERDUE');
    expect(overdue.text).to.include('Outstanding £165.50, was due 16 Mar 2026');
    const credit = await pdfText(await renderer.render(aDocument({ status: 'PAID', paidCents: 20000, outstandingCents: 0, creditCents: 3450, paymentState: 'paid' })));
    expect(credit.text).to.include('Credit £34.50');
  });

  it('prints the pay link as text and the notes', async () => {
    const { text } = await pdfText(await renderer.render(aDocument({ payUrl: 'https://pay.example/v1/public/invoices/tok_123', notes: 'Thank you!' })));
    expect(text).to.include('Pay online: https://pay.example/v1/public/invoices/tok_123');
    expect(text).to.include('Thank you!');
  });

  it('writes each currency with its own exponent and the locale’s separators, exactly (no float on the way)', async () => {
    const jpy = await pdfText(await renderer.render(aDocument({ currency: 'JPY', locale: 'en-US', lines: [aLine({ unitPriceCents: 12345, lineTotalCents: 30863, lineTaxCents: 6173 })] })));
    expect(jpy.text).to.include('¥12,345');
    expect(jpy.text).to.include('¥30,863');
    const bhd = await pdfText(await renderer.render(aDocument({ currency: 'BHD', locale: 'en', totals: { subtotalCents: 1234, taxableSubtotalCents: 0, taxCents: 0, taxRateBasis: 0, totalCents: 1234 } })));
    expect(bhd.text).to.match(/BHD\s1\.234/);
    const eur = await pdfText(await renderer.render(aDocument({ currency: 'EUR', locale: 'de-DE', lines: [aLine({ taxRateBasis: 825 })] })));
    expect(eur.text).to.include('40,00 €');
    expect(eur.text).to.include('8,25 %');
    // 9e13 + 1 minor units: as a float the last cent would print as .02.
    const huge = 90_000_000_000_001;
    const big = await pdfText(await renderer.render(aDocument({ currency: 'USD', locale: 'en-US', totals: { subtotalCents: huge, taxableSubtotalCents: 0, taxCents: 0, taxRateBasis: 0, totalCents: huge } })));
    expect(big.text).to.include('$900,000,000,000.01');
  });

  it('falls back to English figures when the locale writes them in characters the font lacks', async () => {
    const { text } = await pdfText(await renderer.render(aDocument({ currency: 'EGP', locale: 'ar-EG' })));
    expect(text).to.match(/EGP\s165\.50/);
    expect(text).to.include('Mar 16, 2026');
  });

  it('continues a 100-line table over several pages, repeating the table header, with the totals after the last line', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => aLine({ description: `Visit ${String(i + 1).padStart(3, '0')}` }));
    const { pages } = await pdfText(await renderer.render(aDocument({ lines })));
    expect(pages.length).to.be.greaterThan(1);
    for (const [i, page] of pages.entries()) {
      expect(page, `page ${i + 1}`).to.include(`Page ${i + 1} of ${pages.length}`);
      if (page.includes('Visit')) expect(page, `page ${i + 1} repeats the header`).to.include('Description');
    }
    const all = pages.join('\n');
    for (let i = 1; i <= 100; i++) expect(all).to.include(`Visit ${String(i).padStart(3, '0')}`);
    // Lines keep their order across pages, and the totals come after the last one.
    const positions = Array.from({ length: 100 }, (_, i) => all.indexOf(`Visit ${String(i + 1).padStart(3, '0')}`));
    expect(positions).to.deep.equal([...positions].sort((a, b) => a - b));
    expect(all.indexOf('Subtotal')).to.be.greaterThan(positions[99]!);
  });

  it('renders the same document to the same bytes (dates from the document, not the clock)', async () => {
    const a = await renderer.render(aDocument());
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const b = await renderer.render(aDocument());
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).to.equal(0);
    const later = await renderer.render(aDocument({ documentDate: new Date('2026-03-03T00:00:00Z') }));
    expect(Buffer.compare(Buffer.from(a), Buffer.from(later))).not.to.equal(0);
  });

  describe('hostile text', () => {
    const hostile = [
      'שלום עולם מרכז ניקיון',
      'تنظيف عميق للمطبخ',
      'Cleaning 🧽✨🏠 done 👍🏽',
      'lone \ud800 high and \udfff low surrogates',
      'control \u0001\u0007\u001b\u007f\u009f chars\ttab\r\nnewline',
      'zero\u200bwidth \u202eRLO override\u202c and \ufeffBOM',
      '中文描述 日本語の説明 한국어 설명',
      'Ωmega Łódź Ærø Straße ﬁnal 1\u202f234',
    ];

    it('prints every hostile string without crashing, keeping what the font can show and replacing the rest with "?"', async () => {
      const lines = hostile.map((description) => aLine({ description }));
      const doc = aDocument({ orgName: '🏢 שלום Org', client: { name: 'Ана \ud83d', email: 'a@example.com', address: 'بيت 1' }, lines, notes: hostile.join('\n') });
      const { text, info } = await pdfText(await renderer.render(doc));
      expect(text).to.include('Cleaning');
      expect(text).to.include('Straße');
      expect(text).to.include('fi');
      expect(text).to.include('?');
      expect(text).to.include('INV-2026-000123');
      expect(text).to.include('£165.50');
      expect(info['Author']).to.be.a('string');
    });

    it('wraps a very long description and one endless word inside the page (cut at a bounded length)', async () => {
      const long = 'word '.repeat(2000);
      const endless = 'x'.repeat(5000);
      const withLines = (description: string) => aDocument({ lines: [aLine({ description: long }), aLine({ description }), aLine({ description: 'after' })] });
      const all = (await pdfText(await renderer.render(withLines(endless)))).text;
      expect(all).to.include('after');
      expect(all).to.include('£165.50');
      const without = (await pdfText(await renderer.render(withLines('')))).text;
      const xs = (text: string) => (text.match(/x/g) ?? []).length;
      // The endless word is broken across lines and cut to the printed maximum, with "…" last.
      expect(xs(all) - xs(without)).to.equal(MAX_PRINTED_DESCRIPTION - 1);
      expect(all).to.include('…');
    });

    it('maps text to WinAnsi: keeps Latin-1 and the Windows-1252 extras, decomposes what it can, "?" for the rest', () => {
      expect(winAnsiText('Café € – “quoted” … Œuvre')).to.equal('Café € – “quoted” … Œuvre');
      expect(winAnsiText('Łódź ő ﬁ')).to.equal('?ódz o fi');
      expect(winAnsiText('a\ud800b\udfffc')).to.equal('a?b?c');
      expect(winAnsiText('🧽')).to.equal('?');
      expect(winAnsiText('a\u0000b\u0007c')).to.equal('a b c');
      expect(winAnsiText('1\u202f234 \u2212 5')).to.equal('1 234 - 5');
    });
  });
});
