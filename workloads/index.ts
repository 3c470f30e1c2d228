import type { KnobSpec, Knobs, Workload, WorkloadKind } from '../source/engine/types.ts';
import { describeImportFailure } from '../source/engine/workload-file-errors.ts';
import { workloadFileName } from '../source/engine/workload-file-name.ts';
import blocking from './blocking.ts';
import cpu from './cpu.ts';
import ioHttp from './io-http.ts';
import ioTimer from './io-timer.ts';
import mixed from './mixed.ts';

/** The built-in workloads, in key order: key `1` picks the first. */
export const builtinWorkloads: readonly Workload[] = [cpu, ioHttp, ioTimer, blocking, mixed];

const builtinsByName = new Map(builtinWorkloads.map((workload) => [workload.name, workload]));

/** The built-in workload of that name, if there is one. */
export function findWorkload(name: string): Workload | undefined {
  return builtinsByName.get(name);
}

const workloadKinds: readonly WorkloadKind[] = ['cpu', 'io', 'blocking', 'mixed'];

/** Why `value` is not a valid default export of a workload file, or undefined when it is one. */
export function describeInvalidWorkload(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) {
    return 'it has no default export object';
  }
  const workload = value as Partial<Record<keyof Workload, unknown>>;
  if (typeof workload.name !== 'string' || workload.name === '') {
    return 'its default export has no `name` string';
  }
  if (!workloadKinds.includes(workload.kind as WorkloadKind)) {
    return `its \`kind\` must be one of ${workloadKinds.join(', ')}`;
  }
  if (typeof workload.description !== 'string') {
    return 'its default export has no `description` string';
  }
  if (typeof workload.run !== 'function') {
    return 'its default export has no `run` function';
  }
  if (!Array.isArray(workload.knobs)) {
    return 'its `knobs` must be an array (empty when it has none)';
  }
  for (const knob of workload.knobs as unknown[]) {
    const problem = describeInvalidKnob(knob);
    if (problem) return problem;
  }
  return undefined;
}

function describeInvalidKnob(value: unknown): string | undefined {
  const knob = (typeof value === 'object' && value !== null ? value : {}) as Partial<
    Record<keyof KnobSpec, unknown>
  >;
  if (typeof knob.name !== 'string' || knob.name === '') {
    return 'one of its knobs has no `name` string';
  }
  const { min, max } = knob;
  if (typeof min !== 'number' || typeof max !== 'number' || !(min <= max)) {
    return `knob "${knob.name}" needs numbers \`min\` <= \`max\``;
  }
  if (typeof knob.default !== 'number' || !(knob.default >= min && knob.default <= max)) {
    return `knob "${knob.name}" needs a \`default\` between ${min} and ${max}`;
  }
  return undefined;
}

/** How long importing a workload file may take before it counts as failed, ms. */
export const defaultLoadTimeoutMs = 10_000;

// Promises, so that many tasks asking for the same file at once share one import.
const loadedWorkloads = new Map<string, Promise<Workload>>();

async function importWorkload(url: string): Promise<Workload> {
  let module: { default?: unknown };
  try {
    module = await import(url);
  } catch (error) {
    throw new Error(await describeImportFailure(url, error));
  }
  const problem = describeInvalidWorkload(module.default);
  if (problem) {
    throw new Error(`workload file ${workloadFileName(url)} is not a workload: ${problem}`);
  }
  return module.default as Workload;
}

/** `loading`, or a one-line error once `timeoutMs` has passed (a top-level await that never settles). */
function withinLoadTime(url: string, loading: Promise<Workload>, timeoutMs: number): Promise<Workload> {
  if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) return loading;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const seconds = Number((timeoutMs / 1000).toFixed(3));
      reject(
        new Error(
          `workload file ${workloadFileName(url)} did not finish loading within ${seconds} s ` +
            '(a top-level await that never settles?)',
        ),
      );
    }, timeoutMs);
  });
  return Promise.race([loading, late]).finally(() => clearTimeout(timer));
}

/**
 * The workload a specifier names: a built-in name (`cpu`), or a `file:` URL of a module whose default export
 * is a `Workload`. Files are imported once per thread, within `loadTimeoutMs`, and checked; a failure is one
 * line naming the file (and the line, where Node gives one). A URL may carry a query (`?v=3`) to load a new
 * version of the same file.
 */
export function loadWorkload(
  specifier: string,
  loadTimeoutMs: number = defaultLoadTimeoutMs,
): Promise<Workload> {
  const builtin = findWorkload(specifier);
  if (builtin) {
    return Promise.resolve(builtin);
  }
  if (!specifier.startsWith('file:')) {
    const names = builtinWorkloads.map((workload) => workload.name).join(', ');
    return Promise.reject(
      new Error(`unknown workload "${specifier}" (choose from ${names}, or a file: URL)`),
    );
  }
  let loading = loadedWorkloads.get(specifier);
  if (!loading) {
    loading = withinLoadTime(specifier, importWorkload(specifier), loadTimeoutMs);
    // A failed load is not kept: the user may fix the file and try again.
    loading.catch(() => loadedWorkloads.delete(specifier));
    loadedWorkloads.set(specifier, loading);
  }
  return loading;
}

/**
 * The workload's knob values: its defaults, overridden by `overrides`. Overrides the workload has no knob for
 * are ignored, since one set of overrides follows the user across workloads (`--latency` applies to every
 * workload with a latency). Throws a one-line error when a value is not finite or out of its knob's range.
 */
export function resolveKnobs(workload: Workload, overrides: Partial<Knobs>): Knobs {
  const knobs: Knobs = {};
  for (const spec of workload.knobs) {
    const value = overrides[spec.name] ?? spec.default;
    if (!Number.isFinite(value) || value < spec.min || value > spec.max) {
      throw new Error(
        `${workload.name}: knob "${spec.name}" must be between ${spec.min} and ${spec.max} ${spec.unit}, got ${value}`,
      );
    }
    knobs[spec.name] = value;
  }
  return knobs;
}
