// Numbers on the command line are plain decimals. `Number()` would also take `0x10`, `0b101`, `' 8 '`,
// `4.`, `.5e1` and `Infinity`: a typo would then run a demo at a setting nobody asked for.

import { quoteValue } from './escape-text.ts';
import { UsageError } from './usage-error.ts';

/** What a numeric flag accepts. */
export type NumberRule = {
  /** Whole numbers only (a count), or a decimal fraction allowed. */
  whole: boolean;
  min: number;
  max: number;
  /** Unit named in the error, e.g. `ms` or `tasks/s`; empty for none. */
  unit: string;
};

/** Optional minus, digits, and for fractions a point followed by digits: `8`, `-3`, `2.5`. */
const wholeGrammar = /^-?[0-9]+$/;
const decimalGrammar = /^-?[0-9]+(\.[0-9]+)?$/;

/** The one-line description of what a flag accepts, shared by every error about it. */
export function describeRule(rule: NumberRule): string {
  const unit = rule.unit === '' ? '' : ` ${rule.unit}`;
  const grammar = rule.whole
    ? 'decimal digits, e.g. 8'
    : 'decimal digits with an optional fraction, e.g. 2.5';
  return `${rule.whole ? 'a whole number' : 'a number'} from ${rule.min} to ${rule.max}${unit} (${grammar})`;
}

/** The value of `--name raw` under `rule`, or a `UsageError` naming the flag, the range and the grammar. */
export function parseNumberFlag(name: string, raw: string, rule: NumberRule): number {
  const grammar = rule.whole ? wholeGrammar : decimalGrammar;
  const value = grammar.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= rule.min && value <= rule.max)) {
    throw new UsageError(`--${name} takes ${describeRule(rule)}, got ${quoteValue(raw)}`);
  }
  return value;
}
