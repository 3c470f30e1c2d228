// The contract between the runner and each figure: a figure measures once per call, in a fresh process, and
// says how its medians are judged. The runner repeats, takes medians and prints the table.

import { spread } from './stats.ts';

/** Starts the line with which a figure's process hands its measurements to the runner. */
export const resultPrefix = 'BENCH-PERF-RESULT ';

/** Named numbers from one repetition of a figure (ms, MB, percent, ratios: each key says its unit). */
export type Measurements = Record<string, number>;

/** What a figure's `measure` is told about the run it is part of. */
export type MeasureContext = {
  /** 0-based index of this repetition; figures that compare two sides alternate their order with it. */
  repetition: number;
};

/** How a measured value is compared with its target. */
export type Bound =
  /** measured ≥ value */
  | { kind: 'atLeast'; value: number }
  /** measured < value */
  | { kind: 'below'; value: number }
  /** measured ≤ value */
  | { kind: 'atMost'; value: number }
  /** |measured − center| ≤ tolerance */
  | { kind: 'within'; center: number; tolerance: number }
  /** No target: shown for reading, always passes. */
  | { kind: 'none' };

/** One row of the table: a value read from the medians, and its bound. */
export type Check = {
  /** Row label, e.g. `parallel speedup` or `async scale: 10k lag p99`. */
  label: string;
  /** Key of the value in the medians. */
  key: string;
  /** Unit printed after numbers, e.g. `ms`, `×`, `%`, `MB`; `yes/no` prints 1 as `yes` and 0 as `no`. */
  unit: string;
  /** The target; a function when it depends on the run (e.g. on the thread count or on gtop's figure). */
  bound: Bound | ((medians: Measurements) => Bound);
  /**
   * For a ratio to a floor: the absolute values it divides (ours, then the floor's), printed beside it so the
   * table can still be read in milliseconds or percent. @default none
   */
  absolute?: { ours: string; floor: string; unit: string };
  /**
   * A reading of the host rather than a claim about concur-tui. A claim sets concur-tui against a floor, a rival or
   * the same work without it (or its own number against a target), and should hold on another day. A reading sets
   * two mechanisms against each other, neither of them concur-tui against something else: plain Ink against bare
   * Node, one library against another, or concur-tui's process model against its thread model, which shows what
   * the host charges for a process over a thread. It is true of its day and moves with the host. @default false
   */
  reading?: boolean;
};

export type Figure = {
  /** Id on the command line (`--only parallel-speedup`) and in the JSON. */
  name: string;
  /** One line: what is measured and how. */
  method: string;
  /** Generous upper bound on one repetition, seconds; the runner kills a repetition that takes longer. */
  timeoutSeconds: number;
  /** Whether it runs programs in a real terminal (tmux must be installed). @default false */
  needsTerminal?: boolean;
  measure(context: MeasureContext): Promise<Measurements>;
  checks: Check[];
};

export type CheckResult = {
  label: string;
  /** The median over repetitions. */
  measured: number;
  /** The smallest and largest value over repetitions. */
  min: number;
  max: number;
  unit: string;
  /** Ours and the floor's medians, as in `Check.absolute`. */
  absolute?: { ours: number; floor: number; unit: string };
  /** As in `Check.reading`; absent for a claim. */
  reading?: true;
  target: string;
  /** measured / target; for `within`, the deviation over the tolerance. */
  ratio: number;
  pass: boolean;
};

/** Judges one check against the medians; `samples` (one per repetition) give its spread. */
export function evaluate(
  check: Check,
  medians: Measurements,
  samples: readonly Measurements[] = [medians],
): CheckResult {
  const measured = medians[check.key] ?? Number.NaN;
  const bound = typeof check.bound === 'function' ? check.bound(medians) : check.bound;
  const { min, max } = spread(samples.map((sample) => sample[check.key] ?? Number.NaN));
  const absolute = check.absolute && {
    ours: medians[check.absolute.ours] ?? Number.NaN,
    floor: medians[check.absolute.floor] ?? Number.NaN,
    unit: check.absolute.unit,
  };
  const result = (target: string, ratio: number, pass: boolean): CheckResult => ({
    label: check.label,
    measured,
    min,
    max,
    unit: check.unit,
    ...(absolute ? { absolute } : {}),
    ...(check.reading ? { reading: true as const } : {}),
    target,
    ratio,
    pass,
  });
  const target = (value: number) => formatTarget(value, check.unit);
  switch (bound.kind) {
    case 'atLeast':
      if (check.unit === 'yes/no') return result('yes', Number.NaN, measured >= bound.value);
      return result(`≥ ${target(bound.value)}`, measured / bound.value, measured >= bound.value);
    case 'below':
      return result(`< ${target(bound.value)}`, measured / bound.value, measured < bound.value);
    case 'atMost':
      return result(`≤ ${target(bound.value)}`, measured / bound.value, measured <= bound.value);
    case 'none':
      return result('—', Number.NaN, true);
    case 'within': {
      const deviation = Math.abs(measured - bound.center);
      return result(
        `${formatTarget(bound.center, '')} ± ${target(bound.tolerance)}`,
        deviation / bound.tolerance,
        deviation <= bound.tolerance,
      );
    }
  }
}

function withUnit(number: string, unit: string): string {
  if (unit === '') return number;
  if (unit === '×') return `${number}×`;
  return `${number} ${unit}`;
}

/**
 * A measured value: ratios (`×`) with three decimals, so 1.898 never reads as its target 1.90; other units
 * with three significant digits (`0.47 ms`, `33.1 MB`, `464 MB`; `100.3 ms`); `yes`/`no` for the unit `yes/no`.
 */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  if (unit === 'yes/no') return value >= 1 ? 'yes' : 'no';
  const abs = Math.abs(value);
  // Milliseconds keep a decimal up to 1 s: a 100 ± 5 ms target needs 100.3, not 100.
  const hundreds = unit === 'ms' ? 1 : 0;
  const digits = unit === '×' && abs < 10 ? 3 : abs >= 1000 ? 0 : abs >= 100 ? hundreds : abs >= 10 ? 1 : 2;
  return withUnit(value.toFixed(digits), unit);
}

/** A target as written in the issue: `1.9×`, `0.97×`, `2 ms`, `400 MB`, `yes`. */
export function formatTarget(value: number, unit: string): string {
  if (unit === 'yes/no') return value >= 1 ? 'yes' : 'no';
  return withUnit(String(Number(value.toFixed(3))), unit);
}
