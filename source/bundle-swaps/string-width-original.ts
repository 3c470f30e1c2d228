// string-width itself, for the wrapper beside it. In the bundle, scripts/bundle-swaps-plugin.ts puts in its place
// a module that evaluates string-width the first time it is asked for: building its `Intl.Segmenter` and its
// Unicode regular expressions took 15-29 ms of the start, before the first frame, which needs none of them
// unless a line holds more than simple cells.

import stringWidth from 'string-width';

/** string-width's own function. */
export function originalStringWidth(): typeof stringWidth {
  return stringWidth;
}
