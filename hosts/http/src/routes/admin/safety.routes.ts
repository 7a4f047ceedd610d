/**
 * Operator tools of guide 000: break-glass during incident read-only mode, the redacted
 * configuration snapshot, and the feature flags.
 */
import { Type } from '@sinclair/typebox';
import { StartBreakGlass } from '@cws/core';
import { describeConfig } from '@cws/composition';
import { defineContractRoute, defineRoute, type RouteDefinition } from '../../routing/route-definition.js';
import { NO_STORE, commonErrors } from '../route-helpers.js';

export function safetyRoutes(): RouteDefinition[] {
  return [
    defineContractRoute({
      method: 'POST',
      path: '/v1/admin/break-glass/start',
      operationId: 'startBreakGlass',
      summary: 'A one-time token permitting admin writes in this org while ADMIN_READ_ONLY is on',
      description:
        'Send the token as X-Break-Glass-Token on each write until it expires. The reason is recorded with the start and with every write made under it. ' +
        'TTL is 1 to 60 minutes; BREAK_GLASS_MAX_TTL_MINUTES may lower that limit (a longer TTL is a 422 on ttl_minutes). Only the token hash is stored: keep the token safe and never log it.',
      tags: ['Incident'],
      audience: 'staff',
      permission: 'breakglass.start',
      readOnlyExempt: true,
      contract: StartBreakGlass.contract,
      responses: { 201: { description: 'The token (shown once) and its expiry', schema: 'output', headers: ['Cache-Control'] } },
      async handler({ runtime, ctx, input }) {
        const { token, expiresAt } = await runtime.core.identity.startBreakGlass.execute(ctx, input);
        return { status: 201, body: { token, expires_at: expiresAt.toISOString() }, headers: NO_STORE };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/admin/config',
      operationId: 'getConfig',
      summary: 'Operational settings by environment variable name; secrets shown as <redacted>',
      tags: ['Operations'],
      audience: 'staff',
      permission: 'config.view',
      responses: {
        200: {
          description: 'The snapshot (whitelisted keys only)',
          schema: Type.Object({ values: Type.Record(Type.String(), Type.Unknown()) }),
        },
        ...commonErrors,
      },
      async handler({ runtime }) {
        return { status: 200, body: { values: describeConfig(runtime.config) } };
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/v1/admin/feature-flags',
      operationId: 'getFeatureFlags',
      summary: 'The runtime feature flags',
      tags: ['Operations'],
      audience: 'staff',
      permission: 'flags.view',
      responses: {
        200: {
          description: 'Flags and the admin safety switches in force',
          schema: Type.Object({
            deposits_enabled: Type.Boolean(),
            export_mode: Type.String(),
            strict_policy_mode: Type.Boolean(),
            admin_read_only: Type.Boolean(),
            admin_mfa_required: Type.Boolean(),
            legacy_basic_auth_enabled: Type.Boolean(),
          }),
        },
        ...commonErrors,
      },
      async handler({ runtime }) {
        const { featureFlags, http, auth } = runtime.config;
        return {
          status: 200,
          body: {
            deposits_enabled: featureFlags.depositsEnabled,
            export_mode: featureFlags.exportMode,
            strict_policy_mode: featureFlags.strictPolicyMode,
            admin_read_only: http.adminReadOnly,
            admin_mfa_required: auth.adminMfaRequired,
            legacy_basic_auth_enabled: auth.legacyBasicAuthEnabled,
          },
        };
      },
    }),
  ];
}
