/**
 * Text made safe to hand to a mail provider, whichever adapter sends it. Rendered messages carry
 * org- and client-typed text (an org name in the subject, a client's name as the recipient's), so
 * a CR/LF there could start a header of its own (`Bcc:`) on a provider that writes it verbatim,
 * and a NUL or a lone surrogate makes some providers refuse the whole message.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A header field's text (subject, display names): one line. Control characters (CR, LF, tab,
 * NUL, DEL, C1) and Unicode line/paragraph separators become one space; lone surrogates U+FFFD.
 */
export function mailHeaderText(text: string): string {
  return (
    text
      .replace(LONE_SURROGATE, '\uFFFD')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
      .trim()
  );
}

/**
 * A body part's text: line breaks and tabs kept, NUL dropped (RFC 5322 §2.3 forbids it in a
 * message) and lone surrogates U+FFFD (they have no UTF-8 encoding).
 */
export function mailBodyText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(/\u0000/g, '');
}

/**
 * The header every mail carries with its outbox event id, so a redelivery after a crash is
 * recognisable (SendGrid also gets it as a custom arg, SMTP as the Message-ID).
 */
export const MAIL_EVENT_ID_HEADER = 'X-Outbox-Event-Id';

/**
 * Whether `address` is one plain mailbox (`local@domain`, at most 254 characters): no space,
 * control character, lone surrogate, quote, bracket, comma or semicolon, so a provider or an SMTP envelope can
 * neither read a second recipient into it nor a header after it. Addresses are validated when
 * stored; this is the last check before a message leaves.
 */
export function isPlainMailbox(address: string): boolean {
  // eslint-disable-next-line no-control-regex
  return address.length <= 254 && /^[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f\uD800-\uDFFF]+@[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f\uD800-\uDFFF]+$/u.test(address);
}
