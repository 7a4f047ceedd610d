/**
 * PGlite is one database session. Every client reaches it through the embedded wire server, which must keep
 * an open transaction exclusive to its connection: if a statement of another connection ran
 * inside it, that statement would see (or overwrite) this transaction's org and role. This test
 * runs many tenant transactions from the knex pool and Agenda job runs (themselves doing tenant
 * transactions, while Agenda locks and saves jobs through its own pool) at the same time, and
 * checks every transaction saw its own org and role at every step and wrote exactly its rows.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { AgendaJobQueue } from '@cws/adapter-jobs-agenda';
import { inTenantTransaction, type Knex } from '@cws/adapter-postgres';
import { createPostgresAdapters } from '@cws/adapter-postgres';
import { eventually, createOrg } from '@cws/contract-tests';
import { embeddedTestDatabase } from '@cws/test-support';

interface Probe {
  readonly orgId: string;
  readonly seen: Array<{ org: string; role: string }>;
  readonly inserted: number;
}

async function probeTransaction(knex: Knex, orgId: string, steps: number): Promise<Probe> {
  const seen: Array<{ org: string; role: string }> = [];
  await inTenantTransaction(knex, orgId, async (db) => {
    for (let i = 0; i < steps; i += 1) {
      const row = (await db.raw(`select current_setting('app.current_org_id', true) as org, current_user as role`)).rows[0];
      seen.push({ org: row.org, role: row.role });
      await db.table('leads').insert({ org_id: orgId, id: randomUUID(), name: `probe ${i}`, phone: '5550000000', status: 'new' });
      // Yield to the event loop so other connections get every chance to cut in.
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
  return { orgId, seen, inserted: steps };
}

describe('embedded PostgreSQL keeps transactions exclusive under concurrent tenant and job work', function () {
  it('never interleaves tenant transactions and Agenda job runs', async function () {
    const db = await embeddedTestDatabase();
    const adapters = createPostgresAdapters(db.knex);
    const h = { ...adapters, dispose: async () => {} };
    const orgs = await Promise.all(Array.from({ length: 4 }, () => createOrg(h)));
    const jobName = `exclusivity-probe-${randomUUID().slice(0, 8)}`;
    const jobProbes: Probe[] = [];
    const jobErrors: unknown[] = [];
    const queue = new AgendaJobQueue({ backend: 'postgres', connectionString: db.connectionString, poolMax: 4, name: 'exclusivity-test', processEveryMs: 50 });
    queue.define({
      name: jobName,
      concurrency: 5,
      handler: async (run) => {
        try {
          jobProbes.push(await probeTransaction(db.knex, String(run.data['orgId']), 4));
        } catch (err) {
          jobErrors.push(err);
          throw err;
        }
      },
    });
    await queue.start();
    try {
      const jobRuns = 24;
      for (let i = 0; i < jobRuns; i += 1) await queue.enqueue(jobName, { orgId: orgs[i % orgs.length]!.org.id });
      const direct = await Promise.all(Array.from({ length: 60 }, (_, i) => probeTransaction(db.knex, orgs[i % orgs.length]!.org.id, 5)));
      await eventually('every job run', () => jobProbes.length + jobErrors.length >= jobRuns, 60_000);

      expect(jobErrors).to.deep.equal([]);
      const all = [...direct, ...jobProbes];
      for (const probe of all) {
        for (const step of probe.seen) expect(step).to.deep.equal({ org: probe.orgId, role: 'cws_app' });
      }
      for (const { org } of orgs) {
        const expected = all.filter((p) => p.orgId === org.id).reduce((sum, p) => sum + p.inserted, 0);
        const counted = await inTenantTransaction(db.knex, org.id, async (tx) => (await tx.raw('select count(*)::int as n from leads')).rows[0].n as number);
        expect(counted, `rows of ${org.slug}`).to.equal(expected);
      }
    } finally {
      await queue.drain(10_000);
    }
  });
});
