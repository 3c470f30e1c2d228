// The runtime's floor for io-timer on the loop: `concurrency` timer waits in flight, each a setTimeout and one
// promise as io-timer's task makes it, restarted as soon as it ends (a closed loop, like the bench's). The waits
// start spread evenly over one wait, the smoothest a scheduler could make them. No engine, no scheduler, no
// registry: what is left is what Node and V8 cost for that many timers.

export type BareTimers = {
  /** Waits ended so far. */
  finished(): number;
  /** Starts no more waits; those in flight end on their own. */
  stop(): void;
};

export function startBareTimers(concurrency: number, latencyMs: number): BareTimers {
  let finished = 0;
  let running = true;
  // Two functions shared by every wait: a wait costs a timer, a promise and its `then`, nothing of ours.
  function wait(): void {
    new Promise((resolve) => setTimeout(resolve, latencyMs, latencyMs)).then(waited);
  }
  function waited(): void {
    finished++;
    if (running) wait();
  }
  for (let index = 0; index < concurrency; index++) setTimeout(wait, (index / concurrency) * latencyMs);
  return {
    finished: () => finished,
    stop: () => {
      running = false;
    },
  };
}
