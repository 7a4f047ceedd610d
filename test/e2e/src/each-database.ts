import { availableTestDatabases, type TestDatabase } from '@cws/test-support';
import { startApi, type ApiAppOptions, type ApiHarness } from './api-harness.js';

/**
 * Declares `suite` once per database kind (PGlite always, the server when TEST_DATABASE_URL is
 * set, shown as skipped with the reason otherwise), with an API harness started before it.
 */
export function onEachDatabase(
  title: string,
  suite: (h: () => ApiHarness, db: () => TestDatabase) => void,
  options: Pick<ApiAppOptions, 'env' | 'noEmailChannel' | 'inboundSms'> = {},
): void {
  for (const kind of availableTestDatabases()) {
    const name = `${title} (${kind.kind === 'embedded' ? 'PGlite' : 'PostgreSQL server'})`;
    describe(name, function () {
      if (kind.skipReason !== null) {
        it(`is skipped: ${kind.skipReason}`, function () {
          this.skip();
        });
        return;
      }
      let harness: ApiHarness;
      let database: TestDatabase;
      before(async () => {
        database = await kind.open();
        harness = await startApi(database, options);
      });
      after(async () => harness?.close());
      suite(() => harness, () => database);
    });
  }
}
