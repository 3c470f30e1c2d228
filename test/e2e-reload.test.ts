// A speaker's edit on stage, in a real terminal: the dashboard runs a workload file whose tasks block the loop
// for 20 ms; the file is saved with a version that yields between 1 ms chunks; within two seconds the charts
// say "reloaded" and the lag p99 falls. Run as a user runs it: dist/cli.js --workload ./task.mjs.
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, TerminalSession } from './helpers/tmux.ts';
import { waitFor } from './helpers/wait-for.ts';

const root = path.resolve(import.meta.dirname, '..');
let bundleDirectory = '';
let session: TerminalSession | undefined;

function taskSource(body: string): string {
  return `export default {
  name: 'edited',
  kind: 'cpu',
  description: 'a task edited while it runs',
  knobs: [],
  async run(input) {
${body}
  },
};
`;
}

const blocking = taskSource(`    const end = performance.now() + 20;
    while (performance.now() < end) {}`);

const yielding = taskSource(`    for (let chunk = 0; chunk < 20; chunk++) {
      const end = performance.now() + 1;
      while (performance.now() < end) {}
      await input.context.yield();
    }`);

/** The lag p99 the event-loop pane shows, in ms. */
function lagP99(screen: string): number | undefined {
  const match = /lag ms\s+p50 [\d.,]+\s+p99 ([\d.,]+)/.exec(screen);
  return match ? Number(match[1]?.replaceAll(',', '')) : undefined;
}

beforeAll(() => {
  mkdirSync(path.join(root, '.bench-tmp'), { recursive: true });
  bundleDirectory = mkdtempSync(path.join(root, '.bench-tmp', 'e2e-reload-'));
});

afterAll(() => {
  session?.closeAll();
  rmSync(bundleDirectory, { recursive: true, force: true });
});

describe.runIf(hasTmux)('a workload file edited while the dashboard runs', () => {
  it('marks the reload and the lag falls within two seconds of the save', async () => {
    const file = path.join(bundleDirectory, 'task.mjs');
    writeFileSync(file, blocking);
    session = new TerminalSession(['--workload', file], { columns: 120, rows: 40 });
    const running = session;
    await running.waitForScreen(/lag ms/, 'the first frame');
    // The blocking version holds the loop 20 ms per task: p99 near 20 ms once a window is measured.
    await waitFor(() => (lagP99(running.screen()) ?? 0) >= 15, { what: 'a blocked loop', timeoutMs: 10_000 });
    const before = lagP99(running.screen()) ?? 0;

    // Saved as an editor saves: a temporary file renamed over the original.
    const temporary = path.join(bundleDirectory, '.task.mjs.tmp');
    writeFileSync(temporary, yielding);
    const savedAt = performance.now();
    renameSync(temporary, file);
    const screen = await running.waitForScreen(/reloaded/, 'the reload marked', 2000);
    expect(screen).toMatch(/reloaded task\.mjs \(v2\)|reloaded v2/);
    // Half is a fall well beyond a window's noise: the yielding version's p99 is about a chunk (1 ms) when quiet.
    await waitFor(() => (lagP99(running.screen()) ?? before) < before / 2, {
      what: `lag p99 to fall from ${before} ms`,
      timeoutMs: Math.max(100, 2000 - (performance.now() - savedAt)),
      everyMs: 50,
    });
    running.press('q');
  }, 60_000);
});
