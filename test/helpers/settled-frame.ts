import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { frameDifference, wordsOf } from './frame-structure.ts';

/** A terminal whose screen can be read as text, one row a line. */
export type ScreenSource = { screen(): string | Promise<string> };

/** A complete frame with data: the footer and the last pane drawn, the engine's first numbers in. */
const complete = /q\s+quit/;
const starting = /waiting for the engine/;

/** Polls until the dashboard has drawn a complete frame with data; returns it. */
export async function firstFullFrame(
  terminal: ScreenSource,
  what: string,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  let last = '';
  while (performance.now() < deadline) {
    last = await terminal.screen();
    if (complete.test(last) && !starting.test(last) && /SCOREBOARD/.test(last)) return last;
    await delay(50);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen was:\n${last}`);
}

/**
 * Polls until the screen is a clean frame laid out like `fresh` and stays so across `holdMs` (a frame that
 * is right only until a late write lands does not count). Throws with the difference and the screen.
 */
export async function expectSettledLike(
  terminal: ScreenSource,
  fresh: string,
  size: { columns: number; rows: number },
  { knownWords = new Set<string>(), timeoutMs = 5_000, holdMs = 400 } = {},
): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  let cleanSince: number | undefined;
  let screen = '';
  let difference: string | undefined = 'nothing captured';
  while (performance.now() < deadline) {
    screen = await terminal.screen();
    difference = frameDifference(screen, fresh, { ...size, knownWords });
    if (difference === undefined) {
      cleanSince ??= performance.now();
      if (performance.now() - cleanSince >= holdMs) return screen;
    } else {
      cleanSince = undefined;
    }
    await delay(50);
  }
  throw new Error(
    `at ${size.columns}×${size.rows} the screen did not settle into a clean frame within ${timeoutMs} ms:\n${difference}\n--- screen ---\n${screen}\n--- a fresh start ---\n${fresh}`,
  );
}

/**
 * Every word in the program's source and workloads, and in this machine's CPU name (the header shows it):
 * whatever state the dashboard is in, the words it prints come from there, while a fragment of a stale line
 * ("eap" of "heap", "pread" of "spread") does not.
 */
export function programWords(): Set<string> {
  const root = path.resolve(import.meta.dirname, '../..');
  const words = wordsOf(cpus()[0]?.model ?? '');
  for (const folder of ['source', 'workloads']) {
    for (const entry of readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(entry)) continue;
      for (const word of wordsOf(readFileSync(path.join(root, folder, entry), 'utf8'))) words.add(word);
    }
  }
  return words;
}

export type Size = [columns: number, rows: number];

/** Start at 120×40, then each of these in turn: wider, back, narrower, the minimum, a large screen, back. */
export const resizeSequence: Size[] = [
  [160, 40],
  [120, 40],
  [100, 40],
  [80, 24],
  [220, 60],
  [120, 40],
];

export const sizeName = ([columns, rows]: Size) => `${columns}×${rows}`;

/** What a fresh start draws at each size: a frame a moment after the first, once the first results are in. */
export async function freshFrames(
  sizes: Size[],
  open: (size: Size) => ScreenSource & { close(): void },
): Promise<Map<string, string>> {
  const frames = new Map<string, string>();
  for (const size of sizes) {
    if (frames.has(sizeName(size))) continue;
    const terminal = open(size);
    try {
      await firstFullFrame(terminal, `a fresh start at ${sizeName(size)}`);
      frames.set(sizeName(size), await firstFullFrame(terminal, 'a later frame'));
    } finally {
      terminal.close();
    }
  }
  return frames;
}

/** Resizes through `sequence`, checking after each step that the screen settles like a fresh start. */
export async function expectCleanResizes(
  terminal: ScreenSource & { resize(columns: number, rows: number): void },
  sequence: Size[],
  fresh: Map<string, string>,
): Promise<void> {
  const knownWords = programWords();
  for (const [columns, rows] of sequence) {
    terminal.resize(columns, rows);
    const reference = fresh.get(sizeName([columns, rows]));
    if (reference === undefined) throw new Error(`no fresh start at ${sizeName([columns, rows])}`);
    await expectSettledLike(terminal, reference, { columns, rows }, { knownWords });
  }
}
