import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { foregroundFromStat, inForegroundGroup, untilForeground } from '../source/ui/foreground.ts';

/** A /proc/<pid>/stat line: pid, command, state, ppid, pgrp, session, tty_nr, tpgid, then the rest. */
function stat({ command = 'node', group = 400, terminal = 34816, foregroundGroup = 400 } = {}): string {
  return `412 (${command}) S 399 ${group} 399 ${terminal} ${foregroundGroup} 4194560 1210 0 0 0 3 1 0 0 20 0`;
}

describe('whether the process group owns the terminal', () => {
  test('it does when the terminal’s foreground group is its own', () => {
    expect(foregroundFromStat(stat())).toBe(true);
  });

  test('it does not when the shell or another job holds the terminal (`bg`, or stopped)', () => {
    expect(foregroundFromStat(stat({ foregroundGroup: 399 }))).toBe(false);
  });

  test('a command holding spaces and parentheses does not shift the fields', () => {
    expect(foregroundFromStat(stat({ command: 'node (x) 1 2 3', foregroundGroup: 399 }))).toBe(false);
    expect(foregroundFromStat(stat({ command: 'a) S 1 2 3 4 5 (b' }))).toBe(true);
  });

  test('with no controlling terminal, or one hung up, nothing stops a write: taken as owning it', () => {
    expect(foregroundFromStat(stat({ terminal: 0, foregroundGroup: -1 }))).toBe(true);
    expect(foregroundFromStat(stat({ foregroundGroup: -1 }))).toBe(true);
  });

  test.runIf(existsSync('/proc/self/stat'))('this process reads the same as its own /proc line', () => {
    expect(inForegroundGroup()).toBe(foregroundFromStat(readFileSync('/proc/self/stat', 'utf8')));
  });
});

describe('waiting for the foreground at the start', () => {
  /** The shell's side: each stop hands control to `shell`, which decides who owns the terminal next. */
  function job(shell: (stops: number) => { foreground: boolean; quit?: boolean }) {
    const quit = new AbortController();
    let foreground = false;
    let stops = 0;
    const wait = untilForeground(quit.signal, {
      inForeground: () => foreground,
      stop: () => {
        stops += 1;
        const next = shell(stops);
        foreground = next.foreground;
        if (next.quit) quit.abort();
      },
      afterSignalsReceived: (then) => queueMicrotask(then),
    });
    return { wait, stops: () => stops, quit };
  }

  test('in the foreground it goes on at once, without stopping', async () => {
    const quit = new AbortController();
    let stopped = false;
    await untilForeground(quit.signal, { inForeground: () => true, stop: () => (stopped = true) });
    expect(stopped).toBe(false);
  });

  test('started in the background, it stops until fg, through any number of bg', async () => {
    const { wait, stops } = job((count) => ({ foreground: count === 3 }));
    await wait;
    expect(stops()).toBe(3);
  });

  test('a quit that comes with the continue (kill %1) ends the wait, still in the background', async () => {
    const { wait, stops } = job((count) => ({ foreground: false, quit: count === 2 }));
    await wait;
    expect(stops()).toBe(2);
  });
});
