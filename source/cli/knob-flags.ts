// Knobs on the command line: each knob of a built-in workload, and of the workload file given, is a flag
// (`--size 5`), and `--knob name=value` sets any of them; the values are checked against the knob's range.
import { builtinWorkloads, findWorkload } from '../../workloads/index.ts';
import type { WorkloadFile } from '../engine/engine-options.ts';
import type { KnobSpec, Knobs } from '../engine/types.ts';
import { workloadFileName } from '../engine/workload-file-name.ts';
import { quoteValue } from './escape-text.ts';
import { type NumberRule, parseNumberFlag } from './number-flags.ts';
import { UsageError } from './usage-error.ts';

/** Every knob any built-in workload declares, e.g. `size` and `latency`: each becomes a flag. */
const knobNames = [
  ...new Set(builtinWorkloads.flatMap((workload) => workload.knobs.map((knob) => knob.name))),
];

/** The values knob `name` takes: the file's own range for a file workload, else what every built-in with it accepts. */
export function knobRule(name: string, current: string, file?: WorkloadFile): NumberRule {
  const fileSpec = file?.workload.knobs.find((knob) => knob.name === name);
  if (fileSpec) return { whole: false, min: fileSpec.min, max: fileSpec.max, unit: fileSpec.unit };
  const specs = builtinWorkloads.flatMap((workload) => workload.knobs.filter((knob) => knob.name === name));
  const own = findWorkload(current)?.knobs.find((knob) => knob.name === name);
  const unit = (own ?? (specs[0] as KnobSpec)).unit;
  // The value follows the user to every workload with this knob, so it must suit all of them.
  return {
    whole: false,
    min: Math.max(...specs.map((spec) => spec.min)),
    max: Math.min(...specs.map((spec) => spec.max)),
    unit,
  };
}

/** Knob flags: every built-in knob, and the file's own knobs whose names no other option (`optionNames`) takes. */
export function knobFlagNames(optionNames: readonly string[], file?: WorkloadFile): string[] {
  const taken = new Set(optionNames);
  const own = (file?.workload.knobs ?? []).map((knob) => knob.name).filter((name) => !taken.has(name));
  return [...new Set([...knobNames, ...own])];
}

/** Knob values from the named knob flags and from `--knob name=value` (which wins when both name a knob). */
export function parseKnobs(
  flagValue: (flag: string) => string | undefined,
  pairs: readonly string[],
  knobFlags: readonly string[],
  workload: string,
  file?: WorkloadFile,
): Partial<Knobs> {
  const knobs: Partial<Knobs> = {};
  const where = file ? ` (a knob of ${workloadFileName(file.url)})` : '';
  const parse = (flag: string, name: string, raw: string) => {
    const own = file?.workload.knobs.some((knob) => knob.name === name);
    try {
      knobs[name] = parseNumberFlag(flag, raw, knobRule(name, workload, file));
    } catch (error) {
      if (own && error instanceof UsageError) throw new UsageError(`${error.message}${where}`);
      throw error;
    }
  };
  for (const name of knobFlags) {
    const raw = flagValue(name);
    if (raw !== undefined) parse(name, name, raw);
  }
  const known = new Set([...knobNames, ...(file?.workload.knobs ?? []).map((knob) => knob.name)]);
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    const name = pair.slice(0, Math.max(0, equals));
    if (equals <= 0) throw new UsageError(`--knob takes name=value, e.g. size=5, got ${quoteValue(pair)}`);
    if (!known.has(name)) {
      throw new UsageError(
        `--knob: no workload has a knob ${quoteValue(name)} (knobs: ${[...known].join(', ')})`,
      );
    }
    parse(`knob ${name}`, name, pair.slice(equals + 1));
  }
  return knobs;
}
