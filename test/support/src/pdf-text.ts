/**
 * Reads a PDF back as text with Mozilla's pdf.js, so tests check what a reader of the file sees
 * (the words on each page), not how a generator happened to encode them.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// pdf.js loads the metrics of the 14 standard fonts from files; tell it where they are.
const standardFontDataUrl = `${pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')).href}/`;

export interface PdfText {
  /** Each page's text items joined by a space, in reading order as pdf.js gives them. */
  readonly pages: readonly string[];
  /** Every page's text, one page per line. */
  readonly text: string;
  /** The document information dictionary (Title, Author, CreationDate, ...). */
  readonly info: Readonly<Record<string, unknown>>;
}

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  // pdf.js may detach the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), standardFontDataUrl, isEvalSupported: false, verbosity: 0 });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(
        content.items
          .map((item) => ('str' in item ? item.str : ''))
          .filter((s) => s.trim() !== '')
          .join(' '),
      );
    }
    const { info } = await pdf.getMetadata();
    return { pages, text: pages.join('\n'), info: (info ?? {}) as Record<string, unknown> };
  } finally {
    await task.destroy();
  }
}
