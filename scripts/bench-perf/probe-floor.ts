// The runtime's floor for idle cost: a bare Node process running only the dashboard's lag probe
// (source/engine/metrics/lag-monitor.ts: a 2 ms timer, sampled every 250 ms as the engine does). It prints a
// line when the probe runs and exits on any key, like the dashboard's `q`.
//
//   node scripts/bench-perf/probe-floor.ts

import { createLagMonitor } from '../../source/engine/metrics/lag-monitor.ts';

/** What the terminal shows once the probe runs: idle-cost.ts waits for it. */
export const probeReady = 'PROBE-FLOOR-RUNNING';

const monitor = createLagMonitor();
const sampler = setInterval(() => monitor.sample(), 250);
process.stdout.write(`${probeReady}\n`);
if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.once('data', () => {
  clearInterval(sampler);
  monitor.stop();
  process.exit(0);
});
