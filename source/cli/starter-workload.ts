// The file `concur-tui init` writes: a workload that runs as it is under every model, and shows the contract.

/** The starter workload file's text. */
export const starterWorkload = `// A concur-tui workload: one \`run\` function that runs unchanged on the event loop, in a worker thread and in
// a child process, so it may use only its input (no state shared with the dashboard or other tasks).
//   concur-tui --workload ./task.js            watch it live; saving this file reloads it
//   concur-tui bench --workload ./task.js      measure it under every model
// The contract: workloads/README.md in the concur-tui package.
import { createHash } from 'node:crypto';

/** @type {import('concur-tui').Workload} */
export default {
  name: 'my-task',
  kind: 'cpu',
  description: 'Hashes a small buffer over and over: CPU-bound, so it holds the loop under async',
  knobs: [
    {
      name: 'rounds',
      description: 'SHA-256 rounds per task',
      unit: 'rounds',
      default: 2000,
      min: 1,
      max: 1000000,
    },
  ],
  async run({ id, knobs, context }) {
    let digest = Buffer.from(String(id));
    for (let round = 1; round <= knobs.rounds; round++) {
      digest = createHash('sha256').update(digest).digest();
      // Uncomment to take turns on the event loop every 500 rounds (async model): the lag falls.
      // if (round % 500 === 0) await context.yield?.();
    }
    return digest.toString('hex').slice(0, 8);
  },
};
`;
