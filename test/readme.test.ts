// The README against the program: its keys are the key table, its talk sequence presses keys that do what it
// says, and its commands exist.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaults } from '../source/cli/parse-args.ts';
import { stepConcurrency } from '../source/engine/engine-options.ts';
import { commandsFor, type KeyFlags } from '../source/ui/key-bindings.ts';
import { type KeyName, keyLabel, keyNameOfLabel, keysMarkdown, keyTable } from '../source/ui/key-table.ts';
import { builtinWorkloads } from '../workloads/index.ts';

const root = path.resolve(import.meta.dirname, '..');
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
