/**
 * Invoice arithmetic in integer minor units. The rounding rule is **per line, half up**:
 * each line's net total is quantity × unit price rounded to the minor unit, and its tax is the
 * line total × rate rounded to the minor unit. The invoice's figures are plain sums of those
 * rounded parts, so `total = subtotal + tax` and `tax = Σ line tax` hold exactly, and every line
 * printed on the invoice adds up to the figures at its foot (what a customer checks by hand).
 * Per-invoice rounding would make the tax differ from the sum of the lines shown by up to half
 * a minor unit per line; per line is what most invoicing tools print.
 *
 * Quantities are integer thousandths (2.5 hours = 2500) and rates basis points (20 % = 2000),
 * so nothing here is a float; products go through BigInt, so no intermediate loses precision.
 */

/** 1 = 0.001 of a unit. */
export const QUANTITY_SCALE = 1000;
/** 10 000 basis points = 100 %. */
export const BASIS_POINTS = 10_000;

/**
 * Bounds of each field. A line at the field caps comes to 1e16 minor units, past 2^53, so the
 * figures are also capped: a line total, and an invoice's total, above MAX_INVOICE_TOTAL_MINOR
 * are refused (RangeError) before they become a Number, which keeps every figure returned a safe
 * integer.
 */
export const MAX_QUANTITY_MILLI = 100_000_000; // 100 000 units
export const MAX_UNIT_PRICE_MINOR = 100_000_000_000; // 1 000 000 000.00 in a 2-decimal currency
export const MAX_TAX_RATE_BASIS = BASIS_POINTS;
export const MAX_INVOICE_LINES = 100;
/** An invoice's total may not exceed this (≈ 9e13 minor units), so sums of payments stay exact too. */
export const MAX_INVOICE_TOTAL_MINOR = 90_000_000_000_000;

export interface LineAmounts {
  readonly quantityMilli: number;
  readonly unitPriceCents: number;
  readonly taxRateBasis: number;
}

export interface LineFigures {
  /** quantity × unit price, rounded half up to the minor unit. */
  readonly lineTotalCents: number;
  /** line total × rate, rounded half up to the minor unit. */
  readonly lineTaxCents: number;
}

/** What an invoice stores at issuance and never recomputes from settings (guide 000, tax snapshots). */
export interface InvoiceTotals {
  readonly subtotalCents: number;
  /** Sum of the line totals with a positive tax rate. */
  readonly taxableSubtotalCents: number;
  readonly taxCents: number;
  /** Effective rate of the stored amounts: tax ÷ taxable subtotal in basis points, half up; 0 with nothing taxable. */
  readonly taxRateBasis: number;
  readonly totalCents: number;
}

/** `numerator / denominator` rounded half up, for non-negative integers. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (numerator < 0n || denominator <= 0n) throw new RangeError('divideHalfUp takes a non-negative numerator and a positive denominator');
  return (numerator * 2n + denominator) / (denominator * 2n);
}

function checkLine(line: LineAmounts): void {
  const { quantityMilli, unitPriceCents, taxRateBasis } = line;
  if (!Number.isSafeInteger(quantityMilli) || quantityMilli < 0 || quantityMilli > MAX_QUANTITY_MILLI) throw new RangeError('quantity is out of range');
  if (!Number.isSafeInteger(unitPriceCents) || unitPriceCents < 0 || unitPriceCents > MAX_UNIT_PRICE_MINOR) throw new RangeError('unit price is out of range');
  if (!Number.isSafeInteger(taxRateBasis) || taxRateBasis < 0 || taxRateBasis > MAX_TAX_RATE_BASIS) throw new RangeError('tax rate is out of range');
}

/** @throws RangeError for an amount outside its cap, or a line total above MAX_INVOICE_TOTAL_MINOR */
export function lineFigures(line: LineAmounts): LineFigures {
  checkLine(line);
  const total = divideHalfUp(BigInt(line.quantityMilli) * BigInt(line.unitPriceCents), BigInt(QUANTITY_SCALE));
  if (total > BigInt(MAX_INVOICE_TOTAL_MINOR)) throw new RangeError('line total is above the invoice total cap');
  const tax = divideHalfUp(total * BigInt(line.taxRateBasis), BigInt(BASIS_POINTS));
  return { lineTotalCents: Number(total), lineTaxCents: Number(tax) };
}

/** The invoice's snapshot from its lines' already rounded figures. @throws RangeError when the total is above MAX_INVOICE_TOTAL_MINOR */
export function invoiceTotals(lines: readonly (LineAmounts & LineFigures)[]): InvoiceTotals {
  let subtotal = 0n;
  let taxable = 0n;
  let tax = 0n;
  for (const line of lines) {
    subtotal += BigInt(line.lineTotalCents);
    tax += BigInt(line.lineTaxCents);
    if (line.taxRateBasis > 0) taxable += BigInt(line.lineTotalCents);
  }
  if (subtotal + tax > BigInt(MAX_INVOICE_TOTAL_MINOR)) throw new RangeError('invoice total is above the cap');
  const effective = taxable === 0n ? 0n : divideHalfUp(tax * BigInt(BASIS_POINTS), taxable);
  return {
    subtotalCents: Number(subtotal),
    taxableSubtotalCents: Number(taxable),
    taxCents: Number(tax),
    taxRateBasis: Number(effective),
    totalCents: Number(subtotal + tax),
  };
}
