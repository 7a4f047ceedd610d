/**
 * Properties of the invoice arithmetic (invoice-totals.ts, currency.ts), checked with fast-check
 * over generated lines up to the caps. Exact references use BigInt rationals, never floats.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import {
  BASIS_POINTS,
  MAX_INVOICE_LINES,
  MAX_INVOICE_TOTAL_MINOR,
  MAX_QUANTITY_MILLI,
  MAX_TAX_RATE_BASIS,
  MAX_UNIT_PRICE_MINOR,
  QUANTITY_SCALE,
  currencyExponent,
  invoiceTotals,
  isCurrencyCode,
  lineFigures,
  milliToQuantity,
  minorToDecimalString,
  quantityToMilli,
  type LineAmounts,
} from '@cws/core';

const RUNS = { numRuns: 500 };

/** Lines anywhere in range, with the caps themselves drawn often. */
const amounts: fc.Arbitrary<LineAmounts> = fc.record({
  quantityMilli: fc.oneof(fc.integer({ min: 0, max: MAX_QUANTITY_MILLI }), fc.constantFrom(0, 1, 499, 500, 501, MAX_QUANTITY_MILLI)),
  unitPriceCents: fc.oneof(fc.integer({ min: 0, max: MAX_UNIT_PRICE_MINOR }), fc.integer({ min: 0, max: 10_000 }), fc.constant(MAX_UNIT_PRICE_MINOR)),
  taxRateBasis: fc.oneof(fc.integer({ min: 0, max: MAX_TAX_RATE_BASIS }), fc.constantFrom(0, 1, 500, 2000, 2100, MAX_TAX_RATE_BASIS)),
});

const invoiceLines = fc.array(amounts, { minLength: 1, maxLength: MAX_INVOICE_LINES });

const priced = (lines: readonly LineAmounts[]) => lines.map((l) => ({ ...l, ...lineFigures(l) }));

const CAP = BigInt(MAX_INVOICE_TOTAL_MINOR);
const SCALE = BigInt(QUANTITY_SCALE);
const BP = BigInt(BASIS_POINTS);
const halfUp = (n: bigint, d: bigint) => (n * 2n + d) / (d * 2n);

/** The exact figures in BigInt (the reference): line totals, line taxes, total. */
function reference(lines: readonly LineAmounts[]) {
  const rows = lines.map((l) => {
    const total = halfUp(BigInt(l.quantityMilli) * BigInt(l.unitPriceCents), SCALE);
    return { total, tax: halfUp(total * BigInt(l.taxRateBasis), BP), taxed: l.taxRateBasis > 0 };
  });
  const subtotal = rows.reduce((s, r) => s + r.total, 0n);
  const tax = rows.reduce((s, r) => s + r.tax, 0n);
  return { rows, subtotal, tax, total: subtotal + tax, overCap: rows.some((r) => r.total > CAP) || subtotal + tax > CAP };
}

/** |2·(rounded·d − n)| ≤ d: `rounded` is within half a unit of n/d (exact, in integers). */
const withinHalf = (rounded: bigint, numerator: bigint, denominator: bigint) => {
  const diff = rounded * denominator - numerator;
  return (diff < 0n ? -diff : diff) * 2n <= denominator;
};

