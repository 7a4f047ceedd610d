/**
 * Checks of the request parts a route declares without a contract (transport routes: docs
 * assets, problem pages), with the core's checker so every route refuses in the same words.
 * Query and path strings are converted to the schema's types first (`?limit=5` is 5). Contract
 * routes are read by contract-request.ts with the same checker.
 */
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AppError, schemaErrors, type FieldError } from '@cws/core';
import { withWirePointers } from '../http/problem-details.js';

export type Validator = (value: unknown) => FieldError[] | null;

function compile(schema: TSchema, convert: boolean): Validator {
  return (value) => {
    const errors = schemaErrors(schema, convert ? Value.Convert(schema, value) : value);
    return errors.length === 0 ? null : errors;
  };
}

export const compileBodyValidator = (schema: TSchema): Validator => compile(schema, false);
export const compileParamsValidator = (schema: TSchema): Validator => compile(schema, true);

/** A validation AppError whose pointers are already in wire (snake_case) form. */
export function requestValidationError(errors: FieldError[]): AppError {
  return withWirePointers(AppError.validation(errors, errors.length === 1 ? `${errors[0]!.pointer} ${errors[0]!.detail}` : 'The request is not valid'));
}
