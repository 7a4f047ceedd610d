/**
 * Turn one raw environment string into a typed value according to its kind. Failures carry a
 * message and a fix; values of secret variables are never quoted in them, because config errors
 * end up in logs.
 */
import { isIP } from 'node:net';
import type { EnvKind, EnvVarSpec } from './env-schema.js';

export type ParsedEnvValue = string | number | boolean | string[];

export type ParseOutcome =
  | { readonly ok: true; readonly value: ParsedEnvValue }
  | { readonly ok: false; readonly message: string; readonly fix: string };

const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);

/** `true/false/1/0/yes/no`, any case; undefined when the text is none of them. */
export function parseBool(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** Comma-separated list: items trimmed, empty items dropped (so a trailing comma is harmless). */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export type CidrOutcome = { readonly ok: true; readonly cidr: string } | { readonly ok: false; readonly reason: string };

/**
 * One IPv4 or IPv6 CIDR block. A bare address is accepted as a single host and normalised to
 * /32 or /128, so consumers always get `address/prefix`.
 */
export function parseCidr(text: string): CidrOutcome {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const family = isIP(address);
  if (family === 0) return { ok: false, reason: `"${address}" is not an IPv4 or IPv6 address` };
  const maxPrefix = family === 4 ? 32 : 128;
  if (slash === -1) return { ok: true, cidr: `${address}/${maxPrefix}` };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return { ok: false, reason: `prefix "/${prefixText}" is not a number` };
  const prefix = Number(prefixText);
  if (prefix > maxPrefix) {
    return { ok: false, reason: `prefix /${prefix} is out of range 0..${maxPrefix} for IPv${family}` };
  }
  return { ok: true, cidr: `${address}/${prefix}` };
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT_PATTERN = /^[+-]?\d+$/;

/** Quote a value for a message, or hide it for a secret. */
function shown(spec: EnvVarSpec, raw: string): string {
  if (spec.secret) return '(value hidden: secret)';
  const text = raw.length > 80 ? `${raw.slice(0, 77)}...` : raw;
  return `got ${JSON.stringify(text)}`;
}

function orDefault(spec: EnvVarSpec): string {
  return typeof spec.default === 'string' ? `, or unset it to use the default (${spec.default})` : '';
}

function fixFor(spec: EnvVarSpec, kind: EnvKind): string {
  const name = spec.name;
  switch (kind.kind) {
    case 'string':
      return `Set ${name} to a non-empty value.`;
    case 'int':
      return `Set ${name} to a whole number from ${kind.min} to ${kind.max}${orDefault(spec)}.`;
    case 'bool':
      return `Set ${name} to true or false (1/0 and yes/no also work)${orDefault(spec)}.`;
    case 'enum':
      return `Set ${name} to one of ${kind.values.join(', ')}${orDefault(spec)}.`;
    case 'url':
      return `Set ${name} to a full URL starting with ${kind.protocols.map((p) => `${p}//`).join(' or ')}, or unset it.`;
    case 'uuid':
      return `Set ${name} to a UUID such as 0b9f6a1e-3c2d-4e5f-8a7b-1c2d3e4f5a6b, or unset it.`;
    case 'csv':
      if (kind.item === 'origin') return `List origins in ${name} as scheme://host[:port], comma-separated, e.g. https://app.example.com.`;
      if (kind.item === 'ip') return `List IP addresses in ${name}, comma-separated, e.g. 10.0.0.2,2001:db8::2.`;
      return `List values in ${name}, comma-separated.`;
    case 'cidrList':
      return `List CIDR blocks in ${name} as address/prefix, comma-separated, e.g. 10.0.0.0/8,2001:db8::/32.`;
  }
}

/** Check each list item; collects every bad item into one message. */
function parseListItems(
  spec: EnvVarSpec,
  kind: EnvKind,
  items: string[],
  check: (item: string) => { ok: true; value: string } | { ok: false; reason: string },
): ParseOutcome {
  const values: string[] = [];
  const reasons: string[] = [];
  items.forEach((item, index) => {
    const outcome = check(item);
    if (outcome.ok) values.push(outcome.value);
    else reasons.push(`item ${index + 1} of ${items.length}: ${outcome.reason}`);
  });
  if (reasons.length > 0) return { ok: false, message: reasons.join('; '), fix: fixFor(spec, kind) };
  return { ok: true, value: values };
}

function checkOrigin(item: string): { ok: true; value: string } | { ok: false; reason: string } {
  // `*` parses so dev can allow any origin; the prod check refuses it under STRICT_CORS.
  if (item === '*') return { ok: true, value: item };
  let parsed: URL;
  try {
    parsed = new URL(item);
  } catch {
    return { ok: false, reason: `${JSON.stringify(item)} is not an origin (scheme://host[:port])` };
  }
  const bare = item.endsWith('/') ? item.slice(0, -1) : item;
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.origin !== bare.toLowerCase()) {
    return { ok: false, reason: `${JSON.stringify(item)} is not an origin (http(s)://host[:port], no path)` };
  }
  return { ok: true, value: parsed.origin };
}

function checkIp(item: string): { ok: true; value: string } | { ok: false; reason: string } {
  return isIP(item) === 0 ? { ok: false, reason: `"${item}" is not an IPv4 or IPv6 address` } : { ok: true, value: item };
}

function checkCidr(item: string): { ok: true; value: string } | { ok: false; reason: string } {
  const outcome = parseCidr(item);
  return outcome.ok ? { ok: true, value: outcome.cidr } : outcome;
}

/** Parse a raw value (already known to be non-empty) by the kind of its variable. */
export function parseEnvValue(spec: EnvVarSpec, raw: string): ParseOutcome {
  const kind = spec.type;
  const fail = (message: string): ParseOutcome => ({ ok: false, message, fix: fixFor(spec, kind) });
  switch (kind.kind) {
    case 'string':
      return { ok: true, value: raw };
    case 'int': {
      if (!INT_PATTERN.test(raw)) return fail(`must be a whole number from ${kind.min} to ${kind.max}; ${shown(spec, raw)}`);
      const value = Number(raw);
      if (!Number.isSafeInteger(value) || value < kind.min || value > kind.max) {
        return fail(`must be from ${kind.min} to ${kind.max}; ${shown(spec, raw)}`);
      }
      return { ok: true, value };
    }
    case 'bool': {
      const value = parseBool(raw);
      if (value === undefined) return fail(`must be a boolean (true/false, 1/0, yes/no); ${shown(spec, raw)}`);
      return { ok: true, value };
    }
    case 'enum': {
      // Case-insensitive match, canonical spelling out: `prod` and `PROD` mean the same mode.
      const value = kind.values.find((candidate) => candidate.toLowerCase() === raw.toLowerCase());
      if (value === undefined) return fail(`must be one of ${kind.values.join(', ')}; ${shown(spec, raw)}`);
      return { ok: true, value };
    }
    case 'url': {
      let parsed: URL;
      try {
        parsed = new URL(raw);
      } catch {
        return fail(`is not a valid URL; ${shown(spec, raw)}`);
      }
      if (!kind.protocols.includes(parsed.protocol)) {
        const wanted = kind.protocols.map((p) => `${p}//`).join(' or ');
        return fail(`must be a ${wanted} URL, but its scheme is ${JSON.stringify(parsed.protocol.replace(/:$/, ''))}`);
      }
      return { ok: true, value: raw };
    }
    case 'uuid':
      if (!UUID_PATTERN.test(raw)) return fail(`must be a UUID; ${shown(spec, raw)}`);
      return { ok: true, value: raw.toLowerCase() };
    case 'csv': {
      const items = splitList(raw);
      if (kind.item === 'origin') return parseListItems(spec, kind, items, checkOrigin);
      if (kind.item === 'ip') return parseListItems(spec, kind, items, checkIp);
      return { ok: true, value: items };
    }
    case 'cidrList':
      return parseListItems(spec, kind, splitList(raw), checkCidr);
  }
}
