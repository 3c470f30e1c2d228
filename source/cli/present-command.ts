import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Engine } from '../engine/engine.ts';
import type { EngineHandle } from '../engine/engine-handle.ts';
import { Presenter } from '../present/presenter.ts';
import { rehearse, type StepResult } from '../present/rehearse.ts';
import { parseScript, parseYamlScript, type Script, ScriptError } from '../present/script.ts';
import { engineOptionsOf } from '../present/step-settings.ts';
import { talkScript } from '../present/talk-script.ts';
import { inputFile, readFailure } from '../read-input/input-file.ts';
import { untilForeground } from '../ui/foreground.ts';
import { runDashboard } from '../ui/run-dashboard.tsx';
import type { Command } from './command-types.ts';
import { exitCodeFor, interactiveTerminal, type QuitSignal, withQuitSignals } from './quit-signals.ts';
import type { Output } from './run-command.ts';

type PresentCommand = Extract<Command, { command: 'present' }>;

/** A talk script's steps fit in far less; a larger file is not one (a device such as /dev/zero never ends). */
const scriptMaxChars = 4 * 1024 * 1024;

/** The script's text: from a file or a pipe (`present <(…)`), not a device, and not past `scriptMaxChars`. */
async function readScriptText(file: string): Promise<string> {
  const { refused } = await inputFile(file);
  if (refused) throw new Error(refused);
  let text = '';
  // Leaving the loop closes the stream.
  for await (const chunk of createReadStream(file, { encoding: 'utf8' }) as AsyncIterable<string>) {
    text += chunk;
    if (text.length > scriptMaxChars) throw new Error('it is larger than 4 MiB: not a talk script');
  }
  return text;
}

/** The script named on the command line, or the built-in one; a script that is wrong is one line. */
async function loadScript(file: string | undefined): Promise<Script> {
  if (file === undefined) return parseScript(JSON.stringify(talkScript), 'the built-in script');
  let text: string;
  try {
    text = await readScriptText(file);
  } catch (error) {
    throw new ScriptError(`cannot read the script ${file}: ${readFailure(error)}`);
  }
  // A pipe's name (`present <(…)`, /dev/fd/63) says nothing: a script that opens with `{` is JSON, else YAML.
  const yaml = /\.ya?ml$/i.test(file) || (!/\.json$/i.test(file) && !text.trimStart().startsWith('{'));
  return yaml ? parseYamlScript(text, file) : parseScript(text, file);
}

/** The script, or undefined once its one-line error is said. */
async function scriptOrSay(file: string | undefined, stderr: Output): Promise<Script | undefined> {
  try {
    return await loadScript(file);
  } catch (error) {
    if (!(error instanceof ScriptError)) throw error;
    stderr.write(`concur-tui: ${error.message}\n`);
    return undefined;
  }
}

function stepLines(result: StepResult, steps: number): string[] {
  const passed = result.claims.every((claim) => claim.verdict.pass);
  const head = `step ${result.step}/${steps}  ${result.claims.length === 0 ? 'no claim' : passed ? 'pass' : 'FAIL'}  ${result.caption}`;
  return [
    head,
    ...result.claims.map(
      ({ text, verdict }) => `    ${verdict.pass ? 'pass' : 'FAIL'}  ${text}: measured ${verdict.measured}`,
    ),
  ];
}

/**
 * Rehearses the script on this machine and prints each step as it is judged. Exit code 0 when every claim held,
 * 1 when one failed, 2 when the script is wrong.
 */
export async function runPresentCheck(
  command: PresentCommand,
  output: { stdout: Output; stderr: Output },
): Promise<number> {
  const script = await scriptOrSay(command.script, output.stderr);
  if (!script) return 2;
  const begunAt = performance.now();
  output.stdout.write(
    `rehearsing ${script.title}: ${script.steps.length} step${script.steps.length === 1 ? '' : 's'} on this machine (${availableParallelism()} cores), each judged once its row has settled and counted\n`,
  );
  const results = await rehearse(script, {
    onStep: (result) => output.stdout.write(`${stepLines(result, script.steps.length).join('\n')}\n`),
  });
  const failed = results.filter((result) => result.claims.some((claim) => !claim.verdict.pass));
  output.stdout.write(
    `${failed.length === 0 ? 'every claim held' : `${failed.length} of ${results.length} steps failed`}; finished in ${((performance.now() - begunAt) / 1000).toFixed(1)} s\n`,
  );
  return failed.length === 0 ? 0 : 1;
}

/**
 * Presents the script in the dashboard: each step's settings applied to the live run, its caption and claims in
 * a band above the panes, `→`/`space` and `←` to move. Exit code 2 when the script is wrong.
 */
export async function runPresent(
  command: PresentCommand,
  output: { stdout: Output; stderr: Output },
): Promise<number> {
  const script = await scriptOrSay(command.script, output.stderr);
  if (!script) return 2;
  if (!interactiveTerminal()) {
    output.stderr.write(
      'concur-tui: presenting needs an interactive terminal (stdin and stdout a TTY, TERM not dumb); present --check runs without one\n',
    );
    return 1;
  }
  const engine = new Engine(engineOptionsOf(script));
  let stopPresenting = () => {};
  let quitSignal: QuitSignal | undefined;
  try {
    await engine.start();
    const presenter = new Presenter(engine, script);
    stopPresenting = () => presenter.stop();
    const handle: EngineHandle = {
      latest: () => engine.latest(),
      subscribe: (listener) => engine.subscribe(listener),
      dispatch: (action) => engine.dispatch(action),
      workloads: engine.workloads,
      controls: { presenter },
    };
    quitSignal = await withQuitSignals(async (signal) => {
      // Started in the background (`&`), nothing touches the terminal before `fg` gives it to us.
      await untilForeground(signal);
      await runDashboard(handle, {
        color: command.color,
        signal,
        onFirstFrame: () => {
          void engine.describeMachine();
          engine.warmUp();
        },
      });
    });
  } finally {
    stopPresenting();
    await engine.stop();
  }
  return quitSignal ? exitCodeFor(quitSignal) : 0;
}
