// The README against the program: its keys are the key table, its talk sequence presses keys that do what it
// says (also run key by key in a real terminal), and its commands exist.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, test } from 'vitest';
import { defaults } from '../source/cli/option-specs.ts';
import { stepConcurrency } from '../source/engine/engine-options.ts';
import { loopbackProcessTitle } from '../source/engine/loopback/http-server-worker.ts';
import { modelDescriptors, modelNames } from '../source/engine/models/model-descriptors.ts';
import type { ModelName } from '../source/engine/types.ts';
import { formatCount } from '../source/ui/format.ts';
import { commandsFor, type KeyFlags } from '../source/ui/key-bindings.ts';
import { keyLabel, keyNameOfLabel } from '../source/ui/key-labels.ts';
import { keyTable } from '../source/ui/key-table.ts';
import type { KeyName } from '../source/ui/key-types.ts';
import { keysMarkdown } from '../source/ui/keys-markdown.ts';
import { builtinWorkloads } from '../workloads/index.ts';
import { MachineLoad } from './helpers/machine-load.ts';
import type { Observation } from './helpers/talk-claims.ts';
import { talkClaims } from './helpers/talk-claims.ts';
import { judge, summary } from './helpers/talk-judge.ts';
import { type Expected, observe } from './helpers/talk-observer.ts';
import { built, requireTerminalInCi } from './helpers/terminal-tests.ts';
import { hasTmux, TerminalSession } from './helpers/tmux.ts';

/** Whether `pid` is the loopback HTTP server's process, by the title it gives itself. */
function isLoopbackServer(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(loopbackProcessTitle);
  } catch {
    return false;
  }
}

const root = path.resolve(import.meta.dirname, '..');
requireTerminalInCi();
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const scripts = Object.keys(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts);
const workloads = builtinWorkloads.map(({ name, kind, description }) => ({ name, kind, description }));

