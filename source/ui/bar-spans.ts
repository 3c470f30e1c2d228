import { bar, barCells } from './horizontal-bars.ts';
import type { Span } from './spans.ts';
import type { ColorName } from './theme.ts';

/**
 * A horizontal bar of `width` cells for a share 0…1, as spans of a line. With colour it is inverse-video
 * spaces (filled in `color`, the rest gray): plain cells for the terminal library to measure, where block
 * glyphs take its slow Unicode path on every frame. Without colour, styles may be off entirely, so it is
 * drawn in block glyphs, `█` filled and `░` empty.
 */
export function barSpans(share: number, width: number, color: ColorName, colorOn: boolean): Span[] {
  if (!colorOn) return [{ text: bar(share, width) }];
  const filled = barCells(share, width);
  return [
    { text: ' '.repeat(filled), color, inverse: true },
    { text: ' '.repeat(Math.max(0, width - filled)), color: 'gray', inverse: true },
  ];
}
