export { AgendaJobQueue, type AgendaJobQueueOptions } from './agenda-job-queue.js';
export type { AgendaStoreOptions, StoredSchedule } from './agenda-stores.js';
