import { useMemo, useSyncExternalStore } from 'react';
import type { EngineHandle } from '../engine/engine-handle.ts';
import type { Snapshot } from '../engine/types.ts';

export type SnapshotPacing = {
  /** While the workload is paused, draw at most one frame per this many ms: there is little to watch, and the dashboard's own cost should stay out of the picture. @default 1000 */
  pausedFrameMs?: number;
};

/**
 * Which published snapshots to draw: every one while running; while paused, one a `pausedFrameMs`,
 * plus the first after any pause or resume so a key press shows at once.
 */
export function shouldDraw(previous: Snapshot | undefined, next: Snapshot, pausedFrameMs: number): boolean {
  if (!previous || !next.scheduler.paused) return true;
  if (previous.scheduler.paused !== next.scheduler.paused) return true;
  return next.at - previous.at >= pausedFrameMs;
}

/** The snapshot to draw; the component re-renders when one is chosen for drawing, and only then. */
export function useSnapshot(handle: EngineHandle, pacing: SnapshotPacing = {}): Snapshot | undefined {
  const pausedFrameMs = pacing.pausedFrameMs ?? 1000;
  const store = useMemo(() => {
    let drawn = handle.latest();
    return {
      subscribe: (onChange: () => void) =>
        handle.subscribe((snapshot) => {
          if (!shouldDraw(drawn, snapshot, pausedFrameMs)) return;
          drawn = snapshot;
          onChange();
        }),
      // Whatever the engine publishes next, the drawn snapshot changes only through `subscribe`.
      latest: () => drawn,
    };
  }, [handle, pausedFrameMs]);
  return useSyncExternalStore(store.subscribe, store.latest);
}
