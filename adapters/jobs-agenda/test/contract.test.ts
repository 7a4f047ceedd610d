import { jobQueueContract, type JobQueueHarness } from '@cws/contract-tests';
import { AgendaJobQueue, type AgendaJobQueueOptions } from '@cws/adapter-jobs-agenda';
import { embeddedTestDatabase, serverTestDatabase, serverTestDatabaseUrl, SERVER_SKIP_REASON } from '@cws/test-support';

const MONGO_SKIP_REASON = 'MONGODB_URL is not set: the Agenda MongoDB backend needs a MongoDB server';

// A fresh queue per suite; job names are unique per suite run, so the store may be shared.
function harness(options: AgendaJobQueueOptions): JobQueueHarness {
  const queue = new AgendaJobQueue(options);
  return {
    queue,
    listSchedules: () => queue.listSchedules(),
    dispose: async () => {
      await queue.drain(5000);
    },
  };
}

// The embedded database does not deliver NOTIFY across connections: only polling finds new runs there.
jobQueueContract('agenda-postgres (PGlite)', async () =>
  harness({ backend: 'postgres', connectionString: (await embeddedTestDatabase()).connectionString, poolMax: 4, processEveryMs: 150, name: 'contract-pglite' }),
);

const serverUrl = serverTestDatabaseUrl();
jobQueueContract(
  'agenda-postgres (server)',
  async () => harness({ backend: 'postgres', connectionString: (await serverTestDatabase()).connectionString, poolMax: 4, processEveryMs: 200, name: 'contract-server' }),
  { unavailableReason: serverUrl === null ? SERVER_SKIP_REASON : null },
);

const mongodbUrl = process.env['MONGODB_URL'];
jobQueueContract('agenda-mongo', async () => harness({ backend: 'mongo', mongodbUrl: mongodbUrl ?? '', processEveryMs: 200, name: 'contract-mongo' }), {
  unavailableReason: mongodbUrl === undefined || mongodbUrl === '' ? MONGO_SKIP_REASON : null,
});
