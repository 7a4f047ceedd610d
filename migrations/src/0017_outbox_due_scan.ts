/**
 * The outbox's delivery costs per org, not per row (ADR 20, PB3 in test/bench/README.md):
 *  - `cws_outbox_due_orgs` finds the due orgs by a skip scan of `outbox_events_org_due_idx`: a
 *    recursive walk from one org to the next (one index probe each), then one probe per org for
 *    its oldest due event of the kinds asked. The 0013 body grouped rows, and under the scanner's
 *    policy it read the whole table (finished rows too) on every call: ~10 ms with 100,000 sent
 *    and 10,000 due rows against ~0.3 ms of execution now. Same answer: the orgs with a due event
 *    of those kinds, oldest due first, then by id. Owner, grants and the scanner's policy stay
 *    (CREATE OR REPLACE keeps them).
 *  - `email_events` loses its foreign key to `orgs`: its key to `outbox_events (org_id, id)`
 *    already requires the org (the event has its own key to `orgs`), and deleting an org still
 *    cascades (org → events → attempts), so no attempt can point into a missing or another org.
 *    Each attempt row paid for both checks at insert (~0.35 ms of database time per batch of 50).
 */
import type { Knex } from 'knex';

const SIGNATURE = 'public.cws_outbox_due_orgs(p_now timestamptz, p_kinds text[], p_limit integer) RETURNS TABLE (org_id uuid)';
const OPTIONS = 'LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp';

/**
 * The scanner's policy (two `IS NULL` tests of settings, on every row) makes the planner expect
 * almost no rows, and then it prefers reading the whole table, or sorting the primary key, to a
 * LIMIT 1 probe of the partial index. The function turns those plans off for its own statement;
 * the one sort left (the due orgs found) has no alternative, and JIT stays off (the disabled
 * plans' costs would otherwise make it compile a 1 ms query).
 */
const SKIP_SCAN_OPTIONS = `${OPTIONS} SET enable_seqscan = off SET enable_bitmapscan = off SET enable_sort = off SET enable_incremental_sort = off SET jit = off`;

/** Each step takes the next org above the last among unfinished rows (ordered as only the partial index is). */
const SKIP_SCAN_BODY = `WITH RECURSIVE orgs AS (
    (SELECT e.org_id FROM public.outbox_events e WHERE e.status IN ('pending', 'sending') ORDER BY e.org_id, e.next_attempt_at LIMIT 1)
    UNION ALL
    SELECT (SELECT e.org_id FROM public.outbox_events e
             WHERE e.status IN ('pending', 'sending') AND e.org_id > o.org_id ORDER BY e.org_id, e.next_attempt_at LIMIT 1)
      FROM orgs o WHERE o.org_id IS NOT NULL
  )
  SELECT o.org_id FROM orgs o
    CROSS JOIN LATERAL (
      SELECT e.next_attempt_at FROM public.outbox_events e
       WHERE e.org_id = o.org_id AND e.status IN ('pending', 'sending') AND e.next_attempt_at <= p_now AND e.kind = ANY (p_kinds)
       ORDER BY e.next_attempt_at LIMIT 1) AS oldest
   WHERE o.org_id IS NOT NULL
   ORDER BY oldest.next_attempt_at, o.org_id
   LIMIT p_limit`;

/** Migration 0013's body, for `down`. */
const GROUPING_BODY = `SELECT e.org_id FROM public.outbox_events e
       WHERE e.status IN ('pending', 'sending') AND e.next_attempt_at <= p_now AND e.kind = ANY (p_kinds)
       GROUP BY e.org_id ORDER BY min(e.next_attempt_at), e.org_id LIMIT p_limit`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE OR REPLACE FUNCTION ${SIGNATURE} ${SKIP_SCAN_OPTIONS} AS $$ ${SKIP_SCAN_BODY} $$`);
  await knex.raw('ALTER TABLE email_events DROP CONSTRAINT email_events_org_id_foreign');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE email_events ADD CONSTRAINT email_events_org_id_foreign FOREIGN KEY (org_id) REFERENCES orgs (id) ON DELETE CASCADE');
  // CREATE OR REPLACE sets the SET clauses it is given, so this also drops the planner settings.
  await knex.raw(`CREATE OR REPLACE FUNCTION ${SIGNATURE} ${OPTIONS} AS $$ ${GROUPING_BODY} $$`);
}
