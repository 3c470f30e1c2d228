#!/usr/bin/env -S node --max-semi-space-size=2
// The flag caps V8's young generation. Without it, with 100,000 tasks in flight most objects outlive a scavenge, V8
// grows the young generation to 128 MB to match, and its copying pauses (lag) and RSS grow with it (525 MB and a lag
// p99 of 85 ms). The smaller the cap, the fewer tasks in flight each scavenge copies: at 10,000 io-timer tasks in
// flight, scavenges of 1.1 ms (median) at 2 MB against 3.7 ms at 8 MB, for about the same total time. Measured in
// turn the same evening, against the bare timers with the same flag (BENCHMARKS.md): 10,000 in flight read a lag p99
// of 6.7 ms (2.0x the bare timers') at 8 MB, 4.8 ms (1.7x) at 4 MB and 4.6 ms (1.4x) at 2 MB; 100,000 in flight 29,
// 23 and 18 ms, peak RSS 358, 350 and 335 MB.
//
// This entry checks the Node version before loading anything that needs a recent one: on an old Node the
// command line would otherwise die with a SyntaxError and a stack trace before it could say why. It is built
// for Node 12 (scripts/build.ts): no import statement, no `import.meta`, nothing an old parser rejects, and the
// bundle inlines package.json, so the output holds no static import either.

import packageJson from '../package.json' with { type: 'json' };

/** The oldest major version `engines.node` accepts, e.g. 22 for `>=22`. */
const needed = Number(/\d+/.exec(packageJson.engines.node)?.[0] ?? '0');
const found = process.versions.node;

if (Number(found.split('.')[0]) < needed) {
  process.stderr.write(
    `concur-tui needs Node.js ${needed} or newer; this is Node.js ${found} (${process.execPath})\n`,
  );
  process.exitCode = 1;
} else {
  import('node:module')
    // Cache V8's compiled code on disk: the bundle (Ink, React, Yoga) is most of the start-up time.
    .then((nodeModule) => nodeModule.enableCompileCache?.())
    .then(() => import('./cli/main.ts'))
    .catch((error: unknown) => {
      process.stderr.write(`concur-tui: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
