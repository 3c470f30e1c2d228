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
