import { setTimeout as delay } from 'node:timers/promises';

/**
 * Keeps `inFlight` tasks going (each completion submits the next) and returns the tasks finished per second
 * over `measuredMs`, after `warmupMs`.
 */
export async function closedLoopRate(
  inFlight: number,
  submit: (onDone: () => void) => void,
  warmupMs: number,
  measuredMs: number,
): Promise<number> {
  let finished = 0;
  let open = true;
  let outstanding = 0;
  let settle: () => void = () => {};
  const drained = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const onDone = () => {
    finished++;
    if (open) submit(onDone);
    else if (--outstanding === 0) settle();
  };
  for (let index = 0; index < inFlight; index++) submit(onDone);
  await delay(warmupMs);
  const startCount = finished;
  const startedAt = performance.now();
  await delay(measuredMs);
  const count = finished - startCount;
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  outstanding = inFlight;
  open = false;
  await drained;
  return count / elapsedSeconds;
}
