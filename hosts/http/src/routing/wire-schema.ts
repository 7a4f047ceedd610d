/**
 * The HTTP form of a core schema: the same schema with every property named in snake_case (the
 * API speaks snake_case, the core camelCase). Everything else — limits, patterns, formats, the
 * TypeBox kinds and transforms, messages — is kept, so the host validates exactly what the core
 * does, with pointers into what the caller sent.
 */
import type { TSchema } from '@sinclair/typebox';
import { camelToSnakeKey } from '../http/case-conversion.js';

const cache = new WeakMap<TSchema, TSchema>();

/** `schema` with snake_case property names, deeply (cached per schema object). */
export function wireSchema<T extends TSchema>(schema: T): T {
  const cached = cache.get(schema);
  if (cached !== undefined) return cached as T;
  const copy: Record<string | symbol, unknown> = { ...(schema as unknown as Record<string | symbol, unknown>) };
  const properties = schema['properties'] as Record<string, TSchema> | undefined;
  if (properties !== undefined) {
    copy['properties'] = Object.fromEntries(Object.entries(properties).map(([name, prop]) => [camelToSnakeKey(name), wireSchema(prop)]));
  }
  if (Array.isArray(schema['required'])) copy['required'] = (schema['required'] as string[]).map(camelToSnakeKey);
  for (const key of ['items', 'not', 'additionalProperties'] as const) {
    const child = schema[key] as unknown;
    if (child !== null && typeof child === 'object') copy[key] = wireSchema(child as TSchema);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(schema[key])) copy[key] = (schema[key] as TSchema[]).map((s) => wireSchema(s));
  }
  const result = copy as unknown as T;
  cache.set(schema, result);
  return result;
}

/**
 * `schema` (an object schema) with only the named properties, or without them. `minProperties`
 * is lowered by the required properties that went elsewhere (an update's id moves to the path).
 */
export function pickProperties(schema: TSchema, names: readonly string[], keep: boolean): TSchema {
  const properties = (schema['properties'] ?? {}) as Record<string, TSchema>;
  const wanted = (name: string) => names.includes(name) === keep;
  const required = ((schema['required'] ?? []) as string[]).filter(wanted);
  const removedRequired = ((schema['required'] ?? []) as string[]).length - required.length;
  const copy: Record<string | symbol, unknown> = { ...(schema as unknown as Record<string | symbol, unknown>), properties: Object.fromEntries(Object.entries(properties).filter(([n]) => wanted(n))) };
  if (required.length > 0) copy['required'] = required;
  else delete copy['required'];
  if (typeof schema['minProperties'] === 'number') {
    const min = Math.max(0, (schema['minProperties'] as number) - removedRequired);
    if (min > 0 && keep === false) copy['minProperties'] = min;
    else delete copy['minProperties'];
  }
  delete copy['$id'];
  return copy as unknown as TSchema;
}
