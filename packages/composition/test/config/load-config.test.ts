import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { load, problemsOf, variablesOf } from './config-test-helpers.js';

describe('config: loadConfig', () => {
  describe('defaults', () => {
    it('gives a working dev config from an empty environment', () => {
      const config = load({});
      expect(config.appEnv).to.equal('dev');
      expect(config.logLevel).to.equal('INFO');
      expect(config.testing).to.equal(false);
      expect(config.http).to.deep.equal({
        host: '127.0.0.1',
        port: 8000,
        bodyLimitBytes: 1024 * 1024,
        limits: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 65_000, maxConnections: 1000 },
        strictCors: false,
        corsOrigins: [],
        trustProxyHeaders: false,
        trustedProxyIps: [],
        trustedProxyCidrs: [],
        adminIpAllowlistCidrs: [],
        adminReadOnly: false,
        publicBaseUrl: null,
      });
      expect(config.database).to.deep.equal({ url: null, ownerUrl: null, poolMax: 10, statementTimeoutMs: 5000, preparedStatements: true, migrationsRecheckSeconds: 10, embeddedDataDir: './var/pgdata' });
      // Generated for the process (dev-secrets.test.ts covers them); never the old public placeholder.
      for (const secret of [config.auth.secretKey, config.auth.clientPortalSecret, config.auth.workerPortalSecret, config.auth.mfaSecretKey]) {
        expect(secret).to.not.match(/^dev-only-insecure-placeholder-/);
      }
      expect(config.auth).to.deep.include({
        accessTokenTtlMinutes: 15,
        sessionTtlMinutes: 720,
        refreshTokenTtlMinutes: 20160,
        legacyBasicAuthEnabled: true,
        defaultOrgId: null,
        adminMfaRequired: false,
        emailTempPasswords: false,
        breakGlassMaxTtlMinutes: 60,
        testOrgHeaderAllowed: true,
      });
      expect(config.featureFlags).to.deep.equal({ depositsEnabled: false, exportMode: 'off', strictPolicyMode: false });
      expect(config.auth.basicAuthPairs).to.deep.equal([]);
      expect(config.rateLimit).to.deep.equal({ perMinute: 120, adminActionPerMinute: 30, redisUrl: null });
      expect(config.metrics).to.deep.equal({ enabled: true, token: null });
      expect(config.jobs).to.deep.equal({
        enabled: false,
        httpPort: null,
        heartbeatRequired: false,
        heartbeatTtlSeconds: 180,
        heartbeatIntervalSeconds: 30,
        runnerId: hostname(),
        backend: 'postgres',
        mongodbUrl: null,
        processEveryMs: 5000,
        betterStackHeartbeatUrl: null,
      });
      expect(config.demo.seed).to.equal(true);
    });

    it('gives each signing secret its own generated dev value', () => {
      const { auth } = load({});
      expect(new Set([auth.secretKey, auth.clientPortalSecret, auth.workerPortalSecret]).size).to.equal(3);
    });

    it('turns the demo seed off outside dev', () => {
      expect(load({ APP_ENV: 'test' }).demo.seed).to.equal(false);
      expect(load({ APP_ENV: 'dev', DEMO_SEED: 'no' }).demo.seed).to.equal(false);
    });

    it('treats empty and blank strings as unset', () => {
      const config = load({ PORT: '', LOG_LEVEL: '   ', CORS_ORIGINS: '', DATABASE_URL: '' });
      expect(config.http.port).to.equal(8000);
      expect(config.logLevel).to.equal('INFO');
      expect(config.database.url).to.equal(null);
    });
  });

  describe('LEGACY_BASIC_AUTH_ENABLED', () => {
    it('defaults to true in dev and test', () => {
      expect(load({ APP_ENV: 'dev' }).auth.legacyBasicAuthEnabled).to.equal(true);
      expect(load({ APP_ENV: 'test' }).auth.legacyBasicAuthEnabled).to.equal(true);
    });
    it('can be turned off in dev', () => {
      expect(load({ LEGACY_BASIC_AUTH_ENABLED: 'false' }).auth.legacyBasicAuthEnabled).to.equal(false);
    });
  });

  describe('parsing', () => {
    it('reads booleans, integers and lists', () => {
      const config = load({
        STRICT_CORS: 'YES',
        ADMIN_READ_ONLY: '1',
        METRICS_ENABLED: 'No',
        PORT: '9090',
        HTTP_BODY_LIMIT_KB: '64',
        CORS_ORIGINS: 'https://a.cleanco.io, https://b.cleanco.io',
        TRUSTED_PROXY_CIDRS: '10.0.0.0/8, fd00::/8, 192.0.2.1',
      });
      expect(config.http.strictCors).to.equal(true);
      expect(config.http.adminReadOnly).to.equal(true);
      expect(config.metrics.enabled).to.equal(false);
      expect(config.http.port).to.equal(9090);
      expect(config.http.bodyLimitBytes).to.equal(64 * 1024);
      expect(config.http.corsOrigins).to.deep.equal(['https://a.cleanco.io', 'https://b.cleanco.io']);
      expect(config.http.trustedProxyCidrs).to.deep.equal(['10.0.0.0/8', 'fd00::/8', '192.0.2.1/32']);
    });

    it('reports a bad boolean with its variable and fix', () => {
      const problems = problemsOf({ TRUST_PROXY_HEADERS: 'sometimes' });
      expect(problems).to.have.length(1);
      expect(problems[0]?.variable).to.equal('TRUST_PROXY_HEADERS');
      expect(problems[0]?.message).to.include('"sometimes"');
      expect(problems[0]?.fix).to.include('true or false');
    });

    it('reports an int out of range with its variable', () => {
      const problems = problemsOf({ DATABASE_POOL_MAX: '500' });
      expect(variablesOf(problems)).to.deep.equal(['DATABASE_POOL_MAX']);
      expect(problems[0]?.message).to.include('from 1 to 200');
    });

    it('reports an invalid APP_ENV without piling on mode-specific problems', () => {
      const problems = problemsOf({ APP_ENV: 'staging' });
      expect(variablesOf(problems)).to.deep.equal(['APP_ENV']);
    });
  });

  describe('all problems at once', () => {
    it('reports three bad variables as three problems, each naming its variable', () => {
      let caught: unknown;
      try {
        load({ PORT: 'eighty', STRICT_CORS: 'perhaps', ADMIN_IP_ALLOWLIST_CIDRS: '10.0.0.0/40' });
      } catch (error) {
        caught = error;
      }
      expect(caught).to.be.instanceOf(ConfigError);
      const error = caught as ConfigError;
      expect(variablesOf(error.problems).sort()).to.deep.equal(['ADMIN_IP_ALLOWLIST_CIDRS', 'PORT', 'STRICT_CORS']);
      for (const problem of error.problems) {
        expect(error.message).to.include(`${problem.variable}: ${problem.message}`);
        expect(error.message).to.include(`Fix: ${problem.fix}`);
      }
      expect(error.message.split('\n')[0]).to.include('3 problems');
      expect(error.name).to.equal('ConfigError');
    });
  });

  describe('cross-field checks (every mode)', () => {
    it('builds Basic Auth pairs, mapping ACCOUNTANT_* to the finance role', () => {
      const config = load({
        ADMIN_BASIC_USERNAME: 'admin',
        ADMIN_BASIC_PASSWORD: 'dev',
        ACCOUNTANT_BASIC_USERNAME: 'books',
        ACCOUNTANT_BASIC_PASSWORD: 'dev2',
      });
      expect(config.auth.basicAuthPairs).to.deep.equal([
        { role: 'admin', username: 'admin', password: 'dev' },
        { role: 'finance', username: 'books', password: 'dev2' },
      ]);
    });

    it('rejects a username without its password, naming both variables', () => {
      const problems = problemsOf({ DISPATCHER_BASIC_USERNAME: 'disp' });
      expect(variablesOf(problems)).to.deep.equal(['DISPATCHER_BASIC_PASSWORD']);
      expect(problems[0]?.message).to.include('DISPATCHER_BASIC_USERNAME').and.include('DISPATCHER_BASIC_PASSWORD');
    });

    it('rejects a password without its username, naming both variables', () => {
      const problems = problemsOf({ VIEWER_BASIC_PASSWORD: 'dev-viewer' });
      expect(variablesOf(problems)).to.deep.equal(['VIEWER_BASIC_USERNAME']);
      expect(problems[0]?.message).to.include('VIEWER_BASIC_USERNAME').and.include('VIEWER_BASIC_PASSWORD');
    });

    it('requires MONGODB_URL when JOBS_BACKEND=mongo', () => {
      expect(variablesOf(problemsOf({ JOBS_BACKEND: 'mongo' }))).to.deep.equal(['MONGODB_URL']);
      const config = load({ JOBS_BACKEND: 'mongo', MONGODB_URL: 'mongodb://localhost:27017/jobs' });
      expect(config.jobs.backend).to.equal('mongo');
      expect(config.jobs.mongodbUrl).to.equal('mongodb://localhost:27017/jobs');
    });

    it('rejects CIDRs that do not parse even in dev', () => {
      expect(variablesOf(problemsOf({ TRUSTED_PROXY_CIDRS: '10.0.0.0/8,300.0.0.0/8' }))).to.deep.equal(['TRUSTED_PROXY_CIDRS']);
      expect(variablesOf(problemsOf({ ADMIN_IP_ALLOWLIST_CIDRS: '2001:db8::/200' }))).to.deep.equal(['ADMIN_IP_ALLOWLIST_CIDRS']);
    });

    it('requires DATABASE_URL to be a postgres URL, without echoing it', () => {
      const problems = problemsOf({ DATABASE_URL: 'mysql://root:s3cr3tpw@db/cws' });
      expect(variablesOf(problems)).to.deep.equal(['DATABASE_URL']);
      expect(JSON.stringify(problems)).not.to.include('s3cr3tpw');
      expect(load({ DATABASE_URL: 'postgresql://app@db/cws' }).database.url).to.equal('postgresql://app@db/cws');
    });

    it('rejects a heartbeat interval that is not below the TTL', () => {
      expect(variablesOf(problemsOf({ JOB_HEARTBEAT_TTL_SECONDS: '60', JOB_HEARTBEAT_INTERVAL_SECONDS: '60' }))).to.deep.equal([
        'JOB_HEARTBEAT_INTERVAL_SECONDS',
      ]);
    });
  });

  describe('JOB_HEARTBEAT_STALE_SECONDS alias', () => {
    it('is read when JOB_HEARTBEAT_TTL_SECONDS is unset', () => {
      expect(load({ JOB_HEARTBEAT_STALE_SECONDS: '240' }).jobs.heartbeatTtlSeconds).to.equal(240);
    });
    it('loses to JOB_HEARTBEAT_TTL_SECONDS when both are set', () => {
      expect(load({ JOB_HEARTBEAT_STALE_SECONDS: '240', JOB_HEARTBEAT_TTL_SECONDS: '300' }).jobs.heartbeatTtlSeconds).to.equal(300);
    });
    it('names the alias when its value is bad', () => {
      const problems = problemsOf({ JOB_HEARTBEAT_STALE_SECONDS: 'soon' });
      expect(variablesOf(problems)).to.deep.equal(['JOB_HEARTBEAT_STALE_SECONDS']);
      expect(problems[0]?.message).to.include('JOB_HEARTBEAT_TTL_SECONDS');
    });
  });

  describe('testOrgHeaderAllowed', () => {
    it('is on in dev and test', () => {
      expect(load({ APP_ENV: 'dev' }).auth.testOrgHeaderAllowed).to.equal(true);
      expect(load({ APP_ENV: 'test', TESTING: 'false' }).auth.testOrgHeaderAllowed).to.equal(true);
    });
  });

  describe('.env file', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'cws-config-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('reads values from the file, with real environment variables winning', async () => {
      const file = join(dir, '.env');
      await writeFile(file, '# comment\nPORT=9001\nLOG_LEVEL=DEBUG\nCORS_ORIGINS="https://a.cleanco.io,https://b.cleanco.io"\nHOST=0.0.0.0\n');
      const config = loadConfig({ PORT: '9002', HOST: '' }, { dotenvPath: file });
      expect(config.http.port).to.equal(9002);
      expect(config.logLevel).to.equal('DEBUG');
      expect(config.http.corsOrigins).to.deep.equal(['https://a.cleanco.io', 'https://b.cleanco.io']);
      // An empty real variable counts as unset, so the file's value stands.
      expect(config.http.host).to.equal('0.0.0.0');
    });

    it('reads ./.env from the working directory by default', async () => {
      await writeFile(join(dir, '.env'), 'RATE_LIMIT_PER_MINUTE=77\n');
      const before = process.cwd();
      process.chdir(dir);
      try {
        expect(loadConfig({}).rateLimit.perMinute).to.equal(77);
        expect(loadConfig({}, { dotenvPath: null }).rateLimit.perMinute).to.equal(120);
      } finally {
        process.chdir(before);
      }
    });

    it('tolerates a missing default ./.env but reports a missing explicit path', () => {
      const before = process.cwd();
      process.chdir(dir);
      try {
        expect(loadConfig({}).http.port).to.equal(8000);
      } finally {
        process.chdir(before);
      }
      expect(() => loadConfig({}, { dotenvPath: join(dir, 'missing.env') }))
        .to.throw(ConfigError)
        .with.property('problems')
        .that.satisfies((problems: { variable: string }[]) => problems.some((p) => p.variable === '.env'));
    });

    it('validates values that come from the file, naming the variable', async () => {
      const file = join(dir, '.env');
      await writeFile(file, 'PORT=not-a-port\n');
      expect(() => loadConfig({}, { dotenvPath: file })).to.throw(ConfigError, /PORT/);
    });
  });
});
