/**
 * The InvoiceDocumentRenderer port on PDFKit: an A4 invoice with the org's name, the number,
 * dates, who it is billed to, a line table that continues over as many pages as it needs (its
 * header repeated), the stored totals, what was paid and what is left, the payment state and the
 * pay link as text. The same document always gives the same bytes: the PDF's dates come from
 * the document (PDFKit derives the file id from them), never from the clock.
 */
import PDFDocument from 'pdfkit';
import { documentFormat, type DocumentFormat, type InvoiceDocument, type InvoiceDocumentRenderer } from '@cws/core';
import { isWinAnsiText, winAnsiText } from './win-ansi-text.js';

export interface PdfkitInvoiceRendererOptions {
  /** Deflate the page streams (default true; tests read the raw streams with false). */
  readonly compress?: boolean;
}

/** Descriptions longer than this are cut with "…", so one table row always fits on one page. */
export const MAX_PRINTED_DESCRIPTION = 1000;

const MARGIN = 50;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const BODY_SIZE = 9;
const TABLE_SIZE = 8;
const CELL_PAD = 4;

interface Column {
  readonly title: string;
  readonly width: number;
  readonly align: 'left' | 'right';
}

// A4 is 595.28 pt wide: 495 pt between the margins.
const COLUMNS: readonly Column[] = [
  { title: 'Description', width: 165, align: 'left' },
  { title: 'Qty', width: 45, align: 'right' },
  { title: 'Unit price', width: 80, align: 'right' },
  { title: 'Tax rate', width: 45, align: 'right' },
  { title: 'Tax', width: 75, align: 'right' },
  { title: 'Amount', width: 85, align: 'right' },
];

const STATE_TEXT: Readonly<Record<InvoiceDocument['paymentState'], string>> = {
  draft: 'DRAFT - not issued',
  void: 'VOID',
  paid: 'PAID',
  partial: 'PARTIAL',
  overdue: 'OVERDUE',
  due: 'DUE',
};

/** The document's figures in its locale, or in `en` when that locale writes them in characters the font lacks (Arabic digits, non-Latin month names). */
function printableFormat(doc: InvoiceDocument): DocumentFormat {
  const local = documentFormat(doc);
  const sample = [local.money(1234567), local.date('2026-09-30'), local.rate(825), local.quantity('1234.5')].join(' ');
  return isWinAnsiText(sample) ? local : documentFormat({ ...doc, locale: 'en' });
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export class PdfkitInvoiceRenderer implements InvoiceDocumentRenderer {
  readonly mediaType = 'application/pdf';
  readonly extension = 'pdf';

  constructor(private readonly options: PdfkitInvoiceRendererOptions = {}) {}

  async render(invoice: InvoiceDocument): Promise<Uint8Array> {
    const title = invoice.number === null ? 'Draft invoice' : `Invoice ${invoice.number}`;
    const pdf = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      compress: this.options.compress ?? true,
      bufferPages: true,
      info: {
        Title: winAnsiText(title),
        Author: winAnsiText(invoice.orgName),
        Creator: 'CleanWithSnapshot',
        Producer: 'CleanWithSnapshot',
        CreationDate: invoice.documentDate,
        ModDate: invoice.documentDate,
      },
    });
    const chunks: Buffer[] = [];
    const done = new Promise<Uint8Array>((resolve, reject) => {
      pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
      pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      pdf.on('error', reject);
    });
    new InvoiceLayout(pdf, invoice, printableFormat(invoice)).draw();
    pdf.end();
    return done;
  }
}

