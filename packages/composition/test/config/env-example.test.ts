import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { APP_ENVS, ENV_GROUPS, ENV_SCHEMA, defaultFor, parseEnvValue, renderEnvExample } from '../../src/config/index.js';
import type { EnvVarSpec } from '../../src/config/index.js';

const ENV_EXAMPLE = fileURLToPath(new URL('../../../../.env.example', import.meta.url));
const SCHEMA: readonly EnvVarSpec[] = ENV_SCHEMA;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Names assigned in an env file, live (`NAME=`) or commented out (`# NAME=`). */
function assignedNames(text: string): Set<string> {
  return new Set([...text.matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1] ?? ''));
}

describe('config: schema and .env.example', () => {
  it('.env.example on disk lists every variable of the schema', () => {
    const listed = assignedNames(readFileSync(ENV_EXAMPLE, 'utf8'));
    const missing = SCHEMA.map((spec) => spec.name).filter((name) => !listed.has(name));
    expect(SCHEMA.length).to.be.greaterThan(40);
    expect(missing, 'regenerate with: node --conditions=@cws/source --import tsx tools/generate-env-example.ts').to.deep.equal([]);
  });

  it('.env.example on disk is what the generator writes now', () => {
    expect(readFileSync(ENV_EXAMPLE, 'utf8')).to.equal(renderEnvExample());
  });

  it('renders each variable under its group header with its description and default', () => {
    const text = renderEnvExample();
    for (const group of ENV_GROUPS) expect(text).to.include(`\n# --- ${group} ---\n`);
    for (const spec of SCHEMA) {
      const block = new RegExp(`^# ${escape(spec.description)}\\n# Default: .*\\n(?:# Also read .*\\n)*(?:# )?${spec.name}=`, 'm');
      expect(text, spec.name).to.match(block);
    }
  });

  it('the renderer notices a missing variable', () => {
    const withoutPort = SCHEMA.filter((spec) => spec.name !== 'PORT');
    expect(assignedNames(renderEnvExample(withoutPort)).has('PORT')).to.equal(false);
    expect(assignedNames(renderEnvExample()).has('PORT')).to.equal(true);
  });

  it('never writes a secret value live, nor the dev placeholder', () => {
    const text = renderEnvExample();
    for (const spec of SCHEMA.filter((s) => s.secret)) {
      expect(text, spec.name).not.to.match(new RegExp(`^${spec.name}=`, 'm'));
      const placeholder = defaultFor(spec, 'dev');
      if (placeholder !== undefined) expect(text).not.to.include(placeholder);
    }
  });

  it('has unique names, one-line descriptions and defaults that parse in every mode', () => {
    const names = SCHEMA.map((spec) => spec.name);
    expect(new Set(names).size).to.equal(names.length);
    for (const spec of SCHEMA) {
      expect(spec.description, spec.name).to.match(/^[^\n]{20,}$/);
      expect(spec.description, spec.name).to.include('Fix:');
      for (const appEnv of APP_ENVS) {
        const value = defaultFor(spec, appEnv);
        if (value !== undefined) expect(parseEnvValue(spec, value).ok, `${spec.name} default in ${appEnv}`).to.equal(true);
      }
      if (spec.example !== undefined) expect(parseEnvValue(spec, spec.example).ok, `${spec.name} example`).to.equal(true);
    }
  });
});
