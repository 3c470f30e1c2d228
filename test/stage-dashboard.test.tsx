// Presenting in the dashboard: at 80×24 a step shows the scoreboard and its caption, not a hint to enlarge the
// terminal (the band once took three of the dashboard's 24 rows); over random steps, `t` and resizes every frame
// stays below the rows and shows the panes the step names, and only those.
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { parseScript, type ScriptPane } from '../source/present/script.ts';
import { talkScript } from '../source/present/talk-script.ts';
import { App } from '../source/ui/app.tsx';
import { stageLayoutFor } from '../source/ui/stage-layout.ts';
import { workersBusy } from './fixtures/snapshots.ts';
import { seededRandom } from './helpers/seeded-random.ts';
import { StagedSteps, stageHandle } from './helpers/stage-handle.ts';

afterEach(cleanup);

/** Each pane's title as its first line draws it. */
const paneTitles: Record<ScriptPane, RegExp> = {
  scoreboard: / SCOREBOARD {2}/,
  eventLoop: /─ EVENT LOOP /,
  pool: /─ WORKER POOL /,
  tasks: /─ TASKS /,
  cpu: /─ CPU /,
  lanes: /─ TIMELINE /,
};

const script = parseScript(
  JSON.stringify({
    title: 'stage test',
    steps: [
      {
        caption: 'Alpha step: the loop alone with its lag',
        title: 'ALPHA',
        workload: 'cpu',
        model: 'async',
        panes: ['scoreboard', 'eventLoop'],
      },
      { caption: 'Bravo step: every pane at once, as the dashboard is' },
      {
        caption: 'Charlie step: the lanes and the cores, no table of models',
        title: 'LANES',
        panes: ['lanes', 'cpu'],
      },
      {
        caption: 'Delta step: the pool and the tasks under the ratio',
        panes: ['pool', 'tasks', 'scoreboard'],
      },
      { caption: 'Echo step: the table of models alone', title: 'SCORE', panes: ['scoreboard'] },
    ],
  }),
  'stage.json',
);

type Size = { columns: number; rows: number };

function mount(steps: StagedSteps, size: Size) {
  const app = (current: Size) => (
    <App handle={stageHandle(workersBusy, steps)} color={false} onQuit={() => undefined} size={current} />
  );
  const rendered = render(app(size));
  // The test terminal is 100 columns wide unless told otherwise.
  const resize = (next: Size) => {
    Object.defineProperty(rendered.stdout, 'columns', { value: next.columns, configurable: true });
    rendered.rerender(app(next));
  };
  resize(size);
  return { ...rendered, resize, frame: () => rendered.lastFrame() ?? '' };
}

function panesIn(frame: string): ScriptPane[] {
  return (Object.keys(paneTitles) as ScriptPane[]).filter((pane) => paneTitles[pane].test(frame));
}

describe('presenting at 80×24', () => {
  test.each([
    ['the built-in talk', parseScript(JSON.stringify(talkScript), 'talk')],
    ['a step without panes', script],
  ])(
    '%s: no hint to enlarge, the scoreboard and the caption shown, below the rows',
    async (_, shownScript) => {
      const steps = new StagedSteps(shownScript);
      if (shownScript === script) steps.next();
      const { frame } = mount(steps, { columns: 80, rows: 24 });
      await vi.waitFor(() => expect(frame()).toContain('SCOREBOARD'));
      const text = frame();
      expect(text).not.toMatch(/enlarge/);
      expect(text.split('\n').length).toBeLessThan(24);
      const caption = steps.state().caption.split(' ').slice(0, 3).join(' ');
      expect(text).toContain(caption);
      expect(text).toMatch(/STEP \d+\/\d+/);
    },
  );
});

describe('over random steps, t and resizes (seeded)', () => {
  test.each([1, 2, 3])(
    'seed %i: every frame fits and shows the named panes, and only those',
    async (seed) => {
      const random = seededRandom(seed * 7919);
      const steps = new StagedSteps(script);
      let size: Size = { columns: 80, rows: 24 };
      let lanes = false;
      const rendered = mount(steps, size);
      for (let action = 0; action < 40; action++) {
        const roll = random();
        let did: string;
        if (roll < 0.3) {
          size = { columns: 80 + Math.floor(random() * 121), rows: 24 + Math.floor(random() * 37) };
          rendered.resize(size);
          did = 'resize';
        } else if (roll < 0.45) {
          rendered.stdin.write('t');
          lanes = !lanes;
          did = 't';
        } else {
          const key = (['\u001B[C', ' ', '\u001B[D'] as const)[Math.floor(random() * 3)] as string;
          rendered.stdin.write(key);
          did = key === '\u001B[D' ? 'previous' : 'next';
        }
        const state = steps.state();
        const where = `seed ${seed} action ${action} (${did}): step ${state.index + 1}, lanes ${lanes}, ${size.columns}×${size.rows}`;
        const expected = stageLayoutFor(size, { panes: state.panes, lanes });
        const named = [
          ...(state.panes ?? ['scoreboard', 'eventLoop', 'pool', 'tasks', 'cpu']),
          ...(lanes ? ['lanes'] : []),
        ];
        await vi.waitFor(() => {
          const frame = rendered.frame();
          expect(frame, where).toContain(`STEP ${state.index + 1}/${state.steps}`);
          const shown = panesIn(frame);
          const laidOut = expected.layout.sections.flatMap((section) =>
            section.kind === 'row'
              ? section.panes.map((slot) => slot.pane as ScriptPane)
              : section.kind === 'scoreboard'
                ? ['scoreboard' as const]
                : [],
          );
          expect(shown.sort(), where).toEqual([...laidOut].sort());
        });
        const frame = rendered.frame();
        const lines = frame.split('\n');
        expect(lines.length, where).toBeLessThan(size.rows);
        for (const line of lines) expect(Array.from(line).length, where).toBeLessThan(size.columns);
        expect(frame, where).not.toMatch(/enlarge/);
        for (const pane of panesIn(frame)) expect(named, where).toContain(pane);
        const charts = (state.panes ?? []).filter((pane) => pane !== 'scoreboard');
        if (state.panes && !lanes && charts.length <= 3)
          expect(panesIn(frame).sort(), where).toEqual([...state.panes].sort());
        // The caption's opening words, whatever the size.
        expect(frame, where).toContain(state.caption.split(' ').slice(0, 2).join(' '));
      }
    },
  );
});
