/**
 * `npm run migrate` — applies pending migrations (`--status` only reports) as the owner of the
 * schema: DATABASE_OWNER_URL, else DATABASE_URL. With both set to different users it then sets
 * up DATABASE_URL's user as the app's login role, with the password in that URL (ADR 16).
 * `--help` prints the usage; a wrong flag prints it with exit 2; a database it cannot use is one
 * line and exit 1.
 */
import { parseArgs } from 'node:util';
import knexFactory from 'knex';
import { migrateLatest, migrationStatus, provisionLoginRole } from './index.js';
import { describeDatabaseFailure } from './support/database-failure.js';

const USAGE = `Usage: npm run migrate [-- --status]
       node migrations/dist/cli.js [--status]

Applies every pending migration as the owner of the schema (DATABASE_OWNER_URL, else
DATABASE_URL), then prints the head. When both are set to different users, it then sets up
DATABASE_URL's user as the app's login role (it can act as cws_app only) with the password in
that URL; running it again sets the password again. (npm start migrates its embedded database
by itself; this is for a PostgreSQL server.)

Options:
  --status     report the applied and pending migrations, change nothing
  -h, --help   show this help

Environment:
  DATABASE_OWNER_URL  postgresql://owner:password@host:5432/database (the migrations' user)
  DATABASE_URL        postgresql://app_user:password@host:5432/database (the app's login role;
                      the migrations' user too when DATABASE_OWNER_URL is unset)
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
const appUrl = process.env['DATABASE_URL']?.trim() || null;
const url = process.env['DATABASE_OWNER_URL']?.trim() || appUrl;
if (url === null) {
  process.stderr.write('migrate: DATABASE_URL is not set (nor DATABASE_OWNER_URL): set one to the PostgreSQL database to migrate, as its owner (postgresql://user:pass@host:5432/db).\n');
  process.exit(2);
}
if (!/^postgres(ql)?:\/\//i.test(url)) {
  process.stderr.write(`migrate: ${process.env['DATABASE_OWNER_URL']?.trim() ? 'DATABASE_OWNER_URL' : 'DATABASE_URL'} is not a postgres:// or postgresql:// URL: set it to postgresql://user:pass@host:5432/db.\n`);
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
    const loginRole = await provisionLoginRole(knex, appUrl);
    if (loginRole !== null) process.stdout.write(`login role: ${loginRole} (DATABASE_URL's user) can act as cws_app only\n`);
  }
} catch (err) {
  const unusable = describeDatabaseFailure(err);
  process.stderr.write(unusable !== null ? `migrate: cannot use the database: ${unusable}\n` : `migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await knex.destroy();
}
