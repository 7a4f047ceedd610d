/**
 * What an invoice document (the PDF a client gets) prints, and how its figures are written.
 * Amounts stay integer minor units here; they become text only through `documentFormat`, which
 * goes from minor units to an exact decimal string (the currency's exponent) and lets
 * Intl.NumberFormat print that string in the org's locale — Intl formats decimal strings
 * exactly, so no figure passes through a float on its way to the page.
 */
import { addressLine, type PostalAddress } from '../shared/address.js';
import type { Client } from '../clients/client.js';
import type { Org, OrgSettings } from '../orgs/org.js';
import type { LocalDate } from '../scheduling/zoned-time.js';
import { showEmail, showFreeText, showStreet, type PersonalDataView } from '../../access/personal-data.js';
import { currencyExponent, minorToDecimalString } from './currency.js';
import { creditCents, outstandingCents, type Invoice, type InvoiceStatus } from './invoice.js';
import { BASIS_POINTS, QUANTITY_SCALE, type InvoiceTotals } from './invoice-totals.js';

export interface InvoiceDocumentLine {
  readonly description: string;
  /** The quantity as an exact decimal string (2500 thousandths → `2.5`). */
  readonly quantity: string;
  readonly unitPriceCents: number;
  readonly taxRateBasis: number;
  readonly lineTotalCents: number;
  readonly lineTaxCents: number;
}

/**
 * What the client is told about the money: `draft` and `void` as they are; `paid`; `partial`
 * (something paid, a balance left, not yet due); `overdue` (a balance left after the due date in
 * the org's zone, whether or not the overdue job has run yet); `due` (issued, nothing paid yet).
 */
export type InvoicePaymentState = 'draft' | 'void' | 'paid' | 'partial' | 'overdue' | 'due';

export interface InvoiceDocument {
  readonly orgName: string;
  readonly client: {
    readonly name: string;
    readonly email: string | null;
    /** On one line, as mail shows it. */
    readonly address: string | null;
  };
  /** `INV-2026-000123`; null on a draft, which prints "DRAFT". */
  readonly number: string | null;
  readonly status: InvoiceStatus;
  readonly issueDate: LocalDate | null;
  readonly dueDate: LocalDate | null;
  /** ISO 4217 code; figures are minor units of it. */
  readonly currency: string;
  /** BCP 47 tag the figures and dates are written in (the org's). */
  readonly locale: string;
  readonly lines: readonly InvoiceDocumentLine[];
  /** The invoice's stored snapshot, printed as stored (never recomputed here). */
  readonly totals: InvoiceTotals;
  readonly paidCents: number;
  readonly outstandingCents: number;
  readonly creditCents: number;
  readonly paymentState: InvoicePaymentState;
  readonly notes: string | null;
  /** Where the client pays (the public invoice page), printed as text; null prints none. */
  readonly payUrl: string | null;
  /**
   * The document's own date (the PDF's creation date): when the invoice was issued, or created
   * for a draft. Taken from the invoice, not the clock, so the same invoice renders the same bytes.
   */
  readonly documentDate: Date;
}

/** The state the client reads on the document. */
export function paymentStateOf(invoice: Pick<Invoice, 'status' | 'totalCents' | 'paidCents' | 'dueDate'>, today: LocalDate): InvoicePaymentState {
  if (invoice.status === 'DRAFT') return 'draft';
  if (invoice.status === 'VOID') return 'void';
  if (outstandingCents(invoice) === 0) return 'paid';
  if (invoice.status === 'OVERDUE' || (invoice.dueDate !== null && invoice.dueDate < today)) return 'overdue';
  return invoice.paidCents > 0 ? 'partial' : 'due';
}

