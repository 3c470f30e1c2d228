import { Text } from 'ink';
import { type Span, styleSpans } from '../spans.ts';
import { useTheme } from '../theme.ts';

/** One line of a pane, cut at the pane's edge: a single Ink text node however many styles it has. */
export function Line({ spans }: { spans: readonly Span[] }) {
  const theme = useTheme();
  return <Text wrap="truncate">{styleSpans(spans, theme.color)}</Text>;
}

/** Lines one under the other, e.g. a pane's body. */
export function Lines({ lines }: { lines: readonly (readonly Span[])[] }) {
  return lines.map((spans, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: lines are positions on the screen, never reordered
    <Line key={index} spans={spans} />
  ));
}
