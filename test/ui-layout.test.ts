import { describe, expect, test } from 'vitest';
import { layoutFor, type PaneName } from '../source/ui/layout.ts';

function panesOf(columns: number, rows: number): PaneName[] {
  return layoutFor({ columns, rows }).sections.flatMap((section) =>
    section.kind === 'row' ? section.panes.map((slot) => slot.pane) : [],
  );
}

function kindsOf(columns: number, rows: number): string[] {
  return layoutFor({ columns, rows }).sections.map((section) => section.kind);
}

describe('at the minimum size and above', () => {
  test.each([
    [80, 24],
    [100, 30],
    [120, 40],
    [200, 60],
  ])('%i×%i shows every pane, the scoreboard, header and footer', (columns, rows) => {
    const layout = layoutFor({ columns, rows });
    expect(layout.complete).toBe(true);
    expect(kindsOf(columns, rows)).toEqual(['header', 'scoreboard', 'row', 'row', 'footer']);
    expect(panesOf(columns, rows)).toEqual(['eventLoop', 'pool', 'tasks', 'cpu']);
  });

  test.each([
    [80, 24],
    [120, 40],
    [97, 31],
    [300, 100],
  ])('at %i×%i the frame is strictly shorter than the terminal', (columns, rows) => {
    const layout = layoutFor({ columns, rows });
    expect(layout.height).toBeLessThan(rows);
    expect(layout.sections.reduce((sum, section) => sum + section.height, 0)).toBe(layout.height);
  });

  test('no line reaches the last column, so nothing wraps at the right edge', () => {
    const layout = layoutFor({ columns: 80, rows: 24 });
    expect(layout.width).toBe(79);
    for (const section of layout.sections) {
      if (section.kind === 'row') {
        const used =
          section.panes.reduce((sum, slot) => sum + slot.width, 0) + 2 * (section.panes.length - 1);
        expect(used).toBeLessThanOrEqual(79);
      }
    }
  });

  test('every pane at 80×24 has room for its title and some content', () => {
    for (const section of layoutFor({ columns: 80, rows: 24 }).sections) {
      if (section.kind === 'row')
        for (const slot of section.panes) expect(slot.height).toBeGreaterThanOrEqual(6);
    }
  });

  test('a tall, wide terminal gets the big model name and the framed scoreboard', () => {
    const [header, scoreboard] = layoutFor({ columns: 120, rows: 40 }).sections;
    expect(header).toMatchObject({ kind: 'header', big: true });
    expect(scoreboard).toMatchObject({ kind: 'scoreboard', framed: true });
  });

  test('80×24 gets the compact header and scoreboard', () => {
    const [header, scoreboard] = layoutFor({ columns: 80, rows: 24 }).sections;
    expect(header).toMatchObject({ kind: 'header', big: false });
    expect(scoreboard).toMatchObject({ kind: 'scoreboard', framed: false });
  });
});

describe('below the minimum size', () => {
  test('a short terminal keeps the scoreboard and event loop and shows the hint', () => {
    const layout = layoutFor({ columns: 60, rows: 15 });
    expect(layout.complete).toBe(false);
    expect(kindsOf(60, 15)).toEqual(['header', 'scoreboard', 'row', 'hint', 'footer']);
    expect(panesOf(60, 15)).toEqual(['eventLoop']);
    expect(layout.height).toBeLessThan(15);
  });

  test('a terminal narrower than 80 columns also gets fewer panes and the hint', () => {
    expect(layoutFor({ columns: 79, rows: 40 }).complete).toBe(false);
    expect(kindsOf(79, 40)).toContain('hint');
  });

  test.each([
    [40, 10],
    [20, 5],
    [10, 2],
    [1, 1],
    [0, 0],
  ])('%i×%i still lays out without exceeding the terminal', (columns, rows) => {
    const layout = layoutFor({ columns, rows });
    expect(layout.height).toBeLessThan(Math.max(1, rows));
    for (const section of layout.sections) expect(section.height).toBeGreaterThan(0);
  });

  test('the hint is the first thing kept when space is tight', () => {
    expect(kindsOf(30, 2)).toEqual(['hint']);
    expect(kindsOf(30, 3)).toEqual(['hint', 'footer']);
  });
});
