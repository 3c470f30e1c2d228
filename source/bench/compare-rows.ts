// The comparison line: one configuration against another measured at the same load. Each clause has the
// same subject (the compared row), so "lower" always means lower on that row.

import type { ScoreboardRow } from '../engine/types.ts';
import { formatMs, formatRate, formatRatio } from '../ui/format.ts';
import { describeModel } from './describe-config.ts';

type Row = Pick<
  ScoreboardRow,
  'config' | 'activeMs' | 'finished' | 'failed' | 'throughput' | 'latencyP99' | 'lagP99'
>;

/** Differences under 5 % are noise on a shared machine: "about the same". */
const tieRatio = 1.05;

/** Below a millisecond lag nears the monitor's resolution: a ratio against it would be noise. */
const lagResolutionMs = 1;

/** Whether most of the row's tasks failed: such a row is never called faster. */
export function mostlyFailed(row: Pick<ScoreboardRow, 'finished' | 'failed'>): boolean {
  return row.failed > row.finished;
}

/** `lag p99 0.42 ms (async 34 ms)`: the two values side by side, where a ratio would mislead. */
function sideBySide(metric: string, value: string, baseValue: string, base: Row): string {
  return `${metric} ${value} (${base.config.model} ${baseValue})`;
}

function ratioClause(
  metric: string,
  value: number,
  baseValue: number,
  base: Row,
  format: (n: number) => string,
) {
  const ratio = value / baseValue;
  if (!(value > 0 && baseValue > 0 && Number.isFinite(ratio))) {
    return sideBySide(metric, format(value), format(baseValue), base);
  }
  if (ratio < tieRatio && ratio > 1 / tieRatio) return `${metric} about the same`;
  return ratio > 1 ? `${metric} ${formatRatio(ratio)} higher` : `${metric} ${formatRatio(1 / ratio)} lower`;
}

function throughputClause(row: Row, base: Row): string {
  if (row.finished === 0 && base.finished === 0) return 'no task finished on either';
  if (row.finished === 0) return 'throughput: no task finished';
  if (base.finished === 0)
    return `throughput ${formatRate(row.throughput)} (${base.config.model} finished none)`;
  return ratioClause('throughput', row.throughput, base.throughput, base, formatRate);
}

function lagClause(row: Row, base: Row): string {
  if (Math.max(row.lagP99, base.lagP99) < lagResolutionMs) return 'lag p99 about the same (under 1 ms)';
  if (Math.min(row.lagP99, base.lagP99) < lagResolutionMs) {
    return sideBySide('lag p99', formatMs(row.lagP99), formatMs(base.lagP99), base);
  }
  return ratioClause('lag p99', row.lagP99, base.lagP99, base, formatMs);
}

/**
 * `workers (2 threads) vs async: throughput 1.9× higher · latency p99 1.8× lower · lag p99 12× lower`.
 * Undefined when either row measured nothing yet.
 */
export function compareRows(row: Row, base: Row): string | undefined {
  if (row.activeMs <= 0 || base.activeMs <= 0) return undefined;
  const subject = `${describeModel(row.config)} vs ${describeModel(base.config)}`;
  const failing = [row, base].filter(mostlyFailed).map((entry) => entry.config.model);
  if (failing.length > 0) {
    return `${subject}: not compared, most tasks failed on ${failing.join(' and ')}`;
  }
  const clauses = [throughputClause(row, base)];
  if (row.finished > 0 && base.finished > 0) {
    clauses.push(ratioClause('latency p99', row.latencyP99, base.latencyP99, base, formatMs));
  }
  clauses.push(lagClause(row, base));
  return `${subject}: ${clauses.join(' · ')}`;
}
