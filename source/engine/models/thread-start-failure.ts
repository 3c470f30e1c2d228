// Why a pool's threads could not start, in the one line the user sees.

/** Why a thread could not start, in words a user can act on. */
export function describeStartFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/EAGAIN/.test(text)) return 'the process limit (EAGAIN)';
  if (/ENOMEM/.test(text)) return 'out of memory (ENOMEM)';
  return text.replace(/\s+/g, ' ').trim() || 'unknown error';
}

/**
 * Why the pool has fewer threads than its `target`, in one line, when `failure` (a `describeStartFailure`)
 * stopped it at `active`; undefined when nothing failed or it has them all.
 */
export function startFailureNotice(
  failure: string | undefined,
  active: number,
  target: number,
): string | undefined {
  if (failure === undefined || active >= target) return undefined;
  if (active === 0) {
    return `no worker thread could start: ${failure}; tasks fail until one can (retrying)`;
  }
  return `only ${active} of ${target} threads could start: ${failure}; lower with [`;
}
