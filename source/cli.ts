#!/usr/bin/env -S GLIBC_TUNABLES=glibc.malloc.tcache_count=0:glibc.malloc.mmap_threshold=32768 node --max-semi-space-size=8
// The flag caps V8's young generation: with 100,000 tasks in flight most objects outlive a scavenge, V8 grows the
// young generation to 128 MB to match, and its copying pauses (lag) and RSS grow with it. 8 MB halves the lag
// p99 at 100,000 tasks in flight and keeps RSS bounded; 10,000 tasks in flight are unaffected.
//
// The glibc settings give back the memory of terminated worker threads (2 → 64 → 2 threads kept +110 MB, now
// about +30 MB). Each thread mallocs in an arena of its own; after it exits the arena is nearly all free, but
// free memory leaves RSS only from an arena's top. Per-thread caches (tcache) let one thread keep chunks of
// another's arena, pinning its top, and a fixed mmap threshold (32 KB) keeps the trim threshold at 128 KB
// instead of growing with the largest block freed. Other systems ignore the variable; node run directly
// (`node dist/cli.js`) runs without it.
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
