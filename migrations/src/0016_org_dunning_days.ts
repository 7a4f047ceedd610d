/**
 * Overdue reminders (guide 000 "Dunning-lite rules"): each org's schedule of days after an
 * invoice's due date a reminder goes, default 3, 7 and 14. The use case refuses repeated days and
 * stores them ascending; the checks here keep the bounds (1 to 10 steps of 1..365 days, no NULL)
 * for any writer. A CHECK cannot hold a subquery, so distinctness stays the schema's rule.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('org_settings', (t) => {
    t.specificType('dunning_days', 'integer[]').notNullable().defaultTo(knex.raw("'{3,7,14}'::integer[]"));
    t.check(
      'cardinality(dunning_days) BETWEEN 1 AND 10 AND array_position(dunning_days, NULL) IS NULL AND 1 <= ALL (dunning_days) AND 365 >= ALL (dunning_days)',
      [],
      'org_settings_dunning_days_bounds',
    );
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('org_settings', (t) => {
    t.dropChecks(['org_settings_dunning_days_bounds']);
    t.dropColumn('dunning_days');
  });
}
