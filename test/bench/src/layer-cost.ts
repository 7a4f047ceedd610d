/**
 * CPU per layer of the lead list, measured one call at a time (no concurrency, no HTTP), so the
 * figures do not depend on how busy the machine is: process CPU time (µs resolution) per call,
 * for the same page of the same org through successively more of the stack. Used by the
 * profiling script to say where PB1's time goes.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createKnex, PostgresUnitOfWork } from '@cws/adapter-postgres';
import type { ApiStack } from './api-stack-setup.js';
import { FETCH_ROWS, LIST_SQL_EXPLICIT, LIST_SQL_RLS, PAGE_SIZE, TENANT_PRELUDE } from './lead-list-sql.js';
import { fmt, median, table } from './stats.js';

type Log = (line?: string) => void;

interface Layer {
  readonly name: string;
  readonly roundTrips: number;
  readonly what: string;
  readonly call: () => Promise<unknown>;
}

export async function measureLayerCost(stack: ApiStack, log: Log, options: { calls?: number; reps?: number } = {}): Promise<void> {
  const calls = options.calls ?? 1000;
  const reps = options.reps ?? 3;
  const client = new pg.Client({ connectionString: stack.connectionString, application_name: 'cws-bench-layers' });
  client.on('error', (err) => log(`  warning: layer-cost connection lost: ${err.message}`));
  await client.connect();
  const knex = createKnex({ connectionString: stack.connectionString, poolMax: 1, applicationName: 'cws-bench-layers' });
  const uow = new PostgresUnitOfWork(knex);
  const ctx = () => ({ orgId: stack.orgId, actor: { kind: 'staff' as const, id: 'basic:bench-admin', role: 'admin' as const }, requestId: randomUUID(), now: new Date() });
  const knexPrelude = TENANT_PRELUDE.replace('$1', '?');
  const knexList = LIST_SQL_RLS.replace('$1', '?');
  const layers: Layer[] = [
    { name: 'pg: list, explicit org', roundTrips: 1, what: 'the bare route\'s query', call: () => client.query(LIST_SQL_EXPLICIT, [stack.orgId, FETCH_ROWS]) },
    {
      name: 'pg: tenant transaction',
      roundTrips: 4,
      what: 'BEGIN, prelude, RLS list, COMMIT on a pg client',
      call: async () => {
        await client.query('BEGIN');
        await client.query(TENANT_PRELUDE, [stack.orgId]);
        const r = await client.query(LIST_SQL_RLS, [FETCH_ROWS]);
        await client.query('COMMIT');
        return r;
      },
    },
    {
      name: 'knex: tenant transaction, raw SQL',
      roundTrips: 4,
      what: 'knex.transaction + trx.raw (no objection)',
      call: () =>
        knex.transaction(async (trx) => {
          await trx.raw(knexPrelude, [stack.orgId]);
          return trx.raw(knexList, [FETCH_ROWS]);
        }),
    },
    {
      name: 'adapter: uow.run + leads.list',
      roundTrips: 4,
      what: 'PostgresUnitOfWork + objection LeadModel query + toLead',
      call: () =>
        uow.run(ctx(), (repos) =>
          repos.leads.list({ statuses: null, createdFrom: null, createdTo: null, search: null, archived: 'exclude', after: null, limit: FETCH_ROWS }),
        ),
    },
    { name: 'core: leads.list.execute', roundTrips: 4, what: 'use case: input checks, adapter, pageFrom', call: () => stack.runtime.core.leads.list.execute(ctx(), { limit: PAGE_SIZE }) },
    { name: 'pg: orgs lookup', roundTrips: 1, what: 'select the org by id on a pg client', call: () => client.query('select "orgs".* from "orgs" where "orgs"."id" = $1', [stack.orgId]) },
    { name: 'adapter: orgs.findById', roundTrips: 1, what: 'what X-Test-Org costs per request (objection)', call: () => stack.runtime.ports.orgs.findById(stack.orgId) },
  ];
  try {
    for (const layer of layers) for (let i = 0; i < 200; i++) await layer.call();
    const cpu = new Map<string, number[]>(layers.map((l) => [l.name, []]));
    const wall = new Map<string, number[]>(layers.map((l) => [l.name, []]));
    for (let rep = 0; rep < reps; rep++) {
      for (const layer of layers) {
        const c0 = process.cpuUsage();
        const w0 = process.hrtime.bigint();
        for (let i = 0; i < calls; i++) await layer.call();
        const c = process.cpuUsage(c0);
        cpu.get(layer.name)!.push((c.user + c.system) / calls);
        wall.get(layer.name)!.push(Number(process.hrtime.bigint() - w0) / 1e3 / calls);
      }
    }
    log('');
    log(`CPU per call, one call at a time (${reps} reps × ${fmt(calls)} calls, medians; process CPU µs, wall µs):`);
    log(
      table(
        ['layer', 'round trips', 'CPU µs/call', 'wall µs/call', 'what'],
        layers.map((l) => [l.name, String(l.roundTrips), fmt(median(cpu.get(l.name)!)), fmt(median(wall.get(l.name)!)), l.what]),
      ),
    );
  } finally {
    await client.end();
    await knex.destroy();
  }
}
