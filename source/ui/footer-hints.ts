// Pure choice of what the one footer line shows: the keys (from the key table), the echo of the last key and the
// engine's notice. When the line is short, hints lose their labels first, then the least important keys go;
// the echo stays at every width, so every key press shows what it did.

import { modelDescriptors } from '../engine/models/model-descriptors.ts';
import type { Notice } from '../engine/types.ts';
import { cutText } from './format.ts';
import { keyTable } from './key-table.ts';
import type { Span } from './spans.ts';
import type { ColorName } from './theme.ts';
import type { KeyEcho } from './view-state.ts';

export type KeyHint = { keys: string; label: string; rank: number };

/** Hints a source puts in place of the key table's, by chip: a presentation's `space` moves to the next step. */
export type HintReplacements = ReadonlyMap<string, KeyHint>;

/** Every footer hint of the key table, in display order; the scroll and close keys only while the help is open. */
export function allHints(workloadCount: number, helpOpen = false, replaced?: HintReplacements): KeyHint[] {
  return keyTable(workloadCount).flatMap((row) =>
    row.footer && (helpOpen || !row.footer.inHelp)
      ? [
          replaced?.get(row.footer.chip) ?? {
            keys: row.footer.chip,
            label: row.footer.label,
            rank: row.footer.rank,
          },
        ]
      : [],
  );
}

/** The keys no footer drops: help explains the rest, and quit must be in sight. */
const essential = new Set(['?', 'q']);
/** The keys dropped only after all others: the models are the demo. */
function modelKeys(): Set<string> {
  return new Set(modelDescriptors().map((model) => model.key));
}

/** A hint as drawn: the key chip (a space each side), then a space and the label when it has one. */
type Shown = KeyHint & { withLabel: boolean };

function shownLength(hint: Shown): number {
  return hint.keys.length + 2 + (hint.withLabel ? 1 + hint.label.length : 0);
}

/** Two cells between hints. */
const gap = 2;

function hintsLength(hints: readonly Shown[]): number {
  return hints.reduce((sum, hint, index) => sum + shownLength(hint) + (index > 0 ? gap : 0), 0);
}

/**
 * The hints that fit in `width` cells: with labels if they all fit, otherwise labels go from the least
 * important hint up, then whole hints go (the models' keys last, never `?` and `q`).
 */
export function footerHints(
  width: number,
  workloadCount: number,
  helpOpen = false,
  replaced?: HintReplacements,
): Shown[] {
  const hints: Shown[] = allHints(workloadCount, helpOpen, replaced).map((hint) => ({
    ...hint,
    withLabel: true,
  }));
  const byLeastImportant = [...hints].sort((a, b) => b.rank - a.rank);
  for (const hint of byLeastImportant) {
    if (hintsLength(hints) <= width) return hints;
    hint.withLabel = false;
  }
  let kept = hints;
  const models = modelKeys();
  const dropOrder = [
    ...byLeastImportant.filter((hint) => !models.has(hint.keys)),
    ...byLeastImportant.filter((hint) => models.has(hint.keys)),
  ];
  for (const hint of dropOrder) {
    if (hintsLength(kept) <= width) return kept;
    if (!essential.has(hint.keys)) kept = kept.filter((candidate) => candidate !== hint);
  }
  return kept;
}

const noticeStyle: Record<Notice['level'], { symbol: string; color: ColorName }> = {
  info: { symbol: '•', color: 'cyan' },
  warning: { symbol: '⚠', color: 'yellow' },
  error: { symbol: '✖', color: 'red' },
};

export type FooterLineOptions = {
  width: number;
  workloadCount: number;
  /** @default false */
  helpOpen?: boolean;
  /** The last key and what it did. @default none */
  echo?: KeyEcho | undefined;
  /** The engine's latest notice (a failed switch, a limit hit). @default none */
  notice?: Notice | undefined;
  /** Hints in place of the key table's, by chip. @default none */
  replaced?: HintReplacements | undefined;
};

/** The footer as spans: hints at the left, the echo and the notice at the right, in `width` cells. */
export function footerLine({
  width,
  workloadCount,
  helpOpen = false,
  echo,
  notice,
  replaced,
}: FooterLineOptions): Span[] {
  const echoText = echo ? `${echo.key ? `${echo.key} ` : ''}▸ ${echo.text}` : '';
  const style = notice ? noticeStyle[notice.level] : undefined;
  const noticeText = notice && style ? `${style.symbol} ${notice.message}` : '';
  const essentials = hintsLength(
    allHints(workloadCount, helpOpen)
      .filter((hint) => essential.has(hint.keys))
      .map((hint) => ({ ...hint, withLabel: false })),
  );
  // The echo comes first, then the notice; the hints make room for them down to the essential keys.
  const rightRoom = Math.max(0, width - essentials - gap);
  const shownEcho = cutText(echoText, rightRoom);
  const shownNotice = cutText(noticeText, rightRoom - shownEcho.length - (shownEcho ? gap : 0));
  const right = [shownEcho, shownNotice].filter(Boolean).join(' '.repeat(gap));
  const hints = footerHints(
    Math.max(0, width - right.length - (right ? gap : 0)),
    workloadCount,
    helpOpen,
    replaced,
  );
  const used = hintsLength(hints);
  const spans: Span[] = hints.flatMap((hint, index): Span[] => [
    { text: index > 0 ? ' '.repeat(gap) : '' },
    { text: ` ${hint.keys} `, bold: true, inverse: true },
    { text: hint.withLabel ? ` ${hint.label}` : '' },
  ]);
  if (!right) return spans;
  const padding = Math.max(right ? gap : 0, width - used - right.length);
  spans.push({ text: ' '.repeat(padding) });
  if (shownEcho) {
    spans.push({ text: shownEcho, bold: true, color: echo?.level === 'warning' ? 'yellow' : undefined });
  }
  if (shownNotice && style) {
    spans.push(
      { text: shownEcho ? ' '.repeat(gap) : '' },
      { text: shownNotice, bold: true, color: style.color },
    );
  }
  return spans;
}
