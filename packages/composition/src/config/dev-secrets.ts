/**
 * Signing secrets outside prod, when the environment sets none: random, never a value printed in
 * the source (a public default would let anyone mint tokens for a dev instance reachable on a
 * network). Where they live:
 *  - `data-dir`: a process that keeps data (`npm start`, the commands) keeps them in
 *    `dev-secrets.json` (mode 0600) in the directory that holds EMBEDDED_DATA_DIR — `./var` by
 *    default — so sessions and TOTP secrets sealed with MFA_SECRET_KEY survive a restart. The same
 *    file is used when DATABASE_URL is set: it is where this checkout keeps its local state.
 *  - `process`: random for this process only, nothing written (tests, embedders).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ConfigProblem } from './config-error.js';

export type DevSecretsPlace = 'process' | 'data-dir';

export const DEV_SECRETS_FILE = 'dev-secrets.json';

/** Generated once per process for `process` mode, so every config a process loads agrees. */
const processSecrets = new Map<string, string>();

const generate = () => randomBytes(32).toString('base64url');

function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : error instanceof Error ? error.message : String(error);
}

function readKept(file: string): Record<string, string> | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}

/** Writes `content` to a private temporary file beside `file`, then moves or links it into place. */
function writePrivate(file: string, content: string, replace: boolean): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  try {
    // link() fails when the file exists: two processes starting at once agree on one set.
    if (replace) renameSync(temporary, file);
    else linkSync(temporary, file);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}

function fromDataDir(names: readonly string[], embeddedDataDir: string): Record<string, string> {
  const file = join(dirname(embeddedDataDir), DEV_SECRETS_FILE);
  mkdirSync(dirname(file), { recursive: true });
  let found = readKept(file);
  if (found === null) {
    writePrivate(file, `${JSON.stringify(Object.fromEntries(names.map((name) => [name, generate()])), null, 2)}\n`, false);
    found = readKept(file) ?? {};
  }
  let kept: Record<string, string> = found;
  const missing = names.filter((name) => kept[name] === undefined);
  if (missing.length > 0) {
    // A file from an older version, or one written when other secrets were set: add, never change.
    kept = { ...kept, ...Object.fromEntries(missing.map((name) => [name, generate()])) };
    writePrivate(file, `${JSON.stringify(kept, null, 2)}\n`, true);
  }
  return Object.fromEntries(names.map((name) => [name, kept[name]!]));
}

/**
 * Values for the signing secrets in `names` (those the environment left unset), or a problem
 * naming the file when it cannot be read or written.
 */
export function devSecrets(
  names: readonly string[],
  place: DevSecretsPlace,
  embeddedDataDir: string,
): { ok: true; values: Record<string, string> } | { ok: false; problem: ConfigProblem } {
  if (names.length === 0) return { ok: true, values: {} };
  if (place === 'process') {
    for (const name of names) if (!processSecrets.has(name)) processSecrets.set(name, generate());
    return { ok: true, values: Object.fromEntries(names.map((name) => [name, processSecrets.get(name)!])) };
  }
  const file = join(dirname(embeddedDataDir), DEV_SECRETS_FILE);
  try {
    return { ok: true, values: fromDataDir(names, embeddedDataDir) };
  } catch (error) {
    return {
      ok: false,
      problem: {
        variable: names[0]!,
        message: `is unset, and the generated dev secrets cannot be kept in ${file} (${errorCode(error)})`,
        fix: `Make ${dirname(file)} writable, delete a damaged ${DEV_SECRETS_FILE} (sessions and enrolled authenticators are then lost), or set ${names.join(', ')}.`,
      },
    };
  }
}
