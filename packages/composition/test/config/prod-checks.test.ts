import { expect } from 'chai';
import { devPlaceholderSecret } from '../../src/config/index.js';
import type { EnvSource } from '../../src/config/index.js';
import { PROD_SECRETS, load, problemsOf, validProdEnv, variablesOf } from './config-test-helpers.js';

/** The valid prod environment with some variables changed (undefined removes one). */
function prodWith(changes: EnvSource): EnvSource {
  return { ...validProdEnv(), ...changes };
}

describe('config: APP_ENV=prod fail-fast checks', () => {
  it('accepts a fully valid prod configuration', () => {
    const config = load(validProdEnv());
    expect(config.appEnv).to.equal('prod');
    expect(config.auth.legacyBasicAuthEnabled).to.equal(false);
    expect(config.auth.testOrgHeaderAllowed).to.equal(false);
    expect(config.demo.seed).to.equal(false);
    expect(config.http.adminIpAllowlistCidrs).to.deep.equal(['10.0.0.0/8', '2001:db8::/32']);
    expect(config.auth.basicAuthPairs).to.have.length(1);
  });

  it('defaults LEGACY_BASIC_AUTH_ENABLED to false even when a pair is configured, and honours an explicit true', () => {
    expect(load(validProdEnv()).auth.legacyBasicAuthEnabled).to.equal(false);
    expect(load(prodWith({ LEGACY_BASIC_AUTH_ENABLED: 'true' })).auth.legacyBasicAuthEnabled).to.equal(true);
  });

  for (const name of ['AUTH_SECRET_KEY', 'CLIENT_PORTAL_SECRET', 'WORKER_PORTAL_SECRET', 'MFA_SECRET_KEY']) {
    describe(name, () => {
      it('is required (no dev placeholder in prod)', () => {
        const problems = problemsOf(prodWith({ [name]: undefined }));
        expect(variablesOf(problems)).to.deep.equal([name]);
        expect(problems[0]?.message).to.include('required');
      });
      it('rejects the dev placeholder set explicitly', () => {
        expect(variablesOf(problemsOf(prodWith({ [name]: devPlaceholderSecret(name) })))).to.deep.equal([name]);
      });
      it('rejects values containing placeholder words, in any case', () => {
        for (const word of ['change-me', 'CHANGEME', 'Secret', 'password', 'placeholder', 'EXAMPLE']) {
          const value = `${word}-0123456789abcdefghijklmnopqrstuvwxyz`;
          expect(variablesOf(problemsOf(prodWith({ [name]: value }))), word).to.deep.equal([name]);
        }
      });
      it('rejects values shorter than 32 characters', () => {
        const problems = problemsOf(prodWith({ [name]: 'Zx8Qw2Lp7Rt4Vb9N' }));
        expect(variablesOf(problems)).to.deep.equal([name]);
        expect(problems[0]?.message).to.include('at least 32');
      });
    });
  }

  it('STRICT_CORS=true requires CORS_ORIGINS', () => {
    const problems = problemsOf(prodWith({ CORS_ORIGINS: undefined }));
    expect(variablesOf(problems)).to.deep.equal(['CORS_ORIGINS']);
    expect(problems[0]?.message).to.include('STRICT_CORS');
  });

  it('STRICT_CORS=true rejects "*" among CORS_ORIGINS', () => {
    expect(variablesOf(problemsOf(prodWith({ CORS_ORIGINS: 'https://app.cleanco.io,*' })))).to.deep.equal(['CORS_ORIGINS']);
    // Without STRICT_CORS the wildcard is the operator's choice.
    expect(load(prodWith({ STRICT_CORS: 'false', CORS_ORIGINS: '*' })).http.corsOrigins).to.deep.equal(['*']);
  });

  it('METRICS_ENABLED=true requires METRICS_TOKEN', () => {
    expect(variablesOf(problemsOf(prodWith({ METRICS_TOKEN: undefined })))).to.deep.equal(['METRICS_TOKEN']);
    expect(load(prodWith({ METRICS_TOKEN: undefined, METRICS_ENABLED: 'false' })).metrics.enabled).to.equal(false);
  });

  it('METRICS_TOKEN must be at least 32 characters long, without echoing it', () => {
    const short = 'Mt4Rk9Zp2Qw7Lx5Nc8Vb3Hy6Jd1';
    const problems = problemsOf(prodWith({ METRICS_TOKEN: short }));
    expect(variablesOf(problems)).to.deep.equal(['METRICS_TOKEN']);
    expect(problems[0]?.message).to.include('at least 32');
    expect(JSON.stringify(problems)).to.not.include(short);
    expect(load(prodWith({ METRICS_TOKEN: short, METRICS_ENABLED: 'false' })).metrics.enabled, 'no token rule while metrics are off').to.equal(false);
    expect(load({ METRICS_TOKEN: short }).metrics.token, 'dev keeps any token').to.equal(short);
  });

  it('AUTH, CLIENT_PORTAL, WORKER_PORTAL and MFA secrets must all differ, named without their values', () => {
    const shared = PROD_SECRETS.AUTH_SECRET_KEY;
    const problems = problemsOf(prodWith({ MFA_SECRET_KEY: shared, WORKER_PORTAL_SECRET: shared }));
    expect(variablesOf(problems).sort()).to.deep.equal(['MFA_SECRET_KEY', 'WORKER_PORTAL_SECRET']);
    expect(problems.map((p) => p.message)).to.deep.equal([
      'is the same value as AUTH_SECRET_KEY; each signing secret must be different',
      'is the same value as AUTH_SECRET_KEY; each signing secret must be different',
    ]);
    expect(JSON.stringify(problems)).to.not.include(shared);
    const pair = problemsOf(prodWith({ WORKER_PORTAL_SECRET: PROD_SECRETS.CLIENT_PORTAL_SECRET }));
    expect(pair.map((p) => [p.variable, p.message])).to.deep.equal([
      ['WORKER_PORTAL_SECRET', 'is the same value as CLIENT_PORTAL_SECRET; each signing secret must be different'],
    ]);
  });

  it('reports a DATABASE_URL that does not parse once, not also as missing', () => {
    const problems = problemsOf(prodWith({ DATABASE_URL: 'mysql://db.internal/cws' }));
    expect(variablesOf(problems)).to.deep.equal(['DATABASE_URL']);
    expect(problems[0]?.message).to.include('scheme');
  });

  it('rejects TESTING=true', () => {
    expect(variablesOf(problemsOf(prodWith({ TESTING: 'true' })))).to.deep.equal(['TESTING']);
  });

  it('requires DATABASE_URL (no embedded database in prod)', () => {
    const problems = problemsOf(prodWith({ DATABASE_URL: undefined }));
    expect(variablesOf(problems)).to.deep.equal(['DATABASE_URL']);
    expect(problems[0]?.message).to.include('embedded');
  });

  it('rejects CIDRs that do not parse', () => {
    expect(variablesOf(problemsOf(prodWith({ ADMIN_IP_ALLOWLIST_CIDRS: '10.0.0.0/8,10.0.0.0/99' })))).to.deep.equal([
      'ADMIN_IP_ALLOWLIST_CIDRS',
    ]);
  });

  it('rejects a Basic Auth password shorter than 12 characters', () => {
    const problems = problemsOf(prodWith({ ADMIN_BASIC_PASSWORD: 'Zx8Qw2Lp7R' }));
    expect(variablesOf(problems)).to.deep.equal(['ADMIN_BASIC_PASSWORD']);
    expect(problems[0]?.message).to.include('at least 12');
  });

  it('rejects placeholder Basic Auth passwords of every role, even with legacy Basic Auth off', () => {
    const cases: [string, string, string][] = [
      ['ADMIN_BASIC_USERNAME', 'ADMIN_BASIC_PASSWORD', 'change-me'],
      ['DISPATCHER_BASIC_USERNAME', 'DISPATCHER_BASIC_PASSWORD', 'qwerty'],
      ['ACCOUNTANT_BASIC_USERNAME', 'ACCOUNTANT_BASIC_PASSWORD', 'PutStrongAdminPasswordHere'],
      ['VIEWER_BASIC_USERNAME', 'VIEWER_BASIC_PASSWORD', 'my-example-viewer-login'],
    ];
    for (const [username, password, value] of cases) {
      const problems = problemsOf(prodWith({ LEGACY_BASIC_AUTH_ENABLED: 'false', [username]: 'someone', [password]: value }));
      expect(variablesOf(problems), password).to.deep.equal([password]);
    }
  });

  it('lets dev use weak Basic Auth passwords', () => {
    expect(load({ ADMIN_BASIC_USERNAME: 'admin', ADMIN_BASIC_PASSWORD: 'admin' }).auth.basicAuthPairs).to.have.length(1);
  });

  it('reports every prod problem at once', () => {
    const problems = problemsOf({ APP_ENV: 'prod', TESTING: 'yes', STRICT_CORS: 'true' });
    expect(variablesOf(problems).sort()).to.deep.equal(
      ['AUTH_SECRET_KEY', 'CLIENT_PORTAL_SECRET', 'CORS_ORIGINS', 'DATABASE_URL', 'METRICS_TOKEN', 'MFA_SECRET_KEY', 'TESTING', 'WORKER_PORTAL_SECRET'].sort(),
    );
  });

  it('never echoes a secret value in the error', () => {
    const weak = 'Short-Secret-Value';
    try {
      load(prodWith({ AUTH_SECRET_KEY: weak, ADMIN_BASIC_PASSWORD: 'tiny-pw' }));
      expect.fail('should have thrown');
    } catch (error) {
      const text = `${(error as Error).message}${JSON.stringify((error as { problems?: unknown }).problems)}`;
      expect(text).to.include('AUTH_SECRET_KEY').and.include('ADMIN_BASIC_PASSWORD');
      expect(text).not.to.include(weak);
      expect(text).not.to.include('tiny-pw');
    }
  });
});
