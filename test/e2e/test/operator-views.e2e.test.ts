/**
 * The operator's read-only views over HTTP: the configuration snapshot with secrets redacted
 * (guide 000 "GET /v1/admin/config") and the feature flags.
 */
import { expect } from 'chai';
import { onEachDatabase, PASSWORDS } from '@cws/e2e-tests';

onEachDatabase(
  'operator views',
  (h) => {
    it('shows whitelisted settings by variable name with every secret as <redacted>, to owners and admins only', async () => {
      const org = await h().newOrg();
      const owner = await h().staff(org.id, 'owner');
      const r = await h().api.call('GET', '/v1/admin/config', { token: owner.accessToken });
      expect(r.status).to.equal(200);
      const values = r.body.values as Record<string, unknown>;
      expect(values).to.include({ APP_ENV: 'test', ADMIN_READ_ONLY: false, DEPOSITS_ENABLED: true, EXPORT_MODE: 'webhook', AUTH_SECRET_KEY: '<redacted>', METRICS_TOKEN: '<redacted>' });
      expect(values['ADMIN_BASIC_PASSWORD']).to.equal('<redacted>');
      for (const secret of [PASSWORDS.admin, PASSWORDS.viewer, 'e2e-metrics-token-long-enough-for-prod', h().runtime.config.auth.secretKey, h().runtime.config.auth.mfaSecretKey]) {
        expect(r.text).to.not.include(secret);
      }
      if (h().runtime.connectionString !== null) expect(r.text).to.not.include(h().runtime.connectionString!);
      const finance = await h().staff(org.id, 'finance');
      expect((await h().api.call('GET', '/v1/admin/config', { token: finance.accessToken })).status).to.equal(403);
    });

    it('shows the feature flags and the safety switches to every staff role', async () => {
      const org = await h().newOrg();
      const viewer = await h().staff(org.id, 'viewer');
      const r = await h().api.call('GET', '/v1/admin/feature-flags', { token: viewer.accessToken });
      expect(r.status).to.equal(200);
      expect(r.body).to.deep.equal({
        deposits_enabled: true,
        export_mode: 'webhook',
        strict_policy_mode: false,
        admin_read_only: false,
        admin_mfa_required: false,
        legacy_basic_auth_enabled: true,
      });
    });
  },
  { env: { DEPOSITS_ENABLED: 'true', EXPORT_MODE: 'webhook' } },
);
