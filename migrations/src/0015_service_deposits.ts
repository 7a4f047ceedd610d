/**
 * A service's deposit rule (DEPOSITS_ENABLED, issue 11): a share of the booking's price in basis
 * points, or a fixed amount in minor units; at most one, neither means no deposit. Existing
 * services ask none (both null), so adding the columns touches no row.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE services
    ADD COLUMN deposit_percent_basis integer NULL,
    ADD COLUMN deposit_cents bigint NULL,
    ADD CONSTRAINT services_deposit_percent_range CHECK (deposit_percent_basis IS NULL OR deposit_percent_basis BETWEEN 1 AND 10000),
    ADD CONSTRAINT services_deposit_cents_positive CHECK (deposit_cents IS NULL OR deposit_cents > 0),
    ADD CONSTRAINT services_one_deposit_rule CHECK (deposit_percent_basis IS NULL OR deposit_cents IS NULL)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE services DROP COLUMN deposit_percent_basis, DROP COLUMN deposit_cents');
}
