/**
 * How a contract route reads its request: which contract fields come from the path, which from
 * headers, and the rest from the body (writes) or the query string (reads). Each part is checked
 * against its slice of the contract in wire form with the core's own checker, so the host and
 * the core refuse the same things in the same words; query and path strings are converted to
 * the schema's types first (`?limit=5` is the number 5, a single `?status=new` a list of one).
 */
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { schemaErrors, type FieldError } from '@cws/core';
import type { ParameterizedContext } from 'koa';
import { keysToCamel } from '../http/case-conversion.js';
import { requestValidationError } from './request-validation.js';
import type { InputHeader, RouteDefinition } from './route-definition.js';
import { pickProperties, wireSchema } from './wire-schema.js';

export interface HeaderField {
  /** The contract's name for it. */
  readonly field: string;
  readonly header: InputHeader;
  readonly schema: TSchema;
  readonly required: boolean;
}

export interface ContractRequest {
  readonly inputIn: 'body' | 'query';
  /** The path parameters' schemas (named as in the path). */
  readonly pathSchema: TSchema;
  /** Body or query fields, as the wire names them. */
  readonly restSchema: TSchema;
  readonly headers: readonly HeaderField[];
  /** A body is required when its schema requires a field. */
  readonly bodyRequired: boolean;
  /** The contract's input (camelCase) from the request, or a 422 naming each refused field where it was sent. */
  read(ctx: ParameterizedContext<{ fieldsIn?: 'body' | 'query' | 'path' }>, query: Record<string, unknown>, readBody: (need: 'required' | 'optional') => unknown): Record<string, unknown>;
}

const cache = new WeakMap<RouteDefinition, ContractRequest>();

function refuse(ctx: ParameterizedContext<{ fieldsIn?: 'body' | 'query' | 'path' }>, where: 'body' | 'query' | 'path', errors: FieldError[]): never {
  ctx.state.fieldsIn = where;
  throw requestValidationError(errors);
}

/** The request reader of a contract route (built once per route). */
export function contractRequest(route: RouteDefinition): ContractRequest {
  const cached = cache.get(route);
  if (cached !== undefined) return cached;
  const contract = route.contract;
  if (contract === undefined) throw new Error(`${route.method} ${route.path} has no contract`);
  const input = contract.input;
  const properties = (input['properties'] ?? {}) as Record<string, TSchema>;
  const required = new Set((input['required'] ?? []) as string[]);
  const pathNames = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  for (const name of pathNames) {
    if (properties[name] === undefined) throw new Error(`${route.method} ${route.path}: the contract ${contract.name} has no field ${name}`);
  }
  const headers: HeaderField[] = Object.entries(route.headerFields ?? {}).map(([field, header]) => {
    const schema = properties[field];
    if (schema === undefined) throw new Error(`${route.method} ${route.path}: the contract ${contract.name} has no field ${field}`);
    return { field, header, schema, required: required.has(field) };
  });
  const fixed = route.fixedFields ?? [];
  const inputIn = route.inputIn ?? (route.method === 'GET' || route.method === 'DELETE' ? 'query' : 'body');
  const pathSchema = pickProperties(input, pathNames, true);
  const restSchema = wireSchema(pickProperties(input, [...pathNames, ...headers.map((h) => h.field), ...fixed], false));
  const restRequired = ((restSchema['required'] ?? []) as string[]).length > 0 || typeof restSchema['minProperties'] === 'number';

  const request: ContractRequest = {
    inputIn,
    pathSchema,
    restSchema,
    headers,
    bodyRequired: inputIn === 'body' && (route.bodyRequired ?? restRequired),
    read(ctx, query, readBody) {
      const pathValue = Value.Convert(pathSchema, { ...(ctx.params as Record<string, string>) });
      const pathErrors = schemaErrors(pathSchema, pathValue);
      if (pathErrors.length > 0) refuse(ctx, 'path', pathErrors);

      const headerValues: Record<string, unknown> = {};
      const headerErrors: FieldError[] = [];
      for (const h of headers) {
        const raw = ctx.get(h.header);
        if (raw === '') {
          if (h.required) headerErrors.push({ pointer: `/${h.header}`, detail: 'is required', in: 'header' });
          continue;
        }
        const errors = schemaErrors(h.schema, raw);
        if (errors.length > 0) headerErrors.push({ pointer: `/${h.header}`, detail: errors[0]!.detail, in: 'header' });
        else headerValues[h.field] = raw;
      }
      if (headerErrors.length > 0) refuse(ctx, 'body', headerErrors);

      let rest: unknown;
      if (inputIn === 'query') {
        rest = Value.Convert(restSchema, query);
        const errors = schemaErrors(restSchema, rest);
        if (errors.length > 0) refuse(ctx, 'query', errors);
      } else {
        if (Object.keys(query).length > 0) refuse(ctx, 'query', Object.keys(query).map((name) => ({ pointer: `/${name}`, detail: 'is not a known parameter' })));
        rest = readBody(request.bodyRequired ? 'required' : 'optional');
        const errors = schemaErrors(restSchema, rest);
        if (errors.length > 0) refuse(ctx, 'body', errors);
      }
      return { ...(keysToCamel(rest) as Record<string, unknown>), ...(pathValue as Record<string, unknown>), ...headerValues };
    },
  };
  cache.set(route, request);
  return request;
}
