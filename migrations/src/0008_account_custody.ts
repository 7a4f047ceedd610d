/**
 * Who may touch an account's credentials (ADR 13), enforced by the database as well as the core.
 *
 * - `users.managed_by_org_id`: the org that created the account by invite and may reset its
 *   password or second factor, until another org links it (then NULL: its holder alone).
 *   Existing accounts in exactly one org are managed by it; accounts in several orgs by no org.
 * - `users.email_verified_at` and a single outstanding emailed reset token (hash, purpose, end).
 * - `memberships.display_name`: each org names its member itself.
 * - `iam_invitations`: an org's offer to an address that already has an account; nothing is
 *   linked until the holder accepts with the emailed token.
 *
 * Policies for the app role (the owner, which runs migrations and sign-in lookups, bypasses them):
 * - users: visible to the org's members' orgs, the managing org, and the acting user
 *   (`app.acting_user_id`, the signed-in staff user of the unit of work, or the holder acting by
 *   an emailed token); inserted only as an account the current org manages, address unproven;
 *   updated only by the managing org or the acting user — and custody can only go to no one.
 *   Columns an app never changes (id, email, created_at) are not updatable at all.
 * - memberships: a new row links an account the current org manages, or the acting user's own
 *   (restrictive policy); the user and org of a membership never change (column grants).
 */
import type { Knex } from 'knex';
import { ROLES } from './0006_identity.js';
import { APP_ROLE, CURRENT_ORG_SQL, CURRENT_USER_SQL, enableTenantRls, tenantKey } from './support/tenant-table.js';

/** The acting user: set by every tenant unit of work whose actor is a staff user (see the port). */
export const ACTING_USER_SQL = "nullif(current_setting('app.acting_user_id', true), '')::uuid";

const USERS_UPDATABLE = [
  'display_name',
  'password_hash',
  'must_change_password',
  'password_changed_at',
  'totp_secret_sealed',
  'totp_pending_secret_sealed',
  'totp_enabled_at',
  'totp_last_step',
  'recovery_code_hashes',
  'updated_at',
  'managed_by_org_id',
  'email_verified_at',
  'reset_token_hash',
  'reset_token_purpose',
  'reset_token_expires_at',
];

