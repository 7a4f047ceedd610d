/**
 * The transactional outbox (guide 000 "Outbox delivery + DLQ", ADR 20):
 *  - `outbox_events`: one row per message to send, written in the business change's own
 *    transaction; unique per (org_id, dedupe_key); RLS like every org table.
 *  - `email_events`: each send attempt of a message (provider, its message id, status), for the
 *    timeline; RLS.
 *  - `sms_opt_outs`: keyed hashes of numbers that answered STOP (global: the carrier blocks the
 *    sending number for that phone whichever org texts); system scope only.
 *  - org settings gain the locale messages use and the notifications the org turned off.
 *
 * The delivery job must find which orgs have due events without being any one org. It calls two
 * SECURITY DEFINER functions owned by `cws_outbox_scanner`, a NOLOGIN role that can read only the
 * routing columns of `outbox_events` (org, kind, status, due time, created), and only in the
 * system scope: never a payload, never from inside a tenant transaction. Claims and outcomes then
 * run in one tenant transaction per org, under the ordinary isolation policy (ADR 20).
 *
 * New rows (and replays) notify channel `cws_outbox` at commit, so an idle deliverer on the
 * server wakes at once; a statement-level trigger sends one notification per statement, and
 * PostgreSQL folds identical notifications of one transaction into one.
 */
import type { Knex } from 'knex';
import { APP_ROLE, SYSTEM_SCOPE_SQL, enableSystemScopeRls, enableTenantRls, tenantKey } from './support/tenant-table.js';

export const OUTBOX_SCANNER_ROLE = 'cws_outbox_scanner';
export const OUTBOX_CHANNEL = 'cws_outbox';

