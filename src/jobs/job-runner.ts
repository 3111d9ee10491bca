/**
 * A small in-process background runner: one job per key at a time, started after the response is sent,
 * failures logged rather than thrown at nobody. Enough for imports that the database makes resumable;
 * no external queue to run beside the app.
 */
import type { Logger } from '../common/logger.js';

export interface JobRunner {
  /** Starts `work` under `key` unless a job with that key is already running here; false if it was. */
  launch(key: string, work: () => Promise<void>): boolean;
  isRunning(key: string): boolean;
  /** Settles when every job running now (and any they hand over to) has finished: for tests and shutdown. */
  idle(): Promise<void>;
}

export function jobRunner(logger: Logger): JobRunner {
  const running = new Map<string, Promise<void>>();
  return {
    launch(key, work) {
      if (running.has(key)) return false;
      const job = (async () => {
        // Let the request that started it answer first.
        await new Promise<void>((resolve) => setImmediate(resolve));
        try {
          await work();
        } catch (error) {
          logger.error({ job: key, err: error }, 'background job failed');
        } finally {
          running.delete(key);
        }
      })();
      running.set(key, job);
      return true;
    },
    isRunning: (key) => running.has(key),
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
  };
}
