/** Background work: the in-process job runner (imports, the Xero settings refresh on connect). */
export { jobRunner, type JobRunner } from './job-runner.js';
export { pollingWorker, type PollingWorker, type PollingWorkerOptions } from './polling-worker.js';
