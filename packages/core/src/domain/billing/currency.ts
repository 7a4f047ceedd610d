/**
 * ISO 4217 currencies and their minor-unit exponents, from the runtime's CLDR data (Intl), so
 * JPY has 0 decimals, EUR 2 and BHD 3 without a table of our own to keep current.
 */

/** Where CLDR's display digits differ from ISO 4217's minor unit (HUF: CLDR prints 0, ISO says 2). */
const ISO_EXPONENT_OVERRIDES: Readonly<Record<string, number>> = { HUF: 2 };

const exponents = new Map<string, number>();

/** True for a three-letter upper-case code the runtime knows as a currency. */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return knownCurrencies().has(code);
}

let known: Set<string> | null = null;
function knownCurrencies(): Set<string> {
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known;
}

/**
 * Decimal places of the currency's minor unit (JPY 0, USD 2, BHD 3).
 * @throws RangeError for a code that is not a known currency.
 */
export function currencyExponent(code: string): number {
  const cached = exponents.get(code);
  if (cached !== undefined) return cached;
  if (!isCurrencyCode(code)) throw new RangeError(`${code} is not an ISO 4217 currency`);
  const digits = ISO_EXPONENT_OVERRIDES[code] ?? new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  exponents.set(code, digits);
  return digits;
}

/** A minor-unit amount as a plain decimal string in major units (`12345` USD → `123.45`; JPY → `12345`). */
export function minorToDecimalString(amountMinor: number, code: string): string {
  const exponent = currencyExponent(code);
  const negative = amountMinor < 0;
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}
