import { useCallback, useSyncExternalStore } from 'react';
import type { EngineHandle } from '../engine/engine-handle.ts';
import type { Snapshot } from '../engine/types.ts';

/** The engine's latest snapshot; the component re-renders when a new one is published, and only then. */
export function useSnapshot(handle: EngineHandle): Snapshot | undefined {
  // Bound here: the handle may be a class instance whose methods need `this`.
  const subscribe = useCallback((onChange: () => void) => handle.subscribe(() => onChange()), [handle]);
  const latest = useCallback(() => handle.latest(), [handle]);
  return useSyncExternalStore(subscribe, latest);
}
