import { describe, expect, test } from 'vitest';
import { helpLines, helpSections, keyLines } from '../source/ui/help-overlay.tsx';
import { keyTable } from '../source/ui/key-table.ts';
import { layoutFor } from '../source/ui/layout.ts';
import { styleSpans } from '../source/ui/spans.ts';

function text(options: Parameters<typeof helpLines>[0]): string[] {
  return helpLines(options).map((spans) => styleSpans(spans, false));
}

/** The help's room at a terminal size: the frame minus header and footer, as the screen gives it. */
function helpRoom(columns: number, rows: number): { width: number; height: number } {
  const layout = layoutFor({ columns, rows });
  const around = layout.sections
    .filter((section) => section.kind === 'header' || section.kind === 'footer')
    .reduce((sum, section) => sum + section.height, 0);
  return { width: layout.width, height: layout.height - around };
}

describe('help overlay', () => {
  test('the keys come first', () => {
    expect(helpSections(5)[0]?.title).toBe('Keys');
  });

  test.each([
    [80, 24],
    [100, 30],
    [120, 40],
  ])('at %i×%i every key is in sight when the help opens', (columns, rows) => {
    const room = helpRoom(columns, rows);
    const shown = text({ ...room, workloadCount: 5 }).join('\n');
    expect(shown.split('\n').length).toBeLessThanOrEqual(room.height);
    for (const row of keyTable(5)) expect(shown).toContain(row.does.split(' ').slice(0, 3).join(' '));
  });

  test('scrolling shows the later sections and says what is above', () => {
    const room = helpRoom(80, 24);
    const first = text({ ...room, workloadCount: 5, scroll: 0 }).join('\n');
    const third = text({ ...room, workloadCount: 5, scroll: 2 }).join('\n');
    expect(first).not.toContain('Lag is how late a timer fires');
    expect(third).toMatch(/^Scoreboard/m);
    expect(third).toContain('2 sections above (↑)');
  });

  test('every section can be scrolled to the top of the overlay', () => {
    const room = helpRoom(80, 24);
    for (const [index, section] of helpSections(5).entries()) {
      expect(text({ ...room, workloadCount: 5, scroll: index })[1]).toBe(section.title);
    }
  });

  test('a scroll past the end shows the last section', () => {
    const room = helpRoom(80, 24);
    expect(text({ ...room, workloadCount: 5, scroll: 99 })[1]).toBe(helpSections(5).at(-1)?.title);
  });

  test('a key row too long for its line wraps under its description', () => {
    const lines = keyLines(5, 60);
    const load = lines.findIndex((line) => line.includes('more / fewer tasks in flight'));
    expect(lines[load + 1]).toMatch(/^\s{10,}\S/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
  });
});
