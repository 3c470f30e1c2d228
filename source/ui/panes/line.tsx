import { Text } from 'ink';
import { memo } from 'react';
import { type Span, sameSpans, styleSpans } from '../spans.ts';
import { useTheme } from '../theme-context.ts';

/**
 * One line of a pane, cut at the pane's edge: a single Ink text node however many styles it has. Panes build
 * their spans anew on every frame; a line whose spans read the same as last frame's is not styled again (the
 * theme, a context, still redraws it when it changes).
 */
export const Line = memo(function Line({ spans, row = false }: LineProps) {
  const theme = useTheme();
  const text = styleSpans(spans, theme.color);
  // Ink gives a text of nothing no row: a blank row of the screen is drawn as one blank cell to keep its place.
  return <StyledLine text={row && text === '' ? ' ' : text} />;
}, sameLine);

type LineProps = {
  spans: readonly Span[];
  /** Whether the line is a row of the screen, kept when blank; a pane's own blank lines take no row. @default false */
  row?: boolean;
};

function sameLine(before: LineProps, after: LineProps): boolean {
  return before.row === after.row && sameSpans(before.spans, after.spans);
}

// Most lines read the same from one frame to the next (titles, labels, rows that did not move): compared by
// their styled text, such a line skips Ink's <Text> and its host update, which Ink would redo on every frame.
const StyledLine = memo(function StyledLine({ text }: { text: string }) {
  return <Text wrap="truncate">{text}</Text>;
});

/**
 * Lines one under the other, e.g. a pane's body. With `rows`, each is a row of the screen (line-fit.ts laid them
 * out), a blank one included.
 */
export function Lines({ lines, rows = false }: { lines: readonly (readonly Span[])[]; rows?: boolean }) {
  return lines.map((spans, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: lines are positions on the screen, never reordered
    <Line key={index} spans={spans} row={rows} />
  ));
}
