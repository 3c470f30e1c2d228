// Splits argv into option values and positionals. `util.parseArgs` answers `-c -3` and `-w -c 5` with
// "Option '-c' argument is ambiguous" and echoes option names raw; this reader takes a negative number as a
// value (so the range check can name the range), names every option by its long form whether it was typed
// short or long, and quotes whatever it echoes.

import { quoteValue } from './escape-text.ts';
import { UsageError } from './usage-error.ts';

export type OptionSpec = {
  /** Long name, without the dashes. */
  name: string;
  /** One-letter alias, without the dash. */
  short?: string;
  type: 'string' | 'boolean';
  /** A string option that may be given several times (`--knob a=1 --knob b=2`): every value is kept in `lists`. */
  repeatable?: boolean;
  /** What the value must be, for the "needs a value" error, e.g. `a whole number from 1 to 64`. */
  expects?: string;
};

export type ReadArgv = {
  /** Option values by long name; the last occurrence wins. Booleans are `true`. */
  values: Map<string, string | true>;
  /** Every value of each repeatable option, in order. */
  lists: Map<string, string[]>;
  positionals: string[];
};

/** A value that starts with a dash but is a (negative) number, e.g. `-3` or `-.5`, not an option. */
const negativeNumber = /^-[0-9.]/;

/** Reads `argv` against `specs`; throws a `UsageError` for an unknown option or a missing value. */
export function readArgv(argv: readonly string[], specs: readonly OptionSpec[]): ReadArgv {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const byShort = new Map(specs.flatMap((spec) => (spec.short ? [[spec.short, spec] as const] : [])));
  const values = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  const positionals: string[] = [];
  const setValue = (spec: OptionSpec, value: string) => {
    values.set(spec.name, value);
    if (spec.repeatable) lists.set(spec.name, [...(lists.get(spec.name) ?? []), value]);
  };

  const takeValue = (spec: OptionSpec, index: number): string => {
    const next = argv[index];
    const expects = spec.expects ? ` (${spec.expects})` : '';
    if (next === undefined) throw new UsageError(`--${spec.name} needs a value${expects}`);
    if (next.startsWith('-') && next !== '-' && !negativeNumber.test(next)) {
      throw new UsageError(
        `--${spec.name} needs a value${expects}, but the next argument is the option ${quoteValue(next)}`,
      );
    }
    return next;
  };

  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      const name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
      const spec = byName.get(name);
      if (!spec) throw new UsageError(unknownOption(`--${name}`, specs));
      if (spec.type === 'boolean') {
        if (equals !== -1) throw new UsageError(`--${spec.name} takes no value, got ${quoteValue(arg)}`);
        values.set(spec.name, true);
      } else if (equals !== -1) {
        setValue(spec, arg.slice(equals + 1));
      } else {
        setValue(spec, takeValue(spec, ++index));
      }
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') {
      // A cluster of short options: `-hv`, `-c5`, `-c-3`, `-c=5`.
      const letters = [...arg.slice(1)];
      for (let at = 0; at < letters.length; at++) {
        const letter = letters[at] as string;
        const spec = byShort.get(letter);
        if (!spec) throw new UsageError(unknownOption(`-${letter}`, specs));
        if (spec.type === 'boolean') {
          values.set(spec.name, true);
          continue;
        }
        const rest = letters.slice(at + 1).join('');
        setValue(spec, rest !== '' ? rest.replace(/^=/, '') : takeValue(spec, ++index));
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  return { values, lists, positionals };
}

function unknownOption(option: string, specs: readonly OptionSpec[]): string {
  const typed = option.replace(/^-+/, '');
  const candidates =
    option.startsWith('--') && typed.length >= 2 ? specs.filter((spec) => spec.name.startsWith(typed)) : [];
  const hint = candidates.length === 1 ? `did you mean --${candidates[0]?.name}? ` : '';
  return `unknown option ${quoteValue(option)} (${hint}see concur-tui --help)`;
}
