/**
 * What bounds a text search (`q=`) over HTTP (issue 8, item 6; ADR 15): a search shorter than
 * three characters is refused, searches beyond the concurrency cap are refused at once with 429
 * search.busy, and a search past its time budget with 422 search.too_broad — every refusal as
 * problem+json, never a 500, and the refused caller holds no connection.
 */
import { expect } from 'chai';
import { onEachDatabase, q, type ApiResponse } from '@cws/e2e-tests';

onEachDatabase(
  'search bounds',
  (h, db) => {
    it('refuses a search shorter than three characters with 422 pointing at q', async () => {
      const org = await h().newOrg();
      for (const path of ['/v1/admin/leads', '/v1/admin/clients']) {
        const r = await h().api.call('GET', `${path}?${q({ q: ' ab ' })}`, { org: org.id });
        expect(r.status, r.text).to.equal(422);
        expect(r.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(r.body.errors).to.deep.equal([{ pointer: '/q', detail: 'must be at least 3 characters: a shorter search cannot use the search index', in: 'query' }]);
      }
    });

    it('refuses a search over the cap with 429 search.busy at once, and one past its time budget with 422 search.too_broad', async function () {
      // Holding a search in flight needs a second database session that does not wait for it:
      // PGlite is one session (a held lock stalls every connection), and it ignores statement_timeout.
      if (db().kind === 'embedded') this.skip();
      const [a, b] = [await h().newOrg(), await h().newOrg()];
      expect((await h().api.call('POST', '/v1/admin/leads', { org: a.id, body: { name: 'Priya Shah', phone: '+16465550172' } })).status).to.equal(201);
      const lock = await db().knex.transaction();
      let first: Promise<ApiResponse> | null = null;
      try {
        await lock.raw('LOCK TABLE leads IN ACCESS EXCLUSIVE MODE');
        first = h().api.call('GET', `/v1/admin/leads?${q({ q: 'priya' })}`, { org: a.id });
        // The first search holds its slot once it waits on the lock (bounded polling, no timing).
        let waiting = 0;
        for (let i = 0; i < 1000 && waiting === 0; i += 1) {
          waiting = (await db().knex.raw("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")).rows[0].n;
          if (waiting === 0) await new Promise((r) => setTimeout(r, 10));
        }
        expect(waiting, 'the first search is waiting on the lock').to.equal(1);

        for (const [org, path] of [[a.id, '/v1/admin/clients'], [b.id, '/v1/admin/leads']] as const) {
          const busy = await h().api.call('GET', `${path}?${q({ q: 'maria' })}`, { org });
          expect(busy.status, busy.text).to.equal(429);
          expect(busy.headers.get('content-type')).to.match(/^application\/problem\+json/);
          expect(busy.headers.get('retry-after')).to.equal('1');
          expect(busy.body).to.include({ code: 'search.busy', status: 429 });
        }

        const tooBroad = await first;
        expect(tooBroad.status, tooBroad.text).to.equal(422);
        expect(tooBroad.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(tooBroad.body.code).to.equal('search.too_broad');
        expect(tooBroad.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/q']);
        expect(tooBroad.text).to.not.match(/statement timeout|canceling|SELECT/i);
      } finally {
        await lock.rollback();
        await first?.catch(() => undefined);
      }
      // The slots are free again and the connections went back clean.
      const after = await h().api.call('GET', `/v1/admin/leads?${q({ q: 'priya' })}`, { org: a.id });
      expect(after.status, after.text).to.equal(200);
      expect(after.body.items.map((l: { name: string }) => l.name)).to.deep.equal(['Priya Shah']);
    });
  },
  // One search at a time (half a pool of 2), each statement of it within 300 ms.
  { env: { DATABASE_POOL_MAX: '2', DATABASE_STATEMENT_TIMEOUT_MS: '300' } },
);
