import { describe, expect, it } from 'vitest';
import { TaskGate } from '../source/engine/models/process-gate.ts';

/** One turn of the event loop: what setImmediate scheduled before now has run. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Records when each promise of `enter` settles, and how. */
function watch(entry: true | Promise<boolean>, log: string[], name: string): void {
  if (entry === true) log.push(`${name} in`);
  else entry.then((entered) => log.push(`${name} ${entered ? 'in' : 'back'}`));
}

describe('the gate of a pool process', () => {
  it('lets in as many tasks as it has places, then hands each freed place on in arrival order, two turns later', async () => {
    const gate = new TaskGate(2);
    const log: string[] = [];
    for (const [ticket, name] of [
      [0, 'a'],
      [1, 'b'],
      [2, 'c'],
      [3, 'd'],
    ] as const) {
      watch(gate.enter(ticket), log, name);
    }
    expect(log).toEqual(['a in', 'b in']);
    expect(gate.waiting).toBe(2);
    gate.leave();
    await turn();
    // The ended task's answer goes out first; a cancel already sent is read in between.
    expect(log).toEqual(['a in', 'b in']);
    await turn();
    expect(log).toEqual(['a in', 'b in', 'c in']);
    gate.leave();
    gate.leave();
    await turn();
    await turn();
    expect(log).toEqual(['a in', 'b in', 'c in', 'd in']);
    // Two places are free again: the next two go in at once.
    watch(gate.enter(4), log, 'e');
    gate.leave();
    watch(gate.enter(5), log, 'f');
    expect(log.slice(-2)).toEqual(['e in', 'f in']);
  });

  it('gives a waiting task back on a cancel, even one read after its place was handed on, and frees the place', async () => {
    const gate = new TaskGate(1);
    const log: string[] = [];
    watch(gate.enter(0), log, 'a');
    watch(gate.enter(1), log, 'b');
    watch(gate.enter(2), log, 'c');
    expect(gate.cancel(2)).toBe(true);
    gate.leave();
    await turn();
    // Read between the two turns: the cancel still wins.
    expect(gate.cancel(1)).toBe(true);
    await turn();
    await turn();
    expect(log).toEqual(['a in', 'c back', 'b back']);
    // The place was never taken: the next task goes in at once.
    expect(gate.cancel(7)).toBe(false);
    watch(gate.enter(3), log, 'd');
    expect(log.at(-1)).toBe('d in');
  });

  it('loses a cancel to a task let in, and a soft cancel to a place already being handed to it', async () => {
    const gate = new TaskGate(1);
    const log: string[] = [];
    watch(gate.enter(0), log, 'a');
    watch(gate.enter(1), log, 'b');
    watch(gate.enter(2), log, 'c');
    expect(gate.cancel(0)).toBe(false);
    gate.leave();
    // The place goes to b: a move of b loses, one of c (not next) wins.
    expect(gate.cancel(1, true)).toBe(false);
    expect(gate.cancel(2, true)).toBe(true);
    await turn();
    await turn();
    expect(log).toEqual(['a in', 'c back', 'b in']);
    expect(gate.cancel(1)).toBe(false);
  });

  it('lets a held task that finds a place free in two turns later, so a cancel read meanwhile wins', async () => {
    const gate = new TaskGate(1);
    const log: string[] = [];
    watch(gate.enter(0, true), log, 'a');
    watch(gate.enter(1), log, 'b');
    expect(log).toEqual([]);
    expect(gate.cancel(0)).toBe(true);
    await turn();
    await turn();
    // a went back; b, which came after it, has its place.
    expect(log).toEqual(['a back', 'b in']);
    gate.leave();
    watch(gate.enter(2, true), log, 'c');
    await turn();
    await turn();
    expect(log.at(-1)).toBe('c in');
  });
});
