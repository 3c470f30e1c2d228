// How a task's error is reported, wherever the task ran: its message, or the thrown value as text.

/** The message of a thrown value: an Error's `message`, anything else as a string. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
