/**
 * `npm run migrate` — applies pending migrations (`--status` only reports) as the owner of the
 * schema: DATABASE_OWNER_URL, else DATABASE_URL. With both set to different users it then sets
 * up DATABASE_URL's user as the app's login role, with the password in that URL (ADR 16).
 */
import knexFactory from 'knex';
import { migrateLatest, migrationStatus, provisionLoginRole } from './index.js';

const appUrl = process.env['DATABASE_URL'] || null;
const url = process.env['DATABASE_OWNER_URL'] || appUrl || undefined;
if (url === undefined || url === '') {
  process.stderr.write('DATABASE_OWNER_URL and DATABASE_URL are not set: set one to the PostgreSQL database to migrate, as its owner (postgresql://user:pass@host:5432/db).\n');
  process.exit(2);
}
const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
try {
  if (process.argv.includes('--status')) {
    process.stdout.write(`${JSON.stringify(await migrationStatus(knex), null, 2)}\n`);
  } else {
    const applied = await migrateLatest(knex);
    const status = await migrationStatus(knex);
    process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'nothing to apply\n');
    process.stdout.write(`head: ${status.current} (expected ${status.expected})\n`);
    const loginRole = await provisionLoginRole(knex, appUrl);
    if (loginRole !== null) process.stdout.write(`login role: ${loginRole} (DATABASE_URL's user) can act as cws_app only\n`);
  }
} catch (err) {
  process.stderr.write(`migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await knex.destroy();
}
