// The layout of a captured screen, independent of the numbers in it: where the titles, the scoreboard's frame
// and the key hints sit. Two captures of the dashboard at the same size and in the same state have the same
// structure whatever their numbers; a garbled screen (rows shifted, a stale copy of a pane, a second footer)
// does not.

export type FrameStructure = {
  /** Every landmark (pane titles, model names, the header's run state) as `TEXT@row:column`, in reading order. */
  landmarks: string[];
  /** Every corner of a drawn box as `╔@row:column`. */
  corners: string[];
  /** Rows that hold the key hints; one on a clean screen. */
  footers: number[];
  /** Rows up to and including the last one with any text. */
  usedRows: number;
  /** Cells in the longest row, trailing spaces left out. */
  widest: number;
};

/** Text whose place depends on the layout alone, never on the numbers around it. */
const landmark =
  /(?<![\p{L}\p{N}])(?:SCOREBOARD|EVENT LOOP|WORKER POOL|TASKS|CPU|ASYNC|WORKERS|▶ running|❚❚ PAUSED)(?![\p{L}\p{N}])/gu;
const corner = /[╔╗╚╝┌┐└┘╭╮╰╯]/gu;
/** The footer's last hint; every width shows it. */
const footer = /(?:^|\s)q\s+quit(?:\s|$)/;

export function frameStructure(screen: string): FrameStructure {
  const rows = screen.replace(/\n$/, '').split('\n');
  const landmarks: string[] = [];
  const corners: string[] = [];
  const footers: number[] = [];
  let usedRows = 0;
  let widest = 0;
  for (const [row, line] of rows.entries()) {
    const text = line.trimEnd();
    const cells = Array.from(text);
    if (cells.length > 0) usedRows = row + 1;
    widest = Math.max(widest, cells.length);
    for (const match of text.matchAll(landmark))
      landmarks.push(`${match[0]}@${row}:${column(text, match.index)}`);
    for (const match of text.matchAll(corner))
      corners.push(`${match[0]}@${row}:${column(text, match.index)}`);
    if (footer.test(text)) footers.push(row);
  }
  return { landmarks, corners, footers, usedRows, widest };
}

/**
 * Words of three letters or more with a small letter in them, in lower case, camelCase split: a fragment of a
 * stale line ("eap 25 MB") shows up as a word of its own. All-capital words are left to the landmarks.
 */
export function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const run of text.match(/\p{L}+/gu) ?? []) {
    for (const part of run.split(/(?<=\p{Ll})(?=\p{Lu})/u)) {
      if (part.length >= 3 && /\p{Ll}/u.test(part)) words.add(part.toLowerCase());
    }
  }
  return words;
}

/**
 * Why `actual` is not a clean frame laid out like `fresh` (a capture of a fresh start at the same size), or
 * undefined when it is. `knownWords` are words the program may print (e.g. from captures taken earlier).
 */
export function frameDifference(
  actual: string,
  fresh: string,
  {
    columns,
    rows,
    knownWords = new Set<string>(),
  }: { columns: number; rows: number; knownWords?: Set<string> },
): string | undefined {
  const got = frameStructure(actual);
  const want = frameStructure(fresh);
  const problems: string[] = [];
  if (got.footers.length !== 1)
    problems.push(`${got.footers.length} footers (rows ${got.footers.join(', ')})`);
  const repeated = got.landmarks
    .map((entry) => entry.slice(0, entry.indexOf('@')))
    .filter((word, index, words) => words.indexOf(word) !== index && paneTitles.has(word));
  if (repeated.length > 0) problems.push(`pane titles drawn twice: ${repeated.join(', ')}`);
  if (got.widest > columns - 1) problems.push(`a row of ${got.widest} cells in ${columns} columns`);
  if (got.usedRows >= rows) problems.push('text on the last row');
  for (const key of ['landmarks', 'corners', 'footers', 'usedRows'] as const) {
    const a = JSON.stringify(got[key]);
    const b = JSON.stringify(want[key]);
    if (a !== b) problems.push(`${key}: ${a}\n  a fresh start has ${b}`);
  }
  const known = new Set([...wordsOf(fresh), ...knownWords]);
  const stray = [...wordsOf(actual)].filter((word) => !known.has(word));
  if (stray.length > 0) problems.push(`stray text: ${stray.join(', ')}`);
  return problems.length === 0 ? undefined : problems.join('\n');
}

const paneTitles = new Set(['SCOREBOARD', 'EVENT LOOP', 'WORKER POOL', 'TASKS', 'CPU']);

/** Column of the string index `index` in `text`, counting code points (every glyph drawn here is one cell). */
function column(text: string, index: number): number {
  return Array.from(text.slice(0, index)).length;
}
