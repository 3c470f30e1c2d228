#!/usr/bin/env -S node --max-semi-space-size=8
// The flag caps V8's young generation: with 100,000 tasks in flight most objects outlive a scavenge, V8 grows the
// young generation to 128 MB to match, and its copying pauses (lag) and RSS grow with it. 8 MB halves the lag
// p99 at 100,000 tasks in flight and keeps RSS bounded; 10,000 tasks in flight are unaffected.
import { createRequire, enableCompileCache } from 'node:module';
import { runCommand } from './cli/run-command.ts';

// Cache V8's compiled code on disk: the dashboard bundle (Ink, React, Yoga) is most of the start-up time.
enableCompileCache?.();

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

process.exitCode = await runCommand(process.argv.slice(2), { version });
