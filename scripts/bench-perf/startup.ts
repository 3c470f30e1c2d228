import { setTimeout as delay } from 'node:timers/promises';
import type { Figure } from './figure.ts';
import { median } from './stats.ts';
import { cliPath, commandLine, execLine, nodeBinary, shellQuote, Terminal, waitForExit } from './terminal.ts';

const size = { columns: 120, rows: 40 };
/** Timed pairs per repetition, after one untimed pair that warms the file cache. */
const pairs = 5;
const nodeMarker = 'NODE-E-0-DONE';

export const startup: Figure = {
  name: 'startup',
  needsTerminal: true,
  method: `tmux ${size.columns}×${size.rows}; a tmux control-mode client times from opening a window with the program to the moment the pane's output holds SCOREBOARD (\`concur-tui\`, default cpu/async) or the line the shell prints after \`node -e 0\` exits; median of ${pairs} pairs`,
  timeoutSeconds: 90,
  async measure() {
    // The first window only keeps the session open; every program gets a window of its own.
    const terminal = new Terminal('exec sleep 600', size);
    const watch = terminal.watchOutput();
    const dashboardTimes: number[] = [];
    const nodeTimes: number[] = [];
    let runs = 0;
    /** Time from `new-window` to `text` in the output; then the window closes and its program is gone. */
    const time = async (line: string, text: string) => {
      const window = `run${++runs}`;
      const ms = await watch.timeUntil(`new-window -d -n ${window} -t bench ${shellQuote(line)}`, text);
      const pid = await terminal.pid(window);
      await terminal.killWindow(window);
      // A dashboard still shutting down must not share the cores with the next start.
      await waitForExit(pid).catch(() => undefined);
      await delay(300);
      return ms;
    };
    try {
      await delay(300);
      for (let pair = 0; pair <= pairs; pair++) {
        const dashboardMs = await time(execLine([nodeBinary, cliPath]), 'SCOREBOARD');
        // `sleep` keeps the window open after the marker, so the pid read afterwards is still the shell's.
        const nodeMs = await time(
          `${commandLine([nodeBinary, '-e', '0'])}; echo ${nodeMarker}; exec sleep 600`,
          nodeMarker,
        );
        if (pair === 0) continue;
        dashboardTimes.push(dashboardMs);
        nodeTimes.push(nodeMs);
      }
    } finally {
      watch.close();
      terminal.close();
    }
    const dashboardMs = median(dashboardTimes);
    const nodeMs = median(nodeTimes);
    return { firstFrameMs: dashboardMs, nodeMs, ratio: dashboardMs / nodeMs };
  },
  checks: [
    {
      label: 'startup: first frame ÷ node -e 0',
      key: 'ratio',
      unit: '×',
      bound: { kind: 'atMost', value: 3 },
      absolute: { ours: 'firstFrameMs', floor: 'nodeMs', unit: 'ms' },
    },
  ],
};
