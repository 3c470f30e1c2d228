#!/usr/bin/env -S node --max-semi-space-size=8
// The flag caps V8's young generation: with 100,000 tasks in flight most objects outlive a scavenge, V8 grows the
// young generation to 128 MB to match, and its copying pauses (lag) and RSS grow with it. 8 MB keeps RSS at
// 100,000 tasks in flight under 400 MB and their lag p99 about 20 ms (525 MB and 85 ms without it). At 10,000 in
// flight the lag is the same either way, but each task costs nearly twice the CPU (BENCHMARKS.md).
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
