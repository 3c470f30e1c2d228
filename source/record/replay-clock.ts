// The replay's clock as a pure reducer: where in the recording it stands, how fast it runs, paused or not. The
// replay source (replay-source.ts) feeds it real time and the keys; the frame shown is the last one at or before it.

/** The speeds `<`/`>` step through. */
export const replaySpeeds = [0.25, 0.5, 1, 2, 4, 8] as const;

export type ClockState = {
  /** Replayed time, engine clock of the recording; always within `start`…`end`. */
  time: number;
  start: number;
  end: number;
  /** Index into `replaySpeeds`. */
  speedIndex: number;
  paused: boolean;
};

export type ClockAction =
  /** Real time passed: the replay moves on by `elapsedMs` × speed, and stops at the end. */
  | { type: 'tick'; elapsedMs: number }
  /** Pauses or resumes; resuming at the end starts again from the beginning. */
  | { type: 'togglePause' }
  | { type: 'seek'; byMs: number }
  | { type: 'stepSpeed'; direction: 1 | -1 }
  /** Jumps to the first of `times` (ascending) after the time, if any. */
  | { type: 'nextMarker'; times: readonly number[] };

export function initialClock(start: number, end: number): ClockState {
  return {
    time: start,
    start,
    end: Math.max(start, end),
    speedIndex: replaySpeeds.indexOf(1),
    paused: false,
  };
}

export function speedOf(state: ClockState): number {
  return replaySpeeds[state.speedIndex] ?? 1;
}

export function clockReducer(state: ClockState, action: ClockAction): ClockState {
  const next = reduce(state, action);
  // Whatever brought it there, a replay at its end stands still (space plays it again from the start).
  return next.time >= next.end && !next.paused ? { ...next, paused: true } : next;
}

function reduce(state: ClockState, action: ClockAction): ClockState {
  switch (action.type) {
    case 'tick': {
      if (state.paused || !(action.elapsedMs > 0)) return state;
      const time = Math.min(state.end, state.time + action.elapsedMs * speedOf(state));
      return { ...state, time, paused: time >= state.end };
    }
    case 'togglePause':
      if (state.paused && state.time >= state.end) return { ...state, time: state.start, paused: false };
      return { ...state, paused: !state.paused };
    case 'seek': {
      const time = Math.min(state.end, Math.max(state.start, state.time + action.byMs));
      return time === state.time ? state : { ...state, time };
    }
    case 'stepSpeed': {
      const speedIndex = Math.min(replaySpeeds.length - 1, Math.max(0, state.speedIndex + action.direction));
      return speedIndex === state.speedIndex ? state : { ...state, speedIndex };
    }
    case 'nextMarker': {
      const next = action.times.find((at) => at > state.time && at <= state.end);
      return next === undefined ? state : { ...state, time: next };
    }
  }
}

/** The index of the last frame at or before `time` (the first frame before it starts); frames ascend by `at`. */
export function frameIndexAt(frames: readonly { at: number }[], time: number): number {
  let low = 0;
  let high = frames.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((frames[middle] as { at: number }).at <= time) low = middle;
    else high = middle - 1;
  }
  return Math.max(0, low);
}
