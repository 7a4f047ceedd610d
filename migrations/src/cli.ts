/**
 * `npm run migrate` — applies pending migrations to DATABASE_URL (`--status` only reports).
 * Connects as the owner of the schema; tenant work later runs as cws_app.
 */
import knexFactory from 'knex';
import { migrateLatest, migrationStatus } from './index.js';

const url = process.env['DATABASE_URL'];
if (url === undefined || url === '') {
  process.stderr.write('DATABASE_URL is not set: set it to the PostgreSQL database to migrate (postgresql://user:pass@host:5432/db).\n');
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
  }
} catch (err) {
  process.stderr.write(`migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await knex.destroy();
}
