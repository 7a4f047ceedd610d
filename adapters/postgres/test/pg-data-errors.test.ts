/**
 * Values PostgreSQL cannot hold, handed straight to the ports (an embedder's core, or a host
 * that skipped a check): the adapter answers a validation AppError (`storage.value_refused`,
 * 422 at the HTTP edge), never the driver's error that hosts report as a 500. The unit of
 * work is rolled back and its connection goes back usable.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { AppError, type RequestContext } from '@cws/core';
import { createPostgresAdapters, translatePgError, type PostgresAdapters } from '@cws/adapter-postgres';
import { aService, aTeam, caught, createOrg } from '@cws/contract-tests';
import { availableTestDatabases } from '@cws/test-support';

describe('PostgreSQL data errors, translated', () => {
  it('maps SQLSTATE classes 22 and 54 to storage.value_refused (validation), and leaves others alone', () => {
    for (const code of ['22021', '22P02', '22P05', '22008', '22003', '22001', '22007', '54000', '54001']) {
      const translated = translatePgError(Object.assign(new Error('refused'), { code }));
      expect(translated, code).to.be.instanceOf(AppError);
      expect((translated as AppError).code, code).to.equal('storage.value_refused');
      expect((translated as AppError).kind, code).to.equal('validation');
      expect(((translated as AppError).cause as { code: string }).code, code).to.equal(code);
    }
    const other = Object.assign(new Error('syntax'), { code: '42601' });
    expect(translatePgError(other)).to.equal(other);
  });
});

for (const kind of availableTestDatabases()) {
  describe(`values PostgreSQL cannot hold (${kind.kind === 'embedded' ? 'PGlite' : 'server'})`, function () {
    let h: PostgresAdapters;
    let ctx: RequestContext;

    before(async function () {
      if (kind.skipReason !== null) this.skip();
      h = createPostgresAdapters((await kind.open()).knex);
      ctx = (await createOrg({ ...h, dispose: async () => {} })).ctx;
    });

    const refused = async (what: string, work: () => Promise<unknown>) => {
      const err = await caught(work);
      expect(err, `${what}: ${err.message}`).to.be.instanceOf(AppError);
      expect(err.code, what).to.equal('storage.value_refused');
      expect(err.kind, what).to.equal('validation');
    };

    it('refuses NUL in text (22021), in a tenant transaction and in a global lookup', async () => {
      await refused('team name', () => h.uow.run(ctx, (r) => r.teams.insert(aTeam(ctx.orgId, { name: 'North\u0000Team' }))));
      await refused('org slug lookup', () => h.orgs.findBySlug('acme\u0000'));
      await refused('account lookup', () => h.userAccounts.findByEmail('a\u0000@example.com'));
    });

    it('refuses an unpaired surrogate in an audit row (jsonb refuses its escape)', async () => {
      await refused('audit metadata', () =>
        h.uow.run(ctx, (r) =>
          r.audit.append({
            id: randomUUID(),
            orgId: ctx.orgId,
            actorKind: 'staff',
            actorId: 'test',
            actorRole: 'owner',
            action: 'team.create',
            resourceType: 'team',
            resourceId: null,
            before: null,
            after: { name: 'x\ud800' },
            metadata: {},
            requestId: randomUUID(),
            createdAt: new Date(),
          }),
        ),
      );
    });

    it('refuses instants and numbers out of the column range (22008, 22003)', async () => {
      // The key of a forged cursor for year -271821, as it once reached the database.
      const query = { statuses: null, createdFrom: null, createdTo: null, search: null, archived: 'include' as const, limit: 10 };
      await refused('cursor year -271821', () => h.uow.run(ctx, (r) => r.leads.list({ ...query, after: { createdAt: new Date(-8.64e15), id: randomUUID() } })));
      await refused('created from 4714 BC', () => h.uow.run(ctx, (r) => r.leads.list({ ...query, after: null, createdFrom: new Date('-004713-11-23T00:00:00Z') })));
      await refused('duration past int4', () => h.uow.run(ctx, (r) => r.services.insert(aService(ctx.orgId, { durationMinutes: 2 ** 40 }))));
    });

    it('leaves the unit of work usable afterwards (rolled back, connection returned)', async () => {
      for (let i = 0; i < 12; i++) await caught(() => h.uow.run(ctx, (r) => r.teams.insert(aTeam(ctx.orgId, { name: `bad\u0000${i}` }))));
      const team = aTeam(ctx.orgId, { name: 'Good team' });
      await h.uow.run(ctx, (r) => r.teams.insert(team));
      expect((await h.uow.run(ctx, (r) => r.teams.findById(team.id)))?.name).to.equal('Good team');
    });
  });
}
