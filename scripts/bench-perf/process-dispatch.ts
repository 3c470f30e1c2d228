import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { bundleOptions } from '../bundle-options.ts';
import type { Figure, Measurements } from './figure.ts';
import { nodeBinary, repositoryRoot } from './terminal.ts';

export const processDispatch: Figure = {
  name: 'process-dispatch',
  method:
    'bundled like the binary, 2 processes, tiny tasks kept in flight at 1 and 4 per process, 0.3 s warm-up + 1 s per side, sides run A-B-C-C-B-A rotated by repetition: (1) an echo over tinypool (child_process runtime), poolifier (cluster pool) and a bare child_process.fork IPC round trip; (2) the processes model (cpu, size 1, through submit) ÷ poolifier alone with the same entry and options (one pool, one task per process at a time); (3) RSS of a pool process (as it reports it) and RSS growth per worker thread (4 threads, after GC); time until a pool of 1 process or 1 thread has it up (median of 3), and until a bare process or thread (empty program) shows life (median of 5); (4) a task carrying 1 KB, 100 KB and 1 MB in and back (async, workers, processes: 2 each, 8 in flight)',
  timeoutSeconds: 240,
  async measure({ repetition }) {
    // Inside the repository (git-ignored), so the bundle's imports of tinypool and poolifier find node_modules.
    const scratch = path.join(repositoryRoot, '.bench-tmp');
    mkdirSync(scratch, { recursive: true });
    const outdir = mkdtempSync(path.join(scratch, 'processes-'));
    try {
      await build({
        ...bundleOptions,
        entryPoints: {
          'process-dispatch-harness': path.join(import.meta.dirname, 'process-dispatch-harness.ts'),
          'process-entry': path.join(repositoryRoot, 'source/engine/models/process-entry.ts'),
          'worker-entry': path.join(repositoryRoot, 'source/engine/models/worker-entry.ts'),
        },
        // tinypool starts its children from its own files; the others stay as in the binary.
        external: [...bundleOptions.external, 'tinypool', 'esbuild'],
        outdir,
        absWorkingDir: repositoryRoot,
      });
      const { stdout } = await promisify(execFile)(
        nodeBinary,
        ['--expose-gc', path.join(outdir, 'process-dispatch-harness.js'), String(repetition)],
        { cwd: repositoryRoot, maxBuffer: 1 << 20 },
      );
      return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measurements;
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  },
  // Only the model against bare poolifier is a claim about concur-tui; the rest read what the host charges for one
  // library or mechanism over another (`Check.reading`).
  checks: [
    ...[1, 4].map((perProcess) => ({
      label: `processes: dispatch tinypool ÷ poolifier (kept), ${perProcess}/process`,
      key: `tinypoolOverPoolifier${perProcess}`,
      unit: '×',
      bound: { kind: 'atLeast', value: 1 } as const,
      reading: true,
    })),
    ...[1, 4].map((perProcess) => ({
      label: `processes: model ÷ bare poolifier, ${perProcess}/process`,
      key: `modelOverBare${perProcess}`,
      unit: '×',
      bound: { kind: 'atLeast', value: 0.9 } as const,
    })),
    {
      label: 'processes: RSS per process ÷ per thread',
      key: 'rssProcessOverThread',
      unit: '×',
      bound: { kind: 'atLeast', value: 1 },
      reading: true,
    },
    {
      label: 'processes: start per process ÷ per thread, pool',
      key: 'startProcessOverThread',
      unit: '×',
      bound: { kind: 'atLeast', value: 1 },
      reading: true,
    },
    {
      label: 'processes: start per process ÷ per thread, bare',
      key: 'bareStartProcessOverThread',
      unit: '×',
      // A bare fork and a bare Worker both boot a Node environment: measured 0.92–1.06, so no side of 1 holds.
      bound: { kind: 'none' },
      reading: true,
    },
    ...[1, 100, 1024].map((kilobytes) => ({
      label: `payload ${kilobytes} KB: dispatch processes ÷ workers`,
      key: `payload${kilobytes}Kb_processesOverWorkers`,
      unit: '×',
      bound: { kind: 'atLeast', value: 1 } as const,
      reading: true,
    })),
  ],
};
