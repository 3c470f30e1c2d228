import { execFile } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { BenchResult } from '../../source/bench/run-bench.ts';
import type { ModelName } from '../../source/engine/types.ts';
import { scoreboardThroughput } from './dashboard-screen.ts';
import type { Figure, Measurements } from './figure.ts';
import { cliPath, execLine, nodeBinary, Terminal, waitForExit } from './terminal.ts';

const execFileAsync = promisify(execFile);

const duration = 3;
const warmup = 1;
const size = { columns: 120, rows: 40 };

/**
 * The dashboard's own throughput figure: start it, let it warm up as long as `bench` does, press `r` (the
 * scoreboard starts over), wait the measured time, and read the model's throughput off the scoreboard.
 */
async function dashboardThroughput(model: ModelName): Promise<number> {
  const terminal = new Terminal(execLine([nodeBinary, cliPath, '--workload', 'cpu', '--model', model]), size);
  try {
    await terminal.waitForScreen(/SCOREBOARD/, 'the first dashboard frame');
    const pid = await terminal.pid();
    await delay(warmup * 1000);
    await terminal.press('r');
    await delay(duration * 1000);
    const screen = await terminal.screen();
    const throughput = scoreboardThroughput(screen, model);
    if (throughput === undefined) throw new Error(`no ${model} throughput on the scoreboard:\n${screen}`);
    await terminal.press('q');
    await waitForExit(pid).catch(() => undefined);
    return throughput;
  } finally {
    terminal.close();
  }
}

/** The same workload, same durations, through `concur-tui bench` with no terminal at all. */
async function headlessThroughput(model: ModelName): Promise<number> {
  const { stdout } = await execFileAsync(nodeBinary, [
    cliPath,
    'bench',
    '--workload',
    'cpu',
    '--models',
    model,
    '--duration',
    String(duration),
    '--warmup',
    String(warmup),
    '--json',
  ]);
  const result = JSON.parse(stdout) as BenchResult;
  return result.rows[0]?.throughput ?? Number.NaN;
}

export const dashboardOverhead: Figure = {
  name: 'dashboard-overhead',
  needsTerminal: true,
  method: `cpu workload, concurrency 8: the built binary with the dashboard in tmux ${size.columns}×${size.rows} (throughput read off its scoreboard after ${warmup} s + r + ${duration} s) ÷ \`concur-tui bench\` headless (${warmup} s + ${duration} s), per model`,
  timeoutSeconds: 90,
  async measure({ repetition }) {
    const result: Measurements = {};
    for (const model of ['async', 'workers'] as const) {
      // Alternate which side runs first, so a slow spell of the machine does not always land on one side.
      let dashboard: number;
      let headless: number;
      if (repetition % 2 === 0) {
        dashboard = await dashboardThroughput(model);
        headless = await headlessThroughput(model);
      } else {
        headless = await headlessThroughput(model);
        dashboard = await dashboardThroughput(model);
      }
      result[`${model}DashboardThroughput`] = dashboard;
      result[`${model}HeadlessThroughput`] = headless;
      result[`${model}Ratio`] = dashboard / headless;
    }
    return result;
  },
  checks: [
    {
      label: 'dashboard overhead, async (with ÷ without)',
      key: 'asyncRatio',
      unit: '×',
      bound: { kind: 'atLeast', value: 0.97 },
      absolute: { ours: 'asyncDashboardThroughput', floor: 'asyncHeadlessThroughput', unit: 'tasks/s' },
    },
    {
      label: 'dashboard overhead, workers (with ÷ without)',
      key: 'workersRatio',
      unit: '×',
      bound: { kind: 'atLeast', value: 0.97 },
      absolute: { ours: 'workersDashboardThroughput', floor: 'workersHeadlessThroughput', unit: 'tasks/s' },
    },
  ],
};
