import type { SourceControls } from '../record/source-controls.ts';
import type { EngineAction } from './actions.ts';
import type { Snapshot, WorkloadKind } from './types.ts';

/** What a workload looks like from outside the engine: enough to list and pick it. */
export type WorkloadSummary = { name: string; kind: WorkloadKind; description: string };

/** The side of the engine that the dashboard (and any other driver) sees. */
export type EngineHandle = {
  /** The latest published snapshot, or undefined before the first one. */
  latest(): Snapshot | undefined;
  /** Calls `listener` with every published snapshot; returns the unsubscribe function. */
  subscribe(listener: (snapshot: Snapshot) => void): () => void;
  dispatch(action: EngineAction): void;
  /** The workloads one can switch to, in key order (`1` is the first). */
  readonly workloads: readonly WorkloadSummary[];
  /** What the source offers besides actions: a live run's recording, a replay's transport. @default none */
  readonly controls?: SourceControls;
};
