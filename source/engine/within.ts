import { setTimeout as wait } from 'node:timers/promises';

/** Waits for `work` to settle, but no longer than `ms`; never rejects. The timer keeps no process alive. */
export async function within(work: Promise<unknown>, ms: number): Promise<void> {
  const timeout = new AbortController();
  await Promise.race([
    work.catch(() => {}),
    wait(ms, undefined, { signal: timeout.signal, ref: false }).catch(() => {}),
  ]);
  timeout.abort();
}
