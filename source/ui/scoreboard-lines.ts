// The scoreboard pane's lines as spans: the settings, the rows measured at them with the best of each column
// starred, the verdict in words (and in block digits), how to run the task, then earlier configurations.

import type { ModelName, Snapshot } from '../engine/types.ts';
import { dashboardVerdict } from '../engine/verdict-dashboard.ts';
import { bigText } from './big-text.ts';
import { fitWidth, formatRatio, packItems } from './format.ts';
import { type Column, cell, columnsFor, modelWidth } from './scoreboard-columns.ts';
import { type ScoreboardEntry, type ScoreboardView, scoreboardView } from './scoreboard-model.ts';
import { currentSettings } from './scoreboard-settings.ts';
import { possessive, scoreboardVerdict, type Verdict } from './scoreboard-verdict.ts';
import { differenceText, settingsText, settlingText } from './scoreboard-words.ts';
import type { Span } from './spans.ts';
import { modelColor } from './theme.ts';

/** The pane's lines, at most `height`: what must show first, then what the room allows. */
export function scoreboardLines(
  snapshot: Snapshot,
  width: number,
  height: number,
  framed: boolean,
  big: boolean,
): Span[][] {
  const view = scoreboardView(snapshot.scoreboard, currentSettings(snapshot));
  const verdict = scoreboardVerdict(view, snapshot.model);
  const rows = [...view.entries.flatMap((entry) => (entry.row ? [entry.row] : [])), ...view.earlier];
  const columns = columnsFor(rows, width);
  const paused = snapshot.scheduler.paused;
  const title = titleLine(settingsText(view.settings), width, framed);
  const header: Span[] = [
    {
      text: `${fitWidth('model', modelWidth)}${columns.map((column) => fitWidth(`${column.title}  `, column.width, 'right')).join('')}`,
      color: 'gray',
    },
  ];
  const current = view.entries.map((entry) => entryLine(entry, view, columns, snapshot.model, paused));
  let spare = height - (2 + current.length);
  // How to run the task, once measured enough, in a row of its own when one is left after the comparison's words
  // (which the talk reads first): from 50 rows under the block digits, from 32 without them.
  const how = howToRunLine(snapshot, view, width);
  // For a file of one's own, how to run it is the question the user came with: it takes the words' row, and on
  // a screen with no row for it under the block digits (80×24), the digits' rows.
  const howFirst = how !== undefined && snapshot.workload.file !== undefined;
  const digitsRoom = howFirst ? spare >= 4 : spare >= 3;
  const ratioLines = big && verdict.ratio !== undefined && digitsRoom ? bigRatio(verdict, width) : [];
  spare -= ratioLines.length;
  const howLines = how && (spare >= 2 || (howFirst && spare >= 1)) ? [how] : [];
  spare -= howLines.length;
  // The digits and their caption say the verdict's headline: its words follow when a row is left for them.
  const verdictLines =
    ratioLines.length > 0 && spare < 1 ? [] : verdictSpans(verdict, width, Math.max(1, Math.min(3, spare)));
  spare -= verdictLines.length;
  const earlier = spare >= 2 ? earlierLines(view, columns, width, spare) : [];
  const after = howFirst ? [...howLines, ...verdictLines] : [...verdictLines, ...howLines];
  return [title, ...ratioLines, header, ...current, ...after, ...earlier].slice(0, Math.max(0, height));
}

function titleLine(settings: string, width: number, framed: boolean): Span[] {
  const title = ' SCOREBOARD ';
  const about = ` ${settings} `;
  const rule = framed ? '' : '─'.repeat(Math.max(0, width - title.length - about.length - 2));
  return [
    { text: framed ? '' : '─ ', color: 'gray' },
    { text: title, bold: true, inverse: true },
    { text: about, bold: true },
    { text: rule, color: 'gray' },
  ];
}

function modelCell(model: ModelName, mark: string, suffix: string): Span {
  return {
    text: fitWidth(`${mark} ${model.toUpperCase()}${suffix}`, modelWidth),
    bold: true,
    color: modelColor(model),
  };
}

