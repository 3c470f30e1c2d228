// Chart columns drawn as rows of vertical bars in eighths of a cell.

import type { ChartColumn } from './chart-columns.ts';
import { type ChartScale, scaledShare } from './chart-scale.ts';

const levels = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * Draws columns as `height` rows of vertical bars (top row first), each cell in eighths.
 * A column with a value above zero always shows at least the lowest eighth. A number scale is linear from 0.
 */
export function chartRows(
  columns: readonly ChartColumn[],
  height: number,
  scale: number | ChartScale,
): string[] {
  const resolved: ChartScale = typeof scale === 'number' ? { kind: 'linear', top: scale } : scale;
  const filled = columns.map((column) => {
    if (column === undefined) return undefined;
    const share = scaledShare(column.value, resolved) * height * 8;
    return column.value > 0 && share < 1 ? 1 : share;
  });
  const rows: string[] = [];
  for (let row = height - 1; row >= 0; row -= 1) {
    let line = '';
    for (const share of filled) {
      if (share === undefined) {
        line += ' ';
        continue;
      }
      const inRow = Math.min(8, Math.max(0, Math.round(share - row * 8)));
      line += levels[inRow];
    }
    rows.push(line);
  }
  return rows;
}
