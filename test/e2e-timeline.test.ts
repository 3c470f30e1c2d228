import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rowText, type StyledCell, styledScreen } from './helpers/styled-screen.ts';
import { built, closingSessions, openIn, requireTerminalInCi } from './helpers/terminal-tests.ts';
import { hasTmux, type TerminalSession } from './helpers/tmux.ts';
import { waitFor } from './helpers/wait-for.ts';

// The lanes' four pictures of issue 14 §1, the GIL taking turns, the task detail and the blame line, as a user
// sees them in a real terminal. The machine is shared: shapes are judged with margins, never exact timings.

requireTerminalInCi();

const secondSliceBlock = path.resolve(import.meta.dirname, 'fixtures/second-slice-block-workload.ts');
const sessions = closingSessions();

const open = (args: string[], columns = 80, rows = 24, env: Record<string, string> = {}) =>
  openIn(sessions, args, { columns, rows, env });

/** A lane's cells after its label, as drawn: full (inverse video), partial (`.` `:`) or idle. */
type Lane = { label: string; cells: StyledCell[] };

function lanes(screen: StyledCell[][]): Map<string, Lane> {
  const found = new Map<string, Lane>();
  for (const row of screen) {
    const match = /^(main|t\d+|p\d+)(?: +|$)/.exec(rowText(row));
    if (match?.[1]) found.set(match[1], { label: match[1], cells: row.slice(match[0].length) });
  }
  return found;
}

const isFull = (cell: StyledCell) => cell.inverse;
const isPartial = (cell: StyledCell) => !cell.inverse && (cell.char === '.' || cell.char === ':');

function share(cells: readonly StyledCell[], test: (cell: StyledCell) => boolean): number {
  return cells.length === 0 ? 0 : cells.filter(test).length / cells.length;
}

/** Runs of consecutive full cells. */
function fullRuns(cells: readonly StyledCell[]): number[] {
  const runs: number[] = [];
  let run = 0;
  for (const cell of [...cells, { char: ' ', inverse: false }]) {
    if (isFull(cell)) run++;
    else if (run > 0) {
      runs.push(run);
      run = 0;
    }
  }
  return runs;
}

/** How often a full cell's glyph differs from the full cell before it: neighbouring tasks told apart. */
function glyphChanges(cells: readonly StyledCell[]): number {
  let changes = 0;
  for (let index = 1; index < cells.length; index++) {
    const [before, cell] = [cells[index - 1], cells[index]];
    if (before && cell && isFull(before) && isFull(cell) && before.char !== cell.char) changes++;
  }
  return changes;
}

/** A lane's shape in a word, with the margins the assertions use: what the snapshot holds. */
function shape(lane: Lane): string {
  if (share(lane.cells, isFull) >= 0.5) return 'busy';
  const marked = lane.cells.filter((cell) => isFull(cell) || isPartial(cell));
  if (marked.length === 0) return 'idle';
  return share(marked, isPartial) >= 0.8 ? 'slivers' : 'mixed';
}

/**
 * The timeline pane, normalised: numbers masked, each lane reduced to its shape, the stall row and the caption's
 * stall left out (whether a stall falls in the window is luck), so a snapshot sees a change of picture, not of
 * timing.
 */
function normalisedTimeline(screen: StyledCell[][]): string {
  const text = screen.map(rowText);
  const top = text.findIndex((line) => line.includes('TIMELINE'));
  const bottom = text.findIndex((line, index) => index > top && line.includes('loop stall'));
  const found = lanes(screen);
  return text
    .slice(top, bottom + 1)
    .filter((line) => !line.startsWith('stall '))
    .map((line) => {
      const label = /^(main|t\d+|p\d+)(?: |$)/.exec(line)?.[1];
      if (label) {
        const lane = found.get(label);
        return `${label} ${lane ? shape(lane) : '?'}`;
      }
      if (line.includes('TIMELINE')) return line.replace(/last [\d.]+m?s.*$/, 'last #').trimEnd();
      return line.replace(/\d+(\.\d+)?/g, '#').trimEnd();
    })
    .join('\n');
}

