import { schedulerLimits } from './scheduler.ts';
import type { SchedulerMode } from './types.ts';

/** The number that drives the load: tasks in flight (closed loop) or arrivals per second (open loop). */
export function loadOf(mode: SchedulerMode, concurrency: number, rate: number): number {
  return mode === 'closed' ? concurrency : rate;
}

const lowest = { closed: 1, open: 0.1 } as const;
const highest = { closed: schedulerLimits.concurrency, open: schedulerLimits.rate } as const;

/**
 * The notice for a load change that hit a limit: pushed up (`direction` > 0) and now at the top, or down and
 * at the bottom, or not moved at all. Undefined when the change went through short of a limit.
 */
export function describeLimit(
  mode: SchedulerMode,
  from: number,
  to: number,
  direction: number,
): string | undefined {
  const noun = mode === 'closed' ? 'concurrency' : 'the arrival rate';
  const unit = mode === 'closed' ? '' : '/s';
  const stuck = from === to;
  if (direction > 0 && (to >= highest[mode] || stuck))
    return `${noun} is at its maximum, ${format(to)}${unit}`;
  if (direction < 0 && (to <= lowest[mode] || stuck))
    return `${noun} is at its minimum, ${format(to)}${unit}`;
  return undefined;
}

// One formatter for every notice: toLocaleString builds a new one on each call (about 0.1 ms). Made at the first
// notice: the first Intl.NumberFormat of a process loads ICU's number data, 14-19 ms, once before the first frame.
let numberFormat: Intl.NumberFormat | undefined;

function format(value: number): string {
  numberFormat ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
  return numberFormat.format(value);
}
