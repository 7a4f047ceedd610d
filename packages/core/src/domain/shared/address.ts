/** Addresses where work happens. A lead's service address and a client's addresses have one form. */
import { Type, type StaticDecode } from '@sinclair/typebox';
import { Nullable, NullableText, Text, withMessage } from '../../contracts/schema-vocabulary.js';

export interface PostalAddress {
  readonly line1: string;
  readonly line2: string | null;
  readonly city: string;
  readonly region: string | null;
  readonly postalCode: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  readonly country: string | null;
}

/** The address on one line, as a message shows it: `1 High St, Flat 2, Leeds, LS1 1AA, GB`. */
export function addressLine(a: PostalAddress): string {
  return [a.line1, a.line2, a.city, a.region, a.postalCode, a.country].filter((part): part is string => part !== null && part.trim() !== '').join(', ');
}

/**
 * A postal address with what a visit there needs: a label ("Home", "Office") and access notes
 * (key safe, gate code). A lead's address is one; a client's addresses are too, plus what a
 * stored row of a list has (id, primary, timestamps), so converting a lead loses nothing.
 */
export interface ServiceAddress extends PostalAddress {
  readonly label: string | null;
  readonly accessNotes: string | null;
}

// ---- Contract schemas ----

/** ISO 3166-1 alpha-2, upper-cased; null or blank clears it. */
export const CountryCode = Type.Transform(
  Nullable(withMessage(Type.String({ maxLength: 2, pattern: '^([A-Za-z]{2})?$', examples: ['US'], description: 'ISO 3166-1 alpha-2 country code' }), 'must be an ISO 3166-1 alpha-2 code')),
)
  .Decode((value) => (value === null || value === '' ? null : value.toUpperCase()))
  .Encode((value) => value);

export const PostalAddressFields = {
  line1: Text(200),
  line2: Type.Optional(NullableText(200)),
  city: Text(100),
  region: Type.Optional(NullableText(100)),
  postalCode: Type.Optional(NullableText(20)),
  country: Type.Optional(CountryCode),
};

/** An address where work happens, as leads and clients both take it. */
export const ServiceAddressInput = Type.Object(
  { label: Type.Optional(NullableText(50)), ...PostalAddressFields, accessNotes: Type.Optional(NullableText(2000, { description: 'Key safe, gate code, parking' })) },
  { additionalProperties: false, $id: 'ServiceAddressInput' },
);

/** A checked service address with every field present (absent ones null). */
export function serviceAddressFrom(input: StaticDecode<typeof ServiceAddressInput>): ServiceAddress {
  return {
    label: input.label ?? null,
    line1: input.line1,
    line2: input.line2 ?? null,
    city: input.city,
    region: input.region ?? null,
    postalCode: input.postalCode ?? null,
    country: input.country ?? null,
    accessNotes: input.accessNotes ?? null,
  };
}

export const PostalAddressViewFields = {
  line1: Type.String(),
  line2: Nullable(Type.String()),
  city: Type.String(),
  region: Nullable(Type.String()),
  postalCode: Nullable(Type.String()),
  country: Nullable(Type.String()),
};

export const ServiceAddressView = Type.Object(
  { label: Nullable(Type.String()), ...PostalAddressViewFields, accessNotes: Nullable(Type.String({ description: 'Masked for viewers' })) },
  { additionalProperties: false, $id: 'ServiceAddress' },
);