const MEMBERSHIPS_UPDATABLE = ['role', 'display_name', 'deactivated_at', 'updated_at'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.uuid('managed_by_org_id').nullable().references('id').inTable('orgs').onDelete('SET NULL');
    t.timestamp('email_verified_at', { useTz: true }).nullable();
    t.text('reset_token_hash').nullable();
    t.text('reset_token_purpose').nullable();
    t.timestamp('reset_token_expires_at', { useTz: true }).nullable();
    t.check(`reset_token_purpose IN ('password', 'second_factor')`, [], 'users_reset_token_purpose_known');
  });
  await knex.raw(
    `UPDATE users u SET managed_by_org_id = m.org_id
       FROM (SELECT user_id, (array_agg(org_id))[1] AS org_id FROM memberships GROUP BY user_id HAVING count(*) = 1) m
      WHERE m.user_id = u.id`,
  );
  await knex.raw('CREATE INDEX users_managed_by_org_idx ON users (managed_by_org_id) WHERE managed_by_org_id IS NOT NULL');

  await knex.schema.alterTable('memberships', (t) => {
    t.text('display_name').notNullable().defaultTo('');
  });
  await knex.raw(`UPDATE memberships m SET display_name = u.display_name FROM users u WHERE u.id = m.user_id`);
  await knex.raw(`ALTER TABLE memberships ALTER COLUMN display_name DROP DEFAULT`);

  await knex.raw('DROP POLICY users_member_visibility ON users');
  await knex.raw('DROP POLICY users_insert ON users');
  const memberOfCurrentOrg = `EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.org_id = ${CURRENT_ORG_SQL})`;
  await knex.raw(
    `CREATE POLICY users_visibility ON users FOR SELECT
       USING (id = ${CURRENT_USER_SQL} OR id = ${ACTING_USER_SQL} OR managed_by_org_id = ${CURRENT_ORG_SQL} OR ${memberOfCurrentOrg})`,
  );
  await knex.raw(`CREATE POLICY users_insert ON users FOR INSERT WITH CHECK (managed_by_org_id = ${CURRENT_ORG_SQL} AND email_verified_at IS NULL)`);
  await knex.raw(
    `CREATE POLICY users_update ON users FOR UPDATE
       USING (managed_by_org_id = ${CURRENT_ORG_SQL} OR id = ${ACTING_USER_SQL})
       WITH CHECK (managed_by_org_id = ${CURRENT_ORG_SQL} OR (managed_by_org_id IS NULL AND id = ${ACTING_USER_SQL}))`,
  );
  await knex.raw(`REVOKE UPDATE ON users FROM ${APP_ROLE}`);
  await knex.raw(`GRANT UPDATE (${USERS_UPDATABLE.join(', ')}) ON users TO ${APP_ROLE}`);

  await knex.raw(
    `CREATE POLICY memberships_link_consent ON memberships AS RESTRICTIVE FOR INSERT
       WITH CHECK (user_id = ${ACTING_USER_SQL} OR EXISTS (SELECT 1 FROM users u WHERE u.id = memberships.user_id AND u.managed_by_org_id = ${CURRENT_ORG_SQL}))`,
  );
  await knex.raw(`REVOKE UPDATE ON memberships FROM ${APP_ROLE}`);
  await knex.raw(`GRANT UPDATE (${MEMBERSHIPS_UPDATABLE.join(', ')}) ON memberships TO ${APP_ROLE}`);

  await knex.schema.createTable('iam_invitations', (t) => {
    tenantKey(t, knex);
    t.text('email').notNullable();
    t.text('role').notNullable();
    t.text('display_name').notNullable();
    t.text('token_hash').notNullable();
    t.text('invited_by').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('accepted_at', { useTz: true }).nullable();
    t.uuid('accepted_user_id').nullable().references('id').inTable('users').onDelete('SET NULL');
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.check(`role IN (${ROLES.map((r) => `'${r}'`).join(', ')})`, [], 'iam_invitations_role_known');
  });
  await knex.raw('CREATE UNIQUE INDEX iam_invitations_token_unique ON iam_invitations (org_id, token_hash)');
  // One open invitation per address and org: inviting again renews it.
  await knex.raw('CREATE UNIQUE INDEX iam_invitations_open_email_unique ON iam_invitations (org_id, lower(email)) WHERE accepted_at IS NULL AND revoked_at IS NULL');
  await knex.raw('CREATE INDEX iam_invitations_org_created_idx ON iam_invitations (org_id, created_at DESC)');
  await enableTenantRls(knex, 'iam_invitations', ['SELECT', 'INSERT', 'UPDATE']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('iam_invitations');
  await knex.raw('DROP POLICY memberships_link_consent ON memberships');
  await knex.raw(`GRANT UPDATE ON memberships TO ${APP_ROLE}`);
  await knex.raw(`GRANT UPDATE ON users TO ${APP_ROLE}`);
  await knex.raw('DROP POLICY users_update ON users');
  await knex.raw('DROP POLICY users_insert ON users');
  await knex.raw('DROP POLICY users_visibility ON users');
  await knex.raw(
    `CREATE POLICY users_member_visibility ON users
       USING (id = ${CURRENT_USER_SQL} OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.org_id = ${CURRENT_ORG_SQL}))
       WITH CHECK (id = ${CURRENT_USER_SQL} OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.org_id = ${CURRENT_ORG_SQL}))`,
  );
  await knex.raw('CREATE POLICY users_insert ON users FOR INSERT WITH CHECK (true)');
  await knex.schema.alterTable('memberships', (t) => t.dropColumn('display_name'));
  await knex.schema.alterTable('users', (t) => {
    t.dropChecks(['users_reset_token_purpose_known']);
    t.dropColumns('managed_by_org_id', 'email_verified_at', 'reset_token_hash', 'reset_token_purpose', 'reset_token_expires_at');
  });
}
