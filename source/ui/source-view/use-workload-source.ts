import { type Dispatch, useEffect, useMemo, useRef, useState } from 'react';
import {
  builtinWorkloadSource,
  loadingWorkloadSource,
  readWorkloadSource,
  type WorkloadIdentity,
  type WorkloadSource,
  workloadKey,
} from '../../workload-source/workload-source.ts';
import type { ViewAction } from '../view-state.ts';

/**
 * The code of `workload` while `open`: a built-in's at once, a workload file's read afresh each time the
 * overlay opens or the workload changes (asynchronously: never on the first frame), shown as being read until then.
 */
export function useWorkloadSource(
  workload: WorkloadIdentity | undefined,
  open: boolean,
): WorkloadSource | undefined {
  const key = workload ? workloadKey(workload) : undefined;
  // The workload as it was when its key was last seen: the effect below reads it by key.
  const current = useRef(workload);
  current.current = workload;
  const [read, setRead] = useState<WorkloadSource | undefined>(undefined);
  const builtin = useMemo(
    () => (open && key !== undefined && current.current ? builtinWorkloadSource(current.current) : undefined),
    [open, key],
  );
  useEffect(() => {
    const shown = current.current;
    if (!open || key === undefined || !shown || shown.file === undefined) return;
    let live = true;
    readWorkloadSource(shown).then(
      (source) => {
        if (live) setRead(source);
      },
      (error: unknown) => {
        if (live) setRead({ ...loadingWorkloadSource(shown), loading: false, problem: String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [open, key]);
  if (!open || !workload) return undefined;
  if (builtin) return builtin;
  return read?.key === key ? read : loadingWorkloadSource(workload);
}

/** Tells the view state whose code is shown, so a workload switched back to opens at its `run` again. */
export function useSourceShown(source: WorkloadSource | undefined, dispatch: Dispatch<ViewAction>): void {
  const key = source?.key;
  useEffect(() => {
    if (key !== undefined) dispatch({ type: 'sourceShown', workload: key });
  }, [key, dispatch]);
}