function entryLine(
  entry: ScoreboardEntry,
  view: ScoreboardView,
  columns: readonly Column[],
  current: ModelName,
  paused: boolean,
): Span[] {
  const { model, row } = entry;
  const isCurrent = model === current;
  const mark = isCurrent ? (paused ? '❚' : '▶') : ' ';
  if (!row) {
    const note = isCurrent
      ? paused
        ? '  paused: nothing is measured until you resume (space)'
        : '  starting: results appear as tasks finish'
      : '  not run at these settings';
    return [modelCell(model, mark, ''), { text: note, color: 'gray' }];
  }
  if (entry.excluded === 'settling' && row.settling) {
    const text = settlingText(model, row.settling).replace(`${model} `, '');
    return [modelCell(model, mark, ''), { text: `  ${text}`, color: 'yellow' }];
  }
  const cells = columns.map((column) => cell(column, row, view, entry.excluded === undefined));
  const note = entry.excluded
    ? `  ${entry.excluded}, not compared`
    : row.overlapping
      ? '  ⚠ overlapping'
      : '';
  return [modelCell(model, mark, row.overlapping ? ' ⚠' : ''), ...cells, { text: note, color: 'yellow' }];
}

/** How to run the task, in one line cut to `width`: none until two models have measured enough. */
function howToRunLine(snapshot: Snapshot, view: ScoreboardView, width: number): Span[] | undefined {
  const rows = view.entries.flatMap((entry) => (entry.row && !entry.excluded ? [entry.row] : []));
  const how = dashboardVerdict({ rows, machine: snapshot.machine, poolThreads: snapshot.poolThreads });
  if (!how || how.kind === 'unknown') return undefined;
  return [
    {
      text: fitWidth(`⇒ ${how.line}`, width),
      bold: true,
      ...(how.model ? { color: modelColor(how.model) } : {}),
    },
  ];
}

/** The verdict, its clauses packed into at most `lines` lines. */
function verdictSpans(verdict: Verdict, width: number, lines: number): Span[][] {
  const color = verdict.winner ? modelColor(verdict.winner) : undefined;
  const head = `⇒ ${verdict.headline}`;
  const packed = packItems([head, ...verdict.details], width, (item) => item.length, 3);
  const shown = packed.slice(0, lines);
  return shown.map((items, index) => {
    const spans: Span[] = [];
    for (const [position, item] of items.entries()) {
      const separator = position > 0 ? ' · ' : index > 0 ? '  ' : '';
      if (item === head) spans.push({ text: item, bold: true, color });
      else spans.push({ text: `${separator}${item}` });
    }
    return spans;
  });
}

/** The headline ratio in block digits, with what it compares beside it; none when the digits have no glyphs. */
function bigRatio(verdict: Verdict, width: number): Span[][] {
  const digits = verdict.ratio !== undefined ? bigText(formatRatio(verdict.ratio)) : undefined;
  const { versus } = verdict;
  const winner = verdict.winner ?? verdict.leaders?.[0];
  if (!digits || !winner || !versus) return [];
  const who = verdict.leaders ? verdict.leaders.join(' ≈ ') : possessive(winner);
  const caption = [`${who} throughput`, `over ${possessive(versus)}`, 'at these settings'];
  const digitsWidth = Math.max(...digits.map((row) => row.length));
  if (digitsWidth + 4 > width) return [];
  return digits.map((row, index) => [
    { text: ` ${row.padEnd(digitsWidth)}  `, bold: true, color: modelColor(winner) },
    { text: caption[index] ?? '', bold: index === 0, color: index === 0 ? modelColor(winner) : undefined },
  ]);
}

/** Earlier configurations, dimmed, each with what sets it apart from the current settings. */
function earlierLines(
  view: ScoreboardView,
  columns: readonly Column[],
  width: number,
  room: number,
): Span[][] {
  if (view.earlier.length === 0) return [];
  const lines: Span[][] = [[{ text: fitWidth('earlier settings, not compared:', width), color: 'gray' }]];
  const shown = view.earlier.slice(0, room - 1);
  const hidden = view.earlier.length - shown.length;
  for (const [index, row] of shown.entries()) {
    const last = index === shown.length - 1 && hidden > 0;
    if (last) {
      lines.push([{ text: `  … ${hidden + 1} more`, color: 'gray' }]);
      break;
    }
    lines.push([
      { text: fitWidth(`  ${row.model.toUpperCase()}`, modelWidth), color: 'gray' },
      ...columns.map((column) => ({
        text: fitWidth(`${column.text(row)}  `, column.width, 'right'),
        color: 'gray' as const,
      })),
      { text: `  ${differenceText(row, view.settings)}`, color: 'gray' },
    ]);
  }
  return lines;
}
