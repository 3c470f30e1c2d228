import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { SnapshotPart } from '../source/engine/engine-handle.ts';
import { parseRecording } from '../source/record/read-recording.ts';
import { ReplaySource } from '../source/record/replay-source.ts';
import type { ReplayControls } from '../source/record/source-controls.ts';
import { App } from '../source/ui/app.tsx';
import { replayCommandsFor } from '../source/ui/replay-keys.ts';
import { replayBarLine } from '../source/ui/replay-lines.ts';
import { recordedRun, recordingText } from './helpers/recorded-run.ts';
import { seededRandom } from './helpers/seeded-random.ts';

const sources: ReplaySource[] = [];
afterEach(() => {
  cleanup();
  for (const source of sources.splice(0)) source.stop();
});

async function mount(columns = 100, rows = 30, text = recordingText(recordedRun(12, 200))) {
  const source = new ReplaySource(parseRecording(text, '/tmp/talk.ndjson'));
  sources.push(source);
  const onQuit = vi.fn();
  const rendered = render(<App handle={source} color={false} onQuit={onQuit} size={{ columns, rows }} />);
  await new Promise((resolve) => setImmediate(resolve));
  return { source, replay: source.controls.replay as ReplayControls, onQuit, ...rendered };
}

const frame = (rendered: { lastFrame(): string | undefined }) => rendered.lastFrame() ?? '';

describe('the dashboard on a replay', () => {
  test('says it is a replay of which file, above the same panes, with the scrub bar in the footer line', async () => {
    const rendered = await mount();
    const lines = frame(rendered).split('\n');
    expect(lines[0]).toMatch(/^ REPLAY {2}talk\.ndjson · recorded 2026-12-02 01:00 UTC · not live/);
    expect(frame(rendered)).toContain('SCOREBOARD');
    expect(lines.at(-1)).toMatch(/^(▶|❚❚ paused) 0:00 \/ 0:49 {2}1× {2}─*●─*.*space pause/);
    // Below the terminal's rows, as every frame: the banner takes a row of the dashboard's.
    expect(lines.length).toBeLessThan(30);
  });

  test('answers the transport keys and refuses the keys that would change the run', async () => {
    const rendered = await mount();
    rendered.stdin.write('>');
    await vi.waitFor(() => expect(frame(rendered)).toContain('> ▸ speed 2×'));
    expect(rendered.replay.state().speed).toBe(2);
    rendered.stdin.write('w');
    await vi.waitFor(() => expect(frame(rendered)).toContain('a replay changes nothing'));
    rendered.stdin.write('t');
    await vi.waitFor(() => expect(frame(rendered)).toContain('lanes were not recorded'));
    rendered.stdin.write(' ');
    await vi.waitFor(() => expect(rendered.replay.state().paused).toBe(true));
    rendered.stdin.write('\u001B[C');
    await vi.waitFor(() => expect(rendered.replay.state().time - rendered.replay.state().start).toBe(5000));
    rendered.stdin.write('q');
    await vi.waitFor(() => expect(rendered.onQuit).toHaveBeenCalled());
  });

  test('refuses the lanes because its source says it lacks them, and lets a key through that the file holds', () => {
    const context = { helpOpen: false, workloads: [], currentWorkload: undefined };
    const recorded = parseRecording(recordingText(recordedRun(12, 20)), 'run.ndjson');
    const source = new ReplaySource(recorded);
    sources.push(source);
    expect(source.lacks).toContain('timeline');
    const lanesKey = (lacks: readonly SnapshotPart[]) =>
      replayCommandsFor('t', {}, context, lacks).map((command) =>
        command.kind === 'view' && command.action.type === 'echo' ? command.action.echo.text : command.kind,
      );
    expect(lanesKey(source.lacks)).toEqual(['the timeline lanes were not recorded in this file']);
    // A file that held the lanes (a later schema): t opens them as in a live run.
    const opened = replayCommandsFor('t', {}, context, []);
    expect(opened.some((command) => command.kind === 'view' && command.action.type === 'toggleLanes')).toBe(
      true,
    );
  });

  test('draws the markers as ticks and the position on the track at every width', () => {
    const recording = parseRecording(recordingText(recordedRun(11, 300)), 'run.ndjson');
    const source = new ReplaySource(recording);
    sources.push(source);
    const state = (source.controls.replay as ReplayControls).state();
    expect(state.markers.length).toBeGreaterThan(0);
    for (const width of [20, 40, 79, 119, 200]) {
      const text = replayBarLine(state, width)
        .map((span) => span.text)
        .join('');
      expect(Array.from(text).length, `width ${width}`).toBeLessThanOrEqual(width);
      if (width >= 79) expect(text, `width ${width}`).toMatch(/[▲◆·]/);
    }
  });

  test('says a file cut off mid-line is cut off', async () => {
    const text = recordingText(recordedRun(13, 40));
    const rendered = await mount(100, 30, text.slice(0, text.length - 30));
    expect(frame(rendered).split('\n')[0]).toContain('cut off at line');
  });

  test.each([1, 2, 3])(
    'seed %i: over random keys and resizes every frame fits, nothing crashes, q quits',
    async (seed) => {
      const next = seededRandom(seed * 104_729);
      const source = new ReplaySource(parseRecording(recordingText(recordedRun(seed, 120)), 'run.ndjson'));
      sources.push(source);
      let quits = 0;
      let size = { columns: 100, rows: 30 };
      const app = (current: typeof size) => (
        <App handle={source} color={false} onQuit={() => quits++} size={current} />
      );
      const rendered = render(app(size));
      await new Promise((resolve) => setImmediate(resolve));
      // The transport, the keys that would change the run, and the looking keys (help, table, detail).
      const keys = [
        ' ',
        '\u001B[C',
        '\u001B[D',
        '<',
        '>',
        'n',
        'w',
        'a',
        '+',
        's',
        'r',
        't',
        '?',
        'j',
        'k',
        '\r',
        '\u001B',
      ];
      for (let step = 0; step < 60; step++) {
        let pressed = 'resize';
        if (next() < 0.15) {
          size = { columns: 30 + Math.floor(next() * 200), rows: 10 + Math.floor(next() * 50) };
          rendered.rerender(app(size));
        } else {
          pressed = JSON.stringify(keys[Math.floor(next() * keys.length)]);
          rendered.stdin.write(JSON.parse(pressed));
        }
        const where = `seed ${seed} step ${step}: ${pressed} at ${size.columns}×${size.rows}`;
        await vi.waitFor(() => {
          const lines = frame(rendered).split('\n');
          expect(lines.length, where).toBeLessThan(size.rows);
          for (const line of lines) expect(line.length, where).toBeLessThan(size.columns);
          expect(lines.join('\n'), where).not.toMatch(/ERROR|at .*\.tsx?:\d+/);
        });
      }
      expect(quits).toBe(0);
      rendered.stdin.write('q');
      await vi.waitFor(() => expect(quits).toBe(1));
    },
  );
});
