// The main thread's side of the worker pool's slices: one ring per thread (thread-slice-ring.ts), named by the
// thread's position (t1…tN, as the pool pane labels them), drained into the engine's sink when the pool is
// sampled. A thread that leaves the pool (replaced, retired, died) keeps its ring here, still drained under its
// last lane, until it has exited and one last drain has read everything it wrote.

import type { PoolSliceSink } from './slice-query.ts';
import { createThreadSliceRing, ThreadSliceReader } from './thread-slice-ring.ts';

/** A pool place that may hold a ring. */
export type SliceRingHolder = { readonly slices: ThreadSliceReader | undefined };

export class ThreadSliceCollector {
  readonly #sink: PoolSliceSink | undefined;
  readonly #slots: number | undefined;
  readonly #readers = new Set<ThreadSliceReader>();
  #round = 0;
  #dropped = 0;

  /** `slots`: slices each thread's ring holds (thread-slice-ring.ts's default when undefined). */
  constructor(sink: PoolSliceSink | undefined, slots?: number) {
    this.#sink = sink;
    this.#slots = slots;
  }

  /** Slices lost so far: rings overrun between drains, slices cut short by a thread's termination. */
  get dropped(): number {
    return this.#dropped;
  }

  /** A ring for a new thread. */
  open(): ThreadSliceReader {
    const reader = new ThreadSliceReader(createThreadSliceRing(this.#slots));
    this.#readers.add(reader);
    return reader;
  }

  /** Counts slices lost some other way (e.g. the one a terminated thread was in the middle of). */
  countDropped(slices: number): void {
    this.#dropped += slices;
  }

  /** Names each pool place's lane by its position now: call before a place leaves the pool. */
  name(places: readonly SliceRingHolder[]): void {
    const round = ++this.#round;
    for (let index = 0; index < places.length; index++) {
      const reader = (places[index] as SliceRingHolder).slices;
      if (!reader) continue;
      reader.lane = `t${index + 1}`;
      reader.seen = round;
    }
  }

  /**
   * Names the lanes of `places`, then drains every ring, those of threads gone from the pool included; forgets a
   * gone thread's ring once its thread has exited (or never started) and its last slices are read.
   */
  drain(places: readonly SliceRingHolder[]): void {
    this.name(places);
    for (const reader of this.#readers) {
      const gone = reader.seen !== this.#round;
      // Read before draining: a thread that exits during the drain may have written after it.
      const finished = gone && (reader.exited || !reader.started);
      this.#dropped += reader.drain(this.#sink);
      if (finished) this.#readers.delete(reader);
    }
  }
}
