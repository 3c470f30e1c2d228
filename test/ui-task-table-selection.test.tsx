// Colour must be forced before Ink loads (inverse video is a style), so this file imports Ink and the views dynamically.
import { afterEach, describe, expect, test } from 'vitest';
import type { TaskRecord } from '../source/engine/types.ts';
import { shownTasks } from '../source/ui/task-rows.ts';

process.env.FORCE_COLOR = '1';
const { cleanup, render } = await import('ink-testing-library');
const { TasksPane } = await import('../source/ui/panes/pane-boxes.tsx');
const { ThemeContext } = await import('../source/ui/theme-context.ts');
const { asyncRunningCpu } = await import('./fixtures/snapshots.ts');

afterEach(cleanup);

const inverse = '\u001B[7m';

function record(id: number): TaskRecord {
  return { id, state: 'done', model: 'async', submittedAt: 0, startedAt: 1, endedAt: 2 };
}

describe('the rows the table shows', () => {
  const recent = [9, 8, 7, 6, 5].map(record);

  test('are the newest while nothing is selected, or the selected task is among them', () => {
    expect(shownTasks(recent, 3, undefined).map((task) => task.id)).toEqual([9, 8, 7]);
    expect(shownTasks(recent, 3, 8).map((task) => task.id)).toEqual([9, 8, 7]);
  });

  test('keep a selected task pushed below the others in sight, on the last line', () => {
    expect(shownTasks(recent, 3, 5).map((task) => task.id)).toEqual([9, 8, 5]);
    expect(shownTasks(recent, 1, 6).map((task) => task.id)).toEqual([6]);
  });

  test('keep a selected task pushed out of the newest in sight, from the record the engine still holds', () => {
    expect(shownTasks(recent, 3, 1, record(1)).map((task) => task.id)).toEqual([9, 8, 1]);
    expect(shownTasks([], 3, 1, record(1)).map((task) => task.id)).toEqual([1]);
  });

  test('are the newest when the engine no longer holds the selected task', () => {
    expect(shownTasks(recent, 2, 1).map((task) => task.id)).toEqual([9, 8]);
    expect(shownTasks(recent, 2, 1, record(3)).map((task) => task.id)).toEqual([9, 8]);
    expect(shownTasks(recent, 0, 9)).toEqual([]);
  });
});

describe('the task table', () => {
  function frame(selectedTask: number | undefined, height = 14): string[] {
    const { lastFrame } = render(
      <ThemeContext value={{ color: true }}>
        <TasksPane snapshot={asyncRunningCpu} width={60} height={height} selectedTask={selectedTask} />
      </ThemeContext>,
    );
    return (lastFrame() ?? '').split('\n');
  }

  test('draws the selected task in inverse video, and only it', () => {
    const selected = asyncRunningCpu.tasks.recent[1]?.id as number;
    const lines = frame(selected);
    const rows = lines.filter((line) => /#\d+/.test(line) && !line.includes('TASKS'));
    const inverted = rows.filter((line) => line.includes(inverse));
    expect(inverted).toHaveLength(1);
    expect(inverted[0]).toContain(`#${selected}`);
    expect(lines[0]).toContain(`#${selected}: enter opens`);
  });

  test('draws no row in inverse video without a selection', () => {
    const rows = frame(undefined).filter((line) => /#\d+/.test(line));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((line) => line.includes(inverse))).toBe(false);
  });

  test('keeps the oldest listed task in sight when it is selected, however short the pane', () => {
    const oldest = asyncRunningCpu.tasks.recent.at(-1)?.id as number;
    const [, ...body] = frame(oldest, 8);
    expect(body.filter((line) => line.includes(inverse) && line.includes(`#${oldest}`))).toHaveLength(1);
  });
});
