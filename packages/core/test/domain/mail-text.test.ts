import { expect } from 'chai';
import { isPlainMailbox, mailBodyText, mailHeaderText } from '@cws/core';

describe('mail text', function () {
  it('mailHeaderText: one line, control characters and separators as one space, lone surrogates U+FFFD', function () {
    expect(mailHeaderText('Hi\r\nBcc: x@evil.example\r\n\r\nbody')).to.equal('Hi Bcc: x@evil.example body');
    expect(mailHeaderText('a\u0000b\tc\u007fd\u0085e\u2028f\u2029g')).to.equal('a b c d e f g');
    expect(mailHeaderText('\r\n  padded \n')).to.equal('padded');
    expect(mailHeaderText('lone \uD800 and \uDC00, pair 😀')).to.equal('lone \uFFFD and \uFFFD, pair 😀');
    expect(mailHeaderText('Zoë مرحبا 清洁')).to.equal('Zoë مرحبا 清洁');
  });

  it('mailBodyText: keeps line breaks and tabs, drops NUL, lone surrogates U+FFFD', function () {
    expect(mailBodyText('a\r\nb\n\tc')).to.equal('a\r\nb\n\tc');
    expect(mailBodyText('be\u0000fore\u0000')).to.equal('before');
    expect(mailBodyText('\uDBFF\uDFFF ok, \uDBFF alone, \uDFFF alone')).to.equal('\uDBFF\uDFFF ok, \uFFFD alone, \uFFFD alone');
  });

  it('isPlainMailbox: one local@domain, nothing a provider could read as a second recipient or a header', function () {
    for (const ok of ['ana@example.com', 'ana.b+tag@sub.example.co.uk', 'zoë@exämple.com', `${'a'.repeat(64)}@${'b'.repeat(180)}.com`]) expect(isPlainMailbox(ok), ok).to.equal(true);
    const bad = ['', 'ana', '@example.com', 'ana@', 'a@b@c', 'ana@example.com\r\nBcc: x@y', 'ana@example.com, x@y', 'ana@example.com;x@y', 'Ana <ana@example.com>', '"a b"@example.com', 'a b@example.com', 'ana@exa\u0000mple.com', 'ana@example.com\t', 'ana\uD800@example.com', `${'a'.repeat(250)}@b.com`];
    for (const address of bad) expect(isPlainMailbox(address), JSON.stringify(address)).to.equal(false);
  });
});
