// Horizontal bars for a share 0…1: drawn in eighths of a cell, or counted in whole cells for inverse video.

const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;

/** A horizontal bar of `width` cells for a share 0…1, drawn in eighths, padded with `░`. */
export function bar(share: number, width: number): string {
  if (width <= 0) return '';
  const clamped = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  const totalEighths = Math.round(clamped * width * 8);
  const full = Math.floor(totalEighths / 8);
  const partial = eighths[totalEighths % 8] ?? '';
  const drawn = '█'.repeat(full) + partial;
  return drawn + '░'.repeat(width - full - (partial ? 1 : 0));
}

/** Whole cells of a `width`-cell bar filled for a share 0…1 (for bars drawn in inverse video, without eighths). */
export function barCells(share: number, width: number): number {
  if (width <= 0) return 0;
  const clamped = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  return Math.round(clamped * width);
}
