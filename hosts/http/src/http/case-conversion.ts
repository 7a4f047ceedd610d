/**
 * The API speaks snake_case (as the guides do); the core speaks camelCase. Bodies are converted
 * after validation, so only keys the schema allowed are ever converted (no __proto__ tricks).
 */
export function snakeToCamelKey(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function camelToSnakeKey(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function keysToCamel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keysToCamel);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, snakeToCamelKey(k), { value: keysToCamel(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
