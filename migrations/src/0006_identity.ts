/**
 * Staff identity: users (one per email, across orgs), their memberships (one role per org),
 * sessions with rotating refresh tokens, and break-glass tokens.
 *
 * Two scopes reach these rows besides the org scope of DESIGN §3:
 * - the USER scope (`app.current_user_id`, set only after a password was verified): a user's own
 *   memberships in every org, so login can offer the orgs to choose from;
 * - `users` has no org_id: the app role sees a user only when the user is a member of the
 *   current org, or is the current user. System work (login by email) reads it as the owner,
 *   which RLS without FORCE allows; no other role has a grant.
 */
import type { Knex } from 'knex';
import { APP_ROLE, CURRENT_ORG_SQL, CURRENT_USER_SQL, enableTenantRls, tenantKey } from './support/tenant-table.js';

export const ROLES = ['owner', 'admin', 'finance', 'dispatcher', 'viewer'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary();
    t.text('email').notNullable();
    t.text('display_name').notNullable();
    t.text('password_hash').notNullable();
    t.boolean('must_change_password').notNullable().defaultTo(false);
    t.timestamp('password_changed_at', { useTz: true }).notNullable();
    t.text('totp_secret_sealed').nullable();
    t.text('totp_pending_secret_sealed').nullable();
    t.timestamp('totp_enabled_at', { useTz: true }).nullable();
    t.bigInteger('totp_last_step').nullable();
    t.jsonb('recovery_code_hashes').notNullable().defaultTo('[]');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE UNIQUE INDEX users_email_unique ON users (lower(email))');

  await knex.schema.createTable('memberships', (t) => {
    tenantKey(t, knex);
    t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.text('role').notNullable();
    t.timestamp('deactivated_at', { useTz: true }).nullable();
    t.unique(['org_id', 'user_id'], { indexName: 'memberships_org_user_unique' });
    t.check(`role IN (${ROLES.map((r) => `'${r}'`).join(', ')})`, [], 'memberships_role_known');
  });
  await knex.raw('CREATE INDEX memberships_user_idx ON memberships (user_id)');
  await enableTenantRls(knex, 'memberships', ['SELECT', 'INSERT', 'UPDATE'], { userScoped: true });

  // Row level security on users: visible to the app role when a member of the current org
  // (the subquery is itself filtered by memberships' policy) or the current user.
  await knex.raw('ALTER TABLE users ENABLE ROW LEVEL SECURITY');
  await knex.raw(
    `CREATE POLICY users_member_visibility ON users
       USING (id = ${CURRENT_USER_SQL} OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.org_id = ${CURRENT_ORG_SQL}))
       WITH CHECK (id = ${CURRENT_USER_SQL} OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.org_id = ${CURRENT_ORG_SQL}))`,
  );
  // A new user's row is written before its first membership exists; inserting reveals nothing,
  // and the unique email index stops an insert from shadowing an existing account.
  await knex.raw('CREATE POLICY users_insert ON users FOR INSERT WITH CHECK (true)');
  await knex.raw(`GRANT SELECT, INSERT, UPDATE ON users TO ${APP_ROLE}`);

  await knex.schema.createTable('auth_sessions', (t) => {
    tenantKey(t, knex);
    t.uuid('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.text('role').notNullable();
    t.boolean('mfa_verified').notNullable().defaultTo(false);
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('last_seen_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.text('revoked_reason').nullable();
  });
  await knex.raw('CREATE INDEX auth_sessions_user_idx ON auth_sessions (org_id, user_id) WHERE revoked_at IS NULL');
  await enableTenantRls(knex, 'auth_sessions', ['SELECT', 'INSERT', 'UPDATE']);

  await knex.schema.createTable('auth_refresh_tokens', (t) => {
    tenantKey(t, knex, { updatedAt: false });
    t.uuid('session_id').notNullable();
    t.text('token_hash').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('rotated_at', { useTz: true }).nullable();
    t.foreign(['org_id', 'session_id'], 'auth_refresh_tokens_session_fk').references(['org_id', 'id']).inTable('auth_sessions').onDelete('CASCADE');
  });
  await knex.raw('CREATE UNIQUE INDEX auth_refresh_tokens_hash_unique ON auth_refresh_tokens (org_id, token_hash)');
  await enableTenantRls(knex, 'auth_refresh_tokens', ['SELECT', 'INSERT', 'UPDATE']);

  await knex.schema.createTable('break_glass_tokens', (t) => {
    tenantKey(t, knex, { updatedAt: false });
    t.text('token_hash').notNullable();
    t.text('reason').notNullable();
    t.text('created_by').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
  });
  await knex.raw('CREATE UNIQUE INDEX break_glass_tokens_hash_unique ON break_glass_tokens (org_id, token_hash)');
  await enableTenantRls(knex, 'break_glass_tokens', ['SELECT', 'INSERT']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('break_glass_tokens');
  await knex.schema.dropTable('auth_refresh_tokens');
  await knex.schema.dropTable('auth_sessions');
  await knex.schema.dropTable('memberships');
  await knex.schema.dropTable('users');
}
