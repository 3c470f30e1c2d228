// Runs inside every pool process: the process ends as soon as the dashboard that started it is gone, even
// when the dashboard was SIGKILLed and even while a task computes without ever yielding.
import { Worker } from 'node:worker_threads';

/** How often the watchdog thread checks that the parent is still there, ms. */
export const parentCheckEveryMs = 100;

// A thread of its own, so a task that never yields cannot stop it. A process whose parent died is adopted
// (by init or a subreaper): its ppid changes. SIGKILL, because process.exit() from a thread ends only the thread.
const watchdog = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  if (process.ppid !== workerData.parent) process.kill(process.pid, 'SIGKILL');
}, workerData.everyMs);
`;

/**
 * Ends this process when its parent goes: at once when the IPC channel closes and the event loop is free
 * (`disconnect`), and within `parentCheckEveryMs` from a watchdog thread when the loop is busy in a task.
 */
export function exitWithParent(): void {
  process.once('disconnect', () => process.exit(0));
  const thread = new Worker(watchdog, {
    eval: true,
    workerData: { parent: process.ppid, everyMs: parentCheckEveryMs },
    stdout: false,
    stderr: false,
  });
  // Without the watchdog the process still ends on `disconnect`, once its loop is free: never crash for it.
  thread.on('error', () => {});
  thread.unref();
}
