// The task of the payload measurement: takes the buffer in its context (copied in by the model, as threads
// and processes must) and returns a new one of the same size (copied back). One workload for all three
// models, so each side pays only for its own copying.
import { answerPayload } from '../../source/engine/payload.ts';
import type { TaskInput, Workload } from '../../source/engine/types.ts';

const payloadWorkload: Workload = {
  name: 'payload',
  kind: 'cpu',
  description: 'Returns a buffer the size of the one it got',
  knobs: [],
  run(input: TaskInput) {
    return answerPayload((input.context as { payload?: Uint8Array }).payload);
  },
};

export default payloadWorkload;
