import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseDashboard } from './helpers/dashboard-screen.ts';
import { talkClaims } from './helpers/talk-claims.ts';
import { type Expected, expectLikeWithLike } from './helpers/talk-observer.ts';

/** A frame captured with `2` and `a` pressed 0.3 s apart: workers at 8 in flight finished nothing meanwhile. */
const rushed = readFileSync(
  path.join(import.meta.dirname, 'fixtures/talk-frames/io-http-workers-1000.txt'),
  'utf8',
);
/** The same frame as the talk at a presenter's pace leaves it: every earlier setting finished tasks. */
const captured = rushed.replace('WORKERS           0/s', 'WORKERS        12.5/s');
const expected: Expected = { model: 'workers', workload: 'io-http', concurrency: 1000, since: 0 };

/** The like-with-like checks on `text`, at 10 s after the settings began, the running row counting for 2 s. */
function check(text: string) {
  const screen = parseDashboard(text);
  if (!screen.scoreboard) throw new Error('no scoreboard');
  expectLikeWithLike(screen, screen.scoreboard, expected, 10_000, 2000);
}

describe('the checks every frame of the talk must pass', () => {
  test('a captured frame at 1,000 in flight passes them', () => {
    expect(() => check(captured)).not.toThrow();
  });

  test('a scoreboard titled with another load than the header fails', () => {
    expect(() => check(captured.replace('concurrency 1,000', 'concurrency 512'))).toThrow(/in flight/);
  });

  test('a compared row reading 0/s fails', () => {
    expect(() => check(captured.replace('38.2/s  ', '   0/s  '))).toThrow(/0\/s/);
  });

  test('a compared row that ran longer than its settings have fails', () => {
    const screen = parseDashboard(captured);
    if (!screen.scoreboard) throw new Error('no scoreboard');
    expect(() => expectLikeWithLike(screen, screen.scoreboard as never, expected, 1000, 2000)).toThrow(
      /ran at most since/,
    );
  });

  test('an earlier row reading 0/s fails', () => {
    expect(captured).not.toBe(rushed);
    expect(() => check(rushed)).toThrow(/an earlier row reads more than 0\/s/);
  });

  test('an earlier row that does not say what sets it apart fails', () => {
    expect(() => check(captured.replace('8 in flight   ', '              '))).toThrow(/sets it apart/);
  });

  test('a row at other settings among the current ones fails', () => {
    const moved = captured.replace(/(║ ▶ WORKERS .*?0:03)( {4})/, '$1    16 in flight');
    expect(moved).not.toBe(captured);
    expect(() => check(moved)).toThrow(/current settings/);
  });
});

describe('the claims on captured frames', () => {
  const claim = (step: number, after: string, words: RegExp) => {
    const found = talkClaims.find(
      (candidate) =>
        candidate.step === step &&
        candidate.after === after &&
        candidate.says.some((says) => says.source === words.source),
    );
    if (!found) throw new Error(`no claim for step ${step} after ${after}`);
    return found;
  };
  const observation = (text: string) => {
    const last = parseDashboard(text);
    if (!last.scoreboard) throw new Error('no scoreboard');
    return { frames: [last], last, board: last.scoreboard };
  };

  test('"throughput collapses" holds at 368× and fails when the two rows trade places', () => {
    const collapses = claim(4, 'w', /one request per thread, throughput collapses/);
    expect(() => collapses.check(observation(captured), new Map())).not.toThrow();
    const swapped = captured
      .replace('14,043/s ★', 'FASTER')
      .replace('    38.2/s ', '14,043/s ★')
      .replace('FASTER', '    38.2/s ');
    expect(() => collapses.check(observation(swapped), new Map())).toThrow();
  });

  test('"lag drops to a few ms" holds at 8.4 ms against 47 ms and fails at 20 ms', () => {
    const cpu = readFileSync(path.join(import.meta.dirname, 'fixtures/talk-frames/cpu-workers.txt'), 'utf8');
    const drops = claim(2, 'w', /lag drops to a few ms/);
    expect(() => drops.check(observation(cpu), new Map())).not.toThrow();
    expect(() => drops.check(observation(cpu.replace('8.4 ms ★', ' 20 ms ★')), new Map())).toThrow(/lag p99/);
  });

  test('"lag drops to a few ms" reads the lag of a workers row that has finished no task yet (fails at 30 ms, over half of 47)', () => {
    const cpu = readFileSync(path.join(import.meta.dirname, 'fixtures/talk-frames/cpu-workers.txt'), 'utf8');
    // Drawn in the row's first moments: lag and cores are measured, throughput and latency are not yet.
    const first = cpu.replace(
      /▶ WORKERS .*?(?= {2}║)/,
      (line) =>
        `${'▶ WORKERS             —            —      8.4 ms    1.3   0:00    no task finished yet, not compared'.padEnd(line.length)}`,
    );
    expect(first).not.toBe(cpu);
    const drops = claim(2, 'w', /lag drops to a few ms/);
    expect(() => drops.check(observation(first), new Map())).not.toThrow();
    expect(() => drops.check(observation(first.replace('8.4 ms', ' 30 ms')), new Map())).toThrow(/lag p99/);
  });
});
