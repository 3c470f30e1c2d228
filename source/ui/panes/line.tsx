import { Text } from 'ink';
import { type Span, styleSpans } from '../spans.ts';
import { useTheme } from '../theme.ts';

/** One line of a pane, cut at the pane's edge: a single Ink text node however many styles it has. */
export function Line({ spans }: { spans: readonly Span[] }) {
  const theme = useTheme();
  return <Text wrap="truncate">{styleSpans(spans, theme.color)}</Text>;
}