/** The scanner's two functions: which orgs have due events, and the backlog by kind and status. */
const SCANNER_FUNCTIONS: ReadonlyArray<readonly [string, string]> = [
  [
    'cws_outbox_due_orgs(p_now timestamptz, p_kinds text[], p_limit integer) RETURNS TABLE (org_id uuid)',
    `SELECT e.org_id FROM public.outbox_events e
       WHERE e.status IN ('pending', 'sending') AND e.next_attempt_at <= p_now AND e.kind = ANY (p_kinds)
       GROUP BY e.org_id ORDER BY min(e.next_attempt_at), e.org_id LIMIT p_limit`,
  ],
  [
    'cws_outbox_backlog() RETURNS TABLE (kind text, status text, events bigint, oldest_created_at timestamptz)',
    `SELECT e.kind, e.status, count(*), min(e.created_at) FROM public.outbox_events e GROUP BY e.kind, e.status`,
  ],
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('outbox_events', (t) => {
    tenantKey(t, knex);
    t.text('kind').notNullable();
    t.text('dedupe_key').notNullable();
    t.jsonb('payload').notNullable();
    t.text('status').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable();
    t.uuid('claim_token').nullable();
    t.text('last_error').nullable();
    t.timestamp('sent_at', { useTz: true }).nullable();
    t.check("kind IN ('email', 'sms', 'webhook', 'export')", [], 'outbox_events_kind');
    t.check("status IN ('pending', 'sending', 'sent', 'dead')", [], 'outbox_events_status');
    t.check('attempts >= 0', [], 'outbox_events_attempts');
    t.check("char_length(dedupe_key) BETWEEN 1 AND 200", [], 'outbox_events_dedupe_length');
    t.check("(status = 'sending') = (claim_token IS NOT NULL)", [], 'outbox_events_claim_when_sending');
    t.check("(status = 'sent') = (sent_at IS NOT NULL)", [], 'outbox_events_sent_at');
    t.check('last_error IS NULL OR char_length(last_error) <= 500', [], 'outbox_events_last_error_length');
  });
  // Every claim and outcome rewrites a row's index entries (status and due time change, so no
  // update is HOT): as few indexes as the reads need. Unfinished work, per org by due time, serves
  // each org's claim and the cross-org scan (which reads only unfinished rows).
  await knex.raw("CREATE INDEX outbox_events_org_due_idx ON outbox_events (org_id, next_attempt_at) WHERE status IN ('pending', 'sending')");
  // The dead-letter list, newest first, per org and kind.
  await knex.raw("CREATE INDEX outbox_events_dead_idx ON outbox_events (org_id, created_at DESC, id DESC) WHERE status = 'dead'");
  // One index for the dedupe key's uniqueness and for a timeline's prefix search (LIKE 'booking:<id>:%'):
  // text_pattern_ops compares as bytes, which both need (equality is the same under every operator class).
  await knex.raw('CREATE UNIQUE INDEX outbox_events_dedupe_unique ON outbox_events (org_id, dedupe_key text_pattern_ops)');
  await enableTenantRls(knex, 'outbox_events', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
  // The org policy binds the app (and its login roles) only: were it PUBLIC, the scanner's
  // functions called inside a tenant transaction would see that org's rows through it.
  await knex.raw(`ALTER POLICY outbox_events_org_isolation ON outbox_events TO ${APP_ROLE}`);

  // The scanner: a NOLOGIN role nobody logs in as or is granted to (but the owner, to hand it
  // the functions); cws_app may only call its two functions. Its policy alone keeps them to the
  // system scope (the functions repeat no guard, so the policy is what the mutation check tests).
  await knex.raw(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${OUTBOX_SCANNER_ROLE}') THEN
        CREATE ROLE ${OUTBOX_SCANNER_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
      END IF;
    END $$`);
  await knex.raw(`GRANT ${OUTBOX_SCANNER_ROLE} TO CURRENT_USER`);
  await knex.raw(`GRANT SELECT (org_id, kind, status, next_attempt_at, created_at) ON outbox_events TO ${OUTBOX_SCANNER_ROLE}`);
  await knex.raw(`CREATE POLICY outbox_events_due_scan ON outbox_events FOR SELECT TO ${OUTBOX_SCANNER_ROLE} USING ${SYSTEM_SCOPE_SQL}`);
  for (const [signature, body] of SCANNER_FUNCTIONS) {
    await knex.raw(`CREATE FUNCTION public.${signature} LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ ${body} $$`);
    // `name(type, ...)`: the signature without its parameter names and result.
    const identity = signature.slice(0, signature.indexOf(')') + 1).replace(/\bp_\w+ /g, '');
    await knex.raw(`ALTER FUNCTION public.${identity} OWNER TO ${OUTBOX_SCANNER_ROLE}`);
    await knex.raw(`REVOKE ALL ON FUNCTION public.${identity} FROM PUBLIC`);
    await knex.raw(`GRANT EXECUTE ON FUNCTION public.${identity} TO ${APP_ROLE}`);
  }

  await knex.raw(`CREATE FUNCTION outbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('${OUTBOX_CHANNEL}', ''); RETURN NULL; END $$`);
  await knex.raw(`CREATE TRIGGER outbox_events_notify_insert AFTER INSERT ON outbox_events FOR EACH STATEMENT EXECUTE FUNCTION outbox_events_notify()`);
  // Replays (dead → pending) wake the deliverer too; retries scheduled later need no wake-up.
  await knex.raw(
    `CREATE TRIGGER outbox_events_notify_replay AFTER UPDATE OF status ON outbox_events
       FOR EACH ROW WHEN (OLD.status = 'dead' AND NEW.status = 'pending') EXECUTE FUNCTION outbox_events_notify()`,
  );

  await knex.schema.createTable('email_events', (t) => {
    tenantKey(t, knex, { updatedAt: false });
    t.uuid('outbox_event_id').notNullable();
    t.text('channel').notNullable();
    t.text('provider').notNullable();
    t.text('recipient').notNullable();
    t.text('template').nullable();
    t.text('status').notNullable();
    t.text('provider_message_id').nullable();
    t.text('error').nullable();
    t.foreign(['org_id', 'outbox_event_id'], 'email_events_outbox_fk').references(['org_id', 'id']).inTable('outbox_events').onDelete('CASCADE');
    t.check("channel IN ('email', 'sms', 'webhook')", [], 'email_events_channel');
    t.check("status IN ('sent', 'failed', 'rejected')", [], 'email_events_status');
    t.check('error IS NULL OR char_length(error) <= 500', [], 'email_events_error_length');
  });
  await knex.raw('CREATE INDEX email_events_outbox_idx ON email_events (org_id, outbox_event_id, created_at)');
  await enableTenantRls(knex, 'email_events', ['SELECT', 'INSERT', 'DELETE']);

  await knex.schema.createTable('sms_opt_outs', (t) => {
    t.text('phone_key').primary();
    t.text('source').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable();
    t.check("source IN ('keyword', 'provider')", [], 'sms_opt_outs_source');
    t.check('char_length(phone_key) BETWEEN 16 AND 128', [], 'sms_opt_outs_key_length');
  });
  await enableSystemScopeRls(knex, 'sms_opt_outs', ['SELECT', 'INSERT', 'DELETE']);

  await knex.schema.alterTable('org_settings', (t) => {
    t.text('locale').notNullable().defaultTo('en');
    t.specificType('notifications_disabled', 'text[]').notNullable().defaultTo('{}');
    t.check("char_length(locale) BETWEEN 2 AND 35", [], 'org_settings_locale_length');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('org_settings', (t) => {
    t.dropChecks(['org_settings_locale_length']);
    t.dropColumn('locale');
    t.dropColumn('notifications_disabled');
  });
  await knex.schema.dropTable('sms_opt_outs');
  await knex.schema.dropTable('email_events');
  await knex.schema.dropTable('outbox_events');
  await knex.raw('DROP FUNCTION IF EXISTS outbox_events_notify()');
  await knex.raw('DROP FUNCTION IF EXISTS public.cws_outbox_due_orgs(timestamptz, text[], integer)');
  await knex.raw('DROP FUNCTION IF EXISTS public.cws_outbox_backlog()');
  // The role stays: other databases of the cluster may still use it; dropping it is an operator's call.
}
