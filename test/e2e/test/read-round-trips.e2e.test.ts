/**
 * A read through the whole HTTP app is ONE round trip to the database (ADR 23): the tenant
 * settings, the session check for a signed-in user, and the read itself before one Sync, with
 * no BEGIN and no COMMIT. Counted at node-pg's `Query.prototype.submit` (every query and every
 * batch of the process goes through it) while one request is served. A wrapper that lost the
 * unit's `readOnly` option once made every read of the app a three-round-trip transaction with
 * every unit test green; this is the test that sees it.
 */
import { expect } from 'chai';
import { onEachDatabase } from '@cws/e2e-tests';
import { recordSubmittedQueries } from '@cws/test-support';

interface Submitted {
  /** The statements of one submission, in order (a batch has several; a plain query one). */
  readonly texts: readonly string[];
}

/** Everything node-pg submits while `work` runs, as the statements' texts. */
async function submissions(work: () => Promise<unknown>): Promise<Submitted[]> {
  return (await recordSubmittedQueries(work)).map((q) => ({ texts: q.statements.map((s) => s.text) }));
}

onEachDatabase('reads over HTTP take one round trip', (h) => {
  const unitOf = (seen: readonly Submitted[], table: string) => seen.filter((s) => s.texts.some((t) => new RegExp(`from "?${table}"?`, 'i').test(t)));
  const transactionControl = (seen: readonly Submitted[]) => seen.filter((s) => s.texts.some((t) => /^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(t)));

  it('lists and reads leads with Basic Auth: the settings and the statement in one batch, no BEGIN or COMMIT', async () => {
    const org = await h().newOrg();
    const created = await h().api.call('POST', '/v1/admin/leads', { org: org.id, body: { name: 'Ada', email: 'ada@example.com' } });
    expect(created.status).to.equal(201);
    for (const path of ['/v1/admin/leads?limit=10', `/v1/admin/leads/${created.body.id}`]) {
      let status = 0;
      const seen = await submissions(async () => {
        status = (await h().api.call('GET', path, { org: org.id })).status;
      });
      expect(status, path).to.equal(200);
      const reads = unitOf(seen, 'leads');
      expect(reads, `${path}: ${JSON.stringify(seen)}`).to.have.length(1);
      expect(reads[0]!.texts, path).to.have.length(2);
      expect(reads[0]!.texts[0], path).to.match(/set_config\('app\.current_org_id'/).and.match(/transaction_read_only/);
      expect(transactionControl(seen), `${path}: ${JSON.stringify(seen)}`).to.deep.equal([]);
    }
  });

  it('lists leads as a signed-in user: the session check rides in the same batch', async () => {
    const org = await h().newOrg();
    const owner = await h().staff(org.id, 'owner');
    let status = 0;
    const seen = await submissions(async () => {
      status = (await h().api.call('GET', '/v1/admin/leads?limit=10', { token: owner.accessToken })).status;
    });
    expect(status).to.equal(200);
    const reads = unitOf(seen, 'leads');
    expect(reads, JSON.stringify(seen)).to.have.length(1);
    expect(reads[0]!.texts).to.have.length(3);
    expect(reads[0]!.texts[1]).to.match(/FROM auth_sessions/);
    expect(transactionControl(seen), JSON.stringify(seen)).to.deep.equal([]);
    // Nothing else of the request went to the database: the session was confirmed by that batch.
    expect(seen.filter((s) => s.texts.some((t) => /auth_sessions/.test(t))), JSON.stringify(seen)).to.have.length(1);
  });
});
