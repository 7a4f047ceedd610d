import { jobQueueContract, outboxContract, storageContract } from '@cws/contract-tests';
import { MemoryJobQueue, createMemoryAdapters } from '@cws/adapter-memory';

// One state per suite, as a real database would be shared by the suite's tests.
const memoryHarness = async () => {
  const adapters = createMemoryAdapters();
  return { ...adapters, dispose: () => adapters.outboxDelivery.close() };
};
storageContract('memory', memoryHarness);
// Units take turns on the state's lock, and nothing notifies across processes: waits poll.
outboxContract('memory', memoryHarness, { concurrentUnits: false, notifies: false });

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
