#!/usr/bin/env node
/**
 * `npm run bootstrap -- --name "Sparkle Cleaning" --slug sparkle --owner-email you@example.com
 * [--owner-password ...] [--owner-name ...] [--time-zone Europe/London] [--currency GBP] [--id <uuid>]`:
 * creates an org and its first OWNER (audited) in DATABASE_URL, or in the embedded database
 * when it is unset. Applies pending migrations first. Without --owner-password a temporary
 * password is generated, printed once, and must be changed at first sign-in. Prefer the
 * CWS_OWNER_PASSWORD variable to the flag: flags end up in shell history.
 */
import { randomUUID } from 'node:crypto';
import { createRuntime, exitOnStartFailure, loadConfigOrExit, parseCommandLine } from '@cws/composition';
import { isAppError, systemActor } from '@cws/core';

const USAGE = `Usage: npm run bootstrap -- --name "Business name" --slug business-slug --owner-email owner@example.com
         [--owner-password ... | env CWS_OWNER_PASSWORD] [--owner-name "Full Name"] [--time-zone Area/City] [--currency XXX] [--id uuid]

Creates an organisation and its first OWNER in DATABASE_URL (or the embedded database when it is
unset; stop a running npm start first), applying pending migrations. Without a password a
temporary one is generated, printed once, and must be changed at the first sign-in.

Options:
  --name            the organisation's name (required)
  --slug            its URL name: lower case letters, digits and dashes (required)
  --owner-email     the owner's email, used to sign in (required)
  --owner-password  the owner's password (prefer CWS_OWNER_PASSWORD: flags stay in shell history)
  --owner-name      the owner's display name
  --time-zone       IANA time zone of the organisation, e.g. Europe/London
  --currency        ISO 4217 currency, e.g. GBP
  --id              the organisation's id (a UUID), to match an existing DEFAULT_ORG_ID
  -h, --help        show this help
`;

async function main(): Promise<number> {
  const values = parseCommandLine({
    name: 'bootstrap',
    usage: USAGE,
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      'owner-email': { type: 'string' },
      'owner-password': { type: 'string' },
      'owner-name': { type: 'string' },
      'time-zone': { type: 'string' },
      currency: { type: 'string' },
      id: { type: 'string' },
    },
  });
  if (values.name === undefined || values.slug === undefined || values['owner-email'] === undefined) {
    process.stderr.write(`bootstrap: --name, --slug and --owner-email are required\n\n${USAGE}`);
    return 2;
  }
  const ownerPassword = values['owner-password'] ?? process.env['CWS_OWNER_PASSWORD'];
  const runtime = await createRuntime(loadConfigOrExit());
  try {
    await runtime.migrate();
    const { org, owner, temporaryPassword, invitation } = await runtime.core.identity.bootstrapOwner.execute(
      { actor: systemActor('cli:bootstrap'), requestId: `cli-${randomUUID()}`, now: runtime.clock.now(), reason: 'bootstrap command' },
      {
        name: values.name,
        slug: values.slug,
        ownerEmail: values['owner-email'],
        ...(ownerPassword !== undefined && ownerPassword !== '' ? { ownerPassword } : {}),
        ...(values['owner-name'] ? { ownerName: values['owner-name'] } : {}),
        ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
        ...(values.currency ? { currency: values.currency } : {}),
        ...(values.id ? { id: values.id } : {}),
      },
    );
    const settings = await runtime.core.orgs.getSettings.execute({ orgId: org.id, actor: systemActor('cli:bootstrap'), requestId: `cli-${randomUUID()}`, now: runtime.clock.now() });
    process.stdout.write(
      `${JSON.stringify({
        org_id: org.id,
        slug: org.slug,
        time_zone: settings.timeZone,
        currency: settings.currency,
        ...(owner !== null ? { owner_id: owner.id, owner_email: owner.email } : {}),
        ...(temporaryPassword !== null ? { temporary_password: temporaryPassword, must_change_password: true } : {}),
        ...(invitation !== null ? { owner_invitation: { id: invitation.invitation.id, email: invitation.invitation.email, expires_at: invitation.invitation.expiresAt.toISOString(), delivery: invitation.delivery } } : {}),
      })}\n`,
    );
    if (invitation !== null) {
      process.stderr.write(
        `${invitation.invitation.email} already has an account, so it is not linked without its holder: they were invited as the owner ` +
          `(${invitation.delivery === 'queued' ? 'the invitation mail is queued: the job host delivers it' : 'no mail transport is configured (EMAIL_MODE): use another address, or resend once mail works'}).\n`,
      );
    }
    if (runtime.config.auth.legacyBasicAuthEnabled && (await runtime.ports.orgs.count()) > 1) {
      process.stderr.write(`Several orgs exist: legacy Basic Auth acts in DEFAULT_ORG_ID (set it to ${org.id} for this one).\n`);
    }
    if (temporaryPassword !== null) process.stderr.write('The temporary password above is shown once; sign in (POST /v1/auth/login) and change it (POST /v1/auth/change-password).\n');
    return 0;
  } catch (err) {
    if (isAppError(err)) {
      process.stderr.write(`${err.code}: ${err.message}${err.errors.map((e) => `\n  ${e.pointer} ${e.detail}`).join('')}\n`);
      return 1;
    }
    throw err;
  } finally {
    await runtime.close();
  }
}

main().then((code) => process.exit(code), exitOnStartFailure('bootstrap'));
