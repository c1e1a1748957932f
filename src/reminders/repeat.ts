/**
 * Runs `run` every `intervalMs`, never two at once (the next wait starts when a run ends), with a failed
 * run reported to `onError` and the next one still scheduled. Timers do not keep the process alive.
 */
export function repeatEvery(intervalMs: number, run: () => Promise<unknown>, onError: (error: unknown) => void): { stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const next = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      run().catch(onError).finally(next);
    }, intervalMs);
    timer.unref();
  };
  next();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * A background worker's run: one at a time (`runNow` while a run is under way joins it), every `pollMs`
 * once started, and `stop` lets the run under way finish. `stopping` tells the run to start nothing new.
 */
export function pollingRunner<T>(run: () => Promise<T>, options: { pollMs: number; onError: (error: unknown) => void }) {
  let running: Promise<T> | null = null;
  let repeating: { stop(): void } | null = null;
  let stopping = false;
  const runNow = (): Promise<T> => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };
  return {
    get stopping(): boolean {
      return stopping;
    },
    runNow,
    start(): void {
      stopping = false;
      repeating = repeatEvery(options.pollMs, runNow, options.onError);
    },
    async stop(): Promise<void> {
      stopping = true;
      repeating?.stop();
      await running?.catch(() => undefined);
    },
  };
}
