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
const probeFloorPath = path.join(import.meta.dirname, 'probe-floor.ts');
/** probe-floor.ts's line once it runs (not imported: importing it would start its probe here). */
const probeReady = /PROBE-FLOOR-RUNNING/;

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
  method: `\`concur-tui --paused\` and \`gtop\` each in tmux ${size.columns}×${size.rows}, and a bare Node running only the lag probe (probe-floor.ts), in the order probe, ours, gtop, ours (ours first on odd repetitions), ${settleSeconds} s to settle, then CPU (utime+stime from /proc) over ${measuredSeconds} s; lag p99 read off the event-loop pane every ${screenEveryMs} ms (median of the 250 ms windows)`,
  timeoutSeconds: 150,
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
    const runProbe = () => idleRun(execLine([nodeBinary, probeFloorPath]), probeReady);
    // Floor, ours, floor, ours…: the bare probe and gtop take turns with the dashboard, starting side
    // alternating by repetition.
    const order =
      repetition % 2 === 0 ? ['probe', 'ours', 'gtop', 'ours'] : ['ours', 'probe', 'ours', 'gtop'];
    const ours: CpuShare[] = [];
    let probe: CpuShare | undefined;
    let gtop: CpuShare | undefined;
    for (const side of order) {
      if (side === 'ours') ours.push(await runDashboard());
      else if (side === 'probe') probe = await runProbe();
      else gtop = await runGtop();
    }
    const cpuPercent = median(ours.map((share) => share.withChildrenPercent));
    const probePercent = probe?.withChildrenPercent ?? Number.NaN;
    const gtopPercent = gtop?.ownPercent ?? Number.NaN;
    const gtopWithChildrenPercent = gtop?.withChildrenPercent ?? Number.NaN;
    return {
      lagP99: median(lagP99s),
      lagP99WorstWindow: Math.max(...lagP99s),
      lagMaxWorstWindow: Math.max(...lagMaxes),
      cpuPercent,
      probeCpuPercent: probePercent,
      gtopCpuPercent: gtopPercent,
      gtopCpuWithChildrenPercent: gtopWithChildrenPercent,
      cpuVsProbe: cpuPercent / probePercent,
      cpuVsGtop: cpuPercent / gtopPercent,
      cpuVsGtopWithChildren: cpuPercent / gtopWithChildrenPercent,
    };
  },
  checks: [
    {
      label: 'idle: lag p99 (paused, 120×40)',
      key: 'lagP99',
      unit: 'ms',
      bound: { kind: 'below', value: 1 },
    },
    {
      label: 'idle: CPU ÷ a bare Node running the lag probe',
      key: 'cpuVsProbe',
      unit: '×',
      // No target in the issue: how much the dashboard adds to the probe it cannot do without.
      bound: { kind: 'none' },
      absolute: { ours: 'cpuPercent', floor: 'probeCpuPercent', unit: '%' },
    },
    {
      label: "idle: CPU ÷ gtop's process",
      key: 'cpuVsGtop',
      unit: '×',
      bound: { kind: 'below', value: 1 },
      absolute: { ours: 'cpuPercent', floor: 'gtopCpuPercent', unit: '%' },
    },
    {
      // gtop reads processes by running `ps` and friends on every refresh: their CPU is gtop's cost too.
      label: "idle: CPU ÷ gtop's with the ps it runs",
      key: 'cpuVsGtopWithChildren',
      unit: '×',
      bound: { kind: 'below', value: 1 },
      absolute: { ours: 'cpuPercent', floor: 'gtopCpuWithChildrenPercent', unit: '%' },
    },
  ],
};
