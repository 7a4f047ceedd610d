/**
 * On a laptop with no Basic Auth pair configured, `npm start` would otherwise answer 401 to
 * everything. It generates an admin pair once, keeps it next to the embedded data (mode 0600)
 * and prints it; later starts reuse it. Never in prod, never when a pair is configured.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BasicAuthPair, Config } from '@cws/composition';

export interface DevCredentials {
  readonly pair: BasicAuthPair;
  readonly file: string;
  /** True on the start that created it (the only start that prints the password). */
  readonly created: boolean;
}

export function ensureDevCredentials(config: Config): DevCredentials | null {
  if (config.appEnv === 'prod' || !config.auth.legacyBasicAuthEnabled || config.auth.basicAuthPairs.length > 0) return null;
  const file = join(dirname(config.database.embeddedDataDir), 'dev-admin-credentials.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { username: string; password: string };
    return { pair: { role: 'admin', username: saved.username, password: saved.password }, file, created: false };
  }
  const pair: BasicAuthPair = { role: 'admin', username: 'admin', password: randomBytes(18).toString('base64url') };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ username: pair.username, password: pair.password }, null, 2)}\n`, { mode: 0o600 });
  return { pair, file, created: true };
}
