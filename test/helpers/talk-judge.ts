// Judges the claims of one checkpoint of the talk: a failed claim fails the test, unless it is a claim about
// speed and other processes held the cores while its rows were measured; then it is reported as not judged.

import type { Observation, TalkClaim } from './talk-claims.ts';

/**
 * Cores other processes may use while a claim about speed is measured and still have it judged: a claim such
 * as "throughput roughly doubles on two cores" cannot hold while a neighbour holds one of them.
 */
export const busyNeighbours = 0.25;

/** Cores other processes may take in one short stretch (a quarter of a second) while a claim about lag is measured. */
export const busyBurst = 0.5;

/**
 * Checks `claims` on what was seen at a checkpoint (`where`, e.g. "step 2 (after w)"); `others`: cores other
 * processes used meanwhile, averaged over their busiest 2 s, `burst` the most they used in one short stretch of it. Throws on a failed
 * claim that could be judged; returns those that could not.
 */
export function judge(
  claims: readonly TalkClaim[],
  observation: Observation,
  before: ReadonlyMap<string, Observation>,
  others: number,
  burst: number,
  where: string,
): string[] {
  const notJudged: string[] = [];
  for (const claim of claims) {
    try {
      claim.check(observation, before);
    } catch (error) {
      const message = `${where}: ${(error as Error).message}`;
      const load = `other processes used ${others.toFixed(2)} cores in their busiest 2 s, at most ${burst.toFixed(2)} in a short stretch`;
      const busy = others > busyNeighbours || (claim.readsLag === true && burst > busyBurst);
      if (claim.needsCores && busy) {
        notJudged.push(`${message} — not judged: ${load}`);
        continue;
      }
      throw new Error(`${message}\n${load}\n${observation.last.text}`);
    }
  }
  return notJudged;
}

/** The numbers of a checkpoint in one line, to compare runs. */
export function summary({ last, board }: Observation): string {
  const rows = board.current
    .filter((row) => row.counting)
    .map(
      (row) => `${row.model} ${row.throughput}/s lag ${row.lagP99} ms cores ${row.cores} ran ${row.ranMs}`,
    );
  const loop = last.eventLoop;
  return [
    board.settings,
    ...rows,
    `⇒ ${board.verdict}`,
    loop ? `loop p99 ${loop.lagP99} ms ELU ${loop.utilization}` : '',
    `tasks ${JSON.stringify(last.tasks)}`,
  ].join(' | ');
}
