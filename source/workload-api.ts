// What a workload file may import for editor help (`import type { Workload } from 'concur-tui'`): the build
// emits this file's declarations into dist/types, and package.json points `types` there.
export type { KnobSpec, Knobs, TaskContext, TaskInput, Workload, WorkloadKind } from './engine/types.ts';