/** A non-negative integer scaled by `10^digits` as an exact decimal string without trailing zeros (`2500`, 3 → `2.5`). */
function scaledToDecimal(value: number, digits: number): string {
  const text = String(value).padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** Thousandths of a unit as the decimal the document prints (`2500` → `2.5`). */
export function quantityDecimal(quantityMilli: number): string {
  return scaledToDecimal(quantityMilli, String(QUANTITY_SCALE).length - 1);
}

export interface InvoiceDocumentInput {
  readonly invoice: Invoice;
  readonly client: Client;
  readonly org: Pick<Org, 'name'>;
  readonly settings: Pick<OrgSettings, 'locale'>;
  /** What the reader may see of the client's personal data (a viewer's copy is masked). */
  readonly view: PersonalDataView;
  readonly today: LocalDate;
  readonly payUrl: string | null;
}

function clientAddress(view: PersonalDataView, client: Client): string | null {
  const primary: PostalAddress | undefined = client.addresses[0];
  if (primary === undefined) return null;
  const line = addressLine({ ...primary, line1: showStreet(view, primary.line1) ?? '', line2: showStreet(view, primary.line2) });
  return line === '' ? null : line;
}

/** The document of an invoice, its client's personal data shown as `view` allows. */
export function invoiceDocumentOf(input: InvoiceDocumentInput): InvoiceDocument {
  const { invoice, client, view } = input;
  return {
    orgName: input.org.name,
    client: { name: client.name, email: showEmail(view, client.email), address: clientAddress(view, client) },
    number: invoice.number,
    status: invoice.status,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    locale: input.settings.locale,
    lines: [...invoice.lines]
      .sort((a, b) => a.position - b.position)
      .map((line) => ({
        description: line.description,
        quantity: quantityDecimal(line.quantityMilli),
        unitPriceCents: line.unitPriceCents,
        taxRateBasis: line.taxRateBasis,
        lineTotalCents: line.lineTotalCents,
        lineTaxCents: line.lineTaxCents,
      })),
    totals: {
      subtotalCents: invoice.subtotalCents,
      taxableSubtotalCents: invoice.taxableSubtotalCents,
      taxCents: invoice.taxCents,
      taxRateBasis: invoice.taxRateBasis,
      totalCents: invoice.totalCents,
    },
    paidCents: invoice.paidCents,
    outstandingCents: outstandingCents(invoice),
    creditCents: creditCents(invoice),
    paymentState: paymentStateOf(invoice, input.today),
    notes: showFreeText(view, invoice.notes),
    payUrl: input.payUrl,
    documentDate: invoice.sentAt ?? invoice.createdAt,
  };
}

/** Formatters of one document's figures, in its locale and currency. */
export interface DocumentFormat {
  /** `123456` USD in en-US → `$1,234.56`; JPY keeps no decimals, BHD three. */
  money(amountMinor: number): string;
  /** `2.5` in de-DE → `2,5`. */
  quantity(decimal: string): string;
  /** Basis points as a percentage: `825` → `8.25%`. */
  rate(basisPoints: number): string;
  /** A local date (`2026-03-01`) as the locale writes it (`1 Mar 2026`); "—" for none. */
  date(date: LocalDate | null): string;
}

/** The locale if the runtime knows it, otherwise `en` (a stored tag the runtime lacks never breaks a document). */
function usableLocale(locale: string): string {
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en';
  } catch {
    return 'en';
  }
}

// Intl's format() takes an exact decimal string (ECMA-402 NumberFormat v3, Node ≥ 19); its TypeScript signature lags.
type DecimalFormat = (value: string) => string;

export function documentFormat(doc: Pick<InvoiceDocument, 'locale' | 'currency'>): DocumentFormat {
  const locale = usableLocale(doc.locale);
  const exponent = currencyExponent(doc.currency);
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: doc.currency, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
  const quantity = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const basisDigits = String(BASIS_POINTS).length - 1;
  return {
    money: (amount) => (money.format as unknown as DecimalFormat)(minorToDecimalString(amount, doc.currency)),
    quantity: (decimal) => (quantity.format as unknown as DecimalFormat)(decimal),
    rate: (basis) => (percent.format as unknown as DecimalFormat)(scaledToDecimal(basis, basisDigits)),
    date: (date) => {
      if (date === null) return '—';
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      return dates.format(new Date(Date.UTC(y, m - 1, d)));
    },
  };
}
