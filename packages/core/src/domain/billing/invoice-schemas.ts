/**
 * An invoice's fields as the use cases take them, and an invoice as they answer it (JSON,
 * camelCase; the HTTP host snake_cases the names). The snapshot figures keep guide 000's names
 * (`subtotal_cents`, `taxable_subtotal_cents`, `tax_cents`, `tax_rate_basis`, `total_cents`)
 * whatever the currency's exponent: they are minor units of `currency`.
 *
 * Quantities travel as decimal numbers with at most 3 places (2.5 hours) and are kept as integer
 * thousandths; a quantity with more precision is refused, never rounded, so what staff typed is
 * what the customer is billed for.
 */
import { Type } from '@sinclair/typebox';
import { FieldRefusal, InstantView, Int, Nullable, NullableText, OneOf, PageOf, Text, Uuid } from '../../contracts/schema-vocabulary.js';
import { INVOICE_STATUSES } from './invoice.js';
import { MAX_INVOICE_LINES, MAX_QUANTITY_MILLI, MAX_TAX_RATE_BASIS, MAX_UNIT_PRICE_MINOR, QUANTITY_SCALE } from './invoice-totals.js';

export const MAX_LINE_DESCRIPTION = 500;
export const MAX_INVOICE_NOTES = 4000;
export const MAX_PAYMENT_TERMS_DAYS = 365;
/** How many bookings one invoice may bill. */
export const MAX_INVOICE_BOOKINGS = MAX_INVOICE_LINES;
export const MAX_VOID_REASON = 500;

/** The quantity as a decimal number (thousandths exactly) → integer thousandths. */
export function quantityToMilli(quantity: number): number | null {
  if (!Number.isFinite(quantity) || quantity < 0) return null;
  const milli = Math.round(quantity * QUANTITY_SCALE);
  // k / 1000 is correctly rounded, so this holds exactly for every number written with ≤ 3 decimals.
  return milli / QUANTITY_SCALE === quantity ? milli : null;
}

/** Integer thousandths → the JSON number shown (2500 → 2.5). */
export const milliToQuantity = (milli: number): number => milli / QUANTITY_SCALE;

export const InvoiceQuantity = Type.Transform(
  Type.Number({
    exclusiveMinimum: 0,
    maximum: MAX_QUANTITY_MILLI / QUANTITY_SCALE,
    description: 'Units (hours, visits), a decimal number with at most 3 decimal places (2.5); more precision is refused, not rounded',
    examples: [2.5],
  }),
)
  .Decode((value) => {
    const milli = quantityToMilli(value);
    if (milli === null || milli === 0) throw new FieldRefusal('must have at most 3 decimal places');
    return milli;
  })
  .Encode((milli) => milliToQuantity(milli));

export const InvoiceLineInput = Type.Object(
  {
    description: Text(MAX_LINE_DESCRIPTION, { description: 'What the line bills' }),
    quantity: InvoiceQuantity,
    unitPriceCents: Int(0, MAX_UNIT_PRICE_MINOR, { description: 'Minor units of the invoice’s currency (cents; yen; fils)' }),
    taxRateBasis: Int(0, MAX_TAX_RATE_BASIS, { description: 'Tax rate in basis points (2000 = 20 %)' }),
    bookingId: Type.Optional(Nullable(Uuid({ description: 'The booking the line bills; must be one of the invoice’s booking_ids' }))),
  },
  { additionalProperties: false, $id: 'InvoiceLineInput' },
);

export const InvoiceLines = Type.Array(InvoiceLineInput, { maxItems: MAX_INVOICE_LINES, description: `At most ${MAX_INVOICE_LINES} lines` });
/** A draft's lines replaced: at least one. */
export const ReplacementInvoiceLines = Type.Array(InvoiceLineInput, { minItems: 1, maxItems: MAX_INVOICE_LINES, description: `Replaces every line (1 to ${MAX_INVOICE_LINES})` });
export const InvoiceNotes = NullableText(MAX_INVOICE_NOTES, { description: 'Printed on the invoice; null or blank clears it' });
export const PaymentTermsDays = Int(0, MAX_PAYMENT_TERMS_DAYS, { description: 'Days from issue to due (default 14)' });

export const InvoiceBookingIds = Type.Transform(Type.Array(Uuid(), { maxItems: MAX_INVOICE_BOOKINGS, uniqueItems: true }))
  .Decode((ids) => [...new Set(ids)])
  .Encode((ids) => ids);

export const InvoiceStatusField = OneOf(INVOICE_STATUSES);

// ------------------------------------------------------------------ views

const Cents = (description: string) => Type.Integer({ minimum: 0, description });
const LocalDateView = (description: string) => Nullable(Type.String({ format: 'date', description }));

