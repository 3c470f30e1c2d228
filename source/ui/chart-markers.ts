// The line under a chart: a marker for every change, shading while it settles, and a mark for each stall.

import type { EngineEvent, ModelName } from '../engine/types.ts';
import { type ColumnOptions, columnOf } from './chart-columns.ts';
import { formatCount } from './format.ts';

/**
 * Where a change falls on a chart: a model switch (`▲workers`), a workload switch (`◆io-http`) or reload
 * (`◆reloaded v2`), or any other event the engine records (`·pause`, `·reset`, or a kind added later), each
 * with the words to put beside it.
 */
export type ChartMarker = { column: number; symbol: string; label: string; model?: ModelName };

/** The symbol and words of an event's marker; any event kind gets one, so new kinds are marked too. */
export function markerOf(event: EngineEvent): Omit<ChartMarker, 'column'> {
  switch (event.kind) {
    case 'switch':
      return { symbol: '▲', label: event.to, model: event.to };
    case 'workload':
      return { symbol: '◆', label: event.to };
    case 'reload':
      return { symbol: '◆', label: `reloaded v${event.version}` };
    default: {
      // Kinds without their own mark (pause, reset, a settings change added later) say what changed, and to what.
      const to = (event as { to?: unknown }).to;
      const value = typeof to === 'number' ? formatCount(to) : typeof to === 'string' ? to : undefined;
      return { symbol: '·', label: value === undefined ? event.kind : `${event.kind} ${value}` };
    }
  }
}

/** The events (oldest first) that fall within the chart's span, with the column each one lands on. */
export function chartMarkers(
  events: readonly EngineEvent[],
  { to, spanMs, width }: ColumnOptions,
): ChartMarker[] {
  const markers: ChartMarker[] = [];
  if (width <= 0 || spanMs <= 0) return markers;
  for (const event of events) {
    const column = columnOf(event.at, { to, spanMs, width });
    if (column !== undefined) markers.push({ column, ...markerOf(event) });
  }
  return markers;
}

/** Marks that stand out more win a shared column: a model switch over a workload switch over the rest. */
const markerWeight: Record<string, number> = { '▲': 3, '◆': 2, '·': 1 };

/** Under a column in which the loop stalled (`Snapshot.stalls`): one mark however many stalls it holds. */
export const stallMark = '!';

/**
 * The line under a chart: each marker's symbol, followed by its words when there is room before the next marker
 * (else their first letter), e.g. `   ▲workers   ◆io-http  ·pause`. Settling columns with no marker are shaded
 * `░`, so the time a change took to settle shows, not just its instant. A column with a stall and nothing else
 * drawn gets `!`: stalls never take a change's place or cut its words, so frequent stalls read as a run of `!`.
 */
export function markerLine(
  markers: readonly ChartMarker[],
  width: number,
  settling: readonly boolean[] = [],
  stalls: readonly boolean[] = [],
): string {
  const cells: string[] = Array.from({ length: Math.max(0, width) }, (_, index) =>
    settling[index] ? '░' : ' ',
  );
  const placed = new Map<number, ChartMarker>();
  for (const marker of markers) {
    const current = placed.get(marker.column);
    if (!current || (markerWeight[marker.symbol] ?? 0) >= (markerWeight[current.symbol] ?? 0)) {
      placed.set(marker.column, marker);
    }
  }
  const ordered = [...placed.values()].sort((a, b) => a.column - b.column);
  ordered.forEach((marker, index) => {
    cells[marker.column] = marker.symbol;
    const next = ordered[index + 1]?.column ?? width;
    const room = next - marker.column - 2;
    if (room <= 0) return;
    const label = marker.label.length <= room ? marker.label : marker.label.slice(0, 1).toUpperCase();
    for (let offset = 0; offset < label.length; offset += 1) {
      cells[marker.column + 1 + offset] = label[offset] ?? ' ';
    }
  });
  stalls.forEach((stalled, column) => {
    if (stalled && (cells[column] === ' ' || cells[column] === '░')) cells[column] = stallMark;
  });
  return cells.join('');
}
