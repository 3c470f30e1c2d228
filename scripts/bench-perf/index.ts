// `npm run bench:perf`: measures every performance figure of concur-tui side by side in one run, each
// repetition in a fresh process, and prints measured value, target and ratio (medians). See BENCHMARKS.md.
//
//   node scripts/bench-perf/index.ts [--repeat N] [--only figure[,figure…]] [--order interleaved|sequential]
//                                    [--save run.json] [--json | --markdown]
//   node scripts/bench-perf/index.ts --load run.json [--json | --markdown]
//   node scripts/bench-perf/index.ts --compare a.json b.json [--markdown]
//
// Repetitions are interleaved by default: round after round of every figure once, in a new random order each
// round (schedule.ts), so a figure's spread covers the whole run; `--order sequential` runs them back to back.
// A full run takes over half an hour: `--save` writes the run so far after every repetition, so a run that is stopped
// keeps what it measured, and `--load` prints a saved run in any of the three forms. `--compare` sets two saved
// runs side by side: which figures' spreads do not overlap, against how many would not by chance (compare.ts).

import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatComparison } from './compare.ts';
import { evaluate, type Measurements, resultPrefix } from './figure.ts';
import { figures } from './figures.ts';
import { type FigureReport, formatMarkdown, formatText, type RunReport } from './report.ts';
import { type RunOrder, runOrders, scheduleRepetitions } from './schedule.ts';
import { medians } from './stats.ts';
import { nodeBinary } from './terminal.ts';

const usage = `usage: node scripts/bench-perf/index.ts [--repeat N] [--only figure[,figure…]] [--order interleaved|sequential]
                                         [--save run.json] [--json | --markdown]
       node scripts/bench-perf/index.ts --load run.json [--json | --markdown]
       node scripts/bench-perf/index.ts --compare a.json b.json [--markdown]
figures: ${figures.map((figure) => figure.name).join(', ')}`;

function fail(message: string): never {
  process.stderr.write(`bench-perf: ${message}\n${usage}\n`);
  process.exit(2);
}

let values: {
  repeat?: string;
  only?: string;
  order?: string;
  save?: string;
  load?: string;
  compare?: boolean;
  json?: boolean;
  markdown?: boolean;
  help?: boolean;
};
let positionals: string[] = [];
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      repeat: { type: 'string' },
      only: { type: 'string' },
      order: { type: 'string' },
      save: { type: 'string' },
      load: { type: 'string' },
      compare: { type: 'boolean' },
      json: { type: 'boolean' },
      markdown: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

function print(report: RunReport): void {
  const output = values.json
    ? JSON.stringify(report, null, 2)
    : values.markdown
      ? formatMarkdown(report)
      : formatText(report);
  process.stdout.write(`${output}\n`);
}

