import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { bundleOptions } from '../bundle-options.ts';
import type { Figure, Measurements } from './figure.ts';
import { nodeBinary, repositoryRoot } from './terminal.ts';

const models = ['async', 'workers', 'processes'] as const;

export const fileDispatch: Figure = {
  name: 'file-dispatch',
  method:
    "bundled like the binary, 2 threads or processes, 8 tiny tasks in flight (cpu, size 1): per model, one warm model runs 5 A-B-B-A blocks of 0.1 s settle + 0.4 s windows, a workload file whose task is the built-in cpu task (it imports workloads/cpu.ts, loaded by URL in every thread and process) against the built-in by name; the ratio is the median of the blocks' ratios",
  timeoutSeconds: 120,
  async measure({ repetition }) {
    const scratch = path.join(repositoryRoot, '.bench-tmp');
    mkdirSync(scratch, { recursive: true });
    const outdir = mkdtempSync(path.join(scratch, 'file-dispatch-'));
    try {
      await build({
        ...bundleOptions,
        entryPoints: {
          'file-dispatch-harness': path.join(import.meta.dirname, 'file-dispatch-harness.ts'),
          'process-entry': path.join(repositoryRoot, 'source/engine/models/process-entry.ts'),
          'worker-entry': path.join(repositoryRoot, 'source/engine/models/worker-entry.ts'),
        },
        external: [...bundleOptions.external, 'esbuild'],
        outdir,
        absWorkingDir: repositoryRoot,
      });
      // The same task as the built-in: the file re-exports cpu's `run` under a name of its own.
      const file = path.join(outdir, 'same-as-cpu.js');
      const cpu = pathToFileURL(path.join(repositoryRoot, 'workloads/cpu.ts')).href;
      writeFileSync(file, `import cpu from '${cpu}';\nexport default { ...cpu, name: 'cpu-from-file' };\n`);
      const { stdout } = await promisify(execFile)(
        nodeBinary,
        [path.join(outdir, 'file-dispatch-harness.js'), String(repetition), pathToFileURL(file).href],
        { cwd: repositoryRoot, maxBuffer: 1 << 20 },
      );
      return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Measurements;
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  },
  checks: models.map((model) => ({
    label: `dispatch: file ÷ built-in workload, ${model}`,
    key: `${model}FileOverBuiltin`,
    unit: '×',
    bound: { kind: 'atLeast', value: 0.95 } as const,
    absolute: { ours: `${model}File`, floor: `${model}Builtin`, unit: 'tasks/s' },
  })),
};
