// A line chart as a standalone SVG document: what a report embeds, readable at a glance on any Git host (no
// script, no external font or stylesheet, text in the system's sans-serif).

export type ChartSeries = {
  name: string;
  /** A CSS colour. */
  colour: string;
  /** [seconds from the start, value], in time order; a gap in measuring is a gap in the line (NaN values). */
  points: readonly (readonly [number, number])[];
};

export type ChartMarker = {
  /** Seconds from the start. */
  at: number;
  label: string;
};

export type LineChartOptions = {
  title: string;
  /** The values' unit, after each y-axis label (`ms`, `/s`, `%`). */
  unit: string;
  series: readonly ChartSeries[];
  /** Vertical lines with a label at the top: switches, steps, the end of a warm-up. @default none */
  markers?: readonly ChartMarker[];
  /** @default 640 */
  width?: number;
  /** @default 240 */
  height?: number;
  /** The y axis's top, when the values must share a scale with another chart (a share's 100 %). @default from the data */
  yMax?: number;
};

const margin = { top: 34, right: 16, bottom: 34, left: 64 };

/** Escapes text for an SVG text node or attribute. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** The smallest of 1, 2, 2.5 or 5 × 10ⁿ at or above `value`: an axis top a reader can divide in their head. */
export function niceCeiling(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value * (1 - 1e-9)) return step * power;
  return 10 * power;
}

/** Rows of a second line of marker labels. */
const labelRowHeight = 14;

/** Markers in time order. */
function sortedMarkers(markers: readonly ChartMarker[]): ChartMarker[] {
  return [...markers].sort((first, second) => first.at - second.at);
}

/**
 * Which row each marker's label takes (0 on top, 1 under it), in time order; undefined for a label that would
 * run into the one before it on both rows (its line stays). Labels are measured at about 7 px a character.
 */
function markerLabelRows(markers: readonly ChartMarker[], x: (at: number) => number): (0 | 1 | undefined)[] {
  const ends = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  return sortedMarkers(markers).map((marker) => {
    const at = x(marker.at);
    const row = ends.findIndex((end) => at + 3 >= end);
    if (row < 0) return undefined;
    ends[row] = at + 3 + marker.label.length * 7 + 6;
    return row as 0 | 1;
  });
}

/** About how many steps the time axis is divided into (4 to 5, so each tick's label has room). */
const timeTicks = 5;

/** A value for an axis label: no more digits than it needs. */
function formatTick(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return String(Math.round(value * 10) / 10);
  return String(Math.round(value * 100) / 100);
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The chart as an SVG document (a string, UTF-8, with the XML declaration left out as browsers do not need it). */
export function lineChartSvg(options: LineChartOptions): string {
  const { title, unit, series, markers = [], width = 640, height = 240 } = options;
  const plotWidth = width - margin.left - margin.right;
  const finite = series.flatMap((line) => line.points.filter(([at, value]) => Number.isFinite(at + value)));
  // The time axis ends at the first tick past the data: a nice step (a fifth of the span, rounded up), not a
  // nice top, which would leave up to half the plot empty (121 s of data on a 200 s axis).
  const end = Math.max(1, ...finite.map(([at]) => at), ...markers.map((marker) => marker.at));
  const xStep = niceCeiling(end / timeTicks);
  const xMax = Math.ceil(end / xStep - 1e-9) * xStep;
  const x = (at: number) => round(margin.left + (Math.max(0, Math.min(at, xMax)) / xMax) * plotWidth);
  // Marker labels take one row above the plot, or two when one would run into the one before it.
  const labelRows = markerLabelRows(markers, x);
  const top = margin.top + (labelRows.some((row) => row === 1) ? labelRowHeight : 0);
  const plotHeight = height - top - margin.bottom;
  const yMax = options.yMax ?? niceCeiling(Math.max(0, ...finite.map(([, value]) => value)));
  const y = (value: number) =>
    round(top + plotHeight - (Math.max(0, Math.min(value, yMax)) / yMax) * plotHeight);

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="18" font-size="14" font-weight="bold" fill="#222222">${escapeXml(title)}</text>`,
  ];
  // Four horizontal grid lines with their values, and the time axis in seconds.
  for (let step = 0; step <= 4; step++) {
    const value = (yMax * step) / 4;
    const at = y(value);
    parts.push(
      `<line x1="${margin.left}" y1="${at}" x2="${width - margin.right}" y2="${at}" stroke="#e4e4e4"/>`,
      `<text x="${margin.left - 6}" y="${round(at + 4)}" text-anchor="end" fill="#555555">${escapeXml(`${formatTick(value)} ${unit}`.trim())}</text>`,
    );
  }
  for (let at = 0; at <= xMax + xStep / 2; at += xStep) {
    parts.push(
      `<text x="${x(at)}" y="${height - margin.bottom + 16}" text-anchor="middle" fill="#555555">${escapeXml(`${formatTick(at)} s`)}</text>`,
    );
  }
  // Every marker gets its line; a label that would run into those before it on both rows is left out.
  for (const [index, marker] of sortedMarkers(markers).entries()) {
    const at = x(marker.at);
    parts.push(
      `<line x1="${at}" y1="${top}" x2="${at}" y2="${top + plotHeight}" stroke="#888888" stroke-dasharray="4 3"/>`,
    );
    const row = labelRows[index];
    if (row === undefined) continue;
    parts.push(
      `<text x="${round(at + 3)}" y="${top - 4 - (row === 0 && top > margin.top ? labelRowHeight : 0)}" fill="#444444">${escapeXml(marker.label)}</text>`,
    );
  }
  for (const line of series) {
    for (const run of finiteRuns(line.points)) {
      const path = run
        .map(([at, value], index) => `${index === 0 ? 'M' : 'L'}${x(at)} ${y(value)}`)
        .join(' ');
      parts.push(`<path d="${path}" fill="none" stroke="${escapeXml(line.colour)}" stroke-width="2"/>`);
    }
  }
  // The legend, along the bottom edge.
  let legendX = margin.left;
  for (const line of series) {
    parts.push(
      `<rect x="${legendX}" y="${height - 12}" width="12" height="4" fill="${escapeXml(line.colour)}"/>`,
      `<text x="${legendX + 16}" y="${height - 7}" fill="#222222">${escapeXml(line.name)}</text>`,
    );
    legendX += 24 + line.name.length * 7;
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** The stretches of a series between gaps (non-finite values). */
function finiteRuns(points: readonly (readonly [number, number])[]): (readonly [number, number])[][] {
  const runs: (readonly [number, number])[][] = [];
  let run: (readonly [number, number])[] = [];
  for (const point of points) {
    if (Number.isFinite(point[0] + point[1])) run.push(point);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