/** A run saved with `--save`, or a one-line error and exit 2. */
function readRun(file: string): RunReport {
  let saved: RunReport;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as RunReport;
  } catch (error) {
    fail(`cannot read the saved run ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(saved?.figures) || saved.machine === undefined) fail(`${file} is not a saved run`);
  return saved;
}

if (values.compare) {
  const [a, b, ...more] = positionals;
  if (a === undefined || b === undefined || more.length > 0) fail('--compare takes two saved runs');
  // Runs saved before checks said whether they were readings take it from today's table.
  const readingLabels = new Set(
    figures.flatMap((figure) => figure.checks.filter((check) => check.reading).map((check) => check.label)),
  );
  process.stdout.write(
    `${formatComparison(readRun(a), readRun(b), values.markdown === true, readingLabels)}\n`,
  );
  process.exit(0);
}
if (positionals.length > 0) fail(`unexpected argument "${positionals[0]}"`);

if (values.load !== undefined) {
  print(readRun(values.load));
  process.exit(0);
}

const repeat = Number(values.repeat ?? 3);
if (!Number.isInteger(repeat) || repeat < 1 || repeat > 50) fail('--repeat must be a whole number 1–50');
const only = values.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !figures.some((figure) => figure.name === name)) ?? [];
if (unknown.length > 0) fail(`unknown figure ${unknown.map((name) => `"${name}"`).join(', ')}`);
const order = (values.order ?? 'interleaved') as RunOrder;
if (!runOrders.includes(order)) fail(`--order must be ${runOrders.join(' or ')}`);
const selected = figures.filter((figure) => !only || only.includes(figure.name));
const inTerminal = selected.filter((figure) => figure.needsTerminal).map((figure) => figure.name);
if (inTerminal.length > 0 && spawnSync('tmux', ['-V']).error) {
  const others = selected.filter((figure) => !figure.needsTerminal).map((figure) => figure.name);
  fail(
    `${inTerminal.join(', ')} ${inTerminal.length === 1 ? 'runs' : 'run'} the dashboard in tmux, which is not installed (apt-get install -y tmux, brew install tmux)` +
      (others.length > 0 ? `; or measure the rest: --only ${others.join(',')}` : ''),
  );
}

const runFigure = path.join(import.meta.dirname, 'run-figure.ts');

/** One repetition in a fresh process; its stderr goes to ours, its result comes back on its last line. */
function runRepetition(name: string, repetition: number, timeoutSeconds: number): Promise<Measurements> {
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBinary, ['--expose-gc', runFigure, name, String(repetition)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`took longer than ${timeoutSeconds} s`));
    }, timeoutSeconds * 1000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((entry) => entry.startsWith(resultPrefix));
      if (code === 0 && line) resolve(JSON.parse(line.slice(resultPrefix.length)) as Measurements);
      else reject(new Error(`exited with ${signal ?? `code ${code}`} and no result`));
    });
  });
}

const machine = {
  cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
  logicalCores: availableParallelism(),
  totalMemoryGigabytes: Math.round(totalmem() / 1024 ** 3),
  node: process.versions.node,
  os: `${type()} ${release()}`,
};
const begunAt = performance.now();
type Progress = { samples: Measurements[]; errors: string[]; seconds: number };
const progress = new Map<string, Progress>(
  selected.map((figure) => [figure.name, { samples: [], errors: [], seconds: 0 }]),
);
if (values.save !== undefined) {
  try {
    writeFileSync(values.save, `${JSON.stringify(runSoFar(), null, 2)}\n`);
  } catch (error) {
    fail(`cannot write ${values.save}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
const schedule = scheduleRepetitions(
  selected.map((figure) => figure.name),
  repeat,
  order,
);
for (const [index, { figure: name, repetition }] of schedule.entries()) {
  const figure = selected.find((candidate) => candidate.name === name);
  const figureProgress = progress.get(name);
  if (!figure || !figureProgress) continue;
  const repetitionBegunAt = performance.now();
  process.stderr.write(`[${index + 1}/${schedule.length}] ${name} ${repetition + 1}/${repeat} … `);
  try {
    figureProgress.samples.push(await runRepetition(name, repetition, figure.timeoutSeconds));
    process.stderr.write(`${((performance.now() - repetitionBegunAt) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    figureProgress.errors.push(`run ${repetition + 1}: ${message}`);
    process.stderr.write(`failed: ${message}\n`);
  }
  figureProgress.seconds += (performance.now() - repetitionBegunAt) / 1000;
  if (values.save !== undefined) writeFileSync(values.save, `${JSON.stringify(runSoFar(), null, 2)}\n`);
}

/** The figures measured so far, in the figures' order, each over the repetitions it has had. */
function reportsSoFar(): FigureReport[] {
  return selected.flatMap((figure) => {
    const { samples, errors, seconds } = progress.get(figure.name) as Progress;
    const tried = samples.length + errors.length;
    if (tried === 0) return [];
    const figureMedians = medians(samples);
    return [
      {
        name: figure.name,
        method: figure.method,
        repetitions: tried,
        elapsedSeconds: seconds,
        samples,
        medians: figureMedians,
        checks:
          samples.length > 0 ? figure.checks.map((check) => evaluate(check, figureMedians, samples)) : [],
        errors,
      },
    ];
  });
}

function runSoFar(): RunReport {
  return {
    machine,
    date: new Date().toISOString().slice(0, 10),
    repeat,
    order,
    elapsedSeconds: (performance.now() - begunAt) / 1000,
    figures: reportsSoFar(),
  };
}

print(runSoFar());
// A missed target is a result, not an error; a figure that could not be measured is.
process.exitCode = [...progress.values()].some((figure) => figure.errors.length > 0) ? 1 : 0;
