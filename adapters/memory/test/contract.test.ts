import { jobQueueContract, storageContract } from '@cws/contract-tests';
import { MemoryJobQueue, createMemoryAdapters } from '@cws/adapter-memory';

// One state per suite, as a real database would be shared by the suite's tests.
storageContract('memory', async () => ({ ...createMemoryAdapters(), dispose: async () => {} }));

jobQueueContract('memory', async () => {
  const queue = new MemoryJobQueue({ pollMs: 5 });
  return {
    queue,
    listSchedules: async () => queue.listSchedules(),
    dispose: async () => {
      await queue.drain(1000);
    },
  };
});
