// How a chart's values map to bar heights, linear or log, and the scale in words for its caption.

/**
 * How values map to bar heights. `log`: from `bottom` to `top` on a logarithmic scale, so 40/s and 144/s stay
 * apart under a top of 9,242/s, and a 24 s freeze does not flatten every other column. `linear`: 0 to `top`.
 */
export type ChartScale = { kind: 'log'; bottom: number; top: number } | { kind: 'linear'; top: number };

/** The share 0…1 of the chart's height that `value` fills. */
export function scaledShare(value: number, scale: ChartScale): number {
  if (!(value > 0)) return 0;
  if (scale.kind === 'linear') return scale.top > 0 ? Math.min(1, value / scale.top) : 0;
  const span = Math.log(scale.top / scale.bottom);
  if (!(span > 0) || value >= scale.top) return 1;
  return value <= scale.bottom ? 0 : Math.log(value / scale.bottom) / span;
}

/** The scale in words for a chart's caption: "top 312 ms" or "log scale, top 24 s". */
export function scaleCaption(scale: ChartScale, format: (value: number) => string): string {
  return `${scale.kind === 'log' ? 'log scale, ' : ''}top ${format(scale.top)}`;
}
