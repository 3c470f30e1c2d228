// What a task on the event loop gave back: a promise to wait for, or an error to report by its message.

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
