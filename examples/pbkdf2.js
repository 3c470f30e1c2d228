// Hashes a password with PBKDF2, with the asynchronous crypto.pbkdf2 (default) or with pbkdf2Sync (--sync 1).
// The asynchronous call runs on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), so
// "single-threaded" async gets parallelism from libuv; pbkdf2Sync holds the calling thread for the whole hash.
// concur-tui --workload ./examples/pbkdf2.js            (async API)
// concur-tui --workload ./examples/pbkdf2.js --sync 1   (blocking API)
import { pbkdf2, pbkdf2Sync } from 'node:crypto';

const salt = 'concur-tui-example-salt';

/** @type {import('concur-tui').Workload} */
export default {
  name: 'pbkdf2',
  kind: 'cpu',
  description:
    'PBKDF2 password hash: crypto.pbkdf2 runs on libuv threads, pbkdf2Sync (--sync 1) on the caller',
  knobs: [
    {
      name: 'iterations',
      description: 'PBKDF2 iterations per hash (the default takes about 20 ms)',
      unit: 'k',
      default: 150,
      min: 1,
      max: 10_000,
    },
    {
      name: 'sync',
      description: '1 uses pbkdf2Sync (blocks its thread), 0 the asynchronous pbkdf2',
      unit: '',
      default: 0,
      min: 0,
      max: 1,
    },
  ],
  run(input) {
    const iterations = Math.round(input.knobs.iterations * 1000);
    const password = `password-${input.id}`;
    if (input.knobs.sync >= 1) return pbkdf2Sync(password, salt, iterations, 32, 'sha256').length;
    return new Promise((resolve, reject) => {
      pbkdf2(password, salt, iterations, 32, 'sha256', (error, key) => {
        if (error) reject(error);
        else resolve(key.length);
      });
    });
  },
};
