// Pure formatting of engine numbers for the views. Every function returns short, projector-legible text.

/** Milliseconds: `0.42 ms`, `12 ms`, `1.2 s`, `2.0 min`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs < 10) return `${ms.toFixed(abs < 1 ? 2 : 1)} ms`;
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (abs < 60_000) return `${Math.round(ms / 1000)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** A bare millisecond number for tables whose header carries the unit: `0.42`, `12`, `1,234`. */
export function formatMsNumber(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs < 1) return ms.toFixed(2);
  if (abs < 10) return ms.toFixed(1);
  return formatCount(Math.round(ms));
}

const byteUnits = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** Bytes in binary steps: `512 B`, `48 MB`, `1.5 GB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${byteUnits[unit]}`;
}

/** Whole numbers with thousands separators: `1,234,567`. */
export function formatCount(count: number): string {
  if (!Number.isFinite(count)) return '—';
  const rounded = Math.round(count);
  const sign = rounded < 0 ? '-' : '';
  return sign + String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A pool size in words: `1 worker thread`, `4 worker threads`. */
export function formatThreads(threads: number): string {
  return `${formatCount(threads)} worker thread${threads === 1 ? '' : 's'}`;
}

/** A rate per second: `0.5/s`, `12.3/s`, `1,234/s`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return '—';
  if (perSecond < 100 && perSecond !== Math.round(perSecond)) return `${perSecond.toFixed(1)}/s`;
  return `${formatCount(perSecond)}/s`;
}

/** A share 0…1 as a percentage: `0%`, `42%`, `100%`. */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return '—';
  return `${Math.round(share * 100)}%`;
}

/** CPU cores used: `0.0`, `1.5`, `11.8`. */
export function formatCores(cores: number): string {
  if (!Number.isFinite(cores)) return '—';
  return cores.toFixed(1);
}

/** Elapsed time: `0:07`, `12:34`, `1:02:03`. */
export function formatElapsed(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`;
  return `${minutes}:${seconds}`;
}

/** A ratio between two results: `1.9×`, `12×`, `390×`. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  if (ratio >= 10) return `${formatCount(ratio)}×`;
  return `${ratio.toFixed(1)}×`;
}

/** Pads or cuts `text` to exactly `width` cells, aligned left or right. */
/** `text` in at most `width` cells, its end replaced by `…` when it is cut. */
export function cutText(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

export function fitWidth(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return '';
  if (text.length > width) return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
  return align === 'left' ? text.padEnd(width) : text.padStart(width);
}

/** Breaks prose into lines of at most `width` cells at spaces; a word longer than a line is cut. */
export function wrapWords(text: string, width: number): string[] {
  if (width <= 0) return [];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const piece = word.length > width ? fitWidth(word, width) : word;
    if (line === '') line = piece;
    else if (line.length + 1 + piece.length <= width) line += ` ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Packs items into as few lines of `width` cells as possible, in order; items on one line are separated
 * by `separatorWidth` cells. Returns the items of each line, so a view can colour each one.
 */
export function packItems<Item>(
  items: readonly Item[],
  width: number,
  lengthOf: (item: Item) => number,
  separatorWidth = 3,
): Item[][] {
  const lines: Item[][] = [];
  let line: Item[] = [];
  let used = 0;
  for (const item of items) {
    const length = lengthOf(item);
    if (line.length > 0 && used + separatorWidth + length > width) {
      lines.push(line);
      line = [];
      used = 0;
    }
    used += (line.length > 0 ? separatorWidth : 0) + length;
    line.push(item);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}