function section(title: string): string {
  const start = readme.indexOf(`## ${title}\n`);
  expect(start, `README has a "${title}" section`).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** What Ink hands the bindings for a key, by name. */
function event(name: KeyName): { input: string; key: KeyFlags } {
  const flags: Record<string, KeyFlags> = {
    tab: { tab: true },
    'shift-tab': { tab: true, shift: true },
    esc: { escape: true },
    up: { upArrow: true },
    down: { downArrow: true },
    pageup: { pageUp: true },
    pagedown: { pageDown: true },
    enter: { return: true },
  };
  if (name === 'ctrl-c') return { input: 'c', key: { ctrl: true } };
  if (name === 'space') return { input: ' ', key: {} };
  return flags[name] ? { input: '', key: flags[name] } : { input: name, key: {} };
}

/** Whether pressing the key reaches a binding (whatever the help's state), rather than "not a key". */
function isBound(name: KeyName): boolean {
  const { input, key } = event(name);
  return [false, true].every((helpOpen) => {
    const commands = commandsFor(input, key, { helpOpen, workloads, currentWorkload: 'cpu' });
    return !JSON.stringify(commands).includes('not a key');
  });
}

/** The keys a README table cell names: `a`, `1`…`5` (every digit of the range), `Ctrl-C`. */
function keysOfCell(cell: string): KeyName[] {
  const range = /`(\d)`…`(\d)`/.exec(cell);
  const digits = range
    ? Array.from({ length: Number(range[2]) - Number(range[1]) + 1 }, (_, index) =>
        String(Number(range[1]) + index),
      )
    : [];
  const others = [...cell.replace(/`\d`…`\d`/, '').matchAll(/`([^`]+)`/g)].map((match) => match[1] as string);
  return [...digits, ...others.map((label) => keyNameOfLabel(label) ?? `unknown:${label}`)];
}

describe('the README keys', () => {
  const keys = section('Keys');
  const documented = keys
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => keysOfCell(line.split('|')[1] ?? ''));

  test('the keys table is the key table', () => {
    expect(keys).toContain(keysMarkdown(builtinWorkloads.length));
  });

  test('every key the README documents is bound', () => {
    expect(documented.length).toBeGreaterThan(10);
    for (const name of documented) expect(isBound(name), `README documents ${name}`).toBe(true);
  });

  test('every bound key is documented in the README', () => {
    for (const row of keyTable(builtinWorkloads.length)) {
      for (const name of row.keys) expect(documented, `${keyLabel(name)} is bound`).toContain(name);
    }
  });
});

describe('the README models', () => {
  test('the models table has one row per model of the descriptor table, and no other', () => {
    const rows = section('Models')
      .split('\n')
      .flatMap((line) => /^\| `([a-z-]+)` +\|/.exec(line)?.[1] ?? []);
    expect(rows).toEqual(modelNames());
  });
});

const numbers: Record<string, number> = {
  once: 1,
  twice: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
};

describe('the talk sequence', () => {
  const talk = section('For your talk');

  test('every key it presses is bound', () => {
    const pressed = [...talk.matchAll(/`([^`\s]{1,6})`/g)]
      .map((match) => match[1] as string)
      .filter((token) => !builtinWorkloads.some((workload) => workload.name === token));
    expect(pressed).toEqual(expect.arrayContaining(['w', '2', 'a', '+', '-', '?', 'r']));
    for (const token of pressed) expect(isBound(keyNameOfLabel(token) ?? token), token).toBe(true);
  });

  test('a digit picks the workload it names', () => {
    const picks = [...talk.matchAll(/`(\d)` \(`([^`]+)`\)/g)];
    expect(picks.length).toBeGreaterThanOrEqual(3);
    for (const [, digit, name] of picks) {
      const commands = commandsFor(
        digit as string,
        {},
        { helpOpen: false, workloads, currentWorkload: 'cpu' },
      );
      expect(commands, `${digit} picks ${name}`).toContainEqual({
        kind: 'engine',
        action: { type: 'setWorkload', workload: name },
      });
    }
  });

  test('the + and - presses land where it says, step by step from the default concurrency', () => {
    let concurrency = defaults.concurrency;
    const presses = [...talk.matchAll(/`([+-])` (\w+) times \(([^)]*)\)/g)];
    expect(presses.length).toBeGreaterThanOrEqual(2);
    for (const [, key, times, claim] of presses) {
      const count = numbers[times as string];
      expect(count, `"${times}" is a number of presses`).toBeDefined();
      const steps: number[] = [];
      for (let press = 0; press < (count ?? 0); press++) {
        concurrency = stepConcurrency(concurrency, key === '+' ? 1 : -1);
        steps.push(concurrency);
      }
      const said = [...(claim ?? '').matchAll(/\d[\d,]*/g)].map((match) =>
        Number(match[0].replaceAll(',', '')),
      );
      // Either every step is listed, or the one it ends on ("back to 8 in flight").
      expect(said.length === 1 ? [steps.at(-1)] : steps, `${key} ${times} times`).toEqual(said);
    }
  });
});

describe('the README commands', () => {
  test('a new user runs npm ci and npm test', () => {
    const develop = section('Develop');
    expect(develop).toMatch(/^npm ci\b/m);
    expect(develop).toMatch(/^npm test\b/m);
  });

  test('every npm script it names exists', () => {
    const named = [...readme.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]);
    expect(named.length).toBeGreaterThan(0);
    for (const script of named) expect(scripts, `npm run ${script}`).toContain(script);
    if (readme.includes('npm start')) expect(scripts).toContain('start');
  });
});

/** The keys a piece of the talk section presses, in order, with "`+` seven times" spelled out. */
function keysOf(text: string): KeyName[] {
  const keys: KeyName[] = [];
  for (const match of text.matchAll(/`([^`]+)`(?: (\w+) times)?/g)) {
    const token = match[1] as string;
    if (token.includes(' ') || builtinWorkloads.some((workload) => workload.name === token)) continue;
    const name = keyNameOfLabel(token);
    if (!name) continue;
    for (let press = 0; press < (match[2] ? (numbers[match[2]] ?? 0) : 1); press++) keys.push(name);
  }
  return keys;
}

/** The talk's numbered steps: each one's text and the keys it presses. */
function talkSteps(): { step: number; text: string; keys: KeyName[] }[] {
  return [...section('For your talk').matchAll(/^(\d+)\. ([\s\S]*?)(?=^\d+\. |$(?![\s\S]))/gm)].map(
    (match) => ({ step: Number(match[1]), text: match[2] as string, keys: keysOf(match[2] as string) }),
  );
}

/** How tmux's send-keys names a key. */
const tmuxKeys: Record<string, string> = { up: 'Up', down: 'Down', space: 'Space', esc: 'Escape' };

/** What the screen must show right after a key, beyond its echo in the footer. */
function expectation(name: KeyName): RegExp | undefined {
  const workload = /^\d$/.test(name) ? builtinWorkloads[Number(name) - 1]?.name : undefined;
  if (workload) return new RegExp(`${name} ▸ (workload ${name}: ${workload}|already ${workload})`);
  const model = modelDescriptors().find((descriptor) => descriptor.key === name)?.name;
  if (model) return new RegExp(`${name} ▸ (switch to ${model}|already ${model})`);
  if (name === '?') return /HELP — press \? or esc to close/;
  if (name === 'r') return /r ▸ reset/;
  return undefined;
}

describe('the talk claims', () => {
  test('every step is checked, each claim by words the step says, after a key the step presses', () => {
    const steps = talkSteps();
    expect(steps.map(({ step }) => step)).toEqual(steps.map((_, index) => index + 1));
    for (const { step, text, keys } of steps) {
      const claims = talkClaims.filter((claim) => claim.step === step);
      expect(claims.length, `step ${step} has a check`).toBeGreaterThan(0);
      for (const claim of claims) {
        for (const words of claim.says) expect(text, `step ${step}`).toMatch(words);
        if (claim.after !== 'start') expect(keys, `step ${step}`).toContain(claim.after);
      }
    }
  });
});

describe.runIf(hasTmux && built)("the README's talk sequence in a real terminal", () => {
  let session: TerminalSession | undefined;
  let load: MachineLoad | undefined;
  afterAll(() => {
    load?.stop();
    session?.closeAll();
  });

  it('presses the keys it names, each echoed with what it did, and shows in every step what the step says', async () => {
    const steps = talkSteps();
    expect(steps.flatMap(({ keys }) => keys)).toEqual(
      expect.arrayContaining(['w', 'p', 'g', '2', 'a', '+', '-', '4', '5', '?', 'up', 'down', 'r']),
    );
    const open = new TerminalSession([], { columns: 120, rows: 40 });
    session = open;
    const started = performance.now();
    await open.waitForScreen(/SCOREBOARD/, 'the first frame');
    const expected: Expected = {
      model: defaults.model,
      workload: defaults.workload,
      concurrency: defaults.concurrency,
      since: started,
    };
    // When each setting (workload · load) first ran: a row at it has run no longer than since then.
    const firstRan = new Map<string, number>([[`${expected.workload}·${expected.concurrency}`, started]]);
    const seen = new Map<string, Observation>();
    // The loopback server stands in for a remote service: on a machine of its own it would take none of these
    // cores, so here its CPU counts as a neighbour's for the claims that need the cores.
    const machine = new MachineLoad(() => open.processes().filter((pid) => !isLoopbackServer(pid)));
    load = machine;
    const notJudged: string[] = [];
    const checkpoint = async (step: number, after: KeyName | 'start') => {
      const claims = talkClaims.filter((claim) => claim.step === step && claim.after === after);
      const observation = await observe(() => open.screen(), expected);
      // Everything else on the machine while the rows on screen were measured: its busiest 2 s, as each row was
      // measured in a stretch of its own (a row measured while a neighbour ran is skewed against the others).
      const others = machine.othersPeak(expected.since, 2000);
      const burst = machine.othersBurst(expected.since);
      notJudged.push(...judge(claims, observation, seen, others, burst, `step ${step} (after ${after})`));
      seen.set(`${step}:${after}`, observation);
      if (process.env.TALK_NUMBERS) {
        console.log(
          `step ${step} after ${after}: others ${others.toFixed(2)} cores, burst ${burst.toFixed(2)} | ${summary(observation)}`,
        );
      }
    };

    for (const { step, keys } of steps) {
      if (step === 1) await checkpoint(step, 'start');
      for (const [index, name] of keys.entries()) {
        const pressed = performance.now();
        open.press(tmuxKeys[name] ?? name);
        const label = name === 'up' ? '↑' : name === 'down' ? '↓' : name;
        let echo = expectation(name) ?? new RegExp(`${label.replace(/[+?]/, '\\$&')} ▸ `);
        if (name === '+' || name === '-') {
          const next = stepConcurrency(expected.concurrency, name === '+' ? 1 : -1);
          echo = new RegExp(
            `\\${name} ▸ concurrency ${formatCount(expected.concurrency)} → ${formatCount(next)}`,
          );
          expected.concurrency = next;
        }
        const workload = /^\d$/.test(name) ? builtinWorkloads[Number(name) - 1]?.name : undefined;
        if (workload) expected.workload = workload;
        const model = modelDescriptors().find((descriptor) => descriptor.key === name)?.name;
        if (model) expected.model = model as ModelName;
        if (name === 'r') firstRan.clear();
        const setting = `${expected.workload}·${expected.concurrency}`;
        if (!firstRan.has(setting)) firstRan.set(setting, pressed);
        expected.since = firstRan.get(setting) ?? pressed;
        await open.waitForScreen(echo, `step ${step}, key ${index + 1} (${name}) to show what it did`);
        if (keys[index + 1] !== name && (name === '+' || name === '-')) {
          // The last press of a run lands where the README says, and the engine runs at it.
          expect(section('For your talk')).toContain(formatCount(expected.concurrency));
          await open.waitForScreen(
            new RegExp(`concurrency ${formatCount(expected.concurrency)}\\b`),
            'the new concurrency',
          );
        }
        if (name === 'r') {
          // The echo comes at once, the engine's fresh numbers with its next snapshot: every model but the running
          // one reads "not run" (a model never run at these settings read so before the reset too).
          const others = Array(modelDescriptors().length - 1).fill('not run at these settings');
          await open.waitForScreen(new RegExp(others.join('[\\s\\S]*')), 'the scoreboard afresh');
        }
        const claimed = talkClaims.some((claim) => claim.step === step && claim.after === name);
        if (claimed && !keys.slice(index + 1).includes(name)) await checkpoint(step, name);
        else if (changesWhatRuns(name)) {
          // As a presenter would: the next key once this one's row counts (watched all the while).
          await observe(() => open.screen(), expected, { countMs: 0 });
        }
      }
    }
    if (notJudged.length > 0) console.warn(notJudged.join('\n'));
    expect(expected).toMatchObject({ workload: 'mixed', concurrency: 8 });
    expect(performance.now() - started, 'the talk sequence takes').toBeLessThan(90_000);
  }, 150_000);
});

/** Whether a key starts a new configuration: model, workload or load. */
function changesWhatRuns(name: KeyName): boolean {
  return /^[aw+\-\d]$/.test(name);
}
