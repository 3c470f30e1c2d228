// What Ink's floors draw: the text of a frame the dashboard drew, one <Text> per line, with the Ink options the
// dashboard renders with (source/ui/run-dashboard.tsx), so what is left between the two is the dashboard's own work.

import { Box, Text } from 'ink';

/** The dashboard's Ink options, for a terminal (or a fake one standing in for it). */
export const dashboardInkOptions = {
  alternateScreen: true,
  interactive: true,
  exitOnCtrlC: false,
  maxFps: 10,
  incrementalRendering: true,
} as const;

/** A frame's text, one truncated <Text> per line; `columns`×`rows` when given, else as tall as its lines. */
export function TextFrame({ text, columns, rows }: { text: string; columns?: number; rows?: number }) {
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      {text.split('\n').map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a line is its row on the screen.
        <Text key={index} wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
