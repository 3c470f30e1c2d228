// Reads numbers off a captured dashboard screen, as a person watching it would.

import type { ModelName } from '../../source/engine/types.ts';

/** `1,234` → 1234, `0.07` → 0.07. */
function parseNumber(text: string): number {
  return Number(text.replaceAll(',', ''));
}

/** The scoreboard's throughput (tasks/s) for `model`, e.g. `║   ASYNC   48.7/s …`; undefined when absent. */
export function scoreboardThroughput(screen: string, model: ModelName): number | undefined {
  const match = new RegExp(`${model.toUpperCase()}\\s+([\\d,.]+)/s`).exec(screen);
  return match?.[1] === undefined ? undefined : parseNumber(match[1]);
}

/** The event-loop pane's lag line, `lag ms   p50 0.07   p99 2.6   max 11`; undefined when absent. */
export function eventLoopLag(screen: string): { p50: number; p99: number; max: number } | undefined {
  const match = /lag ms\s+p50 ([\d,.]+)\s+p99 ([\d,.]+)\s+max ([\d,.]+)/.exec(screen);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { p50: parseNumber(match[1]), p99: parseNumber(match[2]), max: parseNumber(match[3]) };
}
