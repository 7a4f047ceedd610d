import { storageContract } from '@cws/contract-tests';
import { createPostgresAdapters } from '@cws/adapter-postgres';
import { availableTestDatabases } from '@cws/test-support';

for (const db of availableTestDatabases()) {
  const name = `postgres (${db.kind === 'embedded' ? 'PGlite' : 'server'})`;
  if (db.skipReason !== null) {
    describe(name, () => {
      it(`storage contract is skipped: ${db.skipReason}`, function () {
        this.skip();
      });
    });
    continue;
  }
  storageContract(name, async () => ({ ...createPostgresAdapters((await db.open()).knex), dispose: async () => {} }));
}
