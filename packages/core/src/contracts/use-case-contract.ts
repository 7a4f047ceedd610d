/**
 * A use case's contract: its input and output as JSON Schema (TypeBox), declared once beside the
 * use case. The core checks every input against it at `execute` (an embedding app gets the same
 * errors as the HTTP API); the HTTP host derives its request validation, handler types and the
 * OpenAPI document from the same object. Rules a schema cannot say (at least one of email and
 * phone, end after start) stay as code in the domain.
 */
import type { StaticDecode, StaticEncode, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { HasTransform, TransformDecode, TransformDecodeError, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { AppError, type FieldError } from '../errors/app-error.js';
import { textFault } from '../domain/shared/input-limits.js';
import { FieldRefusal, SCHEMA_MESSAGE } from './schema-vocabulary.js';

export interface UseCaseContract<I extends TSchema = TSchema, O extends TSchema | null = TSchema | null> {
  /** The use case's name (`CreateLead`): the document names its schemas after it. */
  readonly name: string;
  /** What `execute` takes (camelCase; the HTTP host maps it to snake_case). */
  readonly input: I;
  /** What `execute` answers, as JSON (dates as RFC 3339 strings); null when it answers nothing. */
  readonly output: O;
}

/** The contract's input as callers send it (before normalisation). */
export type ContractInput<C extends UseCaseContract> = StaticEncode<C['input']>;
/** The contract's input as the use case works with it (trimmed, lower-cased, dates as Date). */
export type CheckedInput<C extends UseCaseContract> = StaticDecode<C['input']>;

export function defineContract<const I extends TSchema, const O extends TSchema | null>(contract: {
  readonly name: string;
  readonly input: I;
  readonly output: O;
}): UseCaseContract<I, O> {
  return contract;
}

/** At most this many field errors are reported: a hostile input cannot make the answer huge. */
export const MAX_REPORTED_ERRORS = 20;

interface Compiled {
  readonly check: TypeCheck<TSchema>;
  readonly transforms: boolean;
}
const compiled = new WeakMap<TSchema, Compiled>();

function compile(schema: TSchema): Compiled {
  let entry = compiled.get(schema);
  if (entry === undefined) {
    entry = { check: TypeCompiler.Compile(schema), transforms: HasTransform(schema, []) };
    compiled.set(schema, entry);
  }
  return entry;
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Strings (values and keys) anywhere in `value` that cannot be text (NUL, unpaired surrogates),
 * found with an explicit stack: a body may be nested thousands deep.
 */
export function textFaults(value: unknown, max = MAX_REPORTED_ERRORS): FieldError[] {
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

// Characters outside the BMP are two UTF-16 code units; JSON Schema counts code points.
const ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
const ASTRAL_ANYWHERE = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;

/** Whether any string in `value` holds an astral character (an explicit stack: values may be deep). */
function hasAstral(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      if (ASTRAL_ANYWHERE.test(current)) return true;
    } else if (current !== null && typeof current === 'object') {
      for (const child of Object.values(current)) pending.push(child);
    }
  }
  return false;
}

/** `value` with each astral character replaced by one BMP character, so lengths count code points. */
function countingCodePoints(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return ASTRAL_ANYWHERE.test(value) ? value.replace(ASTRAL, '\uFFFD') : value;
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => countingCodePoints(v, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) copy[k] = countingCodePoints(v, depth + 1);
  return copy;
}

const describe = (value: unknown): string => (Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value);

function literalValues(schema: TSchema): string[] | null {
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[]).map(String);
  const branches = schema['anyOf'] as TSchema[] | undefined;
  if (branches === undefined || !branches.every((b) => b['const'] !== undefined)) return null;
  return branches.map((b) => String(b['const']));
}

function range(schema: TSchema, noun: string): string {
  const min = schema['minimum'] as number | undefined;
  const max = schema['maximum'] as number | undefined;
  if (min !== undefined && max !== undefined) return `must be ${noun} from ${min} to ${max}`;
  if (min !== undefined) return `must be ${noun} of at least ${min}`;
  return `must be ${noun} of at most ${max}`;
}

/** What a failed check means, in the words the API has always used. */
function detailOf(error: ValueError): string {
  const schema = error.schema;
  const own = (schema as unknown as Record<symbol, string | undefined>)[SCHEMA_MESSAGE];
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.ObjectAdditionalProperties:
      return 'is not a known field';
    case ValueErrorType.ObjectMinProperties:
      return 'must have at least one field';
    case ValueErrorType.ObjectMaxProperties:
      return `must have at most ${String(schema['maxProperties'])} fields`;
    case ValueErrorType.StringMinLength:
      if (own !== undefined) return own;
      return schema['minLength'] === 1 ? 'must not be empty' : `must have at least ${String(schema['minLength'])} characters`;
    case ValueErrorType.StringMaxLength:
      return `must have at most ${String(schema['maxLength'])} characters`;
    case ValueErrorType.StringPattern:
    case ValueErrorType.StringFormat:
    case ValueErrorType.StringFormatUnknown:
      return own ?? 'is not in the expected form';
    case ValueErrorType.String:
      return `must be a string, not ${describe(error.value)}`;
    case ValueErrorType.Integer:
    case ValueErrorType.IntegerMinimum:
    case ValueErrorType.IntegerMaximum:
    case ValueErrorType.IntegerExclusiveMinimum:
    case ValueErrorType.IntegerExclusiveMaximum:
    case ValueErrorType.Number:
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.NumberExclusiveMaximum:
      return schema['minimum'] !== undefined || schema['maximum'] !== undefined
        ? range(schema, schema['type'] === 'integer' ? 'an integer' : 'a number')
        : schema['type'] === 'integer'
          ? 'must be an integer'
          : 'must be a number';
    case ValueErrorType.Boolean:
      return 'must be true or false';
    case ValueErrorType.Object:
      return 'must be an object';
    case ValueErrorType.Array:
      return 'must be an array';
    case ValueErrorType.ArrayMinItems:
      return `must have at least ${String(schema['minItems'])} item${schema['minItems'] === 1 ? '' : 's'}`;
    case ValueErrorType.ArrayMaxItems:
      return `must have at most ${String(schema['maxItems'])} items`;
    case ValueErrorType.ArrayUniqueItems:
      return 'must not repeat an item';
    case ValueErrorType.Null:
      return 'must be null';
    case ValueErrorType.Literal:
      return `must be ${JSON.stringify(schema['const'])}`;
    default: {
      const values = literalValues(schema);
      if (values !== null) return `must be one of: ${values.join(', ')}`;
      return own ?? error.message;
    }
  }
}

