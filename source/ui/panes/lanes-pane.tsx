import type { Snapshot, Stall } from '../../engine/types.ts';
import { historySpan } from '../charts.ts';
import { formatCount, formatMs } from '../format.ts';
import { laneLines } from '../lane-lines.ts';
import { formatSpan } from '../lane-ruler.ts';
import type { Span } from '../spans.ts';
import { manyShortSlices } from './event-loop-pane.tsx';
import { paneLines } from './pane-frame.tsx';

export type LanesPaneProps = { snapshot: Snapshot; width: number; height: number };

/**
 * One lane per thread that runs tasks (`main`, `t1`…, `p1`…) over the last seconds: each slice of a task is a run
 * of cells, neighbouring tasks alternate between a solid and a striped bar, `.` and `:` are cells partly busy,
 * idle is blank; `!` on the ruler and red cells on `main` mark loop stalls.
 */
export function lanesPaneLines({ snapshot, width, height }: LanesPaneProps, color: boolean): Span[][] {
  const rows = Math.max(0, height - 1);
  const { timeline } = snapshot;
  if (!timeline?.recording || timeline.lanes.length === 0) {
    const why = !timeline
      ? 'no timeline yet: the engine has not published slices'
      : timeline.recording
        ? 'no thread has run a task yet'
        : 'slices are not recorded in this run (--no-slices)';
    return paneLines(
      { title: 'TIMELINE' },
      width,
      color,
      [[{ text: why, color: 'gray' } satisfies Span]].slice(0, rows),
    );
  }
  const drawn = laneLines(timeline, {
    width,
    rows,
    color,
    stalls: snapshot.stalls?.recent ?? [],
  });
  const chartsMs = historySpan(snapshot.history, snapshot.at);
  const detail = lanesCaption(drawn.scale.spanMs, drawn.scale.columnMs, chartsMs, width, {
    stall: drawn.stall,
    dropped: timeline.dropped,
    thresholdMs: snapshot.stalls?.thresholdMs,
  });
  return paneLines({ title: 'TIMELINE', detail }, width, color, drawn.lines);
}

/**
 * The caption: the lanes' span and scale beside the charts' (they cannot share one: a column of the charts
 * holds seconds, one of the lanes a few ms, so that neighbouring tasks can be told apart), then the newest
 * stall's culprit and any slices lost; each part only when the line has room.
 */
export function lanesCaption(
  spanMs: number,
  columnMs: number,
  chartsMs: number,
  width: number,
  extra: { stall: Stall | undefined; dropped: number; thresholdMs?: number | undefined },
): string {
  // The title chip and its gap take 14 cells of the line.
  const room = width - 14;
  const culprit = extra.stall?.culprits[0];
  // What a user needs most (the stall's culprit, slices lost) goes before the scale's wording: at 80 columns the
  // scale shortens to its span, then the culprit loses "without yielding", rather than leave the culprit out.
  const stalls = extra.stall
    ? culprit && manyShortSlices(extra.stall, extra.thresholdMs)
      ? [
          `! stall ${formatMs(extra.stall.durationMs)}: ${formatCount(extra.stall.tasks)} tasks in short slices`,
          `! ${formatCount(extra.stall.tasks)} short slices`,
        ]
      : culprit
        ? [
            `! #${culprit.taskId} (${culprit.workload}) ran ${formatMs(culprit.sliceMs)} without yielding`,
            `! #${culprit.taskId} (${culprit.workload}) ran ${formatMs(culprit.sliceMs)}`,
            `! #${culprit.taskId} ran ${formatMs(culprit.sliceMs)}`,
          ]
        : [`! loop stalled ${formatMs(extra.stall.durationMs)}`]
    : [undefined];
  const lost = extra.dropped > 0 ? `${formatCount(extra.dropped)} slices lost` : undefined;
  const charts = `charts: last ${formatSpan(chartsMs)}`;
  const long = `last ${formatSpan(spanMs)}, ${formatSpan(columnMs)} a column, now at the right`;
  const short = `last ${formatSpan(spanMs)}`;
  for (const stall of stalls) {
    for (const scale of [long, short]) {
      const wanted = [stall, lost].filter((part) => part !== undefined);
      const caption = joinThatFits([scale, ...wanted, charts], room);
      if (caption.startsWith(scale) && wanted.every((part) => caption.includes(part))) return caption;
    }
  }
  return (
    joinThatFits([long, charts], room) ||
    joinThatFits([short, charts], room) ||
    short.slice(0, Math.max(0, room))
  );
}

/** The parts joined by ` · `, each only when the line still has room. */
function joinThatFits(parts: readonly string[], room: number): string {
  let caption = '';
  for (const part of parts) {
    const next = caption ? `${caption} · ${part}` : part;
    if (next.length <= room) caption = next;
  }
  return caption;
}
