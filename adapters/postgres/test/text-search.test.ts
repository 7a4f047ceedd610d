/**
 * PostgreSQL specifics of text search (`q`) that the adapter-neutral contract cannot see
 * (repositories/text-search.ts, migration 0009, ADR 15): the phases answer exactly what the
 * matching rule answers, page after page, whichever of them answers; the index phase uses the
 * trigram index under RLS (and would not without ILIKE marked leakproof); a search past its time
 * budget is refused as search.too_broad.
 */
import { expect } from 'chai';
import type { Knex } from 'knex';
import { SEARCH_FIELDS, matchesTextSearch, type AppError, type Client, type Lead, type RequestContext, type SearchField, type TextSearch } from '@cws/core';
import { createPostgresAdapters, inTenantTransaction, type PostgresAdapters } from '@cws/adapter-postgres';
import { aClient, aLead, caught, createOrg } from '@cws/contract-tests';
import { availableTestDatabases, type TestDatabase } from '@cws/test-support';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const minute = (i: number) => new Date(T0 + i * 60_000);

interface Statement {
  readonly sql: string;
  readonly bindings: readonly unknown[];
}

/** The statements knex sends while `work` runs (the tenant BEGIN is sent below knex, so it is not among them). */
async function recording<T>(knex: Knex, work: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
  const statements: Statement[] = [];
  const listener = (q: { sql: string; bindings?: readonly unknown[] }) => statements.push({ sql: q.sql, bindings: q.bindings ?? [] });
  knex.on('query', listener);
  try {
    return { result: await work(), statements };
  } finally {
    knex.off('query', listener);
  }
}

const phasesOf = (statements: readonly Statement[]) => ({
  further: statements.filter((s) => /ilike/i.test(s.sql) && !s.sql.includes('search_hits') && !/offset 0/i.test(s.sql)).length > 1,
  index: statements.some((s) => s.sql.includes('search_hits')),
  walk: statements.some((s) => /offset 0/i.test(s.sql)),
});

const search = (text: string, fields: readonly SearchField[] = SEARCH_FIELDS): TextSearch => {
  const digits = text.replace(/\D/g, '');
  return { text: text.toLowerCase(), digits: digits.length >= 3 ? digits : null, fields };
};

const newestFirst = <T extends { createdAt: Date; id: string }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));

