/**
 * `.env.example`, rendered from the schema so the file cannot drift from what the loader reads.
 * tools/generate-env-example.ts writes it; a test compares the file on disk with this output.
 */
import { APP_ENVS, ENV_GROUPS, ENV_SCHEMA, defaultFor } from './env-schema.js';
import type { EnvVarSpec } from './env-schema.js';

const HEADER = [
  '# CleanWithSnapshot environment variables.',
  '# Generated from packages/composition/src/config/env-schema.ts by tools/generate-env-example.ts;',
  '# edit the schema and regenerate instead of editing this file.',
  '# Copy it to .env for local work: real environment variables win over .env, and empty values',
  '# count as unset. With APP_ENV=prod the loader fails fast on placeholder, short or reused secrets,',
  '# STRICT_CORS without origins, metrics without a METRICS_TOKEN of 32+ characters, bad CIDRs and',
  '# TESTING=true.',
];

/** "dev" or "dev/test: true; prod: false" — defaults that depend on APP_ENV are spelled out. */
function describeDefault(spec: EnvVarSpec): string {
  if (spec.defaultDoc !== undefined) return spec.defaultDoc;
  if (spec.default === undefined) return '(unset)';
  if (typeof spec.default === 'string') return spec.default;
  const byValue = new Map<string, string[]>();
  for (const appEnv of APP_ENVS) {
    const value = defaultFor(spec, appEnv) ?? '(unset)';
    byValue.set(value, [...(byValue.get(value) ?? []), appEnv]);
  }
  return [...byValue].map(([value, modes]) => `${modes.join('/')}: ${value}`).join('; ');
}

function renderVariable(spec: EnvVarSpec): string[] {
  // A secret's default is the dev placeholder: never print it, leave the value for the operator.
  const devDefault = spec.secret ? undefined : defaultFor(spec, 'dev');
  const value = spec.example ?? devDefault ?? '';
  const assignment = `${spec.name}=${value}`;
  const secretNote = spec.secret ? '; secret, shown as <redacted> by the config viewer' : '';
  const lines = [`# ${spec.description}`, `# Default: ${describeDefault(spec)}${secretNote}`];
  for (const alias of spec.aliases ?? []) lines.push(`# Also read from the older name ${alias} when ${spec.name} is unset.`);
  lines.push(spec.setInExample === true ? assignment : `# ${assignment}`);
  return lines;
}

/**
 * Variables docker-compose.yml interpolates (the app never reads them). Listed here so one file
 * documents everything an operator sets; a test checks the compose file uses no other.
 */
export const COMPOSE_VARIABLES: ReadonlyArray<{ name: string; description: string; example: string }> = [
  { name: 'POSTGRES_PASSWORD', description: 'Password of the postgres user of the db service, the schema owner that runs migrations (required by docker compose). Fix: a long random value; never reuse a secret above.', example: '' },
  { name: 'APP_DB_PASSWORD', description: 'Password of cws_app_login, the role the api and jobs services log in as; the migrate service creates the role with it (and sets it again when it changes). Fix: a long random ASCII value, different from POSTGRES_PASSWORD.', example: '' },
  { name: 'POSTGRES_DB', description: 'Database the db service creates and the stack uses. Default: cleaning.', example: 'cleaning' },
  { name: 'API_DOMAIN', description: 'Public host name Caddy serves the API on (it obtains the TLS certificate). Default: localhost.', example: 'api.example.com' },
];

export function renderEnvExample(schema: readonly EnvVarSpec[] = ENV_SCHEMA): string {
  const out = [...HEADER];
  for (const group of ENV_GROUPS) {
    const specs = schema.filter((spec) => spec.group === group);
    if (specs.length === 0) continue;
    out.push('', `# --- ${group} ---`);
    for (const spec of specs) out.push('', ...renderVariable(spec));
  }
  out.push('', '# --- Deploy (read by docker-compose.yml, not by the app) ---');
  for (const v of COMPOSE_VARIABLES) out.push('', `# ${v.description}`, `# ${v.name}=${v.example}`);
  return `${out.join('\n')}\n`;
}
