// What Ink's floors draw: the text of a frame the dashboard drew, one <Text> per line. They render it with the
// dashboard's own Ink options (source/ui/ink-options.ts), so what is left between the two is the dashboard's work.

import { Box, Text } from 'ink';

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
