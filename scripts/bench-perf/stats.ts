/** The median of `values` (the mean of the middle two for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The median of each key over repetitions; a key missing from a repetition is left out of its median. */
export function medians(samples: readonly Record<string, number>[]): Record<string, number> {
  const keys = new Set(samples.flatMap((sample) => Object.keys(sample)));
  const result: Record<string, number> = {};
  for (const key of keys) {
    result[key] = median(samples.map((sample) => sample[key] ?? Number.NaN));
  }
  return result;
}

export const megabyte = 1024 * 1024;

/** The smallest and largest of `values`, NaN left out; NaN for both when none is left. */
export function spread(values: readonly number[]): { min: number; max: number } {
  const numbers = values.filter((value) => !Number.isNaN(value));
  if (numbers.length === 0) return { min: Number.NaN, max: Number.NaN };
  return { min: Math.min(...numbers), max: Math.max(...numbers) };
}
