/**
 * Sign-in lookups no single org may answer. A user by email or id is read as the connection
 * user (the owner: `users` has RLS without FORCE, so the owner sees every row; the app role
 * has a policy). A user's memberships in every org are read in that user's own scope — role
 * cws_app with `app.current_user_id` — which the memberships policy allows, read-only.
 */
import { isUuid, type Membership, type UserAccount, type UserAccounts } from '@cws/core';
import type { Knex } from 'knex';
import { translatingErrors } from './pg-errors.js';
import { toMembership, toUser } from './repositories/postgres-identity-repositories.js';
import { APP_ROLE } from './tenant-transaction.js';

export class PostgresUserAccounts implements UserAccounts {
  constructor(private readonly knex: Knex) {}

  async findByEmail(email: string): Promise<UserAccount | null> {
    const row = await translatingErrors(() => this.knex('users').whereRaw('lower(email) = ?', [email.toLowerCase()]).first());
    return row === undefined ? null : toUser(row);
  }

  async findById(id: string): Promise<UserAccount | null> {
    if (!isUuid(id)) return null;
    const row = await translatingErrors(() => this.knex('users').where({ id }).first());
    return row === undefined ? null : toUser(row);
  }

  async membershipsOf(userId: string): Promise<readonly Membership[]> {
    if (!isUuid(userId)) return [];
    const rows = await translatingErrors(() =>
      this.knex.transaction(async (trx) => {
        await trx.raw(`select set_config('role', '${APP_ROLE}', true), set_config('app.current_user_id', ?, true)`, [userId]);
        return trx('memberships').where({ user_id: userId }).orderBy('created_at');
      }),
    );
    return rows.map(toMembership);
  }
}
