// piscina as the worker model imports it, swapped in at bundle time (see scripts/bundle-swaps-plugin.ts) to start
// faster. Loading piscina loads worker_threads, assert and its own modules: 15-40 ms of every start before the
// first frame, while a run that starts on the event loop needs no pool until the user switches to one. This
// `Piscina` loads the package the first time it is used (`new Piscina`, a static member, `instanceof`) and is
// then the original in every way that matters: same constructor, prototype and statics.

import { createRequire } from 'node:module';
import type * as PiscinaModule from 'piscina';

type PiscinaClass = typeof PiscinaModule.Piscina;

let loaded: PiscinaClass | undefined;

/** The package's own `Piscina`, required from where the bundle sits, as its `import` would have found it. */
export function originalPiscina(): PiscinaClass {
  loaded ??= (createRequire(import.meta.url)('piscina') as typeof PiscinaModule).Piscina;
  return loaded;
}

// A function target, so the proxy can be called with `new`; every trap forwards to the loaded class.
export const Piscina = new Proxy(function Piscina() {} as unknown as PiscinaClass, {
  construct: (_target, args) => Reflect.construct(originalPiscina(), args),
  get: (_target, key) => Reflect.get(originalPiscina(), key),
  has: (_target, key) => Reflect.has(originalPiscina(), key),
  getPrototypeOf: () => Reflect.getPrototypeOf(originalPiscina()),
});

export default Piscina;
