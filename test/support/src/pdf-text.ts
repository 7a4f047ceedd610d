/**
 * Reads a PDF back as text with Mozilla's pdf.js, so tests check what a reader of the file sees
 * (the words on each page), not how a generator happened to encode them.
 *
 * pdf.js runs in a worker thread of its own: its legacy build (the one Node 20 can run) bundles
 * core-js polyfills that replace globals such as `JSON.stringify` when imported. Loaded here, it
 * would slow and change every later test and benchmark in the process (a benchmark's plain route
 * serialising through the polyfill made its baseline 3× slower).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const pdfjsUrl = pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
// pdf.js loads the metrics of the 14 standard fonts from files; tell it where they are.
const standardFontDataUrl = `${pathToFileURL(join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')).href}/`;

export interface PdfText {
  /** Each page's text items joined by a space, in reading order as pdf.js gives them. */
  readonly pages: readonly string[];
  /** Every page's text, one page per line. */
  readonly text: string;
  /** The document information dictionary (Title, Author, CreationDate, ...). */
  readonly info: Readonly<Record<string, unknown>>;
}

// Plain JavaScript run by the worker (eval'd: no file to build or resolve).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { getDocument } = await import(workerData.pdfjsUrl);
  const task = getDocument({ data: workerData.bytes, standardFontDataUrl: workerData.standardFontDataUrl, isEvalSupported: false, verbosity: 0 });
  const pdf = await task.promise;
  try {
    const pages = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).filter((s) => s.trim() !== '').join(' '));
    }
    const { info } = await pdf.getMetadata();
    parentPort.postMessage({ pages, info: JSON.parse(JSON.stringify(info ?? {})) });
  } finally {
    await task.destroy();
  }
})().catch((err) => parentPort.postMessage({ error: String(err && err.stack || err) }));
`;

export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  // A copy: pdf.js may detach the buffer it is given.
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { bytes: new Uint8Array(bytes), pdfjsUrl, standardFontDataUrl } });
  try {
    const answer = await new Promise<{ pages?: string[]; info?: Record<string, unknown>; error?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the pdf.js worker exited (${code}) without an answer`)));
    });
    if (answer.error !== undefined) throw new Error(`pdf.js could not read the PDF: ${answer.error}`);
    const pages = answer.pages ?? [];
    return { pages, text: pages.join('\n'), info: answer.info ?? {} };
  } finally {
    await worker.terminate();
  }
}