/** Polls the styled screen until `holds` says the picture is there; fails with the last screen. */
async function waitForPicture(
  session: TerminalSession,
  holds: (screen: StyledCell[][]) => boolean,
  what: string,
  timeoutMs = 12_000,
): Promise<StyledCell[][]> {
  let screen: StyledCell[][] = [];
  try {
    await waitFor(
      () => {
        screen = styledScreen(session.name);
        return holds(screen);
      },
      { timeoutMs, everyMs: 200, what },
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; the screen was:\n${screen.map(rowText).join('\n')}`);
  }
  return screen;
}

async function showLanes(session: TerminalSession): Promise<void> {
  await session.waitForScreen(/running/, 'the first frame');
  session.press('t');
  await session.waitForScreen(/TIMELINE/, 'the timeline lanes');
}

async function quits(session: TerminalSession): Promise<void> {
  session.press('q');
  expect(await session.waitForExit()).toBe(0);
}

describe.runIf(hasTmux && built)('the timeline lanes in a real terminal', () => {
  it('async cpu: one lane of back-to-back bars, neighbouring tasks told apart', async () => {
    const session = open(['--workload', 'cpu']);
    await showLanes(session);
    const screen = await waitForPicture(
      session,
      (now) => {
        const main = lanes(now).get('main');
        return main !== undefined && share(main.cells, isFull) >= 0.6 && glyphChanges(main.cells) >= 4;
      },
      'the main lane mostly full, alternating between two tasks',
    );
    expect(rowText(screen.find((row) => rowText(row).startsWith('stall ')) ?? [])).toContain('!');
    expect(normalisedTimeline(screen)).toMatchSnapshot();
    await quits(session);
  }, 30_000);

  it('with no styles at all (CI set: chalk drops even inverse video) the lanes and the picked row read in glyphs', async () => {
    const session = open(['--workload', 'cpu'], 100, 40, { CI: 'true' });
    await showLanes(session);
    const screen = await waitForPicture(
      session,
      (now) => {
        const main = lanes(now).get('main');
        if (!main || now.some((row) => row.some((cell) => cell.inverse))) return false;
        // Neighbouring tasks alternate between `#` and `=`; `|` starts a task drawn like the one before it.
        const full = (cell: StyledCell) => '#=|'.includes(cell.char) && cell.char !== ' ';
        return share(main.cells, full) >= 0.6 && main.cells.some((cell) => cell.char === '#');
      },
      'the main lane in # and = glyphs, with no inverse video anywhere',
    );
    expect(screen.map(rowText).join('\n')).toMatch(/## a task/);
    session.press('j');
    await session.waitForScreen(/^>\s*#\d+ /m, 'the picked row marked with >');
    await quits(session);
  }, 30_000);

  it('async io-timer at 10,000 in flight: one lane of thin slivers', async () => {
    const session = open(['--workload', 'io-timer', '--concurrency', '10000']);
    await showLanes(session);
    const screen = await waitForPicture(
      session,
      (now) => {
        const main = lanes(now).get('main');
        if (!main) return false;
        const marked = main.cells.filter((cell) => isFull(cell) || isPartial(cell));
        // A GC pause can fill a column or two: the lane is slivers when most marks are partial cells.
        return marked.length >= 20 && share(marked, isPartial) >= 0.85;
      },
      'the main lane made of partial cells',
    );
    expect(normalisedTimeline(screen)).toMatchSnapshot();
    await quits(session);
  }, 30_000);

  it('workers cpu: as many busy lanes as threads, and an idle main lane', async () => {
    const session = open(['--workload', 'cpu', '--model', 'workers', '--threads', '2']);
    await showLanes(session);
    const screen = await waitForPicture(
      session,
      (now) => {
        const found = lanes(now);
        const busy = ['t1', 't2'].filter((name) => {
          const lane = found.get(name);
          return lane !== undefined && share(lane.cells, isFull) >= 0.5;
        });
        return busy.length === 2;
      },
      'two busy thread lanes',
    );
    const found = lanes(screen);
    expect([...found.keys()].filter((name) => name.startsWith('t'))).toEqual(['t1', 't2']);
    expect(share(found.get('main')?.cells ?? [], isFull)).toBeLessThan(0.1);
    expect(normalisedTimeline(screen)).toMatchSnapshot();
    await quits(session);
  }, 30_000);

  it('async blocking: one lane of long bars while the process uses almost no CPU', async () => {
    const session = open(['--workload', 'blocking']);
    await showLanes(session);
    const screen = await waitForPicture(
      session,
      (now) => {
        const main = lanes(now).get('main');
        // 50 ms calls in 10 ms columns: bars of about 5 cells, back to back.
        const bars = main !== undefined && fullRuns(main.cells).some((run) => run >= 4);
        // The cores of a shared machine are busy with others' work: the process's own use shows the idle
        // core (once start-up has left its window).
        const processCores = /process ([\d.]+) cores/.exec(now.map(rowText).join('\n'))?.[1];
        return bars && share(main?.cells ?? [], isFull) >= 0.6 && Number(processCores) < 0.3;
      },
      'long bars on the main lane while the process uses under 0.3 cores',
    );
    expect(normalisedTimeline(screen)).toMatchSnapshot();
    await quits(session);
  }, 30_000);

  it('the GIL: the two thread lanes take turns', async () => {
    const session = open(['--workload', 'cpu']);
    await session.waitForScreen(/running/, 'the first frame');
    session.press('w');
    await session.waitForScreen(/busy [12]\/2/, 'busy worker threads');
    session.press('g');
    await session.waitForScreen(/GIL/, 'the GIL on');
    session.press('t');
    await session.waitForScreen(/TIMELINE/, 'the timeline lanes');
    // Columns from before the GIL scroll off the lanes within about a second.
    await waitForPicture(
      session,
      (now) => {
        const found = lanes(now);
        const [one, two] = [found.get('t1')?.cells ?? [], found.get('t2')?.cells ?? []];
        const columns = Math.min(one.length, two.length);
        let busy = 0;
        let both = 0;
        for (let column = 0; column < columns; column++) {
          const [first, second] = [one[column], two[column]];
          const fullOne = first !== undefined && isFull(first);
          const fullTwo = second !== undefined && isFull(second);
          if (fullOne || fullTwo) busy++;
          if (fullOne && fullTwo) both++;
        }
        // Both lanes work, seldom in the same column (a hand-over can share one).
        return share(one, isFull) >= 0.1 && share(two, isFull) >= 0.1 && busy >= 20 && both / busy <= 0.15;
      },
      'thread lanes taking turns',
    );
    await quits(session);
  }, 30_000);

  it('opens a task with j and enter, shows its slices and the histograms, and esc goes back', async () => {
    const session = open(['--workload', 'cpu']);
    // The first frame comes before any task starts: pick a task once some are in flight.
    await session.waitForScreen(/▶ [1-9][\d,]* running|· [1-9][\d,]* queued/, 'tasks in flight');
    session.press('j');
    session.press('Enter');
    await session.waitForScreen(/TASK #\d+/, 'the task detail');
    // The newest rows are queued tasks: the detail follows the task live until it has run.
    const detail = await session.waitForScreen(/slices\s+\d+\s+longest [\d.]+ ms/, 'the task to have run');
    expect(detail).toMatch(/slice lengths/);
    expect(detail).toMatch(/task latency/);
    expect(detail).toMatch(/thread\s+main/);
    session.press('Escape');
    const back = await session.waitForScreen(/ TASKS /, 'the dashboard again');
    expect(back).not.toMatch(/TASK #\d+/);
    await quits(session);
  }, 30_000);

  it('at 10,000 in flight, j and enter open the picked task as the table showed it, not as gone', async () => {
    // The registry's records turn over within tens of ms here: the task must still open.
    const session = open(['--workload', 'io-timer', '--concurrency', '10000'], 120, 40);
    await session.waitForScreen(/▶ [1-9][\d,]* running|· [1-9][\d,]* queued/, 'tasks in flight');
    session.press('j');
    session.press('Enter');
    // Until the engine answers, the table's row stands in: wait for its answer, whichever it is.
    const detail = await session.waitForScreen(
      /as the table showed it|no longer in the engine's records/,
      "the engine's answer for the picked task",
    );
    expect(detail).toMatch(/as the table showed it/);
    session.press('Escape');
    await session.waitForScreen(/ TASKS /, 'the dashboard again');
    await quits(session);
  }, 30_000);

  it('blames the 150 ms second slice of a workload file on its task', async () => {
    // One task in flight: each stall is one task's slice, not several back to back.
    const session = open(['--workload', secondSliceBlock, '--concurrency', '1'], 120, 40);
    // The blame of a block: the pane shows the latest stall, and an earlier one (the first frames, JIT) is not it.
    const screen = await session.waitForScreen(
      /stall[^\n]*#\d+ \(second-slice-block\) ran \d{3,}(?:\.\d+)? ms/,
      'the blame line of a block',
    );
    const ran = Number(/\(second-slice-block\) ran ([\d.]+) ms/.exec(screen)?.[1]);
    // The issue fixes ± 5 ms; the slice ends on the wall clock, but a shared core can preempt its last
    // turn, so only the upper side gets a wider margin.
    expect(ran).toBeGreaterThanOrEqual(145);
    expect(ran).toBeLessThanOrEqual(175);
    // At 80×24 the lanes take the event-loop pane's place: their caption names the culprit instead.
    session.resize(80, 24);
    session.press('t');
    await session.waitForScreen(
      /TIMELINE[^\n]*! #\d+ \(second-slice-block\) ran \d{3,}(?:\.\d+)? ms/,
      'the caption’s culprit',
    );
    await quits(session);
  }, 30_000);
});
