// The code overlay's lines as spans: a title naming the workload and its file, then the file's lines numbered,
// from the scroll position, the task's `run` marked with ▶ (a glyph, so it shows without colour too), every line
// cut to the width.

import type { WorkloadSource } from '../../workload-source/workload-source.ts';
import type { Span } from '../spans.ts';
import { cellsIn, cutToCells, displayLines } from './source-text.ts';

/** Lines that start the task function: `run(`, `async run(`, `run: (…) =>`, `function run(`, `const run =`. */
const runPatterns = [
  /^\s*(?:async\s+)?run\s*\(/,
  /\brun\s*:\s*(?:async\s+)?(?:function\b|\(|[A-Za-z_$][\w$]*\s*=>)/,
  /\bfunction\s+run\s*\(/,
  /\b(?:const|let|var)\s+run\s*=/,
];

function isComment(line: string): boolean {
  return /^\s*(?:\/\/|\/\*|\*)/.test(line);
}

/** The index of the line where the task's `run` starts, or 0 when none is found. */
export function findRunLine(lines: readonly string[]): number {
  const index = lines.findIndex(
    (line) => !isComment(line) && runPatterns.some((pattern) => pattern.test(line)),
  );
  return Math.max(0, index);
}

/** Where the overlay stands in a file: the first line shown, how far it can go, and a page's length. */
export type SourceWindow = { top: number; maxTop: number; page: number; lineCount: number; runLine: number };

/** The title's line. */
const titleRows = 1;

/**
 * The window on a file of `lines` in an overlay `height` rows high: at `scroll` when given, else with the `run`
 * line first (or as near the top as the end of the file allows, so the screen is full).
 */
export function sourceWindow(lines: readonly string[], height: number, scroll?: number): SourceWindow {
  const page = Math.max(1, height - titleRows);
  const maxTop = Math.max(0, lines.length - page);
  const runLine = findRunLine(lines);
  const top = Math.min(maxTop, Math.max(0, scroll ?? runLine));
  return { top, maxTop, page, lineCount: lines.length, runLine };
}

export type SourceLinesOptions = {
  /** The code to show, or why it cannot be. */
  source: WorkloadSource;
  width: number;
  height: number;
  /** The first line shown (`ViewState.sourceScroll` for this workload); unset: the `run` line. @default unset */
  scroll?: number | undefined;
};

/** The title: the workload and where its code is from, the keys, and which lines are in view. */
function titleLine(source: WorkloadSource, width: number, window?: SourceWindow): Span[] {
  const head = cutToCells(` CODE — ${source.name} · ${source.where} `, width);
  const parts = ['c or esc closes'];
  if (window && window.maxTop > 0) parts.push('↑/↓ PgUp/PgDn scroll');
  if (window && window.lineCount > 0) {
    const last = Math.min(window.lineCount, window.top + window.page);
    parts.push(`lines ${window.top + 1}–${last} of ${window.lineCount}`);
  }
  if (source.note) parts.push(source.note);
  const tail = ` ${parts.join(' · ')}`;
  return [{ text: head, bold: true, inverse: true }, { text: cutToCells(tail, width - cellsIn(head)) }];
}

/** The overlay's lines, at most `height`, none wider than `width`. */
export function sourceLines({ source, width, height, scroll }: SourceLinesOptions): Span[][] {
  if (height <= 0 || width <= 0) return [];
  if (source.text === undefined) {
    const why = source.loading
      ? `reading ${source.where}…`
      : `⚠ ${source.problem ?? `no code to show for ${source.name}`}`;
    const line: Span = { text: cutToCells(`  ${why}`, width), color: source.loading ? undefined : 'yellow' };
    return [titleLine(source, width), [line]].slice(0, height);
  }
  const lines = displayLines(source.text);
  const window = sourceWindow(lines, height, scroll);
  const digits = String(lines.length).length;
  const body = lines.slice(window.top, window.top + window.page).map((line, offset): Span[] => {
    const index = window.top + offset;
    const run = index === window.runLine;
    const gutter = `${run ? '▶' : ' '}${String(index + 1).padStart(digits)} │ `;
    const code = cutToCells(line, width - cellsIn(gutter));
    return [
      { text: cutToCells(gutter, width), color: run ? undefined : 'gray', bold: run },
      { text: code, bold: run, color: !run && isComment(line) ? 'gray' : undefined },
    ];
  });
  return [titleLine(source, width, window), ...body].slice(0, height);
}
