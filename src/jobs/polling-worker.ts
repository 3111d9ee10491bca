/**
 * The loop every database-backed worker runs: `concurrency` slots, each calling `runOne` until nothing is
 * due, then sleeping `pollMs` or until `wake()` says new work was recorded. The work itself (claim with a
 * lease, run, record the result) stays with the caller; this only keeps the slots turning.
 */
export interface PollingWorkerOptions {
  /** Claims and runs one due item; false when none was due. */
  runOne(): Promise<boolean>;
  concurrency: number;
  pollMs?: number;
  /** A claim that threw: the slot logs it and sleeps, it never stops the loop. */
  onError(error: unknown): void;
}

export interface PollingWorker {
  start(): void;
  stop(): Promise<void>;
  wake(): void;
  /** Runs every item due now (and any that become due while it runs); for tests and scripts. */
  drain(): Promise<number>;
}

export function pollingWorker(options: PollingWorkerOptions): PollingWorker {
  let running = false;
  let wakeUp: (() => void) | null = null;
  const slots: Promise<void>[] = [];

  async function slot(): Promise<void> {
    while (running) {
      let worked = false;
      try {
        worked = await options.runOne();
      } catch (error) {
        options.onError(error);
      }
      if (!worked && running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollMs ?? 1_000);
          const previous = wakeUp;
          wakeUp = () => {
            clearTimeout(timer);
            previous?.();
            resolve();
          };
        });
        wakeUp = null;
      }
    }
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      for (let i = 0; i < options.concurrency; i++) slots.push(slot());
    },
    async stop(): Promise<void> {
      running = false;
      wakeUp?.();
      await Promise.all(slots.splice(0));
    },
    wake(): void {
      wakeUp?.();
    },
    async drain(): Promise<number> {
      let n = 0;
      while (await options.runOne()) n++;
      return n;
    },
  };
}
