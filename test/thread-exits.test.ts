import { describe, expect, it } from 'vitest';
import { type ExitingThread, ThreadExits } from '../source/engine/models/thread-exits.ts';
import { seededRandom } from './helpers/seeded-random.ts';

/** A slot whose thread exits only when the test says so. */
class FakeThread implements ExitingThread {
  destroyed = false;
  exited = false;
  #resolve: () => void = () => {};
  readonly #exited = new Promise<void>((resolve) => {
    this.#resolve = resolve;
  });

  exit(): void {
    this.exited = true;
    this.#resolve();
  }

  get liveThreads(): number {
    return this.destroyed ? 0 : 1;
  }

  destroy(): Promise<void> {
    this.destroyed = true;
    return this.#exited;
  }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('terminating a pool’s threads', () => {
  it('terminates queued threads oldest first, never more exiting at once than allowed', async () => {
    let exits = 0;
    const threads = new ThreadExits(2, () => exits++);
    const slots = [new FakeThread(), new FakeThread(), new FakeThread()];
    for (const slot of slots) threads.queue(slot);
    expect(threads.liveThreads).toBe(3);

    threads.terminateQueued(Number.POSITIVE_INFINITY);
    expect(slots.map((slot) => slot.destroyed)).toEqual([true, true, false]);
    expect(threads.canTerminateMore).toBe(false);
    // Terminated and not exited: still counted, as it still holds a core.
    expect(threads.liveThreads).toBe(3);

    slots[0]?.exit();
    await flush();
    expect(exits).toBe(1);
    expect(threads.liveThreads).toBe(2);
    expect(threads.canTerminateMore).toBe(true);
  });

  it('terminates nothing once the deadline has passed', () => {
    const threads = new ThreadExits(4, () => {});
    const slot = new FakeThread();
    threads.queue(slot);
    threads.terminateQueued(performance.now() - 1);
    expect(slot.destroyed).toBe(false);
  });

  it('on close terminates the queued threads and waits for every one terminated to exit', async () => {
    const threads = new ThreadExits(1, () => {});
    const [exiting, queued] = [new FakeThread(), new FakeThread()];
    threads.terminate(exiting);
    threads.queue(queued);
    let closed = false;
    const closing = threads.close().then(() => {
      closed = true;
    });
    expect(queued.destroyed).toBe(true);
    exiting.exit();
    await flush();
    expect(closed).toBe(false);
    queued.exit();
    await closing;
    expect(threads.liveThreads).toBe(0);
  });

  it('counts every thread alive through random sequences, and keeps the limit when only turns terminate', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seededRandom(seed);
      const atOnce = 1 + Math.floor(random() * 3);
      const threads = new ThreadExits(atOnce, () => {});
      const all: FakeThread[] = [];
      for (let step = 0; step < 60; step++) {
        const action = random();
        if (action < 0.4) {
          const slot = new FakeThread();
          all.push(slot);
          threads.queue(slot);
        } else if (action < 0.7) {
          threads.terminateQueued(Number.POSITIVE_INFINITY);
        } else {
          const exiting = all.filter((slot) => slot.destroyed && !slot.exited);
          exiting[Math.floor(random() * exiting.length)]?.exit();
          await flush();
        }
        const alive = all.filter((slot) => !slot.exited).length;
        expect(threads.liveThreads, `seed ${seed} step ${step}`).toBe(alive);
        const terminating = all.filter((slot) => slot.destroyed && !slot.exited).length;
        expect(terminating, `seed ${seed} step ${step}`).toBeLessThanOrEqual(atOnce);
      }
    }
  });
});
