// Ink's own floor for start-up: plain Ink, bundled like the binary (React's production build, Yoga without
// fetch), drawing one static frame of 120×40 with the dashboard's Ink options, then staying until killed.
// startup.ts times it like the dashboard: from opening its window to SCOREBOARD in the pane's output. What is
// left between the two is the dashboard's own start: its engine, its components and its first snapshot.

import { Box, render, Text } from 'ink';

const columns = 120;
const rows = 40;

/** A frame shaped like the dashboard's: bordered panes, a title that says SCOREBOARD, rows of figures. */
function frameLines(): string[] {
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    if (row % 10 === 0) {
      const title = row === 20 ? ' SCOREBOARD ' : ` PANE ${row / 10 + 1} `;
      lines.push(`┌─${title}${'─'.repeat(columns - 4 - title.length)}─┐`);
    } else if (row % 10 === 9) {
      lines.push(`└${'─'.repeat(columns - 2)}┘`);
    } else {
      const figures = `│ async ${(row * 1234.5).toFixed(1)}/s  p99 ${(row * 1.7).toFixed(2)} ms  ▁▂▃▄▅▆▇█ `;
      lines.push(`${figures}${' '.repeat(columns - 1 - figures.length)}│`);
    }
  }
  return lines;
}

render(
  <Box flexDirection="column" width={columns} height={rows}>
    {frameLines().map((line, index) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: a line is its row on the screen.
      <Text key={index} wrap="truncate">
        {line}
      </Text>
    ))}
  </Box>,
  { alternateScreen: true, interactive: true, exitOnCtrlC: false, maxFps: 10, incrementalRendering: true },
);
