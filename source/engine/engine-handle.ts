import type { SourceControls } from '../record/source-controls.ts';
import type { EngineAction } from './actions.ts';
import type { Snapshot, WorkloadKind } from './types.ts';

/** What a workload looks like from outside the engine: enough to list and pick it. */
export type WorkloadSummary = { name: string; kind: WorkloadKind; description: string };

/**
 * Parts of a snapshot a source may not publish: a recording holds no lanes nor the inspected task's slices; an
 * app watched from outside would have no pools, tasks or scoreboard. The screen shows no pane for a part its
 * source lacks, and a key that would open one says why.
 */
export type SnapshotPart = 'timeline' | 'inspected' | 'pools' | 'tasks' | 'scoreboard';

/** The side of the engine that the dashboard (and any other driver) sees. */
export type EngineHandle = {
  /** The latest published snapshot, or undefined before the first one. */
  latest(): Snapshot | undefined;
  /** Calls `listener` with every published snapshot; returns the unsubscribe function. */
  subscribe(listener: (snapshot: Snapshot) => void): () => void;
  dispatch(action: EngineAction): void;
  /** The workloads one can switch to, in key order (`1` is the first). */
  readonly workloads: readonly WorkloadSummary[];
  /** The parts of the snapshot this source does not publish. @default none: the live engine publishes them all */
  readonly lacks?: readonly SnapshotPart[];
  /** What the source offers besides actions: a live run's recording, a replay's transport. @default none */
  readonly controls?: SourceControls;
};
