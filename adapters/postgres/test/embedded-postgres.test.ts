import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { embeddedTemplatePath, startEmbeddedPostgres } from '@cws/adapter-postgres';
// The install-time script is plain JavaScript; both must agree on where the template lives.
import { embeddedTemplatePath as scriptTemplatePath } from '../../../tools/prepare-embedded-template.mjs';

async function query(connectionString: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A full garbage collection, without starting node with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('embedded PostgreSQL (PGlite behind the wire server)', function () {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cws-embedded-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('looks for the install-time template where the prepare script writes it', () => {
    expect(embeddedTemplatePath()).to.equal(scriptTemplatePath());
    expect(embeddedTemplatePath()).to.match(/node_modules\/\.cache\/cleanwithsnapshot\/pglite-[\d.]+-template\.tgz$/);
  });

  it('starts a new data directory (from the template when present) and keeps its data across restarts', async () => {
    const dataDir = join(dir, 'pgdata');
    const first = await startEmbeddedPostgres({ dataDir });
    await query(first.connectionString, 'create table kept (v text); insert into kept values ($$across restarts$$)');
    await first.close();
    expect(existsSync(join(dataDir, 'PG_VERSION'))).to.equal(true);
    const second = await startEmbeddedPostgres({ dataDir, templateFile: null });
    try {
      expect(await query(second.connectionString, 'select v from kept')).to.deep.equal([{ v: 'across restarts' }]);
    } finally {
      await second.close();
    }
  });

  it('works without a template too (initdb)', async () => {
    const db = await startEmbeddedPostgres({ dataDir: null, templateFile: join(dir, 'absent.tgz') });
    try {
      expect(await query(db.connectionString, 'select 1 as one')).to.deep.equal([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('refuses a data directory held by a live process and takes over one left by a dead process', async () => {
    const dataDir = join(dir, 'pgdata');
    const held = await startEmbeddedPostgres({ dataDir });
    try {
      const err = await startEmbeddedPostgres({ dataDir }).then(() => null, (e: Error) => e);
      expect(err?.message).to.match(/in use by process \d+/);
    } finally {
      await held.close();
    }
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dataDir, 'cws.lock'), '2147483646'); // no such pid
    const again = await startEmbeddedPostgres({ dataDir });
    await again.close();
  });

  describe('wire server: one session shared by many connections', function () {
    let db: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
    let pool: pg.Pool;
    before(async () => {
      db = await startEmbeddedPostgres({ dataDir: null });
      pool = new pg.Pool({ connectionString: db.connectionString, max: 12 });
    });
    after(async () => {
      await pool.end();
      await db.close();
    });

    it('never mixes the extended-protocol messages of concurrent connections, with transactions in between', async () => {
      // The workload @electric-sql/pglite-socket 0.2.17 fails ("portal \"\" does not exist"): plain
      // parameterised statements of different shapes racing transactions that hold the session.
      await pool.query('create table wide (a int, b int, c int, d int, e int, f int, g int, h int, i int, j int, k int, l int, m int, n int)');
      const insert = `insert into wide values (${Array.from({ length: 14 }, (_, k) => `$${k + 1}`).join(', ')}) returning a`;
      const values = (i: number) => Array.from({ length: 14 }, (_, k) => (k === 0 ? i : k));
      const work = async (i: number): Promise<boolean> => {
        if (i % 3 === 1) return Number((await pool.query('select $1::int as n', [i])).rows[0].n) === i;
        if (i % 3 === 2) return (await pool.query(insert, values(i))).rows[0].a === i;
        const client = await pool.connect();
        try {
          await client.query('begin');
          await client.query(`select set_config('app.probe', $1, true)`, [String(i)]);
          const inserted = (await client.query(insert, values(i))).rows[0].a === i;
          const setting = (await client.query(`select current_setting('app.probe', true) as v`)).rows[0].v === String(i);
          await client.query('commit');
          return inserted && setting;
        } finally {
          client.release();
        }
      };
      const outcomes = await Promise.all(Array.from({ length: 1500 }, (_, i) => work(i).catch((err: Error) => err.message)));
      expect(outcomes.filter((ok) => ok !== true)).to.deep.equal([]);
      expect((await pool.query('select count(*)::int as n from wide')).rows[0].n).to.equal(1000);
    });

    it('keeps a transaction to its connection: its local settings and rows, across awaits', async () => {
      const seen = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const client = await pool.connect();
          try {
            await client.query('begin');
            await client.query(`select set_config('app.probe', $1, true)`, [String(i)]);
            const values: string[] = [];
            for (let k = 0; k < 4; k += 1) {
              await new Promise((resolve) => setImmediate(resolve));
              values.push((await client.query(`select current_setting('app.probe', true) as v`)).rows[0].v);
            }
            await client.query('commit');
            return values.every((v) => v === String(i));
          } finally {
            client.release();
          }
        }),
      );
      expect(seen.every(Boolean)).to.equal(true);
    });

    it('runs a whole transaction sent as one multi-statement query for that connection only, amid extended-protocol traffic', async () => {
      // A unit of work may send `BEGIN; SELECT set_config(...); SELECT ...; COMMIT` as one simple
      // Query: one batch, one turn of the session, its results all its own.
      await pool.query('create table multi (v int)');
      const unit = async (i: number) => {
        const client = await pool.connect();
        try {
          const results = (await client.query(
            `BEGIN; SELECT set_config('app.probe', '${i}', true); INSERT INTO multi VALUES (${i}); ` +
              `SELECT current_setting('app.probe', true) AS v, (SELECT count(*)::int FROM multi WHERE v = ${i}) AS n; COMMIT`,
          )) as unknown as pg.QueryResult[];
          return results.length === 5 && results[3]!.rows[0].v === String(i) && results[3]!.rows[0].n === 1;
        } finally {
          client.release();
        }
      };
      const mixed = await Promise.all(
        Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? unit(i) : pool.query('select $1::int as n', [i]).then((r) => r.rows[0].n === i))),
      );
      expect(mixed.every(Boolean)).to.equal(true);
      expect((await pool.query('select count(*)::int as n, count(distinct v)::int as d from multi')).rows[0]).to.deep.equal({ n: 60, d: 60 });
      expect((await pool.query(`select current_setting('app.probe', true) as v`)).rows[0].v ?? '').to.equal('');
    });

    it('keeps the session to a multi-statement transaction that failed until its connection rolls back; an implicit one is undone at once', async () => {
      await pool.query('create table if not exists multi_failed (v int)');
      const client = await pool.connect();
      try {
        const failed = await client.query('BEGIN; INSERT INTO multi_failed VALUES (1); SELECT 1/0; COMMIT').catch((err: Error) => err);
        expect(failed).to.be.instanceOf(Error).with.property('message', 'division by zero');
        // The transaction is open and failed: nobody else may run in it or see the session meanwhile.
        let otherDone = false;
        const other = pool.query('select count(*)::int as n from multi_failed').then((r) => {
          otherDone = true;
          return r.rows[0].n as number;
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(otherDone).to.equal(false);
        expect(await client.query('select 1').catch((err: Error) => err.message)).to.match(/current transaction is aborted/);
        await client.query('ROLLBACK');
        expect(await other).to.equal(0);
        // Without BEGIN the statements form one implicit transaction: the error undoes the insert.
        expect(await client.query('INSERT INTO multi_failed VALUES (2); SELECT 1/0').catch((err: Error) => err.message)).to.equal('division by zero');
        expect((await pool.query('select count(*)::int as n from multi_failed')).rows[0].n).to.equal(0);
      } finally {
        client.release();
      }
    });

    it('keeps nothing of the replies it relays (the heap does not grow with the rows served)', async () => {
      // PGlite's execProtocolRaw parses every reply into message objects and keeps them in one
      // array that only execProtocol/execProtocolStream clear: served through it, 300 replies of
      // 1,000 rows stayed on the heap (~100 MB here; 2.6 GB of RSS in the soak that found it).
      // Memory, not time, is measured, and the margin is an order of magnitude either way.
      // The relay runs in the database's thread (ADR 24): its heap is the one watched, and this
      // thread's too (the client side must not keep them either).
      const rows = "select i, repeat('x', 160) as filler from generate_series(1, 1000) i";
      await pool.query(rows);
      collectGarbage();
      const before = process.memoryUsage().heapUsed;
      const threadBefore = await db.heapUsedAfterGc();
      let served = 0;
      for (let i = 0; i < 300; i += 1) served += (await pool.query(rows)).rowCount ?? 0;
      collectGarbage();
      const grown = process.memoryUsage().heapUsed - before;
      const threadGrown = (await db.heapUsedAfterGc()) - threadBefore;
      expect(served).to.equal(300_000);
      expect(threadGrown, `the database thread's heap grew by ${(threadGrown / 1e6).toFixed(1)} MB`).to.be.below(8e6);
      expect(grown, `heap grew by ${(grown / 1e6).toFixed(1)} MB`).to.be.below(8e6);
    });

    it('rolls back the open transaction of a connection that goes away, and lets the others on', async () => {
      await pool.query('create table if not exists dropped_tx (v int)');
      const quitter = new pg.Client({ connectionString: db.connectionString });
      await quitter.connect();
      await quitter.query('begin');
      await quitter.query('insert into dropped_tx values (1)');
      const waiting = pool.query('select count(*)::int as n from dropped_tx');
      quitter.on('error', () => undefined);
      (quitter as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
      expect((await waiting).rows[0].n).to.equal(0);
    });
  });
});

