import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import { adviceRules, ruleSpec } from '../source/engine/advice/advice-rules.ts';
import type { Advice, Snapshot } from '../source/engine/types.ts';
import { helpSections } from '../source/ui/help-overlay.tsx';
import { layoutFor, type PaneName } from '../source/ui/layout.ts';
import { adviceMark, adviceSpans } from '../source/ui/panes/advice-line.tsx';
import { CpuPane, EventLoopPane, PoolPane, TasksPane } from '../source/ui/panes/pane-boxes.tsx';
import { styleSpans } from '../source/ui/spans.ts';
import { ThemeContext } from '../source/ui/theme-context.ts';
import { afterFreeze, withFailedTask, workersBusy } from './fixtures/snapshots.ts';

afterEach(cleanup);

function read(node: ReactNode): string[] {
  const { lastFrame } = render(<ThemeContext value={{ color: false }}>{node}</ThemeContext>);
  return (lastFrame() ?? '').split('\n');
}

const advice: Advice[] = [
  { rule: 'cpu-on-loop', pane: 'eventLoop', since: 0, facts: 'ELU 100 %, 4 stalls', message: '' },
  { rule: 'waiting-on-threads', pane: 'pool', since: 0, facts: 'busy 4/4, queue 98', message: '' },
  { rule: 'gc-pressure', pane: 'tasks', since: 0, facts: 'GC 62 % of the main thread', message: '' },
  { rule: 'oversubscribed', pane: 'cpu', since: 0, facts: '6 busy threads on 2 cores', message: '' },
];

const panes: Record<
  Exclude<PaneName, 'lanes'>,
  (snapshot: Snapshot, width: number, height: number) => ReactNode
> = {
  eventLoop: (snapshot, width, height) => <EventLoopPane snapshot={snapshot} width={width} height={height} />,
  pool: (snapshot, width, height) => <PoolPane snapshot={snapshot} width={width} height={height} />,
  tasks: (snapshot, width, height) => <TasksPane snapshot={snapshot} width={width} height={height} />,
  cpu: (snapshot, width, height) => <CpuPane snapshot={snapshot} width={width} height={height} />,
};

const sizes = [
  [80, 24],
  [120, 40],
  [220, 60],
] as const;

describe('advice line', () => {
  describe.each(sizes)('at %i×%i', (columns, rows) => {
    const slots = layoutFor({ columns, rows }).sections.flatMap((section) =>
      section.kind === 'row'
        ? section.panes.flatMap((slot) => (slot.pane === 'lanes' ? [] : [{ ...slot, pane: slot.pane }]))
        : [],
    );
    test.each(
      slots.flatMap((slot) =>
        [workersBusy, afterFreeze, withFailedTask].map(
          (base, index) => [slot.pane, index, slot, base] as const,
        ),
      ),
    )(
      'the %s pane (snapshot %i) shows its advice in a line it had, no taller',
      (pane, _index, slot, base) => {
        const without = read(panes[pane](base, slot.width, slot.height));
        const withAdvice = read(panes[pane]({ ...base, advice }, slot.width, slot.height));
        expect(withAdvice).toHaveLength(without.length);
        expect(withAdvice.length).toBeLessThanOrEqual(slot.height);
        const line = withAdvice.find((text) => text.includes(adviceMark));
        const spec = ruleSpec(advice.find((entry) => entry.pane === pane)?.rule ?? 'cpu-on-loop');
        expect(line).toContain(`${adviceMark} ${spec.title}`);
        expect(without.join('\n')).not.toContain(adviceMark);
      },
    );
  });

  test('from 120×40 on, every rule says what to do in its pane', () => {
    const slots = layoutFor({ columns: 120, rows: 40 }).sections.flatMap((section) =>
      section.kind === 'row'
        ? section.panes.flatMap((slot) => (slot.pane === 'lanes' ? [] : [{ ...slot, pane: slot.pane }]))
        : [],
    );
    for (const spec of adviceRules) {
      const width = slots.find((slot) => slot.pane === spec.pane)?.width ?? 0;
      const line = styleSpans(adviceSpans({ ...(advice[0] as Advice), rule: spec.rule }, width), false);
      expect(line).toContain(`${spec.title}: ${spec.action}`);
    }
  });

  test('a pane without advice of its own shows none', () => {
    const onlyLoop = { ...workersBusy, advice: advice.slice(0, 1) };
    expect(read(<PoolPane snapshot={onlyLoop} width={50} height={8} />).join('\n')).not.toContain(adviceMark);
  });

  test('the facts show where the line has room, then what to do, then where to read it, never a word cut in half', () => {
    const entry = advice[0] as Advice;
    const wide = styleSpans(adviceSpans(entry, 120), false);
    expect(wide).toBe('⚑ Computing on the loop: use workers, or yield in chunks · ELU 100 %, 4 stalls');
    expect(styleSpans(adviceSpans(entry, 70), false)).toBe(
      '⚑ Computing on the loop: use workers, or yield in chunks',
    );
    const whole = new Set(`${wide} ? for what to do help`.split(/[\s:,·…]+/u));
    for (const width of [10, 20, 30, 38, 45, 60]) {
      const narrow = styleSpans(adviceSpans(entry, width), false);
      expect(narrow.length).toBeLessThanOrEqual(width);
      // Cut after whole words: a word cut in half would read as a fragment of a stale line.
      for (const word of narrow.split(/[\s:,·…]+/u)) if (word) expect(whole).toContain(word);
    }
    expect(styleSpans(adviceSpans(entry, 38), false)).toBe('⚑ Computing on the loop · ? help');
    expect(styleSpans(adviceSpans(entry, 50), false)).toBe('⚑ Computing on the loop · ? for what to do');
    expect(styleSpans(adviceSpans(entry, 20), false)).toBe('⚑ Computing on the…');
  });

  test('the README lists every rule', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../README.md'), 'utf8');
    const rows = readme.split('\n').filter((line) => line.startsWith('| '));
    for (const spec of adviceRules) {
      expect(rows.some((row) => row.split('|').some((cell) => cell.trim() === spec.title))).toBe(true);
    }
  });

  test('the help lists every rule: what it means and what to do', () => {
    const section = helpSections(5).find((entry) => entry.title === 'Advice');
    const text = (section?.lines(100) ?? []).join(' ').replace(/\s+/g, ' ');
    for (const spec of adviceRules) {
      expect(text).toContain(`${spec.title}: ${spec.action}`);
      expect(text).toContain(spec.message);
    }
  });
});