describe('invoice arithmetic (properties)', () => {
  it('totals are the sums of their parts and total = subtotal + tax', () => {
    fc.assert(
      fc.property(invoiceLines, (lines) => {
        const ref = reference(lines);
        if (ref.overCap) {
          expect(() => invoiceTotals(priced(lines))).to.throw(RangeError);
          return;
        }
        const rows = priced(lines);
        const t = invoiceTotals(rows);
        expect([t.subtotalCents, t.taxCents, t.totalCents].map(BigInt)).to.deep.equal([ref.subtotal, ref.tax, ref.total]);
        expect(t.subtotalCents).to.equal(rows.reduce((s, r) => s + r.lineTotalCents, 0));
        expect(t.taxCents).to.equal(rows.reduce((s, r) => s + r.lineTaxCents, 0));
        expect(t.taxableSubtotalCents).to.equal(rows.filter((r) => r.taxRateBasis > 0).reduce((s, r) => s + r.lineTotalCents, 0));
        expect(t.totalCents).to.equal(t.subtotalCents + t.taxCents);
        expect(t.taxableSubtotalCents).to.be.at.most(t.subtotalCents);
      }),
      RUNS,
    );
  });

  it('each line’s total and tax are within half a minor unit of the exact rational', () => {
    fc.assert(
      fc.property(amounts, (line) => {
        if (reference([line]).rows[0]!.total > CAP) {
          expect(() => lineFigures(line)).to.throw(RangeError);
          return;
        }
        const { lineTotalCents, lineTaxCents } = lineFigures(line);
        const exactTotal = BigInt(line.quantityMilli) * BigInt(line.unitPriceCents);
        expect(withinHalf(BigInt(lineTotalCents), exactTotal, BigInt(QUANTITY_SCALE))).to.equal(true);
        // The tax is of the rounded line total, as printed on the line.
        expect(withinHalf(BigInt(lineTaxCents), BigInt(lineTotalCents) * BigInt(line.taxRateBasis), BigInt(BASIS_POINTS))).to.equal(true);
        // Half up: an exact half goes up.
        if (exactTotal % BigInt(QUANTITY_SCALE) === BigInt(QUANTITY_SCALE / 2)) expect(BigInt(lineTotalCents) * BigInt(QUANTITY_SCALE) > exactTotal).to.equal(true);
      }),
      RUNS,
    );
  });

  it('tax_rate_basis is the effective rate of the stored amounts, within rounding', () => {
    fc.assert(
      fc.property(invoiceLines, (lines) => {
        if (reference(lines).overCap) return;
        const t = invoiceTotals(priced(lines));
        if (t.taxableSubtotalCents === 0) {
          expect(t.taxRateBasis).to.equal(0);
          return;
        }
        expect(withinHalf(BigInt(t.taxRateBasis), BigInt(t.taxCents) * BigInt(BASIS_POINTS), BigInt(t.taxableSubtotalCents))).to.equal(true);
        // With one rate on every taxed line, the effective rate is that rate within what per-line rounding moves.
        const rates = new Set(lines.filter((l) => l.taxRateBasis > 0).map((l) => l.taxRateBasis));
        if (rates.size === 1 && t.taxableSubtotalCents >= 1_000_000) expect(Math.abs(t.taxRateBasis - [...rates][0]!)).to.be.at.most(1);
      }),
      RUNS,
    );
  });

  it('every figure returned is a safe integer; past the total cap, even at the field caps, RangeError instead', () => {
    const atCaps = { quantityMilli: MAX_QUANTITY_MILLI, unitPriceCents: MAX_UNIT_PRICE_MINOR, taxRateBasis: MAX_TAX_RATE_BASIS };
    expect(() => lineFigures(atCaps)).to.throw(RangeError);
    // The largest line the cap admits, 100 times over: its sum is refused before it leaves BigInt.
    const largest = { quantityMilli: (MAX_INVOICE_TOTAL_MINOR / MAX_UNIT_PRICE_MINOR) * QUANTITY_SCALE, unitPriceCents: MAX_UNIT_PRICE_MINOR, taxRateBasis: 0 };
    expect(lineFigures(largest)).to.deep.equal({ lineTotalCents: MAX_INVOICE_TOTAL_MINOR, lineTaxCents: 0 });
    expect(() => invoiceTotals(priced(Array.from({ length: MAX_INVOICE_LINES }, () => largest)))).to.throw(RangeError);
    const t = invoiceTotals(priced([largest]));
    for (const value of Object.values(t)) expect(Number.isSafeInteger(value), String(value)).to.equal(true);
    fc.assert(
      fc.property(invoiceLines, (lines) => {
        if (reference(lines).overCap) return;
        const rows = priced(lines);
        for (const r of rows) expect(Number.isSafeInteger(r.lineTotalCents) && Number.isSafeInteger(r.lineTaxCents)).to.equal(true);
        for (const value of Object.values(invoiceTotals(rows))) expect(Number.isSafeInteger(value)).to.equal(true);
      }),
      RUNS,
    );
  });

  it('refuses amounts outside the caps or not integers', () => {
    for (const bad of [
      { quantityMilli: -1, unitPriceCents: 1, taxRateBasis: 0 },
      { quantityMilli: MAX_QUANTITY_MILLI + 1, unitPriceCents: 1, taxRateBasis: 0 },
      { quantityMilli: 1, unitPriceCents: MAX_UNIT_PRICE_MINOR + 1, taxRateBasis: 0 },
      { quantityMilli: 1, unitPriceCents: 1.5, taxRateBasis: 0 },
      { quantityMilli: 1, unitPriceCents: 1, taxRateBasis: MAX_TAX_RATE_BASIS + 1 },
    ]) {
      expect(() => lineFigures(bad), JSON.stringify(bad)).to.throw(RangeError);
    }
  });

  it('currency exponents: JPY 0, USD 2, BHD 3, HUF 2 (ISO, not CLDR); an unknown code is refused', () => {
    expect([currencyExponent('JPY'), currencyExponent('USD'), currencyExponent('BHD'), currencyExponent('HUF'), currencyExponent('EUR'), currencyExponent('KWD')]).to.deep.equal([0, 2, 3, 2, 2, 3]);
    for (const bad of ['XXXX', 'usd', 'ZZZ', '', 'US']) {
      expect(isCurrencyCode(bad), bad).to.equal(false);
      expect(() => currencyExponent(bad), bad).to.throw(RangeError);
    }
  });

  it('minorToDecimalString round-trips to the same minor units in every exponent', () => {
    fc.assert(
      fc.property(fc.constantFrom('JPY', 'USD', 'BHD', 'HUF', 'EUR'), fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.maxSafeInteger(), fc.constant(0)), (code, minor) => {
        const text = minorToDecimalString(minor, code);
        const exponent = currencyExponent(code);
        const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
        expect(m, text).to.not.equal(null);
        expect((m![3] ?? '').length).to.equal(exponent);
        const back = BigInt(`${m![2]}${m![3] ?? ''}`) * (m![1] === '-' ? -1n : 1n);
        expect(back).to.equal(BigInt(minor));
      }),
      RUNS,
    );
    expect(minorToDecimalString(5, 'BHD')).to.equal('0.005');
    expect(minorToDecimalString(12_345, 'JPY')).to.equal('12345');
    expect(minorToDecimalString(-7, 'USD')).to.equal('-0.07');
  });

  it('quantities: any number with at most 3 decimals maps to exact thousandths and back; more precision is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_QUANTITY_MILLI }), (milli) => {
        // The number a client writes as "12.345" is parsed from text, as JSON does.
        const written = Number((milli / QUANTITY_SCALE).toFixed(3));
        expect(quantityToMilli(written)).to.equal(milli);
        expect(milliToQuantity(milli)).to.equal(written);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_QUANTITY_MILLI - 1 }), fc.integer({ min: 1, max: 9 }), (milli, extra) => {
        expect(quantityToMilli(Number(`${(milli / QUANTITY_SCALE).toFixed(3)}${extra}`))).to.equal(null);
      }),
      RUNS,
    );
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1, 1e-7]) expect(quantityToMilli(bad)).to.equal(null);
  });
});
