/**
 * Schemas of the transport routes' answers (the profile, problem details): everything a use case
 * takes or answers is declared with its contract in the core (ADR 19).
 */
import { Type } from '@sinclair/typebox';

export const Uuid = Type.String({ format: 'uuid', description: 'A UUID' });

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
