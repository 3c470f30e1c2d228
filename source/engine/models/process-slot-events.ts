// What a process slot tells the pool that owns it.
import type { ProcessResult, SlicesCarried } from './process-messages.ts';
import type { ProcessSlot } from './process-slot.ts';

export type ProcessSlotState = 'starting' | 'ready' | 'retiring' | 'gone';

/** What a slot tells the pool that owns it. */
export type ProcessSlotEvents<Task> = {
  /** The process answered its warm-up: it takes tasks. */
  ready(slot: ProcessSlot<Task>): void;
  /** The process reported that a task out on it started. */
  started(slot: ProcessSlot<Task>, task: Task, startedAt: number): void;
  /** A task out on the process came back (`cancelled`: a held task taken back before it started). */
  result(slot: ProcessSlot<Task>, task: Task, result: ProcessResult): void;
  /**
   * The process died: the tasks it ran (`ran`, oldest first) failed with `reason`; those it held and never
   * started (`heldBack`) go back to be run.
   */
  died(slot: ProcessSlot<Task>, ran: Task[], heldBack: Task[], reason: string, wasReady: boolean): void;
  /** A message from the process carried slices it recorded (even one arriving after the slot was ended). */
  slices(slot: ProcessSlot<Task>, carried: SlicesCarried): void;
};
