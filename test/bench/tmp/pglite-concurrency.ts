import pg from 'pg';
import { startEmbeddedPostgres } from '@cws/adapter-postgres';
const db = await startEmbeddedPostgres({ dataDir: null });
const pool = new pg.Pool({ connectionString: db.connectionString, max: 10 });
let wrong = 0, errors = 0, ok = 0;
const errs = new Map<string, number>();
const note = (e: unknown) => { errors++; const m = String((e as Error).message).slice(0, 60); errs.set(m, (errs.get(m) ?? 0) + 1); };
const timer = setInterval(() => console.log({ ok, wrong, errors, errs: [...errs] }), 2000);
await Promise.all(Array.from({ length: 10 }, async (_, c) => {
  for (let i = 0; i < 200; i++) {
    const tag = `c${c}-i${i}`;
    try {
      if (c % 2 === 0) {
        const r = await pool.query('select $1::text as tag', [tag]);
        if (r.rows[0]?.tag !== tag) wrong++; else ok++;
      } else {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const a = await client.query("select set_config('app.x', $1, true) as v", [tag]);
          const r = await client.query('select $1::text as tag', [tag]);
          await client.query('COMMIT');
          if (r.rows[0]?.tag !== tag || a.rows[0]?.v !== tag) wrong++; else ok++;
        } catch (e) { note(e); await client.query('ROLLBACK').catch(() => {}); } finally { client.release(); }
      }
    } catch (e) { note(e); }
  }
}));
clearInterval(timer); console.log("done", { ok, wrong, errors, errs: [...errs] });
await pool.end(); await db.close();
