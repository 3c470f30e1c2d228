// yoga-layout as Ink imports it, swapped in at bundle time (see scripts/bundle-swaps-plugin.ts) to start faster.
// Yoga's Emscripten loader fetches its WebAssembly from a base64 `data:` URL with the global `fetch` when there is
// one, and on Node the first `fetch` loads undici: ~25-35 ms of the dashboard's start, for a request that goes
// nowhere. With `fetch` hidden while the loader starts, it decodes the same bytes itself.

import { loadYoga } from 'yoga-layout/load';

export * from 'yoga-layout/load';

/**
 * Calls `load` with no global `fetch`, then puts back exactly what was there. The loader reads `fetch`
 * synchronously when called, so nothing else can run in between.
 */
export function withoutFetch<Result>(load: () => Result): Result {
  // A descriptor, not a read: reading `fetch` would load undici, which is what this avoids.
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  // A `fetch` that cannot be hidden (not configurable) is left alone: a slower start, nothing worse.
  if (descriptor && !descriptor.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return load();
  } finally {
    if (descriptor) Object.defineProperty(globalThis, 'fetch', descriptor);
    else Reflect.deleteProperty(globalThis, 'fetch');
  }
}

const Yoga = await withoutFetch(loadYoga);

export default Yoga;
