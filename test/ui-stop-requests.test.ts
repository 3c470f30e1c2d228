import { describe, expect, test } from 'vitest';
import { type JobPlace, StopRequests } from '../source/ui/stop-requests.ts';
import { seededRandom } from './helpers/seeded-random.ts';

/** Signals "read" by the test: a callback waits until `readSignals` is called, as libuv's signal pipe would. */
function stopsWithPipe() {
  let waiting: (() => void)[] = [];
  const stops = new StopRequests((then) => waiting.push(then));
  const readSignals = () => {
    const due = waiting;
    waiting = [];
    for (const then of due) then();
  };
  /** Continued in the background: what the stop requests then decide, once the signals are read. */
  const inBackground = (inForeground: () => boolean) => {
    const decided: { where?: JobPlace | undefined; called: boolean } = { called: false };
    stops.continuedInBackground(inForeground, (where) => {
      decided.where = where;
      decided.called = true;
    });
    return decided;
  };
  return { stops, readSignals, inBackground };
}

describe('StopRequests', () => {
  test('a SIGTSTP is wanted until a SIGCONT is read, and one read in the same turn as a SIGCONT is not', () => {
    const { stops, readSignals } = stopsWithPipe();
    const stop = stops.asked({ fromSignal: true });
    expect(stop()).toBe(true);
    stops.continued();
    expect(stop()).toBe(false);
    // Read in the same turn as the continue: taken as sent before it.
    expect(stops.asked({ fromSignal: true })()).toBe(false);
    // A stop the process asks for itself is not a signal that may have crossed the continue.
    expect(stops.asked({ fromSignal: false })()).toBe(true);
    readSignals();
    expect(stops.asked({ fromSignal: true })()).toBe(true);
  });

  test('continued in the background: says where the job stands once the signals are read, not before', () => {
    const { readSignals, inBackground } = stopsWithPipe();
    let foreground = false;
    const staying = inBackground(() => foreground);
    expect(staying.called).toBe(false);
    readSignals();
    expect(staying).toEqual({ called: true, where: 'background' });

    // `fg` came before the signals were read, its SIGCONT not yet read.
    const brought = inBackground(() => foreground);
    foreground = true;
    readSignals();
    expect(brought).toEqual({ called: true, where: 'foreground' });
  });

  test('continued in the background, then continued again before the signals are read: the later one decides', () => {
    const { stops, readSignals, inBackground } = stopsWithPipe();
    const first = inBackground(() => false);
    stops.continued();
    const second = inBackground(() => false);
    readSignals();
    expect(first).toEqual({ called: true, where: undefined });
    expect(second).toEqual({ called: true, where: 'background' });
  });

  test('over random sequences of signals, reads and moves between foreground and background', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const random = seededRandom(seed);
      const { stops, readSignals, inBackground } = stopsWithPipe();
      let foreground = random() < 0.5;
      let continuedThisTurn = false;
      // A model of each request: whether a continue was read after it, and whether it came in a continue's turn.
      const asked: {
        wanted: () => boolean;
        fromSignal: boolean;
        continuedAfter: boolean;
        sameTurn: boolean;
      }[] = [];
      let pending: { decided: ReturnType<typeof inBackground>; continuedAfter: boolean }[] = [];
      for (let step = 0; step < 30; step += 1) {
        const roll = random();
        const at = `seed ${seed}, step ${step}`;
        if (roll < 0.25) {
          stops.continued();
          continuedThisTurn = true;
          for (const request of [...asked, ...pending]) request.continuedAfter = true;
        } else if (roll < 0.5) {
          const fromSignal = random() < 0.5;
          const wanted = stops.asked({ fromSignal });
          asked.push({ wanted, fromSignal, continuedAfter: false, sameTurn: continuedThisTurn });
        } else if (roll < 0.7) {
          pending.push({ decided: inBackground(() => foreground), continuedAfter: false });
        } else if (roll < 0.8) {
          foreground = !foreground;
        } else {
          readSignals();
          continuedThisTurn = false;
          for (const { decided, continuedAfter } of pending) {
            const where = continuedAfter ? undefined : foreground ? 'foreground' : 'background';
            expect(decided, at).toEqual({ called: true, where });
          }
          pending = [];
        }
        for (const { decided } of pending) expect(decided.called, at).toBe(false);
        for (const request of asked) {
          expect(request.wanted(), at).toBe(
            !request.continuedAfter && !(request.fromSignal && request.sameTurn),
          );
        }
      }
    }
  });
});
