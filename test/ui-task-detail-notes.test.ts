// The task detail's facts at the widths a talk uses: a note that does not fit beside its value is left out whole,
// never cut mid-word ("submit → st…", seen at 80 columns on a queued task).
import { describe, expect, test } from 'vitest';
import type { TaskRecord } from '../source/engine/types.ts';
import { taskDetailLines } from '../source/ui/task-detail/task-detail-lines.ts';
import { at } from './fixtures/snapshots.ts';
import { doneTask, failedTask, histograms, runningTask } from './fixtures/task-detail.ts';

const queued: TaskRecord = { id: 8, state: 'queued', model: 'async', submittedAt: at - 302 };

describe('the task detail’s facts', () => {
  test.each([60, 64, 70, 80, 100, 120])('at %i columns no note is cut', (width) => {
    for (const task of [doneTask, failedTask, runningTask, { record: queued, slices: [] }]) {
      const lines = taskDetailLines({
        id: task.record.id,
        inspected: task,
        histograms,
        recording: true,
        workload: 'cpu',
        at,
        names: new Map(),
        width,
        height: 24,
        colorOn: false,
      }).map((line) => line.map((span) => span.text).join(''));
      const facts = lines.filter((line) => /^(wait|run|on thread|awaiting|slices|latency) /.test(line));
      expect(facts.length, `${width} columns`).toBeGreaterThan(0);
      for (const line of facts) {
        expect(line, `${width} columns`).not.toMatch(/→ \S*…/);
        expect(line.length).toBeLessThanOrEqual(width);
      }
    }
  });
});
