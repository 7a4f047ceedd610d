/**
 * ajv validators for the route schemas. Bodies are validated as JSON is (no coercion); query and
 * path parameters arrive as strings and are coerced (single values become arrays where the
 * schema wants one). The first failure is reported: `allErrors` would let a hostile body make
 * the validator do unbounded work; the core then checks meaning and reports every field.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPkg from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { AppError, type FieldError } from '@cws/core';

const addFormats = addFormatsPkg.default;

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ allErrors: false, coerceTypes: coerce ? 'array' : false, useDefaults: true, strict: true, removeAdditional: false });
  addFormats(ajv, ['date-time', 'email', 'uuid', 'uri']);
  return ajv;
}

const bodyAjv = makeAjv(false);
const paramsAjv = makeAjv(true);

export type Validator = (value: unknown) => FieldError[] | null;

function pointerOf(error: ErrorObject): string {
  const base = error.instancePath;
  if (error.keyword === 'required') return `${base}/${String((error.params as { missingProperty: string }).missingProperty)}`;
  if (error.keyword === 'additionalProperties') return `${base}/${String((error.params as { additionalProperty: string }).additionalProperty)}`;
  return base === '' ? '/' : base;
}

function detailOf(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties') return 'is not a known field';
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'enum') return `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return error.message ?? 'is invalid';
}

function compile(ajv: Ajv, schema: TSchema): Validator {
  const validate: ValidateFunction = ajv.compile(schema);
  return (value) => (validate(value) ? null : (validate.errors ?? []).map((e) => ({ pointer: pointerOf(e), detail: detailOf(e) })));
}

export const compileBodyValidator = (schema: TSchema): Validator => compile(bodyAjv, schema);
export const compileParamsValidator = (schema: TSchema): Validator => compile(paramsAjv, schema);

/** A validation AppError whose pointers are already in wire (snake_case) form. */
export function requestValidationError(errors: FieldError[]): AppError {
  return AppError.validation(errors, errors.length === 1 ? `${errors[0]!.pointer} ${errors[0]!.detail}` : 'The request is not valid');
}
