import { Console } from 'node:console';
import { EventEmitter } from 'node:events';
import { Terminal } from '@xterm/headless';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineHandle } from '../source/engine/engine-handle.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { drawFirstFrame, type JobControl } from '../source/ui/first-frame.ts';
import { runDashboard } from '../source/ui/run-dashboard.tsx';
import { fakeKeyboard } from './helpers/fake-tty.ts';
import { namedSnapshots, twoWorkloads } from './helpers/named-snapshots.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const noJobControl: JobControl = { on: () => undefined, off: () => undefined, stop: () => undefined };

beforeAll(() => {
  if (!('Console' in console)) Object.assign(console, { Console });
});

/** A TTY whose writes land in a headless xterm, and a keyboard nobody types on. */
function emulated(columns: number, rows: number) {
  const terminal = new Terminal({ cols: columns, rows, allowProposedApi: true, convertEol: true });
  const stdout = Object.assign(new EventEmitter(), {
    isTTY: true,
    columns,
    rows,
    write(data: string, callback?: () => void) {
      terminal.write(data);
      callback?.();
      return true;
    },
  });
  const screen = async () => {
    await new Promise<void>((resolve) => terminal.write('', resolve));
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < rows; row++) lines.push(buffer.getLine(row)?.translateToString(true) ?? '');
    return lines;
  };
  return {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: fakeKeyboard().stdin,
    screen,
    dispose: () => terminal.dispose(),
  };
}

function handleFor(snapshot: Snapshot): EngineHandle {
  return { latest: () => snapshot, subscribe: () => () => {}, dispatch: () => {}, workloads: twoWorkloads };
}

/** The screen once Ink has drawn `inked`, over a first frame drawn from `first` (or none). */
async function screenAfter(first: Snapshot | undefined, inked: Snapshot, columns: number, rows: number) {
  const terminal = emulated(columns, rows);
  const drawn = first
    ? drawFirstFrame(
        terminal.stdout,
        terminal.stdin,
        { snapshot: first, size: { columns, rows }, color: false, workloadCount: twoWorkloads.length },
        noJobControl,
      )
    : undefined;
  const quit = new AbortController();
  let drew: () => void = () => undefined;
  const inkDrew = new Promise<void>((resolve) => {
    drew = resolve;
  });
  const done = runDashboard(handleFor(inked), {
    color: false,
    signal: quit.signal,
    stdout: terminal.stdout,
    stdin: terminal.stdin,
    ...(drawn ? { firstFrame: drawn } : {}),
    onFirstFrame: () => drew(),
  });
  await inkDrew;
  const screen = await terminal.screen();
  quit.abort();
  await done;
  terminal.dispose();
  return screen;
}

describe('the hand-over from the first frame to Ink', () => {
  it.each([1, 2, 3, 4])(
    'leaves exactly Ink’s frame on screen when Ink draws a newer snapshot (seed %i)',
    async (seed) => {
      const random = seededRandom(seed);
      for (let pair = 0; pair < 4; pair++) {
        const pick = () => namedSnapshots[Math.floor(random() * namedSnapshots.length)] as [string, Snapshot];
        const [firstName, first] = pick();
        const [inkedName, inked] = pick();
        const columns = 80 + Math.floor(random() * 120);
        const rows = 24 + Math.floor(random() * 30);
        const expected = await screenAfter(undefined, inked, columns, rows);
        const actual = await screenAfter(first, inked, columns, rows);
        expect(actual, `${firstName} then ${inkedName} at ${columns}×${rows}`).toEqual(expected);
      }
    },
  );
});
