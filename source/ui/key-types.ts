// The shapes a key press passes through: the row of the key table that names a key, what the key can see of
// the dashboard, and the commands it gives. The rows' press functions live beside the state they change and
// take these shapes from here.

import type { EngineAction } from '../engine/actions.ts';
import type { WorkloadSummary } from '../engine/engine-handle.ts';
import type { ModelName, SchedulerSettings } from '../engine/types.ts';
import type { KeyEcho, ViewAction } from './view-state.ts';

export type Command =
  | { kind: 'engine'; action: EngineAction }
  | { kind: 'view'; action: ViewAction }
  /** Start or stop recording the run (the snapshot source's `controls.recording`). */
  | { kind: 'record' }
  | { kind: 'quit' };

/**
 * A key by name: a printable character as typed (letters lower case), or one of the named keys. The names are
 * what the docs write, through `keyLabel`.
 */
export type KeyName = string;

/** What a key can see of the running dashboard; everything but `helpOpen` and `workloads` may be unknown. */
export type KeyState = {
  helpOpen: boolean;
  /** In key order: `1` picks the first. */
  workloads: readonly WorkloadSummary[];
  workload?: string | undefined;
  model?: ModelName | undefined;
  scheduler?: SchedulerSettings | undefined;
  /** Pool size setting. */
  threads?: number | undefined;
  /** Whether the worker threads take turns under one lock (`g`). */
  gil?: boolean | undefined;
  /** Whether the timeline lanes are shown (`t`); unknown reads as hidden. */
  lanesOpen?: boolean | undefined;
  /** The task table's task ids, newest first (`Snapshot.tasks.recent`): what `↑`/`↓` move over. */
  taskRows?: readonly number[] | undefined;
  /** The task selected in the table (`ViewState.selectedTask`). */
  selectedTask?: number | undefined;
  /** Whether the task detail is open (`ViewState.detailOpen`). */
  detailOpen?: boolean | undefined;
};

/** What one key press does: its effect, the echo for the footer, and the state it leaves for the next key. */
export type Press = { commands: Command[]; echo?: Omit<KeyEcho, 'key'>; state?: Partial<KeyState> };

export type KeyGroup = 'model' | 'load' | 'run' | 'help' | 'tasks';

export type KeyRow = {
  id: string;
  group: KeyGroup;
  /** The keys of this row, in the order the docs list them. */
  keys: readonly KeyName[];
  /** Footer chip and its label; `rank` orders what survives a narrow footer (0 first); `inHelp` only while help is open. */
  footer?: { chip: string; label: string; rank: number; inHelp?: boolean };
  /** One line for the help, `--help` and the README. */
  does: string;
  /** Whether the row acts on the engine: such a key pressed while the help is open acts and closes the help. */
  engine: boolean;
  press(key: KeyName, state: KeyState): Press;
};
