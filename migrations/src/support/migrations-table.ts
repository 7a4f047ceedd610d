/** knex's record of applied migrations; /readyz reads it as the app (migration 0010 grants it). */
export const MIGRATIONS_TABLE = 'knex_migrations';
