/**
 * Dev and test signing secrets: never a value anyone can read in the source. A process that
 * keeps data (`npm start`, the commands) generates them once per data directory and keeps them
 * in a private file next to it, so sessions and sealed TOTP secrets survive a restart; anything
 * else (tests, embedders) gets random ones for the process. Prod still demands real ones.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { DEV_SECRETS_FILE, SIGNING_SECRET_VARIABLES, devPlaceholderSecret, isDevPlaceholderSecret, loadConfig } from '../../src/config/index.js';
import type { Config } from '../../src/config/index.js';
import { problemsOf, validProdEnv } from './config-test-helpers.js';

const secretsOf = (config: Config) => [config.auth.secretKey, config.auth.clientPortalSecret, config.auth.workerPortalSecret, config.auth.mfaSecretKey];

function expectGenerated(secrets: string[]): void {
  for (const secret of secrets) {
    expect(isDevPlaceholderSecret(secret), 'not the public placeholder').to.equal(false);
    expect(secret.length).to.be.at.least(32);
  }
  expect(new Set(secrets).size, 'each secret its own').to.equal(4);
}

describe('config: dev and test signing secrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cws-dev-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const dataDirEnv = (extra: Record<string, string> = {}) => ({ APP_ENV: 'dev', EMBEDDED_DATA_DIR: join(dir, 'var', 'pgdata'), ...extra });

  it('generates them once per data directory, in a private file next to it, and reuses them on the next start', () => {
    const first = loadConfig(dataDirEnv(), { dotenvPath: null, devSecrets: 'data-dir' });
    expectGenerated(secretsOf(first));
    const file = join(dir, 'var', DEV_SECRETS_FILE);
    expect(statSync(file).mode & 0o777, 'readable by the owner only').to.equal(0o600);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(SIGNING_SECRET_VARIABLES.map((name) => kept[name])).to.deep.equal(secretsOf(first));

    const restarted = loadConfig(dataDirEnv(), { dotenvPath: null, devSecrets: 'data-dir' });
    expect(secretsOf(restarted), 'the same keys after a restart').to.deep.equal(secretsOf(first));

    const otherDir = mkdtempSync(join(tmpdir(), 'cws-dev-secrets-other-'));
    try {
      const other = loadConfig({ APP_ENV: 'dev', EMBEDDED_DATA_DIR: join(otherDir, 'pgdata') }, { dotenvPath: null, devSecrets: 'data-dir' });
      expectGenerated(secretsOf(other));
      expect(secretsOf(other).filter((s) => secretsOf(first).includes(s)), 'another data directory, other keys').to.deep.equal([]);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('keeps them in the same place when DATABASE_URL is set (the directory that would hold the embedded data)', () => {
    const config = loadConfig(dataDirEnv({ DATABASE_URL: 'postgres://cws@127.0.0.1:5432/dev' }), { dotenvPath: null, devSecrets: 'data-dir' });
    expectGenerated(secretsOf(config));
    expect(existsSync(join(dir, 'var', DEV_SECRETS_FILE))).to.equal(true);
    expect(existsSync(join(dir, 'var', 'pgdata')), 'the embedded data directory itself is not created').to.equal(false);
  });

  it('uses a secret set in the environment as it is and generates only the missing ones', () => {
    const set = 'an-explicit-auth-key-of-forty-characters!';
    const config = loadConfig(dataDirEnv({ AUTH_SECRET_KEY: set }), { dotenvPath: null, devSecrets: 'data-dir' });
    expect(config.auth.secretKey).to.equal(set);
    expectGenerated([config.auth.clientPortalSecret, config.auth.workerPortalSecret, config.auth.mfaSecretKey, 'x'.repeat(32)]);
    const kept = JSON.parse(readFileSync(join(dir, 'var', DEV_SECRETS_FILE), 'utf8')) as Record<string, string>;
    expect(kept, 'the environment value is not copied into the file').to.not.have.property('AUTH_SECRET_KEY');
  });

  it('adds a secret missing from an older file without changing the ones it holds', () => {
    const file = join(dir, 'var', DEV_SECRETS_FILE);
    loadConfig(dataDirEnv(), { dotenvPath: null, devSecrets: 'data-dir' });
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    delete kept['MFA_SECRET_KEY'];
    writeFileSync(file, JSON.stringify(kept), { mode: 0o600 });
    const config = loadConfig(dataDirEnv(), { dotenvPath: null, devSecrets: 'data-dir' });
    expect(config.auth.secretKey).to.equal(kept['AUTH_SECRET_KEY']);
    expectGenerated(secretsOf(config));
    expect((JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)['MFA_SECRET_KEY']).to.equal(config.auth.mfaSecretKey);
  });

  it('reports a secrets file it cannot read as a configuration problem naming the file, not a crash', () => {
    const file = join(dir, 'var', DEV_SECRETS_FILE);
    loadConfig(dataDirEnv(), { dotenvPath: null, devSecrets: 'data-dir' });
    writeFileSync(file, '{ not json');
    const problems = (() => {
      try {
        loadConfig(dataDirEnv(), { dotenvPath: null, devSecrets: 'data-dir' });
      } catch (err) {
        return (err as { problems: Array<{ variable: string; message: string }> }).problems;
      }
      return [];
    })();
    expect(problems).to.have.length(1);
    expect(problems[0]!.message).to.include(file);
  });

  it('without a data directory to keep them in, generates random ones for the process and writes nothing', () => {
    const first = loadConfig(dataDirEnv(), { dotenvPath: null });
    const second = loadConfig({ ...dataDirEnv(), APP_ENV: 'test' }, { dotenvPath: null });
    expectGenerated(secretsOf(first));
    expectGenerated(secretsOf(second));
    expect(existsSync(join(dir, 'var')), 'nothing written').to.equal(false);
    expect(secretsOf(loadConfig(dataDirEnv(), { dotenvPath: null })), 'the same within one process').to.deep.equal(secretsOf(first));
  });

  it('never falls back to the old public placeholder, and prod still refuses it', () => {
    for (const name of SIGNING_SECRET_VARIABLES) {
      expect(secretsOf(loadConfig({}, { dotenvPath: null }))).to.not.include(devPlaceholderSecret(name));
      expect(problemsOf({ ...validProdEnv(), [name]: devPlaceholderSecret(name) }).map((p) => p.variable)).to.deep.equal([name]);
    }
    expect(existsSync(join(dir, 'var'))).to.equal(false);
  });
});
