import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { built, closingSessions, requireTerminalInCi } from './helpers/terminal-tests.ts';
import { hasTmux, TerminalSession } from './helpers/tmux.ts';

// In CI the terminal tests must run (.ci/run installs tmux); elsewhere they need tmux, a build and /proc.
requireTerminalInCi();
const canRun = hasTmux && built && existsSync('/proc/self/stat');

const sessions = closingSessions();

/** CPU time the process used so far, every thread, as the kernel counts it (utime + stime), in seconds. */
function processCpuSeconds(pid: number, ticksPerSecond: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: the fields are counted after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** The elapsed time in the header, which changes with every frame. */
const clock = /⏱ \d+:\d\d/;

/** The share of a core the dashboard says it costs, from the CPU pane. */
function onScreenCost(screen: string): number | undefined {
  const match = /dashboard itself: ([\d.]+)% of a core/.exec(screen);
  return match ? Number(match[1]) / 100 : undefined;
}

describe.runIf(canRun)('the dashboard’s own cost on screen', () => {
  it('agrees within 20 % with the CPU time /proc counts for the process, with the workload paused', async () => {
    const session = new TerminalSession(['--paused'], { columns: 120, rows: 40 });
    sessions.push(session);
    // Past start-up (module loading, the first frames, the machine details), whose cost is not steady.
    await session.waitForScreen(/⏱ 0:0[4-9]/, 'four seconds of the paused dashboard');
    // Start-up is over by then; from here on the cost is steady, and both sides measure the same 10 s.
    const pid = session
      .processes()
      .find((candidate) => readFileSync(`/proc/${candidate}/cmdline`, 'utf8').includes('cli.js'));
    expect(pid).toBeDefined();
    const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    // The pane averages the last 10 s of idle windows, and a paused dashboard draws once a second. Read /proc
    // every 100 ms and, at the first new frame after 15 s, compare with /proc over the 10 s before it.
    const readings: { at: number; cpu: number }[] = [];
    let screen = session.screen();
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline) {
      readings.push({ at: performance.now(), cpu: processCpuSeconds(pid as number, ticksPerSecond) });
      const next = session.screen();
      const newFrame = next.match(clock)?.[0] !== screen.match(clock)?.[0];
      screen = next;
      if (newFrame && /⏱ 0:(1[5-9]|[2-5]\d)/.test(screen)) break;
      await delay(100);
    }
    const last = readings.at(-1) as { at: number; cpu: number };
    const first = readings.find((reading) => reading.at >= last.at - 10_000) as { at: number; cpu: number };
    const outside = (last.cpu - first.cpu) / ((last.at - first.at) / 1000);
    const shown = onScreenCost(screen);
    expect(shown, `no cost on screen:\n${screen}`).toBeDefined();
    expect(outside).toBeGreaterThan(0);
    expect(
      Math.abs((shown as number) - outside) / outside,
      `shown ${shown}, /proc ${outside}`,
    ).toBeLessThanOrEqual(0.2);
  });

  it('the header shows the physical cores once the built worker has read them', async () => {
    const session = new TerminalSession(['--paused'], { columns: 160, rows: 40 });
    sessions.push(session);
    await session.waitForScreen(/\d+ (physical|P\+\d+E) cores/, 'the machine details in the header');
  });
});
