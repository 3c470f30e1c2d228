import { culpritSentence, unblamedSentence } from '../../engine/blame/blame-words.ts';
import type { Snapshot, Stall } from '../../engine/types.ts';
import { chartLines } from '../chart-lines.ts';
import { type ChartScale, scaleCaption } from '../chart-scale.ts';
import { historyChart } from '../charts.ts';
import { formatCount, formatMs, formatMsNumber, formatPercent } from '../format.ts';
import { lagLevel, levelLabel, utilizationLevel } from '../health.ts';
import type { Span } from '../spans.ts';
import { levelColor } from '../theme.ts';
import { adviceLines } from './advice-line.tsx';
import { paneLines } from './pane-frame.tsx';

export type EventLoopPaneProps = { snapshot: Snapshot; width: number; height: number };

/** A freeze stays loud this long after the dashboard could draw again, then stays as a quiet note. */
const recentFreezeMs = 15_000;

/**
 * Lag now, event-loop utilization, who caused the latest stall (in place of a row of the chart), the last freeze,
 * and the lag history with switch and stall markers.
 */
export function eventLoopPaneLines(
  { snapshot, width, height }: EventLoopPaneProps,
  color: boolean,
): Span[][] {
  const { lag, utilization } = snapshot.eventLoop;
  const level = lagLevel(lag.p99);
  const busy = utilizationLevel(utilization);
  const content = height - 1;
  const freeze = snapshot.lastFreeze;
  const lines: Span[][] = [
    [
      { text: `lag ms   p50 ${formatMsNumber(lag.p50)}   p99 ` },
      { text: formatMsNumber(lag.p99), bold: true, color: levelColor[level] },
      { text: `   max ${formatMsNumber(lag.max)}` },
    ],
    [
      // Beside a freeze, the level says it is about now, not about the freeze.
      { text: `${levelLabel[level]}${freeze ? ' now' : ''}`, bold: true, color: levelColor[level] },
      { text: '   ELU ' },
      { text: formatPercent(utilization), color: levelColor[busy] },
      { text: busy === 'healthy' ? '' : ` (loop ${busy === 'stalled' ? 'saturated' : 'busy'})` },
    ],
    // What to do comes before the freeze's note, which the smallest pane cannot always show whole.
    ...adviceLines(snapshot, 'eventLoop', width),
  ];
  const blame = blameLine(snapshot, width);
  if (blame) lines.push(blame);

  if (freeze) {
    // A freeze is seen a frame after it ends: "0.00 ms ago" reads as a glitch, so under a second says "just now".
    const sinceMs = Math.max(0, snapshot.at - freeze.at);
    const what = `loop froze ${formatMs(freeze.durationMs)}, ${sinceMs < 1000 ? 'just now' : `${formatMs(sinceMs)} ago`}`;
    if (snapshot.at - freeze.at < recentFreezeMs) {
      const sentence = `⚠ ${what} — the dashboard shares this loop`;
      const parts = width >= sentence.length ? [sentence] : [`⚠ ${what}`, '  the dashboard shares this loop'];
      for (const part of parts) lines.push([{ text: part, bold: true, color: 'red' }]);
    } else {
      lines.push([{ text: what.replace('loop froze', 'last freeze'), color: 'gray' }]);
    }
  }

  const chartHeight = content - lines.length - 1;
  const chart = historyChart(snapshot.history, snapshot.events, (point) => point.lagP99, {
    to: snapshot.at,
    width,
    height: Math.max(1, chartHeight),
    floor: 10,
    bottom: 1,
    stalls: snapshot.stalls?.recent ?? [],
  });
  return paneLines({ title: 'EVENT LOOP', detail: chartCaption(chart.scale, width) }, width, color, [
    ...lines.slice(0, content),
    ...(chartHeight >= 1
      ? chartLines(chart, { height: chartHeight, colorOf: (column) => levelColor[lagLevel(column.value)] })
      : []),
  ]);
}

function chartCaption(scale: ChartScale, width: number): string {
  const range = scaleCaption(scale, formatMs);
  const long = `chart: lag p99, last 60 s, ${range}`;
  // The title and its rule take 16 cells of the line.
  return width >= long.length + 16 ? long : `p99 chart, ${range}`;
}

/**
 * Whether a stall was many tasks' short slices back to back (thousands of timers firing at once) rather than one
 * task that would not yield: its longest slice is under the stall threshold, so no single task stalled the loop,
 * and "#1234 ran 0.01 ms" would blame the wrong thing.
 */
export function manyShortSlices(stall: Stall, thresholdMs = 20): boolean {
  const longest = stall.culprits[0]?.sliceMs ?? 0;
  return stall.tasks > 1 && longest < thresholdMs;
}

/**
 * The latest stall of the last minute and who caused it, in the most words that fit `width`: "stall 182 ms, 3 s ago:
 * task #1234 (cpu) ran 182 ms without yielding (slice 2), +2 more" down to "stall: #1234 ran 182 ms". Undefined
 * while the loop has not stalled.
 */
export function blameLine(snapshot: Snapshot, width: number): Span[] | undefined {
  const stall = snapshot.stalls?.recent.at(-1);
  if (!stall) return undefined;
  const level = lagLevel(stall.durationMs);
  const length = formatMs(stall.durationMs);
  // Whole seconds: the line is redrawn every frame, and a running count of milliseconds would flicker.
  const sinceMs = snapshot.at - (stall.at + stall.durationMs);
  const ago = sinceMs < 1000 ? 'just now' : `${Math.floor(sinceMs / 1000)} s ago`;
  const culprit = stall.culprits[0];
  const more = stall.tasks > 1 ? `, +${stall.tasks - 1} more` : '';
  const shortSlices = culprit && manyShortSlices(stall, snapshot.stalls?.thresholdMs);
  const variants: [head: string, rest: string][] = shortSlices
    ? [
        [
          `stall ${length}, ${ago}:`,
          ` ${formatCount(stall.tasks)} tasks in short slices, none over ${formatMs(culprit.sliceMs)}`,
        ],
        [`stall ${length}, ${ago}:`, ` ${formatCount(stall.tasks)} tasks in short slices`],
        [`stall ${length}:`, ` ${formatCount(stall.tasks)} short slices`],
      ]
    : culprit
      ? [
          [`stall ${length}, ${ago}:`, ` ${culpritSentence(culprit)} (slice ${culprit.sliceNumber})${more}`],
          [`stall ${ago}:`, ` ${culpritSentence(culprit)}${more}`],
          ['stall:', ` #${culprit.taskId} (${culprit.workload}) ran ${formatMs(culprit.sliceMs)}${more}`],
          ['stall:', ` #${culprit.taskId} ran ${formatMs(culprit.sliceMs)}`],
        ]
      : [
          [`stall ${length}, ${ago}:`, ` ${unblamedSentence}`],
          [`stall ${length}, ${ago}:`, ' not a task'],
          [`stall ${length}:`, ' not a task'],
        ];
  const [head, rest] =
    variants.find(([h, r]) => h.length + r.length <= width) ?? (variants.at(-1) as [string, string]);
  return [{ text: head, bold: true, color: levelColor[level] }, { text: rest }];
}
