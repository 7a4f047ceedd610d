/**
 * `npm run migrate` — applies pending migrations to DATABASE_URL (`--status` only reports).
 * Connects as the owner of the schema; tenant work later runs as cws_app. `--help` prints the
 * usage; a wrong flag prints it with exit 2; a database it cannot use is one line and exit 1.
 */
import { parseArgs } from 'node:util';
import knexFactory from 'knex';
import { migrateLatest, migrationStatus } from './index.js';
import { describeDatabaseFailure } from './support/database-failure.js';

const USAGE = `Usage: npm run migrate [-- --status]
       node migrations/dist/cli.js [--status]

Applies every pending migration to the PostgreSQL database at DATABASE_URL, then prints the
head. (npm start migrates its embedded database by itself; this is for DATABASE_URL.)

Options:
  --status     report the applied and pending migrations, change nothing
  -h, --help   show this help

Environment:
  DATABASE_URL   postgresql://user:password@host:5432/database (required)
`;

function parseCommand(): { status: boolean } {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  try {
    const { values } = parseArgs({ args, options: { status: { type: 'boolean', default: false } }, strict: true, allowPositionals: false });
    return { status: values.status };
  } catch (err) {
    process.stderr.write(`migrate: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
}

const command = parseCommand();
const url = process.env['DATABASE_URL'];
if (url === undefined || url.trim() === '') {
  process.stderr.write('migrate: DATABASE_URL is not set: set it to the PostgreSQL database to migrate (postgresql://user:pass@host:5432/db).\n');
  process.exit(2);
}
if (!/^postgres(ql)?:\/\//i.test(url.trim())) {
  process.stderr.write('migrate: DATABASE_URL is not a postgres:// or postgresql:// URL: set it to postgresql://user:pass@host:5432/db.\n');
  process.exit(2);
}
// Knex would also print a failed connection with its stack; the one line below says it.
const quiet = { warn: () => undefined, error: () => undefined, deprecate: () => undefined, debug: () => undefined };
const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 }, acquireConnectionTimeout: 15_000, log: quiet });
try {
  if (command.status) {
    process.stdout.write(`${JSON.stringify(await migrationStatus(knex), null, 2)}\n`);
  } else {
    const applied = await migrateLatest(knex);
    const status = await migrationStatus(knex);
    process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'nothing to apply\n');
    process.stdout.write(`head: ${status.current} (expected ${status.expected})\n`);
  }
} catch (err) {
  const unusable = describeDatabaseFailure(err);
  process.stderr.write(unusable !== null ? `migrate: cannot use the database: ${unusable}\n` : `migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await knex.destroy();
}
