import { Session } from 'node:inspector/promises';
import { createKnex } from '@cws/adapter-postgres';
import { analyse, type CpuProfile } from '../src/cpu-profile.js';
const knex = createKnex({ connectionString: 'postgresql://postgres@127.0.0.1:5432/cws_test', poolMax: 1 });
const org = (await knex.raw('select id from orgs limit 1')).rows[0].id;
const run = () => knex.transaction(async (trx) => {
  await trx.raw("select set_config('role', 'cws_app', true), set_config('app.current_org_id', ?, true)", [org]);
  return trx.raw('select "leads".* from "leads" where "archived_at" is null order by "created_at" desc, "id" desc limit ?', [51]);
});
const runNoTx = async () => { await knex.raw('select 1'); await knex.raw("select set_config('app.x', ?, false)", [org]); await knex.raw('select "leads".* from "leads" where org_id = ? and "archived_at" is null order by "created_at" desc, "id" desc limit ?', [org, 51]); await knex.raw('select 1'); };
for (let i = 0; i < 300; i++) { await run(); await runNoTx(); }
for (const [name, f] of [['tx', run], ['4 raw no tx', runNoTx]] as const) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < 1000; i++) await f();
  const c = process.cpuUsage(c0);
  console.log(name, 'CPU µs/call', Math.round((c.user + c.system) / 1000));
}
const s = new Session(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval', { interval: 100 }); await s.post('Profiler.start');
for (let i = 0; i < 2000; i++) await run();
const { profile } = (await s.post('Profiler.stop')) as { profile: CpuProfile };
const a = analyse(profile);
const busy = a.byCategory.filter(([c]) => c !== '(idle)').reduce((x, [, ms]) => x + ms, 0);
console.log('busy µs/tx', Math.round(busy / 2));
for (const [c, ms] of a.byCategory.slice(0, 10)) console.log(c, Math.round(ms / 2));
for (const [f, ms] of a.hottest.slice(0, 25)) console.log(Math.round(ms / 2), f);
await knex.destroy();
