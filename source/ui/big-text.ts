// Block letters, three rows tall, so the active model reads from the back of a conference room.

const glyphs: Record<string, readonly [string, string, string]> = {
  A: ['█▀█', '█▀█', '▀ ▀'],
  C: ['█▀▀', '█  ', '▀▀▀'],
  E: ['█▀▀', '█▀▀', '▀▀▀'],
  K: ['█ █', '█▀▄', '▀ ▀'],
  N: ['█▄ █', '█ ▀█', '▀  ▀'],
  O: ['█▀█', '█ █', '▀▀▀'],
  P: ['█▀█', '█▀▀', '▀  '],
  R: ['█▀█', '█▀▄', '▀ ▀'],
  S: ['█▀▀', '▀▀█', '▀▀▀'],
  W: ['█ █ █', '█ █ █', ' ▀ ▀ '],
  Y: ['█ █', '▀█▀', ' ▀ '],
  // Digits and the marks of a ratio ("1.9×", "1,234×"), for the scoreboard's headline.
  '0': ['█▀█', '█ █', '▀▀▀'],
  '1': ['▀█ ', ' █ ', '▀▀▀'],
  '2': ['▀▀█', '█▀▀', '▀▀▀'],
  '3': ['▀▀█', ' ▀█', '▀▀▀'],
  '4': ['█ █', '▀▀█', '  ▀'],
  '5': ['█▀▀', '▀▀█', '▀▀▀'],
  '6': ['█▀▀', '█▀█', '▀▀▀'],
  '7': ['▀▀█', '  █', '  ▀'],
  '8': ['█▀█', '█▀█', '▀▀▀'],
  '9': ['█▀█', '▀▀█', '▀▀▀'],
  '.': [' ', ' ', '▀'],
  ',': [' ', ' ', '▄'],
  '×': ['   ', '▀▄▀', '▀ ▀'],
};

/** Words drawn already: the header draws the model's name and the scoreboard its ratio on every frame. */
const drawn = new Map<string, readonly [string, string, string] | undefined>();
const drawnLimit = 256;

/** Three rows of block letters for `word`, or undefined when a letter has no glyph. */
export function bigText(word: string): readonly [string, string, string] | undefined {
  if (drawn.has(word)) return drawn.get(word);
  const rows = letterRows(word);
  if (drawn.size >= drawnLimit) drawn.clear();
  drawn.set(word, rows);
  return rows;
}

function letterRows(word: string): [string, string, string] | undefined {
  const rows: [string, string, string] = ['', '', ''];
  const letters = Array.from(word.toUpperCase());
  for (const [index, letter] of letters.entries()) {
    const glyph = glyphs[letter];
    if (!glyph) return undefined;
    const separator = index === 0 ? '' : ' ';
    rows[0] += separator + glyph[0];
    rows[1] += separator + glyph[1];
    rows[2] += separator + glyph[2];
  }
  return rows;
}