for (const kind of availableTestDatabases()) {
  describe(`text search on PostgreSQL (${kind.kind === 'embedded' ? 'PGlite' : 'server'})`, function () {
    let db: TestDatabase;

    before(async function () {
      if (kind.skipReason !== null) this.skip();
      db = await kind.open();
    });

    describe('phases answer what the matching rule answers', () => {
      // Small phases, so a few hundred rows exercise all three: the newest 30 rows (ten pages of 3),
      // then at most 6 matches through the index, then the ordered walk.
      let h: PostgresAdapters & { dispose(): Promise<void> };
      let ctx: RequestContext;
      let leads: Lead[];
      let clients: Client[];

      before(async function () {
        if (kind.skipReason !== null) this.skip();
        h = { ...createPostgresAdapters(db.knex, { search: { recentRows: 1, indexedMatchCap: 6, timeoutMs: 0 } }), dispose: async () => {} };
        ctx = (await createOrg(h)).ctx;
        const other = (await createOrg(h)).ctx;
        const nameOf = (i: number) =>
          i >= 110
            ? `Recent Rita ${i}`
            : i === 5 || i === 7
              ? `Rare Rupert ${i}`
              : i < 30 && i % 2 === 0
                ? `Middle Mo ${i}`
                : i % 12 === 1
                  ? `Wide Wanda ${i}`
                  : `Plain Person ${i}`;
        leads = Array.from({ length: 120 }, (_, i) =>
          aLead(ctx.orgId, {
            name: nameOf(i),
            email: `lead${i}@acme${i % 3}.example`,
            phone: `+44207900${String(i).padStart(4, '0')}`,
            status: i % 4 === 0 ? 'contacted' : 'new',
            archivedAt: i % 9 === 0 ? minute(500) : null,
            createdAt: minute(i),
            updatedAt: minute(i),
          }),
        );
        clients = Array.from({ length: 60 }, (_, i) =>
          aClient(ctx.orgId, { name: i < 20 && i % 2 === 1 ? `Middle Co ${i}` : `Client ${i}`, email: `c${i}@acme.example`, phone: null, createdAt: minute(i), updatedAt: minute(i) }, 1),
        );
        await h.uow.run(ctx, async (r) => {
          for (const l of leads) await r.leads.insert(l);
          for (const c of clients) await r.clients.insert(c);
        });
        // Another org full of the same terms: none of it may show, and it must not change which phase answers.
        await h.uow.run(other, async (r) => {
          for (let i = 0; i < 60; i += 1) await r.leads.insert(aLead(other.orgId, { name: i % 2 === 0 ? `Middle Mo ${i}` : `Rare Rupert ${i}`, createdAt: minute(1000 + i) }));
        });
      });

      async function allPages(q: TextSearch, filters: { statuses?: Lead['status'][]; archived?: 'exclude' | 'include' } = {}, limit = 3) {
        const pages: string[][] = [];
        let after: { createdAt: Date; id: string } | null = null;
        let first: Statement[] = [];
        for (let guard = 0; guard < 100; guard += 1) {
          const { result, statements } = await recording(db.knex, () =>
            h.uow.run(ctx, (r) =>
              r.leads.list({ statuses: filters.statuses ?? null, createdFrom: null, createdTo: null, search: q, archived: filters.archived ?? 'include', after, limit }),
            ),
          );
          if (pages.length === 0) first = statements;
          if (result.length === 0) break;
          pages.push(result.map((l) => l.id));
          const last = result[result.length - 1]!;
          after = { createdAt: last.createdAt, id: last.id };
        }
        return { ids: pages.flat(), pages, phases: phasesOf(first) };
      }

      const expected = (q: TextSearch, filters: { statuses?: Lead['status'][]; archived?: 'exclude' | 'include' } = {}) =>
        newestFirst(
          leads.filter(
            (l) =>
              matchesTextSearch(q, l) &&
              (filters.statuses === undefined || filters.statuses.includes(l.status)) &&
              (filters.archived !== 'exclude' || l.archivedAt === null),
          ),
        ).map((l) => l.id);

      it('answers a term common among the newest rows from them alone', async () => {
        const q = search('rita');
        const got = await allPages(q);
        expect(got.ids).to.deep.equal(expected(q)).and.have.length(10);
        expect(got.phases).to.deep.equal({ further: false, index: false, walk: false });
      });

      it('walks further when a few of the newest rows match (a sample of the org), without the index', async () => {
        // Pages of 10: the newest 100 rows hold 8 of the 10 matches, so it walks on (500 rows: all of them).
        const q = search('wanda');
        const got = await allPages(q, {}, 10);
        expect(got.ids).to.deep.equal(expected(q)).and.have.length(10);
        expect(got.phases).to.deep.equal({ further: true, index: false, walk: false });
      });

      it('answers a rare term through the index, whole when it finds fewer matches than its cap', async () => {
        const q = search('rupert');
        const got = await allPages(q);
        expect(got.ids).to.deep.equal(expected(q)).and.have.length(2);
        expect(got.phases).to.deep.equal({ further: false, index: true, walk: false });
        const none = await allPages(search('nobody-here'));
        expect(none.ids).to.deep.equal([]);
        expect(none.phases).to.deep.equal({ further: false, index: true, walk: false });
      });

      it('walks the list order when the index finds more matches than its cap, with the list filters applied', async () => {
        const q = search('middle');
        const got = await allPages(q);
        expect(got.ids).to.deep.equal(expected(q)).and.have.length(15);
        expect(got.phases).to.deep.equal({ further: false, index: true, walk: true });
        for (const filters of [{ statuses: ['contacted' as const] }, { archived: 'exclude' as const }]) {
          expect((await allPages(q, filters)).ids, JSON.stringify(filters)).to.deep.equal(expected(q, filters));
        }
      });

      it('skips the index for a text without three letters or digits in a row, which trigrams cannot look up', async () => {
        const q = search('e mo');
        const got = await allPages(q);
        expect(got.ids).to.deep.equal(expected(q)).and.have.length(15);
        expect(got.phases).to.deep.equal({ further: false, index: false, walk: true });
      });

      it('matches phone digits and only the fields named, whichever phase answers', async () => {
        for (const q of [search('0790 0011'), search('acme1', ['name']), search('acme1.example'), search('9000', ['name', 'email']), search('lead11@', ['phone'])]) {
          expect((await allPages(q)).ids, `${q.text} on ${q.fields.join(',')}`).to.deep.equal(expected(q));
        }
      });

      it('answers clients the same way, with their addresses', async () => {
        const q = search('middle co');
        const { result, statements } = await recording(db.knex, () =>
          h.uow.run(ctx, (r) => r.clients.list({ createdFrom: null, createdTo: null, search: q, archived: 'include', after: null, limit: 4 })),
        );
        const want = newestFirst(clients.filter((c) => matchesTextSearch(q, c))).slice(0, 4);
        expect(result.map((c) => c.id)).to.deep.equal(want.map((c) => c.id));
        expect(result.map((c) => c.addresses)).to.deep.equal(want.map((c) => c.addresses));
        expect(phasesOf(statements)).to.deep.equal({ further: false, index: true, walk: true });
      });
    });

    describe('query plans under RLS (20k leads and 20k clients in one org, 5k of each in another)', function () {
      let h: PostgresAdapters & { dispose(): Promise<void> };
      let ctx: RequestContext;

      before(async function () {
        if (kind.skipReason !== null) this.skip();
        this.timeout(180_000);
        const started = Date.now();
        h = { ...createPostgresAdapters(db.knex), dispose: async () => {} };
        ctx = (await createOrg(h)).ctx;
        const other = (await createOrg(h)).ctx;
        // Loaded as the owner in one statement per table and org, without the pool's statement timeout.
        await db.ownerKnex.transaction(async (trx) => {
          await trx.raw('SET LOCAL statement_timeout = 0');
          for (const [orgId, count] of [
            [ctx.orgId, 20_000],
            [other.orgId, 5_000],
          ] as const) {
            await trx.raw(
              `INSERT INTO leads (org_id, id, created_at, updated_at, name, email, phone, status)
               SELECT ?, gen_random_uuid(), t, t, 'Bulk Person ' || i, 'bulk' || i || '@example.com', '+1555' || lpad(i::text, 7, '0'), 'new'
                 FROM generate_series(1, ?) i, LATERAL (SELECT timestamptz '2025-01-01' + i * interval '1 minute' AS t) s`,
              [orgId, count],
            );
            await trx.raw(
              `INSERT INTO clients (org_id, id, created_at, updated_at, name, email, phone)
               SELECT ?, gen_random_uuid(), t, t, 'Bulk Client ' || i, 'client' || i || '@example.com', '+1666' || lpad(i::text, 7, '0')
                 FROM generate_series(1, ?) i, LATERAL (SELECT timestamptz '2025-01-01' + i * interval '1 minute' AS t) s`,
              [orgId, count],
            );
          }
        });
        await db.ownerKnex.raw('ANALYZE leads, clients');
        console.log(`      (loaded in ${Date.now() - started} ms)`);
      });

      /**
       * EXPLAIN of `statement` in a tenant transaction of the org, after the settings statements
       * the search itself sent before it (`settings`); rolled back.
       */
      async function plan(statement: Statement, settings: readonly Statement[], options: { leakproof: boolean } = { leakproof: true }): Promise<string> {
        // knex reports statements as sent ($1, $2, ...); raw() takes ? placeholders.
        const run = (trx: Knex.Transaction, s: Statement, prefix = '') => trx.raw(`${prefix}${s.sql.replace(/\$\d+/g, '?')}`, s.bindings as Knex.RawBinding[]);
        // As the owner (it alone may flip the function's mark), acting as cws_app like the app.
        const trx = await db.ownerKnex.transaction();
        try {
          if (!options.leakproof) await trx.raw('ALTER FUNCTION pg_catalog.texticlike(text, text) NOT LEAKPROOF');
          await trx.raw("SELECT set_config('role', 'cws_app', true), set_config('app.current_org_id', ?, true)", [ctx.orgId]);
          for (const s of settings) await run(trx, s);
          const rows = (await run(trx, statement, 'EXPLAIN (COSTS OFF) ')).rows as Array<{ 'QUERY PLAN': string }>;
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        } finally {
          await trx.rollback();
        }
      }

      interface SearchStatements {
        readonly recent: Statement;
        readonly indexed: Statement;
        /** The settings each of them runs under: those sent before it. */
        readonly settingsOf: (s: Statement) => Statement[];
      }

      /** The statements one search sends: settings, the newest rows, settings, the index phase. */
      async function statementsOf(list: () => Promise<unknown>): Promise<SearchStatements> {
        const { statements } = await recording(db.knex, list);
        const recent = statements.find((s) => /ilike/i.test(s.sql) && !s.sql.includes('search_hits') && !/offset 0/i.test(s.sql));
        const indexed = statements.find((s) => s.sql.includes('search_hits'));
        expect(recent, 'the newest-rows statement').to.not.equal(undefined);
        expect(indexed, 'the index statement').to.not.equal(undefined);
        const settingsOf = (s: Statement) => statements.slice(0, statements.indexOf(s)).filter((x) => x.sql.includes('set_config'));
        return { recent: recent!, indexed: indexed!, settingsOf };
      }

      it('marks ILIKE leakproof (migration 0009 runs as a superuser in tests)', async () => {
        const { rows } = await db.knex.raw("SELECT proleakproof FROM pg_proc WHERE oid = 'pg_catalog.texticlike(text, text)'::regprocedure");
        expect(rows[0].proleakproof).to.equal(true);
      });

      it('finds no match through the trigram index confined to the org, and reads the newest rows through the list index, never a Seq Scan', async () => {
        const leads = await statementsOf(() =>
          h.uow.run(ctx, (r) => r.leads.list({ statuses: null, createdFrom: null, createdTo: null, search: search('zqxjv'), archived: 'exclude', after: null, limit: 51 })),
        );
        const indexed = await plan(leads.indexed, leads.settingsOf(leads.indexed));
        
        expect(indexed).to.include('Bitmap Index Scan on leads_search_idx').and.not.include('Seq Scan');
        // The text is looked up in the index, confined to the org's entries (not read row by row).
        expect(indexed).to.match(/Index Cond: \(\(org_id = \(NULLIF\(current_setting\('app\.current_org_id'[^\n]*\bname ~~\* /);
        const recent = await plan(leads.recent, leads.settingsOf(leads.recent));
        expect(recent).to.include('Index Scan using leads_org_created_idx').and.not.include('Seq Scan');

        const clients = await statementsOf(() =>
          h.uow.run(ctx, (r) => r.clients.list({ createdFrom: null, createdTo: null, search: search('5550123'), archived: 'exclude', after: null, limit: 51 })),
        );
        expect(await plan(clients.indexed, clients.settingsOf(clients.indexed))).to.include('Bitmap Index Scan on clients_search_idx').and.not.include('Seq Scan');
      });

      it('cannot use the trigram index under RLS when ILIKE is not marked leakproof (why migration 0009 marks it)', async () => {
        const leads = await statementsOf(() =>
          h.uow.run(ctx, (r) => r.leads.list({ statuses: null, createdFrom: null, createdTo: null, search: search('zqxjv'), archived: 'exclude', after: null, limit: 51 })),
        );
        const unmarked = await plan(leads.indexed, leads.settingsOf(leads.indexed), { leakproof: false });
        // At best the index finds the org's rows; every one of them is then read and filtered.
        expect(unmarked).to.not.match(/Index Cond: [^\n]*~~\*/);
        expect(unmarked).to.match(/Filter: [^\n]*name ~~\* /);
      });
    });

    describe('time budget', () => {
      it('refuses a search that runs past its budget as search.too_broad, pointing at q (here: held behind a table lock)', async function () {
        if (kind.kind === 'embedded') this.skip(); // PGlite ignores statement_timeout: WebAssembly has no timer signals to cancel a statement with.
        const h = { ...createPostgresAdapters(db.knex, { search: { timeoutMs: 50 } }), dispose: async () => {} };
        const { ctx } = await createOrg(h);
        const lock = await db.ownerKnex.transaction();
        try {
          await lock.raw('LOCK TABLE leads IN ACCESS EXCLUSIVE MODE');
          const err = (await caught(() =>
            h.uow.run(ctx, (r) => r.leads.list({ statuses: null, createdFrom: null, createdTo: null, search: search('smith'), archived: 'exclude', after: null, limit: 51 })),
          )) as AppError;
          expect([err.code, err.kind]).to.deep.equal(['search.too_broad', 'validation']);
          expect(err.errors.map((e) => e.pointer)).to.deep.equal(['/q']);
        } finally {
          await lock.rollback();
        }
        // The connection went back clean: the next search on it works.
        expect(await h.uow.run(ctx, (r) => r.leads.list({ statuses: null, createdFrom: null, createdTo: null, search: search('smith'), archived: 'exclude', after: null, limit: 51 }))).to.deep.equal([]);
      });
    });
  });
}
