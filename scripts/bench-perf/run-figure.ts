// One repetition of one figure, in a process of its own (so no figure inherits another's heap, threads or
// timers): `node --expose-gc scripts/bench-perf/run-figure.ts <figure> <repetition>`. The last line of stdout
// is the result, prefixed with `resultPrefix`.
import { resultPrefix } from './figure.ts';
import { findFigure } from './figures.ts';

const [name = '', repetition = '0'] = process.argv.slice(2);
const figure = findFigure(name);
if (!figure) {
  process.stderr.write(`run-figure: unknown figure "${name}"\n`);
  process.exit(2);
}
const measurements = await figure.measure({ repetition: Number(repetition) });
process.stdout.write(`${resultPrefix}${JSON.stringify(measurements)}\n`, () => process.exit(0));
