import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { eventLoopLag } from './dashboard-screen.ts';
import type { Figure } from './figure.ts';
import { type CpuShare, measureCpuShare } from './process-cpu.ts';
import { median } from './stats.ts';
import { cliPath, execLine, nodeBinary, repositoryRoot, Terminal, waitForExit } from './terminal.ts';

const size = { columns: 120, rows: 40 };
const settleSeconds = 2;
const measuredSeconds = 10;
/** How often the screen is read; the dashboard publishes a lag window every 250 ms. */
const screenEveryMs = 250;
const gtopPath = path.join(repositoryRoot, 'node_modules/gtop/bin/gtop');

/**
 * Runs one program in a terminal, lets it settle, then measures its CPU share over the measured time while
 * reading its screen every 250 ms (the same reads for both programs, so the terminal's work is the same).
 */
async function idleRun(
  commandLine: string,
  firstFrame: RegExp,
  onScreen: (screen: string) => void = () => {},
): Promise<CpuShare> {
  const terminal = new Terminal(commandLine, size);
  try {
    await terminal.waitForScreen(firstFrame, 'the first frame');
    const pid = await terminal.pid();
    await delay(settleSeconds * 1000);
    const share = await measureCpuShare(pid, measuredSeconds, async (deadline) => {
      while (performance.now() + screenEveryMs < deadline) {
        onScreen(await terminal.screen());
        await delay(screenEveryMs);
      }
    });
    await terminal.press('q');
    await waitForExit(pid, 5000).catch(() => undefined);
    return share;
  } finally {
    terminal.close();
  }
}

export const idleCost: Figure = {
  name: 'idle-cost',
  needsTerminal: true,
  method: `\`concur-tui --paused\` and \`gtop\` each in tmux ${size.columns}×${size.rows}, ${settleSeconds} s to settle, then CPU (utime+stime from /proc) over ${measuredSeconds} s; lag p99 read off the event-loop pane every ${screenEveryMs} ms (median of the 250 ms windows)`,
  timeoutSeconds: 90,
  async measure({ repetition }) {
    const lagP99s: number[] = [];
    const lagMaxes: number[] = [];
    const runDashboard = () =>
      idleRun(execLine([nodeBinary, cliPath, '--paused']), /SCOREBOARD/, (screen) => {
        const lag = eventLoopLag(screen);
        if (lag) {
          lagP99s.push(lag.p99);
          lagMaxes.push(lag.max);
        }
      });
    const runGtop = () => idleRun(execLine([nodeBinary, gtopPath]), /Processes/);
    let dashboard: CpuShare;
    let gtop: CpuShare;
    if (repetition % 2 === 0) {
      dashboard = await runDashboard();
      gtop = await runGtop();
    } else {
      gtop = await runGtop();
      dashboard = await runDashboard();
    }
    return {
      lagP99: median(lagP99s),
      lagP99WorstWindow: Math.max(...lagP99s),
      lagMaxWorstWindow: Math.max(...lagMaxes),
      cpuPercent: dashboard.withChildrenPercent,
      gtopCpuPercent: gtop.ownPercent,
      gtopCpuWithChildrenPercent: gtop.withChildrenPercent,
      cpuVsGtop: dashboard.withChildrenPercent / gtop.ownPercent,
      cpuVsGtopWithChildren: dashboard.withChildrenPercent / gtop.withChildrenPercent,
    };
  },
  checks: [
    {
      label: 'idle: lag p99 (paused, 120×40)',
      key: 'lagP99',
      unit: 'ms',
      bound: { kind: 'below', value: 2 },
    },
    { label: 'idle: CPU, % of a core', key: 'cpuPercent', unit: '%', bound: { kind: 'below', value: 3 } },
    {
      label: "idle: CPU ÷ gtop's process",
      key: 'cpuVsGtop',
      unit: '×',
      bound: { kind: 'below', value: 1 },
    },
    {
      // gtop reads processes by running `ps` and friends on every refresh: their CPU is gtop's cost too.
      label: "idle: CPU ÷ gtop's with the ps it runs",
      key: 'cpuVsGtopWithChildren',
      unit: '×',
      bound: { kind: 'below', value: 1 },
    },
  ],
};
