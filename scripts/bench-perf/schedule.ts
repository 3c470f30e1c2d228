// The order of a run's repetitions. Repetitions of one figure run back to back share the machine's state of that
// minute (a neighbour's load, the host's clock speed), so their min–max spread leaves out how the machine drifts
// over the half hour of a run, and two runs' spreads then disagree more often than chance says (compare.ts).
// Interleaved, each round runs every figure once, in a new random order, so a figure's repetitions are spread over
// the whole run and no figure always follows the same neighbour (as Google Benchmark's random interleaving does).

/** How a run orders its repetitions. @default 'interleaved' */
export type RunOrder = 'interleaved' | 'sequential';

export const runOrders: readonly RunOrder[] = ['interleaved', 'sequential'];

/** One repetition of one figure, in the order the run takes them. */
export type ScheduledRepetition = { figure: string; repetition: number };

/**
 * Every repetition of every figure, in run order: `sequential` runs each figure's repetitions back to back, in the
 * figures' order; `interleaved` runs `repeat` rounds, each a random permutation of all the figures.
 */
export function scheduleRepetitions(
  figures: readonly string[],
  repeat: number,
  order: RunOrder,
  random: () => number = Math.random,
): ScheduledRepetition[] {
  if (order === 'sequential') {
    return figures.flatMap((figure) =>
      Array.from({ length: repeat }, (_, repetition) => ({ figure, repetition })),
    );
  }
  const schedule: ScheduledRepetition[] = [];
  for (let repetition = 0; repetition < repeat; repetition++) {
    const round = [...figures];
    // Fisher–Yates.
    for (let index = round.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [round[index], round[other]] = [round[other] as string, round[index] as string];
    }
    for (const figure of round) schedule.push({ figure, repetition });
  }
  return schedule;
}
