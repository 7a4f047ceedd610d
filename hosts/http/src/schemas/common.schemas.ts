/** Schemas shared by routes: ids, pagination, problem details, addresses. */
import { Type, type TSchema } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid', description: 'A UUID' });
export const DateTime = Type.String({ format: 'date-time', description: 'RFC 3339 date-time, e.g. 2026-03-01T09:00:00Z' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const PageQueryFields = {
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'next_cursor of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'Page size (default 50)' })),
};

export const ListQueryFields = {
  ...PageQueryFields,
  created_from: Type.Optional(DateTime),
  created_to: Type.Optional(DateTime),
  q: Type.Optional(
    Type.String({
      maxLength: 100,
      description:
        'At least 3 characters: text in the name or email, or digits of the phone. A role that sees email and phone masked (viewer) searches names only. 422 search.too_broad when the search cannot finish in its time budget; 429 search.busy when too many searches are running.',
    }),
  ),
  archived: Type.Optional(Type.Union([Type.Literal('exclude'), Type.Literal('only'), Type.Literal('include')], { description: 'Default exclude' })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), next_cursor: Nullable(Type.String()) }, { additionalProperties: false });

export const FieldErrorSchema = Type.Object({
  pointer: Type.String({ description: 'JSON pointer to the field (RFC 6901); for a header, / and its name (/Idempotency-Key)' }),
  detail: Type.String(),
  in: Type.Union([Type.Literal('body'), Type.Literal('query'), Type.Literal('path'), Type.Literal('header')]),
});

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI of the problem type; documented at that address' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    code: Type.String({ description: 'Stable machine-readable code, e.g. lead.not_found' }),
    request_id: Type.String(),
    errors: Type.Optional(Type.Array(FieldErrorSchema)),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

const text = (max: number) => Type.String({ maxLength: max });
const nullableText = (max: number) => Nullable(Type.String({ maxLength: max }));

export const PostalAddressInput = Type.Object(
  {
    line1: text(200),
    line2: Type.Optional(nullableText(200)),
    city: text(100),
    region: Type.Optional(nullableText(100)),
    postal_code: Type.Optional(nullableText(20)),
    country: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 2, description: 'ISO 3166-1 alpha-2' }))),
  },
  { additionalProperties: false },
);

export const PostalAddressView = Type.Object({
  line1: Type.String(),
  line2: Nullable(Type.String()),
  city: Type.String(),
  region: Nullable(Type.String()),
  postal_code: Nullable(Type.String()),
  country: Nullable(Type.String()),
});

/**
 * An address where work happens, as leads and clients both take and show it: a label, the postal
 * fields and access notes. A client's addresses add only what a stored row of a list has.
 */
export const ServiceAddressInput = Type.Object(
  {
    label: Type.Optional(nullableText(50)),
    ...PostalAddressInput.properties,
    access_notes: Type.Optional(nullableText(2000)),
  },
  { additionalProperties: false },
);

export const ServiceAddressView = Type.Object({
  label: Nullable(Type.String()),
  ...PostalAddressView.properties,
  access_notes: Nullable(Type.String({ description: 'Masked for viewers' })),
});

export { text, nullableText };
