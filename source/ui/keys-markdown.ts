import { rowKeyLabels } from './key-labels.ts';
import { keyTable } from './key-table.ts';

/** A key as the README writes it: in backticks, a run of digits as `1`…`5`. */
function markdownKey(label: string): string {
  return label
    .split('…')
    .map((part) => `\`${part}\``)
    .join('…');
}

/** The README's table of keys, one line per row of the key table, columns padded to line up. */
export function keysMarkdown(workloadCount: number): string {
  const rows = keyTable(workloadCount).map((row) => [
    rowKeyLabels(row).map(markdownKey).join(', '),
    row.does,
  ]);
  const table = [['key', 'does'], ...rows];
  const widths = [0, 1].map((column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const [head, ...body] = table as [string[], ...string[][]];
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}
