import { useEffect, useRef } from 'react';
import type { EngineHandle } from '../../engine/engine-handle.ts';

/**
 * Has the engine inspect the task selected in the table (`inspectTask`), so its record keeps coming in
 * `Snapshot.inspected` after newer tasks pushed it out of the newest, and none once the selection clears. Only
 * changes are sent: a dashboard that never selects a task asks nothing of the engine.
 */
export function useInspectSelection(
  handle: Pick<EngineHandle, 'dispatch'>,
  selectedTask: number | undefined,
): void {
  const sent = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (sent.current === selectedTask) return;
    sent.current = selectedTask;
    handle.dispatch({ type: 'inspectTask', id: selectedTask });
  }, [handle, selectedTask]);
}