/** One rendering: the cursor, page breaks and the blocks of the invoice. */
class InvoiceLayout {
  private y = MARGIN;
  private readonly left = MARGIN;
  private readonly width: number;

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly doc: InvoiceDocument,
    private readonly fmt: DocumentFormat,
  ) {
    this.width = pdf.page.width - 2 * MARGIN;
  }

  private get bottom(): number {
    return this.pdf.page.height - MARGIN;
  }

  /** Writes text at (x, y) inside `width`, never letting PDFKit add a page on its own. */
  private put(text: string, x: number, y: number, width: number, options: { font?: string; size?: number; align?: 'left' | 'right' | 'center' } = {}): number {
    const printable = winAnsiText(text);
    this.pdf.font(options.font ?? FONT).fontSize(options.size ?? BODY_SIZE);
    const height = this.pdf.heightOfString(printable, { width });
    this.pdf.text(printable, x, y, { width, align: options.align ?? 'left', height: Math.max(height, this.bottom - y), lineBreak: true });
    return height;
  }

  private heightOf(text: string, width: number, font: string, size: number): number {
    this.pdf.font(font).fontSize(size);
    return this.pdf.heightOfString(winAnsiText(text), { width });
  }

  private newPage(): void {
    this.pdf.addPage();
    this.y = MARGIN;
  }

  /** Starts a new page unless `height` more fits on this one. */
  private ensure(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }

  draw(): void {
    this.header();
    this.billTo();
    this.table();
    this.totals();
    this.paymentState();
    this.notesAndLink();
    this.pageNumbers();
  }

  private header(): void {
    const { doc, fmt } = this;
    const half = this.width / 2;
    const orgHeight = this.put(clip(doc.orgName, 200), this.left, this.y, half - 10, { font: BOLD, size: 16 });
    const heading = doc.number === null ? 'DRAFT' : `Invoice ${doc.number}`;
    this.put(heading, this.left + half, this.y, half, { font: BOLD, size: 16, align: 'right' });
    let right = this.y + 22;
    for (const [label, value] of [
      ['Issue date', fmt.date(doc.issueDate)],
      ['Due date', fmt.date(doc.dueDate)],
      ['Currency', doc.currency],
    ] as const) {
      right += this.put(`${label}: ${value}`, this.left + half, right, half, { align: 'right' }) + 2;
    }
    this.y = Math.max(this.y + orgHeight, right) + 16;
  }

  private billTo(): void {
    const { client } = this.doc;
    const width = this.width / 2;
    this.y += this.put('Bill to', this.left, this.y, width, { font: BOLD }) + 2;
    for (const line of [client.name, client.email, client.address]) {
      if (line === null || line === '') continue;
      this.y += this.put(clip(line, 300), this.left, this.y, width) + 1;
    }
    this.y += 14;
  }

  private tableHeader(): void {
    let x = this.left;
    const height = TABLE_SIZE + 2 * CELL_PAD;
    this.pdf.save().rect(this.left, this.y, this.width, height).fill('#eeeeee').restore().fillColor('black');
    for (const column of COLUMNS) {
      this.put(column.title, x + CELL_PAD, this.y + CELL_PAD, column.width - 2 * CELL_PAD, { font: BOLD, size: TABLE_SIZE, align: column.align });
      x += column.width;
    }
    this.y += height;
  }

  private table(): void {
    const { doc, fmt } = this;
    this.ensure(60);
    this.tableHeader();
    if (doc.lines.length === 0) {
      this.y += this.put('No lines', this.left + CELL_PAD, this.y + CELL_PAD, this.width, { size: TABLE_SIZE }) + 2 * CELL_PAD;
    }
    for (const line of doc.lines) {
      const cells = [
        clip(line.description, MAX_PRINTED_DESCRIPTION),
        fmt.quantity(line.quantity),
        fmt.money(line.unitPriceCents),
        fmt.rate(line.taxRateBasis),
        fmt.money(line.lineTaxCents),
        fmt.money(line.lineTotalCents),
      ];
      const height = Math.max(...cells.map((text, i) => this.heightOf(text, COLUMNS[i]!.width - 2 * CELL_PAD, FONT, TABLE_SIZE))) + 2 * CELL_PAD;
      if (this.ensure(height)) this.tableHeader();
      let x = this.left;
      cells.forEach((text, i) => {
        const column = COLUMNS[i]!;
        this.put(text, x + CELL_PAD, this.y + CELL_PAD, column.width - 2 * CELL_PAD, { size: TABLE_SIZE, align: column.align });
        x += column.width;
      });
      this.y += height;
      this.pdf.save().moveTo(this.left, this.y).lineTo(this.left + this.width, this.y).lineWidth(0.5).strokeColor('#cccccc').stroke().restore();
    }
    this.y += 12;
  }

  private totals(): void {
    const { doc, fmt } = this;
    const t = doc.totals;
    const rows: Array<[string, string, boolean]> = [
      ['Subtotal', fmt.money(t.subtotalCents), false],
      ['Taxable subtotal', fmt.money(t.taxableSubtotalCents), false],
      [`Tax (${fmt.rate(t.taxRateBasis)})`, fmt.money(t.taxCents), false],
      ['Total', fmt.money(t.totalCents), true],
      ['Paid', fmt.money(doc.paidCents), false],
      ['Outstanding', fmt.money(doc.outstandingCents), true],
    ];
    if (doc.creditCents > 0) rows.push(['Credit', fmt.money(doc.creditCents), false]);
    const labelWidth = 120;
    const valueWidth = 130;
    const x = this.left + this.width - labelWidth - valueWidth;
    const heights = rows.map(([label, value, bold]) => Math.max(this.heightOf(label, labelWidth, bold ? BOLD : FONT, BODY_SIZE), this.heightOf(value, valueWidth, bold ? BOLD : FONT, BODY_SIZE)) + 4);
    this.ensure(heights.reduce((a, b) => a + b, 0));
    rows.forEach(([label, value, bold], i) => {
      const font = bold ? BOLD : FONT;
      this.put(label, x, this.y, labelWidth, { font });
      this.put(value, x + labelWidth, this.y, valueWidth, { font, align: 'right' });
      this.y += heights[i]!;
    });
    this.y += 12;
  }

  private paymentState(): void {
    const { doc, fmt } = this;
    const state = STATE_TEXT[doc.paymentState];
    const detail =
      doc.paymentState === 'partial'
        ? `Paid ${fmt.money(doc.paidCents)}, outstanding ${fmt.money(doc.outstandingCents)}, due ${fmt.date(doc.dueDate)}`
        : doc.paymentState === 'overdue'
          ? `Outstanding ${fmt.money(doc.outstandingCents)}, was due ${fmt.date(doc.dueDate)}`
          : doc.paymentState === 'due'
            ? `Amount due ${fmt.money(doc.outstandingCents)} by ${fmt.date(doc.dueDate)}`
            : doc.paymentState === 'paid'
              ? `Paid in full: ${fmt.money(doc.paidCents)}`
              : '';
    const height = this.heightOf(state, this.width, BOLD, 14) + (detail === '' ? 0 : this.heightOf(detail, this.width, FONT, BODY_SIZE)) + 6;
    this.ensure(height);
    this.y += this.put(state, this.left, this.y, this.width, { font: BOLD, size: 14 }) + 2;
    if (detail !== '') this.y += this.put(detail, this.left, this.y, this.width);
    this.y += 12;
  }

  private notesAndLink(): void {
    const { doc } = this;
    if (doc.payUrl !== null) {
      const text = `Pay online: ${clip(doc.payUrl, 500)}`;
      this.ensure(this.heightOf(text, this.width, FONT, BODY_SIZE));
      this.y += this.put(text, this.left, this.y, this.width) + 8;
    }
    if (doc.notes !== null && doc.notes.trim() !== '') {
      const notes = clip(doc.notes, 2000);
      this.ensure(Math.min(this.heightOf(notes, this.width, FONT, BODY_SIZE) + 14, this.bottom - MARGIN));
      this.y += this.put('Notes', this.left, this.y, this.width, { font: BOLD }) + 2;
      this.y += this.put(notes, this.left, this.y, this.width);
    }
  }

  /** "Page n of m" in each page's bottom margin (written after all pages exist). */
  private pageNumbers(): void {
    const range = this.pdf.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.pdf.switchToPage(i);
      const margins = this.pdf.page.margins;
      const bottom = margins.bottom;
      // Writing inside the bottom margin would make PDFKit start a page; lift the margin meanwhile.
      margins.bottom = 0;
      this.pdf.font(FONT).fontSize(TABLE_SIZE).text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN, this.pdf.page.height - MARGIN / 2 - TABLE_SIZE, { width: this.width, align: 'center', lineBreak: false });
      margins.bottom = bottom;
    }
  }
}
