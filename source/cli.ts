#!/usr/bin/env node
import { createRequire, enableCompileCache } from 'node:module';
import { runCommand } from './cli/run-command.ts';

// Cache V8's compiled code on disk: the dashboard bundle (Ink, React, Yoga) is most of the start-up time.
enableCompileCache?.();

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

process.exitCode = await runCommand(process.argv.slice(2), { version });
