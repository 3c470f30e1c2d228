// The floor of the dashboard-overhead figure: `concur-tui bench`'s run of one model, in this process, while plain
// Ink draws in the terminal the frames the dashboard drew there (captured from tmux with their colours), one
// <Text> per line, at the dashboard's pace. It costs the run what drawing those frames costs any Ink program, on
// the same main thread as the engine, and nothing of the dashboard's own: no components, no layout boxes, no
// snapshots turned into lines. Bundled like the binary (React's production build, the same bundle settings):
//
//   node ink-replay-harness.js <frames.json> <interval ms> <result.json> <bench arguments…>
//
// Writes the bench's first row as JSON to <result.json>, then leaves the terminal and exits.

import { readFileSync, writeFileSync } from 'node:fs';
import { render } from 'ink';
import { runBench } from '../../source/bench/run-bench.ts';
import { parseCommandLine } from '../../source/cli/parse-args.ts';
import { dashboardInkOptions } from '../../source/ui/ink-options.ts';
import { TextFrame } from './text-frame.tsx';

const [framesFile = '', interval = '250', resultFile = '', ...benchArguments] = process.argv.slice(2);
const frames = JSON.parse(readFileSync(framesFile, 'utf8')) as string[];
if (frames.length === 0) throw new Error('no frames to draw');

const command = parseCommandLine(['bench', ...benchArguments]);
if (command.command !== 'bench') throw new Error(`not a bench command: ${benchArguments.join(' ')}`);
const { json: _json, report: _report, color: _color, command: _command, ...options } = command;

const instance = render(<TextFrame text={frames[0] ?? ''} />, dashboardInkOptions(true));
let index = 0;
const timer = setInterval(() => {
  index = (index + 1) % frames.length;
  instance.rerender(<TextFrame text={frames[index] ?? ''} />);
}, Number(interval));

const result = await runBench({ ...options, sweep: { threads: [] } });
clearInterval(timer);
writeFileSync(resultFile, JSON.stringify(result.rows[0] ?? {}));
instance.unmount();
await instance.waitUntilExit();
process.exit(0);
