import type { Snapshot } from '../../engine/types.ts';
import { sideBySide } from '../line-fit.ts';
import { scoreboardLines } from '../scoreboard-lines.ts';
import type { Span } from '../spans.ts';

export type ScoreboardPaneProps = {
  snapshot: Snapshot;
  width: number;
  height: number;
  framed: boolean;
  /** Draw the headline ratio in block digits when the height allows it, to be read from the back of a room. @default false */
  big?: boolean;
};

/** The scoreboard as `height` rows of the screen, framed by a double rule when `framed`. */
export function scoreboardPaneLines({
  snapshot,
  width,
  height,
  framed,
  big = false,
}: ScoreboardPaneProps): Span[][] {
  if (!framed) {
    return sideBySide([{ lines: scoreboardLines(snapshot, width, height, framed, big), width }], height, 0);
  }
  // A double border with a cell of padding inside it, as Ink draws `borderStyle="double" paddingX={1}`.
  const rows = Math.max(0, height - 2);
  const inner = width - 4;
  const side = { lines: Array.from({ length: rows }, (): Span[] => [{ text: '║' }]), width: 1 };
  const body = { lines: scoreboardLines(snapshot, inner, rows, framed, big), width: inner };
  const rule = '═'.repeat(Math.max(0, width - 2));
  return [[{ text: `╔${rule}╗` }], ...sideBySide([side, body, side], rows, 1), [{ text: `╚${rule}╝` }]].slice(
    0,
    height,
  );
}
