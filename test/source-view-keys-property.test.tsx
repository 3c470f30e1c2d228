// The code overlay (`c`) over random sequences of its keys, the workload and model keys, the help and resizes:
// after each step the frame fits the terminal; while open, the overlay shows the running workload's file, each
// numbered line the file's own, from where the keys scrolled it (else its `run` line, marked); once closed, the
// dashboard is back.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { EngineAction } from '../source/engine/actions.ts';
import type { EngineHandle, WorkloadSummary } from '../source/engine/engine-handle.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { App } from '../source/ui/app.tsx';
import { layoutFor } from '../source/ui/layout.ts';
import { sourceWindow } from '../source/ui/source-view/source-lines.ts';
import { overlayRoom } from '../source/ui/source-view/source-overlay.tsx';
import { displayLines } from '../source/ui/source-view/source-text.ts';
import { builtinWorkloads } from '../workloads/index.ts';
import { asyncRunningCpu } from './fixtures/snapshots.ts';
import { seededRandom } from './helpers/seeded-random.ts';

afterEach(cleanup);

const root = path.resolve(import.meta.dirname, '..');
const workloads: WorkloadSummary[] = builtinWorkloads.map(({ name, kind, description }) => ({
  name,
  kind,
  description,
}));
const fileLines = new Map(
  workloads.map(({ name }) => [
    name,
    displayLines(readFileSync(path.join(root, 'workloads', `${name}.ts`), 'utf8')),
  ]),
);

/** A fake engine that runs whichever workload and model the keys ask for, publishing a snapshot as it would. */
function fakeEngine(): { handle: EngineHandle; running: () => string; actions: EngineAction[] } {
  let snapshot: Snapshot = asyncRunningCpu;
  const listeners = new Set<(snapshot: Snapshot) => void>();
  const actions: EngineAction[] = [];
  const publish = (next: Snapshot) => {
    snapshot = { ...next, at: snapshot.at + 250 };
    queueMicrotask(() => {
      for (const listener of listeners) listener(snapshot);
    });
  };
  const handle: EngineHandle = {
    latest: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch(action) {
      actions.push(action);
      if (action.type === 'setWorkload') {
        const summary = workloads.find((workload) => workload.name === action.workload);
        if (summary) publish({ ...snapshot, workload: { ...summary, knobs: {} } });
      } else if (action.type === 'switchModel') publish({ ...snapshot, model: action.model });
    },
    workloads,
  };
  return { handle, running: () => snapshot.workload.name, actions };
}

const keys = {
  c: 'c',
  esc: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  pageup: '\u001B[5~',
  pagedown: '\u001B[6~',
  j: 'j',
  k: 'k',
  help: '?',
  a: 'a',
  w: 'w',
  p: 'p',
  more: '+',
  '1': '1',
  '2': '2',
  '3': '3',
  '4': '4',
  '5': '5',
} as const;
type Name = keyof typeof keys;
const names = Object.keys(keys) as Name[];
const scrolls = new Set<Name>(['up', 'down', 'pageup', 'pagedown', 'j', 'k']);

/** What the keys should have left on the screen; `top` is where the code was scrolled to, unset: at `run`. */
type Model = { sourceOpen: boolean; helpOpen: boolean; top?: number | undefined };

/** How far each scroll key moves the code, given the page's length. */
function scrollBy(name: Name, page: number): number {
  if (name === 'up' || name === 'k') return -1;
  if (name === 'down' || name === 'j') return 1;
  return name === 'pageup' ? -(page - 1) : page - 1;
}

/** The model after a key; `lines` and `room` are the running workload's file and the overlay's height. */
function step(model: Model, name: Name, lines: readonly string[], room: number): Model {
  if (name === 'c')
    return model.sourceOpen
      ? { ...model, sourceOpen: false }
      : { ...model, sourceOpen: true, helpOpen: false, top: undefined };
  if (name === 'esc')
    return model.sourceOpen ? { ...model, sourceOpen: false } : { ...model, helpOpen: false };
  if (name === 'help')
    return model.sourceOpen
      ? { ...model, sourceOpen: false, helpOpen: true }
      : { ...model, helpOpen: !model.helpOpen };
  if (scrolls.has(name)) {
    if (!model.sourceOpen) return model;
    const window = sourceWindow(lines, room, model.top);
    return { ...model, top: Math.min(window.maxTop, Math.max(0, window.top + scrollBy(name, window.page))) };
  }
  // Engine keys act and close the help; the code stays open.
  return { ...model, helpOpen: false };
}

/** The overlay's height at a terminal size: the frame less the header and the footer. */
const roomAt = (size: { columns: number; rows: number }) => overlayRoom(layoutFor(size));

/** The overlay's numbered lines (`▶ 46 │ code`), as line number and code. */
function numberedLines(frame: string): { number: number; code: string; run: boolean }[] {
  return frame.split('\n').flatMap((line) => {
    const match = /^(▶| )\s*(\d+) │ ?(.*)$/.exec(line);
    return match ? [{ number: Number(match[2]), code: match[3] ?? '', run: match[1] === '▶' }] : [];
  });
}

