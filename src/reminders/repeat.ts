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