/**
 * For a union (`X or null`, a choice of shapes), the errors of the branch the value was meant
 * for: the non-null branch, or the object branch whose fixed fields match.
 */
function unionErrors(error: ValueError, base: string): FieldError[] | null {
  const branches = (error.schema['anyOf'] as TSchema[] | undefined) ?? [];
  if (literalValues(error.schema) !== null) return null;
  const candidates = branches.filter((b) => b['type'] !== 'null');
  if (candidates.length === 0) return null;
  const meant =
    candidates.length === 1
      ? candidates[0]!
      : (candidates.find((b) => {
          const props = (b['properties'] ?? {}) as Record<string, TSchema>;
          const value = error.value as Record<string, unknown> | null;
          return value !== null && typeof value === 'object' && Object.entries(props).some(([k, p]) => p['const'] !== undefined && value[k] === p['const']);
        }) ?? null);
  if (meant === null) return null;
  return collect(meant, error.value, base);
}

/** Where `pointer` is in the schema's declaration order (errors are reported in that order). */
function declarationOrder(schema: TSchema, pointer: string): number[] {
  const order: number[] = [];
  let node: TSchema | undefined = schema;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    while (node !== undefined && Array.isArray(node['anyOf'])) node = (node['anyOf'] as TSchema[]).find((b) => b['type'] === 'object' || b['type'] === 'array');
    if (node === undefined) break;
    if (node['type'] === 'array') {
      order.push(Number(segment));
      node = node['items'] as TSchema | undefined;
    } else {
      const names = Object.keys((node['properties'] ?? {}) as object);
      const index = names.indexOf(segment);
      order.push(index < 0 ? names.length : index);
      node = (node['properties'] as Record<string, TSchema> | undefined)?.[segment];
    }
  }
  return order;
}

function byDeclaration(schema: TSchema, errors: FieldError[]): FieldError[] {
  const keyed = errors.map((e, i) => ({ e, key: declarationOrder(schema, e.pointer), i }));
  keyed.sort((a, b) => {
    for (let k = 0; k < Math.min(a.key.length, b.key.length); k++) if (a.key[k] !== b.key[k]) return a.key[k]! - b.key[k]!;
    return a.key.length - b.key.length || a.i - b.i;
  });
  return keyed.map((k) => k.e);
}

function collect(schema: TSchema, value: unknown, base = ''): FieldError[] {
  const errors: FieldError[] = [];
  const check = compile(schema).check;
  for (const error of check.Errors(value)) {
    const pointer = `${base}${error.path}` || '/';
    if (errors.some((e) => e.pointer === pointer || pointer.startsWith(`${e.pointer}/`))) continue;
    const nested = error.type === ValueErrorType.Union ? unionErrors(error, `${base}${error.path}`) : null;
    if (nested !== null && nested.length > 0) errors.push(...nested);
    else errors.push({ pointer, detail: detailOf(error) });
    if (errors.length >= MAX_REPORTED_ERRORS) break;
  }
  return errors.slice(0, MAX_REPORTED_ERRORS);
}

/** Every field of `value` that `schema` refuses (empty when it conforms), with JSON pointers. */
export function schemaErrors(schema: TSchema, value: unknown): FieldError[] {
  const faults = textFaults(value);
  if (faults.length > 0) return faults;
  // Astral characters are two UTF-16 units: a value can pass a unit-counting check it fails in code points.
  const astral = hasAstral(value);
  if (!astral && compile(schema).check.Check(value)) return [];
  const counted = astral ? countingCodePoints(value) : value;
  return compile(schema).check.Check(counted) ? [] : byDeclaration(schema, collect(schema, counted));
}

/**
 * `value` checked against `schema` and decoded (trimmed, normalised, dates as Date).
 * @throws validation.failed listing each refused field.
 */
export function checkSchema<T extends TSchema>(schema: T, value: unknown): StaticDecode<T> {
  const errors = schemaErrors(schema, value);
  if (errors.length > 0) throw AppError.validation(errors, errors.length === 1 ? `${errors[0]!.pointer} ${errors[0]!.detail}` : 'The input is not valid');
  const { transforms } = compile(schema);
  if (!transforms) return value as StaticDecode<T>;
  try {
    return TransformDecode(schema, [], value) as StaticDecode<T>;
  } catch (err) {
    if (err instanceof TransformDecodeError && err.error instanceof FieldRefusal) {
      const pointer = err.path || '/';
      throw AppError.validation([{ pointer, detail: err.error.message }], `${pointer} ${err.error.message}`);
    }
    throw err;
  }
}

/** The contract's input checked and decoded: the first line of every `execute`. */
export function checkInput<C extends UseCaseContract>(contract: C, input: unknown): CheckedInput<C> {
  return checkSchema(contract.input, input) as CheckedInput<C>;
}
