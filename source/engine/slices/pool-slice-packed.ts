// The main side of a pool process's slices: a packed batch (process-slice-batch.ts) handed to the engine's
// sink under the process's lane.
import type { PoolSliceSink } from './slice-query.ts';

/** Hands every slice of `packed` (task id, start, length, slice number; repeated) to `sink` under `lane`. */
export function deliverPackedSlices(
  sink: PoolSliceSink | undefined,
  lane: string,
  packed: Float64Array,
): void {
  if (!sink) return;
  for (let at = 0; at + 3 < packed.length; at += 4) {
    sink(
      lane,
      packed[at] as number,
      packed[at + 1] as number,
      packed[at + 2] as number,
      packed[at + 3] as number,
    );
  }
}

/** What a process's message may carry (process-messages.ts's `SlicesCarried`). */
export type CarriedSlices = { slicesRecorded?: Float64Array; slicesDropped?: number };

/**
 * The process pool's lanes: a process's slices go to `p<position>`, and a process that left the pool (replaced,
 * retired) keeps the lane it last had, since its last messages may come after it left.
 */
export class ProcessSliceLanes {
  readonly #sink: PoolSliceSink | undefined;
  readonly #lanes = new WeakMap<object, string>();
  #dropped = 0;

  constructor(sink: PoolSliceSink | undefined) {
    this.#sink = sink;
  }

  /** Slices recorded and lost: turned away by a full batch, or cut short with their process. */
  get dropped(): number {
    return this.#dropped;
  }

  countDropped(slices: number): void {
    this.#dropped += slices;
  }

  /** Notes each process's lane by its position now: call before one leaves the pool or moves. */
  name(places: readonly object[]): void {
    for (let index = 0; index < places.length; index++)
      this.#lanes.set(places[index] as object, `p${index + 1}`);
  }

  /** Hands the slices a message of `place`'s process carried to the sink, under its lane. */
  deliver(places: readonly object[], place: object, carried: CarriedSlices): void {
    const index = places.indexOf(place);
    const lane = index >= 0 ? `p${index + 1}` : this.#lanes.get(place);
    this.#dropped += carried.slicesDropped ?? 0;
    const packed = carried.slicesRecorded;
    if (!packed) return;
    if (lane === undefined) this.#dropped += packed.length / 4;
    else deliverPackedSlices(this.#sink, lane, packed);
  }
}
