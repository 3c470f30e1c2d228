import { Text } from 'ink';
import { memo } from 'react';
import { type Span, sameSpans, styleSpans } from '../spans.ts';
import { useTheme } from '../theme.ts';

/**
 * One line of a pane, cut at the pane's edge: a single Ink text node however many styles it has. Panes build
 * their spans anew on every frame; a line whose spans read the same as last frame's is not styled again (the
 * theme, a context, still redraws it when it changes).
 */
export const Line = memo(function Line({ spans }: { spans: readonly Span[] }) {
  const theme = useTheme();
  return <StyledLine text={styleSpans(spans, theme.color)} />;
}, sameLine);

function sameLine(before: { spans: readonly Span[] }, after: { spans: readonly Span[] }): boolean {
  return sameSpans(before.spans, after.spans);
}

// Most lines read the same from one frame to the next (titles, labels, rows that did not move): compared by
// their styled text, such a line skips Ink's <Text> and its host update, which Ink would redo on every frame.
const StyledLine = memo(function StyledLine({ text }: { text: string }) {
  return <Text wrap="truncate">{text}</Text>;
});

/** Lines one under the other, e.g. a pane's body. */
export function Lines({ lines }: { lines: readonly (readonly Span[])[] }) {
  return lines.map((spans, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: lines are positions on the screen, never reordered
    <Line key={index} spans={spans} />
  ));
}