export const InvoiceLineView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    position: Type.Integer({ minimum: 0 }),
    description: Type.String(),
    quantity: Type.Number({ minimum: 0, description: 'Units, at most 3 decimal places' }),
    unitPriceCents: Cents('Minor units'),
    taxRateBasis: Type.Integer({ minimum: 0, maximum: MAX_TAX_RATE_BASIS }),
    lineTotalCents: Cents('quantity × unit price, rounded half up to the minor unit'),
    lineTaxCents: Cents('line total × rate, rounded half up to the minor unit'),
    bookingId: Nullable(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false, $id: 'InvoiceLine' },
);

/** The tax snapshot of guide 000 and what is paid: minor units of the invoice's currency. */
const FigureFields = {
  subtotalCents: Cents('Σ line totals'),
  taxableSubtotalCents: Cents('Σ line totals with a positive tax rate'),
  taxCents: Cents('Σ line taxes'),
  taxRateBasis: Type.Integer({ minimum: 0, description: 'Effective rate of the stored amounts: tax ÷ taxable subtotal, basis points' }),
  totalCents: Cents('subtotal + tax'),
  paidCents: Cents('Settled money toward the balance (tips excluded)'),
  outstandingCents: Cents('What is left to pay (0 when void)'),
  creditCents: Cents('Paid beyond the total: the client’s credit'),
};

export const InvoiceClientView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    email: Nullable(Type.String({ description: 'Masked for viewers' })),
  },
  { additionalProperties: false, $id: 'InvoiceClient' },
);

export const InvoiceView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    orgId: Type.String({ format: 'uuid' }),
    number: Nullable(Type.String({ description: '`INV-2026-000123`, given at issuance; null on a draft' })),
    status: InvoiceStatusField,
    currency: Type.String({ minLength: 3, maxLength: 3, description: 'ISO 4217: the org’s when the invoice was created' }),
    issueDate: LocalDateView('Set at issuance, in the org’s zone'),
    dueDate: LocalDateView('Issue date + payment terms'),
    paymentTermsDays: Type.Integer({ minimum: 0 }),
    client: InvoiceClientView,
    bookingIds: Type.Array(Type.String({ format: 'uuid' })),
    notes: Nullable(Type.String({ description: 'Withheld for viewers' })),
    lines: Type.Array(InvoiceLineView),
    ...FigureFields,
    sentAt: Nullable(InstantView()),
    paidAt: Nullable(InstantView()),
    voidedAt: Nullable(InstantView()),
    voidReason: Nullable(Type.String({ description: 'Withheld for viewers' })),
    createdAt: InstantView(),
    updatedAt: InstantView(),
  },
  { additionalProperties: false, $id: 'Invoice' },
);

export const InvoicePage = PageOf(InvoiceView, { $id: 'InvoicePage' });

/** Whether the mail of an issued invoice was queued: no email channel (EMAIL_MODE=off), or a client without an address, queues nothing. */
export const InvoiceDelivery = OneOf(['queued', 'no_mail_transport', 'no_address'] as const, {
  description: 'queued: the invoice_sent mail is in the outbox; no_mail_transport: no email channel; no_address: the client has no email',
});

export const IssuedInvoiceView = Type.Object({ invoice: InvoiceView, delivery: InvoiceDelivery }, { additionalProperties: false, $id: 'IssuedInvoice' });

export const InvoiceBatchView = Type.Object(
  {
    created: Type.Array(InvoiceView, { description: 'One draft per client (more when a client has more bookings than an invoice holds lines)' }),
    skipped: Type.Integer({ minimum: 0, description: 'Completed bookings of the period not invoiced: already on an invoice, of an archived client, or in another currency' }),
  },
  { additionalProperties: false, $id: 'InvoiceBatch' },
);

/** What the public page shows: the invoice, never the client's contact details. */
export const PublicInvoiceView = Type.Object(
  {
    number: Nullable(Type.String()),
    orgName: Type.String(),
    status: InvoiceStatusField,
    currency: Type.String(),
    issueDate: LocalDateView('In the org’s zone'),
    dueDate: LocalDateView('In the org’s zone'),
    lines: Type.Array(
      Type.Object(
        {
          description: Type.String(),
          quantity: Type.Number({ minimum: 0 }),
          unitPriceCents: Cents('Minor units'),
          taxRateBasis: Type.Integer({ minimum: 0 }),
          lineTotalCents: Cents('Minor units'),
          lineTaxCents: Cents('Minor units'),
        },
        { additionalProperties: false },
      ),
    ),
    ...FigureFields,
  },
  { additionalProperties: false, $id: 'PublicInvoice' },
);
