// The payload knob: bytes each task carries into its thread or process and back, so the cost of copying
// between threads and processes can be shown. The input buffer is made by the model when it dispatches a
// task; the task's answer carries a fresh buffer of the same size, so the copy is paid both ways.

/** Bytes per kilobyte of the `--payload` knob. */
export const payloadUnit = 1024;

/** The buffer a task carries in: `kilobytes` KB, or undefined for none (the default: no copying cost). */
export function makePayload(kilobytes: number): Uint8Array | undefined {
  if (!(kilobytes > 0)) return undefined;
  const bytes = new Uint8Array(Math.round(kilobytes * payloadUnit));
  // Touched, so its pages exist before it is copied: a never-written buffer would copy zero pages for free.
  bytes.fill(1);
  return bytes;
}

/** What a task carries back for the payload it got: a new buffer of the same size, or undefined for none. */
export function answerPayload(payload: Uint8Array | undefined): Uint8Array | undefined {
  if (payload === undefined || payload.byteLength === 0) return undefined;
  const answer = new Uint8Array(payload.byteLength);
  answer.fill(2);
  return answer;
}
