#!/usr/bin/env node
import { createRequire } from 'node:module';
import { runCommand } from './cli/run-command.ts';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

process.exitCode = await runCommand(process.argv.slice(2), { version });
