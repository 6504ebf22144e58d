/**
 * Runs a background job's `work` when triggered — by its timer, or by a nudge — never two runs at once: a trigger
 * that comes during a run makes one more run follow it, so nothing that asked is missed. `work` is given a check
 * for stop(), to end a long drain early. Errors go to `onError` (unless stopping) and the job keeps running.
 */
export interface Runner {
  trigger(): void;
  /** Stops triggering and waits for the current run to finish. */
  stop(): Promise<void>;
}

export function serialRunner(work: (stopping: () => boolean) => Promise<unknown>, onError: (err: unknown) => void, everyMs: number): Runner {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const stopping = () => stopped;
  const trigger = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await work(stopping);
      } while (again && !stopped);
    })()
      .catch((err) => {
        if (!stopped) onError(err);
      })
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(trigger, everyMs);
  // Background work must not keep the process alive on its own.
  timer.unref();
  trigger();
  return {
    trigger,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * A serialRunner over a queue in the database: it runs at every poll (which is how it hears of rows other processes
 * queued) and, when this process queues something (`subscribe` hands it the nudge), after `gatherMs`, a short pause
 * that lets the rest of a burst queue up and be taken together.
 */
export function queueRunner(options: {
  work: (stopping: () => boolean) => Promise<unknown>;
  subscribe: (nudge: () => void) => () => void;
  onError: (err: unknown) => void;
  pollMs: number;
  gatherMs: number;
}): Runner {
  const runner = serialRunner(options.work, options.onError, options.pollMs);
  let nudged: NodeJS.Timeout | null = null;
  const unsubscribe = options.subscribe(() => {
    nudged ??= setTimeout(() => {
      nudged = null;
      runner.trigger();
    }, options.gatherMs);
  });
  return {
    trigger: runner.trigger,
    async stop() {
      unsubscribe();
      if (nudged) clearTimeout(nudged);
      await runner.stop();
    },
  };
}
