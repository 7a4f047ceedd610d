/**
 * Text as the PDF's built-in Helvetica can print it.
 *
 * Font decision: the document uses PDFKit's built-in standard font (Helvetica), which needs no
 * font file but encodes text as WinAnsi (Windows-1252) only. PDFKit does not check this: a
 * character outside WinAnsi is written as a wrong, odd-length hex code that corrupts the rest of
 * the string on the page. So every string is mapped here first: WinAnsi characters stay; a
 * character whose compatibility decomposition is WinAnsi (`ő` → `o`, `ﬁ` → `fi`, a narrow
 * no-break space → a space) becomes that; anything else — Hebrew, Arabic, CJK, emoji, lone
 * surrogates — becomes `?`, and control characters become spaces. We did not embed a Unicode
 * TTF: no single well-kept npm font package covers the scripts clients write in (Noto is split
 * per script, CJK alone is tens of MB), and PDFKit has no bidirectional reordering or Arabic
 * shaping, so RTL text would print wrongly even with a font. `?` is visible and honest.
 */

/** Code points above U+00FF that WinAnsi has (its 0x80–0x9F block), as PDFKit maps them. */
const WIN_ANSI_EXTRA = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e,
  0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Characters with no WinAnsi decomposition that have an obvious stand-in. */
const STAND_INS: Readonly<Record<number, string>> = { 0x2212: '-', 0x2010: '-', 0x2011: '-', 0x2044: '/', 0x200b: '', 0x200e: '', 0x200f: '', 0x061c: '', 0xfeff: '' };

function isWinAnsi(codePoint: number): boolean {
  return (codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff) || WIN_ANSI_EXTRA.has(codePoint);
}

function mapCodePoint(char: string): string {
  const codePoint = char.codePointAt(0)!;
  if (isWinAnsi(codePoint)) return char;
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return ' ';
  const standIn = STAND_INS[codePoint];
  if (standIn !== undefined) return standIn;
  // A lone surrogate has no decomposition; normalize() leaves it as it is and the test fails.
  const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
  if (base !== '' && [...base].every((c) => isWinAnsi(c.codePointAt(0)!))) return base;
  return '?';
}

/** `text` with every character PDFKit's standard fonts cannot print replaced (see above). */
export function winAnsiText(text: string): string {
  let out = '';
  // for..of walks code points; a lone surrogate comes out as one unit of its own.
  for (const char of text.normalize('NFC')) out += mapCodePoint(char);
  return out;
}

/** Whether `text` prints unchanged. */
export function isWinAnsiText(text: string): boolean {
  return winAnsiText(text) === text.normalize('NFC');
}
