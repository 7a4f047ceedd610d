#!/usr/bin/env node
/**
 * `npm run bootstrap -- --name "Sparkle Cleaning" --slug sparkle [--time-zone Europe/London]
 * [--currency GBP] [--id <uuid>]`: creates an org (with a system audit row) in DATABASE_URL, or
 * in the embedded database when it is unset. Applies pending migrations first.
 */
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { createRuntime, exitOnStartFailure, loadConfigOrExit } from '@cws/composition';
import { isAppError, systemActor } from '@cws/core';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, slug: { type: 'string' }, 'time-zone': { type: 'string' }, currency: { type: 'string' }, id: { type: 'string' } },
  });
  if (values.name === undefined || values.slug === undefined) {
    process.stderr.write('Usage: npm run bootstrap -- --name "Business name" --slug business-slug [--time-zone Area/City] [--currency XXX] [--id uuid]\n');
    return 2;
  }
  const runtime = await createRuntime(loadConfigOrExit());
  try {
    await runtime.migrate();
    const { org, settings } = await runtime.core.orgs.create.execute(
      { actor: systemActor('cli:bootstrap'), requestId: `cli-${randomUUID()}`, now: runtime.clock.now(), reason: 'bootstrap command' },
      {
        name: values.name,
        slug: values.slug,
        ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
        ...(values.currency ? { currency: values.currency } : {}),
        ...(values.id ? { id: values.id } : {}),
      },
    );
    process.stdout.write(`${JSON.stringify({ org_id: org.id, slug: org.slug, time_zone: settings.timeZone, currency: settings.currency })}\n`);
    if ((await runtime.ports.orgs.count()) > 1) process.stdout.write(`Several orgs exist: set DEFAULT_ORG_ID=${org.id} for Basic Auth to act in this one.\n`);
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
