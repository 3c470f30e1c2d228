// A tmux pane's capture with its styles (`capture-pane -e`), read into cells: the lanes draw full cells as
// inverse-video spaces and `=`, so only the styles tell a full cell from an idle one.
import { execFileSync } from 'node:child_process';

/** One cell of the screen: its character and whether it is drawn in inverse video. */
export type StyledCell = { char: string; inverse: boolean };

/** The session's screen as rows of cells. `socket` is the session's tmux server (`-L`), named as the session. */
export function styledScreen(socket: string): StyledCell[][] {
  const raw = execFileSync(
    'tmux',
    ['-L', socket, '-f', '/dev/null', 'capture-pane', '-p', '-e', '-t', socket],
    {
      encoding: 'utf8',
    },
  );
  return raw.split('\n').map(styledRow);
}

/** A captured row with its SGR escapes, as cells; only inverse video (7 on; 27 or 0 off) is kept. */
export function styledRow(line: string): StyledCell[] {
  const cells: StyledCell[] = [];
  let inverse = false;
  const sgr = new RegExp(`${String.fromCharCode(27)}\\[([0-9;]*)m`, 'y');
  let index = 0;
  while (index < line.length) {
    sgr.lastIndex = index;
    const match = sgr.exec(line);
    if (match) {
      const codes = (match[1] ?? '').split(';').map((code) => (code === '' ? 0 : Number(code)));
      for (const code of codes) {
        if (code === 0 || code === 27) inverse = false;
        else if (code === 7) inverse = true;
      }
      index = sgr.lastIndex;
      continue;
    }
    const char = String.fromCodePoint(line.codePointAt(index) ?? 32);
    cells.push({ char, inverse });
    index += char.length;
  }
  return cells;
}

/** The text of a row of cells. */
export function rowText(row: readonly StyledCell[]): string {
  return row.map((cell) => cell.char).join('');
}
