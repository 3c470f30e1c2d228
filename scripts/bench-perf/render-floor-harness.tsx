// Ink's own floor for a frame: plain Ink drawing the text our dashboard drew, frame by frame, one <Text> per
// line, with the dashboard's Ink options, into the same fake terminal. Bundled and run like render-harness.ts
// (React's production build, colour on): `node render-floor-harness.js <columns> <rows> <frames.json>`, where
// the file is what render-harness.ts wrote with RENDER_FRAMES. Prints one JSON line like it (no registryTasks).
// What is left between the two is the dashboard's own work: its components, spans and layout boxes.

import { readFileSync } from 'node:fs';
import { render } from 'ink';
import { dashboardInkOptions } from '../../source/ui/ink-options.ts';
import { FakeStdin, FakeStdout, timeFrames } from './fake-terminal.ts';
import { TextFrame } from './text-frame.tsx';

const columns = Number(process.argv[2] ?? 120);
const rows = Number(process.argv[3] ?? 40);
const drawn = JSON.parse(readFileSync(process.argv[4] ?? '', 'utf8')) as string[];
const warmupFrames = 10;

const Frame = ({ text }: { text: string }) => <TextFrame text={text} columns={columns} rows={rows} />;

// The timed frames of the dashboard, after as many warm-up frames taken from its last ones.
const frames = [...drawn.slice(-warmupFrames), ...drawn];
const stdout = new FakeStdout(columns, rows);
const instance = render(<Frame text={frames[0] ?? ''} />, {
  stdout: stdout as unknown as NodeJS.WriteStream,
  stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
  ...dashboardInkOptions(true),
});
const times = await timeFrames(stdout, frames.length, warmupFrames, (index) =>
  instance.rerender(<Frame text={frames[index] ?? ''} />),
);
instance.unmount();
process.stdout.write(`${JSON.stringify(times)}\n`, () => process.exit(0));
