/**
 * On a laptop, `npm start` should be usable at once: the demo org gets an owner account whose
 * password is generated here, the demo worker a worker portal password (temporary: the worker
 * changes it at first sign-in), and when legacy Basic Auth is on with no pair configured an admin
 * pair is generated too. All are kept next to the embedded data (mode 0600) and printed on the
 * start that created them; later starts reuse them. Never in prod.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEMO_WORKER_EMAIL, type BasicAuthPair, type Config } from '@cws/composition';

export interface DevLogin {
  readonly email: string;
  readonly password: string;
}

export interface DevCredentials {
  /** The generated Basic Auth pair; null when pairs are configured or Basic Auth is off. */
  readonly pair: BasicAuthPair | null;
  /** The demo org's owner. */
  readonly owner: DevLogin;
  /** The demo worker's first (temporary) portal password; `email` is their login. */
  readonly worker: DevLogin;
  /** True when the worker's password was in the file before this start (a demo org seeded since has it). */
  readonly workerSaved: boolean;
  readonly file: string;
  /** True on the start that created the file (the only start that prints the passwords). */
  readonly created: boolean;
}

export const DEV_OWNER_EMAIL = 'owner@demo-cleaning.example.com';

interface SavedCredentials {
  username?: string | undefined;
  password?: string | undefined;
  owner_email?: string;
  owner_password?: string;
  worker_login?: string;
  worker_password?: string;
}

const generated = () => randomBytes(18).toString('base64url');

export function ensureDevCredentials(config: Config): DevCredentials | null {
  if (config.appEnv === 'prod') return null;
  const file = join(dirname(config.database.embeddedDataDir), 'dev-admin-credentials.json');
  const saved: SavedCredentials = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SavedCredentials) : {};
  const wantPair = config.auth.legacyBasicAuthEnabled && config.auth.basicAuthPairs.length === 0;
  const next: SavedCredentials = {
    // A pair is only generated when it would be used; a saved one is kept either way.
    username: saved.username ?? (wantPair ? 'admin' : undefined),
    password: saved.password ?? (wantPair ? generated() : undefined),
    owner_email: saved.owner_email ?? DEV_OWNER_EMAIL,
    owner_password: saved.owner_password ?? generated(),
    worker_login: saved.worker_login ?? DEMO_WORKER_EMAIL,
    worker_password: saved.worker_password ?? generated(),
  };
  const changed = JSON.stringify(next) !== JSON.stringify(saved);
  if (changed) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  }
  return {
    pair: wantPair ? { role: 'admin', username: next.username!, password: next.password! } : null,
    owner: { email: next.owner_email!, password: next.owner_password! },
    worker: { email: next.worker_login!, password: next.worker_password! },
    workerSaved: saved.worker_password !== undefined,
    file,
    created: changed,
  };
}
