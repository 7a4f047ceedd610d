/**
 * Sign-in lookups no single org may answer, made without owner rights (ADR 16). A user by email
 * or id comes from the read-only SECURITY DEFINER functions of migration 0010 (the users
 * policies show cws_app only members of its org, and are not loosened for this); they answer
 * only outside tenant and user scopes. A user's memberships in every org are read in that
 * user's own scope — role cws_app with `app.current_user_id` — which the memberships policy
 * allows, read-only.
 */
import { isUuid, type Membership, type UserAccount, type UserAccounts } from '@cws/core';
import type { Knex } from 'knex';
import { translatingErrors } from './pg-errors.js';
import { toMembership, toUser } from './repositories/postgres-identity-repositories.js';
import { APP_ROLE } from './tenant-transaction.js';

export class PostgresUserAccounts implements UserAccounts {
  constructor(private readonly knex: Knex) {}

  async findByEmail(email: string): Promise<UserAccount | null> {
    const { rows } = await translatingErrors(() => this.knex.raw('SELECT * FROM cws_user_by_email(?)', [email.toLowerCase()]));
    return rows.length === 0 ? null : toUser(rows[0]);
  }

  async findById(id: string): Promise<UserAccount | null> {
    if (!isUuid(id)) return null;
    const { rows } = await translatingErrors(() => this.knex.raw('SELECT * FROM cws_user_by_id(?)', [id]));
    return rows.length === 0 ? null : toUser(rows[0]);
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
