import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { build } from 'esbuild';
import { bundleOptions } from '../bundle-options.ts';
import type { Figure } from './figure.ts';
import { median } from './stats.ts';
import {
  cliPath,
  commandLine,
  execLine,
  nodeBinary,
  repositoryRoot,
  shellQuote,
  Terminal,
  waitForExit,
} from './terminal.ts';

/** Bundles plain Ink's static frame with the binary's settings, next to node_modules as dist/ is. */
async function bundleInkFrame(outdir: string): Promise<string> {
  await build({
    ...bundleOptions,
    entryPoints: { 'ink-first-frame': path.join(import.meta.dirname, 'ink-first-frame.tsx') },
    outdir,
    absWorkingDir: repositoryRoot,
  });
  return path.join(outdir, 'ink-first-frame.js');
}

const size = { columns: 120, rows: 40 };
/** Timed pairs per repetition, after one untimed pair that warms the file cache. */
const pairs = 5;
const nodeMarker = 'NODE-E-0-DONE';

export const startup: Figure = {
  name: 'startup',
  needsTerminal: true,
  method: `tmux ${size.columns}×${size.rows}; a tmux control-mode client times from opening a window with the program to the moment the pane's output holds SCOREBOARD (\`concur-tui\`, default cpu/async, and plain Ink's static frame of the same size (ink-first-frame.tsx, bundled like the binary)) or the line the shell prints after \`node -e 0\` exits, and \`concur-tui\` once more with ? pressed as its window opens, until its help shows; the four in turn, median of ${pairs} rounds`,
  timeoutSeconds: 90,
  async measure() {
    const scratch = path.join(repositoryRoot, '.bench-tmp');
    mkdirSync(scratch, { recursive: true });
    const outdir = mkdtempSync(path.join(scratch, 'startup-'));
    const inkFrame = await bundleInkFrame(outdir);
    // The first window only keeps the session open; every program gets a window of its own.
    const terminal = new Terminal('exec sleep 600', size);
    const watch = terminal.watchOutput();
    const dashboardTimes: number[] = [];
    const answeredTimes: number[] = [];
    const inkTimes: number[] = [];
    const nodeTimes: number[] = [];
    let runs = 0;
    /** Time from `new-window` to `text` in the output; then the window closes and its program is gone. */
    const time = async (line: string, text: string, keys = '') => {
      const window = `run${++runs}`;
      // Keys go to the window as soon as it exists, before the program could read them: they wait in the terminal.
      const press = keys ? ` ; send-keys -t ${window} ${shellQuote(keys)}` : '';
      const ms = await watch.timeUntil(
        `new-window -d -n ${window} -t bench ${shellQuote(line)}${press}`,
        text,
      );
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
        // The first frame is drawn before Ink loads; the help, asked for by a key pressed at the start, shows
        // when the dashboard itself reads keys and draws.
        const answeredMs = await time(execLine([nodeBinary, cliPath]), 'HELP', '?');
        const inkMs = await time(execLine([nodeBinary, inkFrame]), 'SCOREBOARD');
        // `sleep` keeps the window open after the marker, so the pid read afterwards is still the shell's.
        const nodeMs = await time(
          `${commandLine([nodeBinary, '-e', '0'])}; echo ${nodeMarker}; exec sleep 600`,
          nodeMarker,
        );
        if (pair === 0) continue;
        dashboardTimes.push(dashboardMs);
        answeredTimes.push(answeredMs);
        inkTimes.push(inkMs);
        nodeTimes.push(nodeMs);
      }
    } finally {
      watch.close();
      terminal.close();
      rmSync(outdir, { recursive: true, force: true });
    }
    const dashboardMs = median(dashboardTimes);
    const answeredMs = median(answeredTimes);
    const inkMs = median(inkTimes);
    const nodeMs = median(nodeTimes);
    return {
      firstFrameMs: dashboardMs,
      keyAnsweredMs: answeredMs,
      answeredRatio: answeredMs / nodeMs,
      inkFirstFrameMs: inkMs,
      nodeMs,
      ratio: dashboardMs / nodeMs,
      inkRatio: inkMs / nodeMs,
      ratioToInk: dashboardMs / inkMs,
    };
  },
  checks: [
    {
      label: 'startup: first frame ÷ node -e 0',
      key: 'ratio',
      unit: '×',
      bound: { kind: 'atMost', value: 3 },
      absolute: { ours: 'firstFrameMs', floor: 'nodeMs', unit: 'ms' },
    },
    {
      // The first frame comes before Ink has loaded: this is when a key pressed at the start is answered.
      label: 'startup: a key pressed at the start answered ÷ node -e 0',
      key: 'answeredRatio',
      unit: '×',
      bound: { kind: 'none' },
      absolute: { ours: 'keyAnsweredMs', floor: 'nodeMs', unit: 'ms' },
    },
    {
      // Ink's own start sets a floor under the one above: shown so the two can be told apart.
      label: "startup: plain Ink's first frame ÷ node -e 0",
      key: 'inkRatio',
      unit: '×',
      bound: { kind: 'none' },
      reading: true,
      absolute: { ours: 'inkFirstFrameMs', floor: 'nodeMs', unit: 'ms' },
    },
    {
      label: "startup: first frame ÷ plain Ink's",
      key: 'ratioToInk',
      unit: '×',
      bound: { kind: 'none' },
      absolute: { ours: 'firstFrameMs', floor: 'inkFirstFrameMs', unit: 'ms' },
    },
  ],
};
