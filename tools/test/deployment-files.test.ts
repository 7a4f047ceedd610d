/**
 * No Docker engine runs here, so the compose file is checked for what would break a deploy:
 * it parses, every dependency and volume exists, the commands point at entry points this repo
 * builds, health checks are in place, and every app setting it passes is a variable the config
 * schema knows (a typo would otherwise be silently ignored).
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { commandEnv, embeddedTestDatabase } from '@cws/test-support';
import { COMPOSE_VARIABLES, ENV_SCHEMA } from '../../packages/composition/src/config/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const compose = parse(readFileSync(`${root}docker-compose.yml`, 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      image?: string;
      build?: string;
      command?: string[];
      environment?: Record<string, string>;
      depends_on?: Record<string, { condition: string }>;
      volumes?: string[];
      expose?: string[];
      healthcheck?: { test: string[] };
    }
  >;
  volumes: Record<string, unknown>;
};
const known = new Set(ENV_SCHEMA.flatMap((v) => [v.name, ...(v.aliases ?? [])]));
const deployOnly = new Set(COMPOSE_VARIABLES.map((v) => v.name));

describe('deployment files', () => {
  it('has the guides’ services, each with an image or a build', () => {
    expect(Object.keys(compose.services)).to.include.members(['caddy', 'api', 'jobs', 'migrate', 'db', 'redis']);
    for (const [name, s] of Object.entries(compose.services)) expect(s.image ?? s.build, name).to.be.a('string');
  });

  it('depends only on services that exist, and waits for health or completion', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      for (const [dep, spec] of Object.entries(s.depends_on ?? {})) {
        expect(compose.services, `${name} → ${dep}`).to.have.property(dep);
        expect(['service_healthy', 'service_completed_successfully'], `${name} → ${dep}`).to.include(spec.condition);
        if (spec.condition === 'service_healthy') expect(compose.services[dep]!.healthcheck, `${dep} needs a healthcheck`).to.not.equal(undefined);
      }
    }
  });

  it('declares every named volume it mounts', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      for (const mount of s.volumes ?? []) {
        const source = mount.split(':')[0]!;
        if (!source.startsWith('.') && !source.startsWith('/')) expect(compose.volumes, `${name} mounts ${source}`).to.have.property(source);
      }
    }
  });

  it('runs entry points this repository builds', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      const entry = s.command?.find((part) => part.endsWith('/dist/main.js') || part.endsWith('/dist/cli.js'));
      if (entry === undefined) continue;
      const source = entry.replace('/dist/', '/src/').replace(/\.js$/, '.ts');
      expect(existsSync(`${root}${source}`), `${name}: ${entry} is built from ${source}`).to.equal(true);
    }
    const dockerfile = readFileSync(`${root}Dockerfile`, 'utf8');
    const cmd = /CMD \["node", "([^"]+)"\]/.exec(dockerfile)?.[1];
    expect(existsSync(`${root}${cmd!.replace('/dist/', '/src/').replace(/\.js$/, '.ts')}`)).to.equal(true);
    expect(existsSync(`${root}Caddyfile`)).to.equal(true);
  });

  it('passes the app only variables the configuration schema knows', () => {
    for (const name of ['api', 'jobs', 'migrate']) {
      // A deploy-only variable may appear only to be emptied (env_file would pass it on otherwise).
      const env = compose.services[name]!.environment ?? {};
      const unknown = Object.keys(env).filter((v) => !known.has(v) && !(deployOnly.has(v) && env[v] === ''));
      expect(unknown, name).to.deep.equal([]);
    }
  });

  it('connects api and jobs as the login role, migrate as the owner, and keeps the owner password out of the app', () => {
    for (const name of ['api', 'jobs']) {
      const env = compose.services[name]!.environment!;
      expect(env['DATABASE_URL'], name).to.match(/^postgresql:\/\/cws_app_login:\$\{APP_DB_PASSWORD:\?/);
      expect(env, name).to.not.have.property('DATABASE_OWNER_URL');
      expect(env['POSTGRES_PASSWORD'], name).to.equal('');
    }
    const migrate = compose.services['migrate']!.environment!;
    expect(migrate['DATABASE_OWNER_URL']).to.match(/^postgresql:\/\/postgres:\$\{POSTGRES_PASSWORD:\?/);
    expect(migrate['DATABASE_URL']).to.equal(compose.services['api']!.environment!['DATABASE_URL']);
  });

  it('interpolates only the deploy variables .env.example documents', () => {
    const interpolated = [...new Set([...readFileSync(`${root}docker-compose.yml`, 'utf8').matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]!))];
    expect(interpolated).to.include('APP_DB_PASSWORD');
    expect(interpolated.filter((v) => !deployOnly.has(v))).to.deep.equal([]);
  });

  it('requires the database password instead of defaulting it', () => {
    expect(compose.services['db']!.environment!['POSTGRES_PASSWORD']).to.match(/\$\{POSTGRES_PASSWORD:\?/);
  });

  it('gives the jobs service its own port and a health check on it, not the API’s', () => {
    const jobs = compose.services['jobs']!;
    const port = jobs.environment!['JOBS_HTTP_PORT'];
    expect(port, 'the guide’s 8001').to.equal('8001');
    expect(jobs.expose).to.include(port);
    const test = jobs.healthcheck!.test;
    expect(test.slice(0, 3)).to.deep.equal(['CMD', 'node', '-e']);
    expect(test[3]).to.include(`http://127.0.0.1:${port}/healthz`);
  });

  it('the jobs service’s health check passes against a running job host, with no API anywhere', async function () {
    this.timeout(120_000);
    const { connectionString } = await embeddedTestDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'cws-jobs-health-'));
    // The job host as the jobs service runs it, but from the sources and on a free port.
    const child = spawn(process.execPath, ['--conditions=@cws/source', '--import', 'tsx', 'hosts/jobs/src/main.ts'], {
      cwd: root,
      env: commandEnv({ APP_ENV: 'test', DATABASE_URL: connectionString, JOBS_ENABLED: 'true', JOB_RUNNER_ID: 'compose-check', JOBS_HTTP_PORT: '0', LOG_LEVEL: 'INFO', EMBEDDED_DATA_DIR: join(dir, 'pgdata') }),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let buffered = '';
        child.stdout.on('data', (chunk: Buffer) => {
          buffered += chunk.toString();
          const line = buffered.split('\n').find((l) => l.includes('job host endpoints listening'));
          if (line !== undefined) resolve((JSON.parse(line) as { url: string }).url);
        });
        void exited.then((code) => reject(new Error(`the job host exited (${code}) before listening: ${stderr}`)));
      });
      const port = new URL(url).port;
      const [, node, flag, script] = compose.services['jobs']!.healthcheck!.test;
      const check = spawn(node === 'node' ? process.execPath : node!, [flag!, script!.replace(':8001/', `:${port}/`)]);
      const code = await new Promise<number | null>((resolve) => check.on('close', resolve));
      expect(code, 'the compose health check command exits 0').to.equal(0);
    } finally {
      child.kill('SIGTERM');
      expect(await exited, `a SIGTERM drains and exits 0: ${stderr}`).to.equal(0);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
