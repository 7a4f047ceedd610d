/**
 * ajv validators for the route schemas. Bodies are validated as JSON is (no coercion); query and
 * path parameters arrive as strings and are coerced (single values become arrays where the
 * schema wants one). The first failure is reported: `allErrors` would let a hostile body make
 * the validator do unbounded work; the core then checks meaning and reports every field.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPkg from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { AppError, textFault, type FieldError } from '@cws/core';
import { withWirePointers } from '../http/problem-details.js';

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

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Strings (values and object keys) anywhere in `value` that cannot be text: NUL or an unpaired
 * surrogate, which PostgreSQL and UTF-8 refuse (see the core's `textFault`). Checked before the
 * schema, in every part of every request, so no route can let one through to storage. Walks with
 * its own stack: a body may be nested thousands deep (the schema refuses it only afterwards).
 */
export function textFaults(value: unknown, max = 10): FieldError[] {
  const errors: FieldError[] = [];
  const pending: Array<[unknown, string]> = [[value, '']];
  while (pending.length > 0 && errors.length < max) {
    const [current, pointer] = pending.pop()!;
    if (typeof current === 'string') {
      const fault = textFault(current);
      if (fault !== null) errors.push({ pointer: pointer === '' ? '/' : pointer, detail: fault });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const fault = textFault(key);
        const at = `${pointer}/${escapePointer(key)}`;
        if (fault !== null) errors.push({ pointer: at, detail: `field name ${fault}` });
        else pending.push([child, at]);
      }
    }
  }
  return errors;
}

/** A validation AppError whose pointers are already in wire (snake_case) form. */
export function requestValidationError(errors: FieldError[]): AppError {
  return withWirePointers(AppError.validation(errors, errors.length === 1 ? `${errors[0]!.pointer} ${errors[0]!.detail}` : 'The request is not valid'));
}
