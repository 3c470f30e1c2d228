import { builtinWorkloads } from '../../workloads/index.ts';
import type { WorkloadFile } from '../engine/engine-options.ts';
import { modelDescriptors, modelNames } from '../engine/models/model-descriptors.ts';
import type { KnobSpec } from '../engine/types.ts';
import { workloadFileName } from '../engine/workload-file-name.ts';
import { wrapWords } from '../ui/format.ts';
import { rowKeyLabels } from '../ui/key-labels.ts';
import { keyTable } from '../ui/key-table.ts';
import { defaults } from './option-specs.ts';

function knobLine(knob: KnobSpec, owner: string): string {
  return `  --${`${knob.name} <${knob.unit}>`.padEnd(24)}${owner}: ${knob.description} (default ${knob.default}, ${knob.min}–${knob.max})`;
}

/** The knobs of the workload file `--help --workload ./task.js` names, first in the help. */
function fileSection(file: WorkloadFile | undefined): string {
  if (!file) return '';
  const { workload } = file;
  const knobs = workload.knobs.length
    ? workload.knobs.map((knob) => knobLine(knob, workload.name)).join('\n')
    : '  (none)';
  return `Workload file ${workloadFileName(file.url)}: ${workload.name} (${workload.kind})
  ${workload.description}
Its knobs (as flags, or --knob name=value)
${knobs}

`;
}

/** The `--help` text: usage, every flag with its default, the keys, examples; a workload file's knobs first. */
export function helpText(file?: WorkloadFile): string {
  const knobs = builtinWorkloads.flatMap((workload) =>
    workload.knobs.map((knob) => knobLine(knob, workload.name)),
  );
  const workloads = builtinWorkloads.map(
    (workload, index) =>
      `  ${index + 1}. ${workload.name.padEnd(10)}${workload.kind.padEnd(10)}${workload.description}`,
  );
  const keyRows = keyTable(builtinWorkloads.length).map((row) => ({
    keys: rowKeyLabels(row).join(', '),
    does: row.does,
  }));
  const keyWidth = Math.max(...keyRows.map((row) => row.keys.length)) + 2;
  const keys = keyRows.flatMap((row) =>
    wrapWords(row.does, 78 - keyWidth).map(
      (line, index) => `  ${(index === 0 ? row.keys : '').padEnd(keyWidth)}${line}`,
    ),
  );
  const models = modelDescriptors().map(
    (model) => `  ${model.name.padEnd(10)}${model.key.padEnd(4)}${model.description}`,
  );
  return `${fileSection(file)}concur-tui — see the difference between cooperative async, threads and processes, live.

Usage
  concur-tui [options]            open the dashboard (needs a terminal)
  concur-tui bench [options]      run a workload under each model and print a comparison
  concur-tui init [file]          write a starter workload file (default ${defaults.initFile}); never overwrites
  concur-tui replay <file>        replay a recording (--record, or key s) in the dashboard
  concur-tui report <file> [-o report.md]
                                  a recording as Markdown with SVG charts beside it (default: <file>.md)
  concur-tui present [script.json]
                                  present a talk's script (JSON or YAML; built in: the README's talk) in the
                                  dashboard: each step's caption and claims on top, → or space next, ← back
  concur-tui present --check [script.json]
                                  rehearse it headless on this machine and check each step's claims

Options
  -w, --workload <name|file>
                            workload to run (default ${defaults.workload}; one of ${builtinWorkloads.map((w) => w.name).join(', ')}),
                            or your own file: ./task.js, .mjs, .cjs, or .ts where Node strips types
      --knob <name=value>   set a knob of the workload (repeatable); knobs are flags too (--size 5)
  -m, --model <name>        dashboard: model to start with (default ${defaults.model}; one of ${modelNames().join(', ')})
      --models <list>       bench: models to compare, comma-separated (default ${defaults.models})
  -c, --concurrency <n>     tasks kept in flight, closed loop (default ${defaults.concurrency})
  -r, --rate <n>            tasks submitted per second, open loop (instead of --concurrency)
  -t, --threads <n>         pool size: worker threads, or processes (default: logical cores)
      --gil                 worker threads take turns under one lock, like Python threads (key g)
      --tasks-per-worker <n>
                            tasks each worker thread or process runs at once on its own event loop (default 1)
      --payload <kb>        kilobytes each task carries in and back, copied to threads and processes (default 0)
  -d, --duration <s>        bench: measured seconds per model (default ${defaults.duration})
      --warmup <s>          bench: unmeasured seconds per model first (default ${defaults.warmup})
      --json                bench: print JSON instead of a table
      --report <file.md>    bench: also write a Markdown report, with SVG charts beside it
      --sweep threads=<list>
                            bench: thread counts to sweep, e.g. threads=1,2,4
      --task-timeout <s>    a task still running after this long fails (default: no limit)
      --load-timeout <s>    how long importing a workload file may take (default 10)
      --stall-threshold <ms>
                            a loop lag over this is a stall, blamed on the task that ran (default 20)
      --watch, --no-watch   dashboard: reload a workload file when it is saved (default on for a file)
      --paused              dashboard: start paused
      --record <file>       dashboard: record the run to this file (NDJSON; replay it with concur-tui replay)
      --no-slices           record no task slices: no timeline lanes, stall blame or slice counts
      --no-color            no colour (NO_COLOR does the same)
  -h, --help                this text
  -v, --version             the version

Workload knobs
${knobs.join('\n')}

Workloads
${workloads.join('\n')}

Models (name, key, how it runs tasks)
${models.join('\n')}

Keys (dashboard; letters work in either case)
${keys.join('\n')}

Examples
  concur-tui --workload io-http --concurrency 100
  concur-tui init && concur-tui --workload ./task.js --rounds 500
  concur-tui bench --workload cpu --models ${modelNames().join(',')} --duration 5
`;
}