function checkFrame(frame: string, model: Model, workload: string, size: { columns: number; rows: number }) {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThan(size.rows);
  for (const line of lines) expect(line.length).toBeLessThan(size.columns);
  expect(frame).not.toMatch(/ERROR|at .*\.tsx?:\d+/);
  if (!model.sourceOpen) {
    expect(frame).not.toContain('CODE —');
    expect(frame).toContain(model.helpOpen ? 'HELP —' : 'SCOREBOARD');
    return;
  }
  expect(frame).toContain(`CODE — ${workload} · workloads/${workload}.ts`);
  const file = fileLines.get(workload) ?? [];
  const shown = numberedLines(frame);
  expect(shown.length).toBeGreaterThan(5);
  for (const [index, line] of shown.entries()) {
    // Consecutive lines of the file, each its own text, cut with … where the terminal is narrower.
    if (index > 0) expect(line.number).toBe((shown[index - 1]?.number ?? 0) + 1);
    const original = file[line.number - 1] ?? '';
    const code = line.code.trimEnd();
    if (code.endsWith('…')) expect(original.startsWith(code.slice(0, -1))).toBe(true);
    else expect(code).toBe(original.trimEnd());
  }
  // Where the keys scrolled it to (within the file at this size), else with `run` first, marked.
  const window = sourceWindow(file, roomAt(size), model.top);
  expect((shown[0]?.number ?? 0) - 1).toBe(window.top);
  if (model.top === undefined) expect(shown.find((line) => line.run)?.code).toMatch(/\brun\(/);
}

/** One step of a sequence: a key by name, or a resize. */
type Step = Name | { columns: number; rows: number };

/** Drives the dashboard through `steps`, checking the frame against the model after each; returns what it saw. */
async function drive(
  steps: Iterable<Step>,
  label: string,
): Promise<{ opened: Set<string>; scrolledSteps: number }> {
  const { handle, running } = fakeEngine();
  let quits = 0;
  let size = { columns: 100, rows: 30 };
  const app = (current: typeof size) => (
    <App handle={handle} color={false} onQuit={() => quits++} size={current} />
  );
  const rendered = render(app(size));
  await new Promise((resolve) => setImmediate(resolve));
  let model: Model = { sourceOpen: false, helpOpen: false };
  const opened = new Set<string>();
  let scrolledSteps = 0;
  let index = 0;
  for (const next of steps) {
    let pressed = 'resize';
    if (typeof next === 'object') {
      size = next;
      rendered.rerender(app(size));
    } else {
      pressed = next;
      const before = running();
      rendered.stdin.write(keys[next]);
      model = step(model, next, fileLines.get(before) ?? [], roomAt(size));
      // Another workload's code opens at its `run`.
      if (/^[1-5]$/.test(next) && workloads[Number(next) - 1]?.name !== before)
        model = { ...model, top: undefined };
      // Ink holds a lone ESC for 20 ms in case a sequence follows: the next key must not join it (alt-…).
      if (next === 'esc') await new Promise((resolve) => setTimeout(resolve, 40));
    }
    const where = `${label} step ${index++}: ${pressed} at ${size.columns}×${size.rows}`;
    await vi.waitFor(() => {
      try {
        checkFrame(rendered.lastFrame() ?? '', model, running(), size);
      } catch (error) {
        throw new Error(`${where}: ${(error as Error).message}\n${rendered.lastFrame()}`);
      }
    });
    if (model.sourceOpen) opened.add(running());
    if (model.sourceOpen && model.top !== undefined) scrolledSteps++;
  }
  expect(quits).toBe(0);
  rendered.stdin.write('q');
  await vi.waitFor(() => expect(quits).toBe(1));
  return { opened, scrolledSteps };
}

function* randomSteps(seed: number, count: number): Generator<Step> {
  const next = seededRandom(seed * 104_729);
  for (let index = 0; index < count; index++) {
    if (next() < 0.12) yield { columns: 80 + Math.floor(next() * 120), rows: 24 + Math.floor(next() * 40) };
    // `c` often, so the overlay is open for much of the sequence.
    else yield next() < 0.25 ? 'c' : (names[Math.floor(next() * names.length)] ?? 'c');
  }
}

describe('the code overlay over random sequences of keys and resizes', () => {
  test.each([1, 2, 3, 4, 5, 6])(
    'seed %i: it shows the running workload, fits, closes to the dashboard, and q still quits',
    async (seed) => {
      const { opened, scrolledSteps } = await drive(randomSteps(seed, 60), `seed ${seed}`);
      expect(opened.size).toBeGreaterThan(0);
      expect(scrolledSteps).toBeGreaterThan(0);
    },
  );

  test('a workload switched back to opens at its run again, not where it was scrolled', async () => {
    await drive(['c', 'pageup', 'pageup', '3', '1', 'pagedown', '3', 'up', '3', 'esc'], 'back and forth');
  });
});
