import type { SelfCost } from '../../engine/metrics/self-cost.ts';
import type { HistoryPoint, Snapshot } from '../../engine/types.ts';
import { barSpans } from '../bar-spans.ts';
import type { ChartColumn } from '../chart-columns.ts';
import { chartRows } from '../chart-rows.ts';
import { fitWidth, formatBytes, formatCores, formatPercent, packItems } from '../format.ts';
import type { Span } from '../spans.ts';
import { adviceLines } from './advice-line.tsx';
import { paneLines } from './pane-frame.tsx';

export type CpuPaneProps = { snapshot: Snapshot; width: number; height: number };

/** Samples of per-core history shown next to each core's bar. */
const coreHistoryLength = 8;
const cellWidth = 14;

/** A bar per logical core with a short history, this process's cores, RSS and heap, and what watching costs. */
export function cpuPaneLines({ snapshot, width, height }: CpuPaneProps, color: boolean): Span[][] {
  const { cpu } = snapshot;
  const advice = adviceLines(snapshot, 'cpu', width);
  const content = height - 1 - advice.length;
  const cores = cpu.perCore.map((share, core) => ({ core, share }));
  const perLine = Math.max(1, Math.floor((width + 1) / (cellWidth + 1)));
  const processItems = [
    {
      key: 'cores',
      text: cpu.childProcessCores
        ? `process ${formatCores(cpu.processCores)} cores (${formatCores(cpu.childProcessCores)} in children)`
        : `process ${formatCores(cpu.processCores)} cores`,
      bold: true,
    },
    { key: 'rss', text: `rss ${formatBytes(cpu.rssBytes)}`, bold: false },
    { key: 'heap', text: `heap ${formatBytes(cpu.heapUsedBytes)}`, bold: false },
  ];
  const pack = (items: typeof processItems) =>
    packItems(items, width, (item) => item.text.length).slice(0, content);
  // What watching costs comes only where it leaves the cores drawn as they would be without it.
  const withSelfCost = pack([
    ...processItems,
    { key: 'self', text: selfCostText(snapshot.selfCost, width), bold: false },
  ]);
  const without = pack(processItems);
  const summary =
    coreLayout(cores.length, content - withSelfCost.length, perLine) ===
    coreLayout(cores.length, content - without.length, perLine)
      ? withSelfCost
      : without;
  const rowsLeft = content - summary.length;
  const label = (core: number) => fitWidth(`c${core}`, String(cores.length - 1).length + 2);
  const recent = snapshot.history.slice(-coreHistoryLength);

  const lines: Span[][] = [
    ...advice,
    ...summary.map((items) =>
      items.map((item, index) => ({ text: `${index > 0 ? '   ' : ''}${item.text}`, bold: item.bold })),
    ),
  ];
  const layout = coreLayout(cores.length, rowsLeft, perLine);
  if (layout === 'none') {
    // Only the summary fits.
  } else if (layout === 'bars') {
    const historyWidth = width >= 30 ? coreHistoryLength : 0;
    for (const { core, share } of cores) {
      const barWidth = Math.max(3, width - label(core).length - (historyWidth ? historyWidth + 1 : 0) - 5);
      lines.push([
        { text: label(core) },
        { text: historyWidth ? `${coreSparkline(recent, core, historyWidth)} ` : '', color: 'gray' },
        ...barSpans(share, barWidth, 'green', color),
        { text: fitWidth(formatPercent(share), 5, 'right') },
      ]);
    }
  } else if (layout === 'shared') {
    for (let start = 0; start < cores.length; start += perLine) {
      lines.push(
        cores
          .slice(start, start + perLine)
          .flatMap(({ core, share }) => [
            { text: fitWidth(label(core), 4) },
            ...barSpans(share, 5, 'green', color),
            { text: `${fitWidth(formatPercent(share), 5, 'right')} ` },
          ]),
      );
    }
  } else {
    // Too many cores for bars side by side: one column per core, as tall as the pane allows.
    const columns: ChartColumn[] = cores
      .slice(0, width)
      .map(({ share }) => ({ value: share, model: snapshot.model }));
    for (const row of chartRows(columns, rowsLeft, 1)) lines.push([{ text: row }]);
  }

  return paneLines({ title: 'CPU', detail: `${cores.length} cores` }, width, color, lines);
}

/** How the cores are drawn in `rows` rows: a bar each, bars side by side, one column each, or not at all. */
function coreLayout(cores: number, rows: number, perLine: number): 'none' | 'bars' | 'shared' | 'columns' {
  if (rows <= 0) return 'none';
  if (cores <= rows) return 'bars';
  return cores <= rows * perLine ? 'shared' : 'columns';
}

/** The last samples of one core's busy share as a one-line sparkline, right-aligned in `width` cells. */
function coreSparkline(recent: readonly HistoryPoint[], core: number, width: number): string {
  const columns: ChartColumn[] = recent.map((point) => {
    const value = point.perCore[core];
    return value === undefined ? undefined : { value, model: point.model };
  });
  return (chartRows(columns, 1, 1)[0] ?? '').padStart(width);
}

/** A share of one core for reading aloud: `0.4%`, `4.9%`, `12%`. */
export function formatShareOfCore(cores: number): string {
  if (!Number.isFinite(cores) || cores < 0) return '—';
  const percent = cores * 100;
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/**
 * What the dashboard itself costs, in at most `width` cells where it can: the whole process's CPU with no
 * task running (every thread: the lag probe, sampling, drawing, and V8's GC and compiler threads), and of it
 * the main thread's; while tasks run, the figure from the last pause, said to be so.
 */
export function selfCostText(selfCost: SelfCost | undefined, width: number): string {
  const lead = 'dashboard itself';
  if (!selfCost) return fitWidth(`${lead}: pause to measure`, width).trimEnd();
  const share = `${formatShareOfCore(selfCost.processCores)} of a core`;
  const main = selfCost.mainThreadCores;
  const variants = selfCost.current
    ? [
        ...(main === undefined
          ? []
          : [`${lead}: ${share} (whole process; main thread ${formatShareOfCore(main)})`]),
        `${lead}: ${share} (whole process)`,
        `${lead}: ${share}`,
        `self ${formatShareOfCore(selfCost.processCores)}`,
      ]
    : [
        `${lead}: ${share} when last paused`,
        `${lead}: ${share} (paused)`,
        `self ${formatShareOfCore(selfCost.processCores)} (paused)`,
      ];
  return variants.find((text) => text.length <= width) ?? fitWidth(variants.at(-1) ?? '', width).trimEnd();
}
