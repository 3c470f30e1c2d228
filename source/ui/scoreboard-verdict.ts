// The scoreboard's bottom line in words, from the comparison of the rows at the settings running now: the
// headline, the clauses that qualify it, and which key runs a model not measured yet.

import { findModel } from '../engine/models/model-descriptors.ts';
import type { ModelName } from '../engine/types.ts';
import { formatRatio } from './format.ts';
import { type Comparison, type ScoreboardView, tieRatio } from './scoreboard-model.ts';
import { settlingText } from './scoreboard-words.ts';

/** The scoreboard's bottom line in words: the headline comparison first, then the others, one subject each. */
export type Verdict = {
  headline: string;
  details: string[];
  winner?: ModelName;
  /** When the best ties (within 5 %) with others yet leads the rest: all of them, best first; no `winner` then. */
  leaders?: ModelName[];
  /** The headline's ratio (best throughput over the next one clearly behind), for drawing it large. */
  ratio?: number;
  /** The model the headline's ratio is over. */
  versus?: ModelName;
};

/** The key that switches to `model`, from the descriptor table. */
function keyOf(model: ModelName): string {
  return findModel(model)?.key ?? '?';
}

/** "async's", "workers'": the possessive of a model name. */
export function possessive(model: ModelName): string {
  return model.endsWith('s') ? `${model}'` : `${model}'s`;
}

function lowerClause(comparison: Comparison, what: string, floor?: string): string | undefined {
  if (!comparison.clear) return undefined;
  const [first, ...more] = comparison.others;
  if (!first) return undefined;
  if (floor !== undefined) return `${comparison.best}: ${what} under ${floor}`;
  const two = more.length === 0;
  const against = (other: { model: ModelName; ratio: number }) =>
    `${formatRatio(other.ratio)}${two ? '' : ` than ${other.model}`}`;
  return `${comparison.best}: ${what} ${[first, ...more].map(against).join(', ')} lower`;
}

export function scoreboardVerdict(view: ScoreboardView, current: ModelName): Verdict {
  const notes: string[] = [];
  for (const entry of view.entries) {
    if (entry.excluded === 'settling' && entry.row?.settling) {
      notes.push(`${settlingText(entry.model, entry.row.settling)}, not compared yet`);
    } else if (entry.excluded === 'most tasks failed') {
      notes.push(`${entry.model}: most tasks failed, not compared`);
    } else if (entry.row?.overlapping) {
      notes.push(`${entry.model}: counted while older tasks still ran`);
    }
  }
  const compared = view.entries.filter((entry) => entry.row && !entry.excluded);
  if (compared.length < 2) {
    const missing = view.entries.filter((entry) => !entry.row);
    const next = missing.find((entry) => entry.model !== current) ?? missing[0];
    const press = next
      ? `press ${keyOf(next.model)} to run ${next.model} at these settings and compare`
      : undefined;
    const [first, ...rest] = notes;
    if (first) return { headline: first, details: press ? [...rest, press] : rest };
    if (compared.length === 0 && view.entries.every((entry) => !entry.row || entry.model === current)) {
      return { headline: `${current} is starting: results appear as tasks finish`, details: [] };
    }
    return { headline: press ?? 'nothing to compare yet', details: [] };
  }
  const { throughput, latencyP99, lagP99 } = view.comparisons;
  const bestLag = view.entries.find((entry) => entry.model === lagP99?.best)?.row?.lagP99 ?? 0;
  // What qualifies the headline comes right after it, then the other columns.
  const details = [
    ...notes,
    latencyP99 ? lowerClause(latencyP99, 'latency p99') : undefined,
    // Below a millisecond lag nears the monitor's resolution: a ratio against it would be noise.
    lagP99 ? lowerClause(lagP99, 'lag p99', bestLag < 1 ? '1 ms' : undefined) : undefined,
  ].filter((clause): clause is string => clause !== undefined);
  // With more than two rows the best may tie with another and still be clearly ahead of the rest: say both.
  const behind = throughput?.others.filter((other) => other.ratio >= tieRatio) ?? [];
  if (!throughput || behind.length === 0) return { headline: 'throughput about equal (within 5 %)', details };
  const tied = throughput.others.filter((other) => other.ratio < tieRatio).map((other) => other.model);
  const leaders = [throughput.best, ...tied];
  const lead: Pick<Verdict, 'winner' | 'leaders'> =
    tied.length > 0 ? { leaders } : { winner: throughput.best };
  const [first, ...more] = behind.filter((other) => Number.isFinite(other.ratio));
  if (!first) return { headline: `only ${leaders.join(' and ')} finished tasks`, details, ...lead };
  const subject = tied.length > 0 ? `${leaders.join(' and ')} about equal (within 5 %),` : throughput.best;
  const rest = more.map((other) => `, ${formatRatio(other.ratio)} ${possessive(other.model)}`).join('');
  return {
    headline: `${subject} ${formatRatio(first.ratio)} ${possessive(first.model)} throughput${rest}`,
    details,
    ...lead,
    ratio: first.ratio,
    versus: first.model,
  };
}
