// The layout while presenting: the band and the dashboard under it stay below the terminal's rows at every size,
// a step shows the panes it names and only those, each given the room the others leave, and from 80×24 up
// nothing asks the speaker to enlarge the terminal.
import { describe, expect, test } from 'vitest';
import { type ScriptPane, scriptPaneNames } from '../source/present/script.ts';
import type { Layout, PaneSlot } from '../source/ui/layout.ts';
import { type Stage, stageLayoutFor } from '../source/ui/stage-layout.ts';
import { seededRandom } from './helpers/seeded-random.ts';

function slots(layout: Layout): PaneSlot[] {
  return layout.sections.flatMap((section) => (section.kind === 'row' ? section.panes : []));
}

/** What the stage shows: its panes by name, the scoreboard among them. */
function shown(stage: Stage): ScriptPane[] {
  const panes: ScriptPane[] = slots(stage.layout).map((slot) => slot.pane);
  return stage.layout.sections.some((section) => section.kind === 'scoreboard')
    ? ['scoreboard', ...panes]
    : panes;
}

function slotOf(stage: Stage, pane: ScriptPane): PaneSlot {
  const slot = slots(stage.layout).find((each) => each.pane === pane);
  if (!slot) throw new Error(`no ${pane}`);
  return slot;
}

/** Holds what every stage must: below the rows, inside the width, sections that add up. */
function expectFits(stage: Stage, size: { columns: number; rows: number }, where: string): void {
  const { layout, band } = stage;
  expect(band.height + layout.height, where).toBeLessThan(size.rows);
  expect(layout.height, where).toBe(layout.sections.reduce((sum, section) => sum + section.height, 0));
  for (const section of layout.sections) {
    expect(section.height, where).toBeGreaterThan(0);
    if (section.kind !== 'row') continue;
    const used = section.panes.reduce((sum, slot) => sum + slot.width, 0) + 2 * (section.panes.length - 1);
    expect(used, where).toBeLessThanOrEqual(layout.width);
    for (const slot of section.panes) expect(slot.height, where).toBe(section.height);
  }
}

describe('presenting the whole dashboard', () => {
  test.each([
    [80, 24],
    [100, 30],
    [120, 40],
    [200, 60],
  ])(
    'at %i×%i every pane and the scoreboard show under the band, with no hint to enlarge',
    (columns, rows) => {
      const stage = stageLayoutFor({ columns, rows });
      expectFits(stage, { columns, rows }, `${columns}×${rows}`);
      expect(stage.layout.complete).toBe(true);
      expect(stage.layout.sections.map((section) => section.kind)).not.toContain('hint');
      expect(shown(stage).sort()).toEqual(['cpu', 'eventLoop', 'pool', 'scoreboard', 'tasks']);
      // The headline ratio keeps its block digits; below 40 rows the band takes the header's place and names the model.
      expect(stage.layout.sections.find((section) => section.kind === 'scoreboard')).toMatchObject({
        headline: 'big',
      });
      const header = stage.layout.sections.some((section) => section.kind === 'header');
      expect(header).toBe(rows >= 40);
      expect(stage.band.model).toBe(!header);
    },
  );

  test('the block letters grow on a large terminal, the band with them', () => {
    expect(stageLayoutFor({ columns: 80, rows: 24 }).band).toMatchObject({ letters: 1, height: 4 });
    expect(stageLayoutFor({ columns: 200, rows: 60 }).band).toMatchObject({ letters: 2, height: 6 });
  });

  test('below the minimum size the compact band stays while it can, over the dashboard that says to enlarge', () => {
    for (const [columns, rows] of [
      [79, 24],
      [80, 23],
      [60, 12],
      [40, 4],
      [30, 2],
    ] as const) {
      const stage = stageLayoutFor({ columns, rows });
      expectFits(stage, { columns, rows }, `${columns}×${rows}`);
      expect(stage.band.letters).toBeUndefined();
      expect(stage.layout.complete).toBe(false);
    }
  });
});

describe('a step that names its panes', () => {
  test('shows those and no other, each larger than in the whole dashboard', () => {
    for (const size of [
      { columns: 80, rows: 24 },
      { columns: 100, rows: 30 },
      { columns: 160, rows: 48 },
    ]) {
      const whole = stageLayoutFor(size);
      for (const pane of ['eventLoop', 'pool', 'tasks', 'cpu'] as const) {
        const alone = stageLayoutFor(size, { panes: ['scoreboard', pane] });
        expect(shown(alone)).toEqual(['scoreboard', pane]);
        const [before, after] = [slotOf(whole, pane), slotOf(alone, pane)];
        expect(after.width * after.height, `${pane} at ${size.columns}×${size.rows}`).toBeGreaterThan(
          before.width * before.height,
        );
        expect(after.height).toBeGreaterThan(before.height);
        expect(after.width).toBeGreaterThanOrEqual(before.width);
      }
    }
  });

  test('the lanes span the width and take the rows the charts leave', () => {
    const stage = stageLayoutFor({ columns: 80, rows: 24 }, { panes: ['scoreboard', 'lanes'] });
    const lanes = slotOf(stage, 'lanes');
    expect(lanes.width).toBe(79);
    // With the lanes shown by `t` in the whole dashboard at 80×24 the charts give way, the lanes get less.
    const toggled = stageLayoutFor({ columns: 80, rows: 24 }, { lanes: true });
    expect(lanes.height).toBeGreaterThan(slotOf(toggled, 'lanes').height);
  });

  test('the scoreboard alone takes every row between the band and the footer', () => {
    const stage = stageLayoutFor({ columns: 100, rows: 30 }, { panes: ['scoreboard'] });
    expect(shown(stage)).toEqual(['scoreboard']);
    expect(stage.band.height + stage.layout.height).toBe(29);
  });

  test('over random steps, `t` and resizes from 80×24 to 200×60 (seeded), only the named panes show, and they fit', () => {
    const random = seededRandom(1515);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    for (let round = 0; round < 2000; round++) {
      const size = { columns: 80 + Math.floor(random() * 121), rows: 24 + Math.floor(random() * 37) };
      const named =
        random() < 0.2
          ? undefined
          : scriptPaneNames.filter(() => random() < 0.45).concat(pick(scriptPaneNames));
      const panes = named ? [...new Set(named)] : undefined;
      const lanes = random() < 0.25;
      const stage = stageLayoutFor(size, { panes, lanes });
      const where = JSON.stringify({ size, panes, lanes });
      expectFits(stage, size, where);
      expect(stage.layout.sections.map((section) => section.kind)).not.toContain('hint');
      expect(stage.layout.sections.at(-1)?.kind, where).toBe('footer');
      const allowed: ScriptPane[] = [...(panes ?? ['scoreboard', 'eventLoop', 'pool', 'tasks', 'cpu'])];
      if (lanes) allowed.push('lanes');
      for (const pane of shown(stage)) expect(allowed, where).toContain(pane);
      // Up to three panes besides the scoreboard always fit whole; more may leave some out, never all.
      const charts = (panes ?? []).filter((pane) => pane !== 'scoreboard');
      if (panes && !lanes && charts.length <= 3)
        expect(shown(stage).sort(), where).toEqual([...panes].sort());
      expect(shown(stage).length, where).toBeGreaterThan(0);
    }
  });
});
