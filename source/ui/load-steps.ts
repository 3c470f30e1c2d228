import { stepConcurrency } from '../engine/engine-options.ts';
import { schedulerLimits } from '../engine/scheduler.ts';
import { formatCount } from './format.ts';

/** The concurrency (or rate) steps `+`/`-` move along, lowest first. */
export function loadSteps(): number[] {
  const steps = [stepConcurrency(0, 1)];
  for (;;) {
    const next = stepConcurrency(steps.at(-1) as number, 1, schedulerLimits.concurrency);
    if (next === steps.at(-1)) return steps;
    steps.push(next);
  }
}

/** `1, 2, 4, 8 … 512, 1,000, 2,000 … 200,000`: the steps as the docs write them. */
export function loadStepsText(): string {
  const steps = loadSteps().map(formatCount);
  const thousand = steps.indexOf('1,000');
  if (steps.length <= 8 || thousand < 5) return steps.join(', ');
  return `${steps.slice(0, 4).join(', ')} … ${steps.slice(thousand - 1, thousand + 3).join(', ')} … ${steps.at(-1)}`;
}
