// The tiny task of the process-dispatch figure for tinypool's child_process runtime: echoes its input.
export default function echo(input: unknown): unknown {
  return input;
}
