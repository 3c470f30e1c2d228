// The README's talk sequence, key by key as written, in a real terminal: each key shows what it did.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaults } from '../source/cli/parse-args.ts';
import { stepConcurrency } from '../source/engine/engine-options.ts';
import { formatCount } from '../source/ui/format.ts';
import { type KeyName, keyNameOfLabel } from '../source/ui/key-table.ts';
import { builtinWorkloads } from '../workloads/index.ts';
import { hasTmux, TerminalSession } from './helpers/tmux.ts';

const root = path.resolve(import.meta.dirname, '..');
const built = existsSync(path.join(root, 'dist/cli.js'));
if (process.env.CI && !(hasTmux && built))
  throw new Error('terminal tests need tmux and a build (npm run build)');

const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const talk = readme.slice(
  readme.indexOf('## For your talk\n'),
  readme.indexOf('\n## ', readme.indexOf('## For your talk\n') + 1),
);

const counts: Record<string, number> = {
  once: 1,
  twice: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
};

/** The keys the talk section presses, in order, with "`+` seven times" spelled out. */
function talkKeys(): KeyName[] {
  const keys: KeyName[] = [];
  for (const match of talk.matchAll(/`([^`]+)`(?: (\w+) times)?/g)) {
    const token = match[1] as string;
    if (token.includes(' ') || builtinWorkloads.some((workload) => workload.name === token)) continue;
    const name = keyNameOfLabel(token);
    if (!name) continue;
    for (let press = 0; press < (match[2] ? (counts[match[2]] ?? 0) : 1); press++) keys.push(name);
  }
  return keys;
}

/** How tmux's send-keys names a key. */
const tmuxKeys: Record<string, string> = { up: 'Up', down: 'Down', space: 'Space', esc: 'Escape' };

/** What the screen must show right after a key, beyond its echo in the footer. */
function expectation(name: KeyName): RegExp | undefined {
  const workload = /^\d$/.test(name) ? builtinWorkloads[Number(name) - 1]?.name : undefined;
  if (workload) return new RegExp(`${name} ▸ (workload ${name}: ${workload}|already ${workload})`);
  if (name === 'w') return /w ▸ (switch to workers|already workers)/;
  if (name === 'a') return /a ▸ (switch to async|already async)/;
  if (name === '?') return /HELP — press \? or esc to close/;
  if (name === 'r') return /r ▸ reset/;
  return undefined;
}

describe.runIf(hasTmux && built)("the README's talk sequence in a real terminal", () => {
  const session = new TerminalSession([], { columns: 120, rows: 40 });
  afterAll(() => {
    for (const pid of session.processes()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    session.close();
  });

  it('presses the keys it names, each echoed with what it did, and lands at the settings it says', async () => {
    const keys = talkKeys();
    expect(keys).toEqual(expect.arrayContaining(['w', '2', 'a', '+', '-', '4', '5', '?', 'up', 'down', 'r']));
    await session.waitForScreen(/SCOREBOARD/, 'the first frame');
    let concurrency = defaults.concurrency;
    for (const [index, name] of keys.entries()) {
      session.press(tmuxKeys[name] ?? name);
      const label = name === 'up' ? '↑' : name === 'down' ? '↓' : name;
      let expected = expectation(name) ?? new RegExp(`${label.replace(/[+?]/, '\\$&')} ▸ `);
      if (name === '+' || name === '-') {
        const next = stepConcurrency(concurrency, name === '+' ? 1 : -1);
        expected = new RegExp(`\\${name} ▸ concurrency ${formatCount(concurrency)} → ${formatCount(next)}`);
        concurrency = next;
      }
      await session.waitForScreen(expected, `key ${index + 1} (${name}) to show what it did`);
      if (keys[index + 1] !== name && (name === '+' || name === '-')) {
        // The last press of a run lands where the README says, and the engine runs at it.
        expect(talk).toContain(formatCount(concurrency));
        await session.waitForScreen(
          new RegExp(`concurrency ${formatCount(concurrency)}\\b`),
          'the new concurrency',
        );
      }
    }
    const screen = await session.waitForScreen(/mixed/, 'the last workload');
    expect(screen).toMatch(/concurrency 8\b/);
  }, 120_000);
});
