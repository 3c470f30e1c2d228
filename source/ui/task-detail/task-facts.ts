// The numbers of the task detail, each as a label, a value and a note, from the task's record and its slices.
// Unknown stays unknown: a value the engine did not measure reads "—" with the reason, never 0.

import { findModel } from '../../engine/models/model-descriptors.ts';
import type { SliceRecord, TaskRecord } from '../../engine/types.ts';
import { formatCount, formatMs, formatPercent } from '../format.ts';
import { type ThreadNames, taskTimes } from '../task-rows.ts';

export type TaskFact = { label: string; value: string; note?: string };

/** What the task's slices add up to: from its record once it settled, else from the slices the log still holds. */
export type SliceTotals = {
  count: number;
  longestMs: number;
  sumMs: number;
  /** True when counted from the log's slices (a task still running, or a record without slice stats). */
  fromLog: boolean;
};

export function sliceTotals(record: TaskRecord, slices: readonly SliceRecord[]): SliceTotals | undefined {
  if (record.slices !== undefined && record.sliceMs !== undefined) {
    return {
      count: record.slices,
      longestMs: record.longestSliceMs ?? 0,
      sumMs: record.sliceMs,
      fromLog: false,
    };
  }
  if (slices.length === 0) return undefined;
  let sumMs = 0;
  let longestMs = 0;
  for (const slice of slices) {
    sumMs += slice.lengthMs;
    longestMs = Math.max(longestMs, slice.lengthMs);
  }
  return { count: slices.length, longestMs, sumMs, fromLog: true };
}

/** Where the task ran: `main (the event loop)`, `t3 (worker thread)`, `p1 (child process)`. */
export function threadWords(record: TaskRecord, names: ThreadNames, slices: readonly SliceRecord[]): string {
  if (record.threadId === 0) return 'main (the event loop)';
  const member = findModel(record.model)?.pool?.member ?? 'thread';
  const name =
    (record.threadId === undefined ? undefined : names.get(record.threadId)) ??
    slices.at(-1)?.lane ??
    undefined;
  if (name) return `${name} (${member})`;
  return record.threadId === undefined ? '— (not started)' : `a ${member} no longer in the pool`;
}

/** Why a task's slices are not known, in a few words. */
export function noSlicesReason(recording: boolean | undefined): string {
  return recording ? 'none in the slice log' : 'slices not recorded';
}

/** The detail's numbers for one task at `at`, in reading order. */
export function taskFacts(
  record: TaskRecord,
  slices: readonly SliceRecord[],
  options: { at: number; names: ThreadNames; recording: boolean | undefined },
): TaskFact[] {
  const { at } = options;
  const times = taskTimes(record, at);
  const ended = record.endedAt !== undefined;
  const soFar = ended ? '' : ' so far';
  const totals = sliceTotals(record, slices);
  const unknown = `— (${noSlicesReason(options.recording)})`;
  const facts: TaskFact[] = [
    {
      label: 'wait',
      value:
        times.wait === undefined
          ? '—'
          : `${formatMs(times.wait)}${record.startedAt === undefined ? soFar : ''}`,
      note: 'submit → start',
    },
    {
      label: 'run',
      value:
        times.run === undefined
          ? record.state === 'cancelled'
            ? '— (never ran)'
            : '— (not started)'
          : formatMs(times.run) + soFar,
      note: 'start → end',
    },
  ];
  if (totals && times.run !== undefined) {
    const share = times.run > 0 ? ` (${formatPercent(Math.min(1, totals.sumMs / times.run))})` : '';
    facts.push(
      {
        label: 'on thread',
        value: `${formatMs(totals.sumMs)}${share}`,
        note: totals.fromLog ? 'Σ slices seen' : 'Σ slices',
      },
      {
        label: 'awaiting',
        value: formatMs(Math.max(0, times.run - totals.sumMs)) + soFar,
        note: 'run − thread',
      },
      { label: 'slices', value: formatCount(totals.count), note: `longest ${formatMs(totals.longestMs)}` },
    );
  } else if (times.run !== undefined) {
    facts.push(
      { label: 'on thread', value: unknown },
      { label: 'awaiting', value: '—' },
      { label: 'slices', value: '—' },
    );
  }
  facts.push({ label: 'thread', value: threadWords(record, options.names, slices) });
  facts.push({ label: 'model', value: record.model });
  if (record.cpuMs !== undefined)
    facts.push({ label: 'on CPU', value: formatMs(record.cpuMs), note: 'thread CPU clock' });
  if (ended && record.state !== 'cancelled') {
    facts.push({
      label: 'latency',
      value: formatMs((record.endedAt as number) - record.submittedAt),
      note: 'submit → end',
    });
  }
  return facts;
}
