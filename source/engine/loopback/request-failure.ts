// Why a request to the loopback server failed, in one line a task's error can carry to the screen.

/** One line that says what failed and, for a limit, which one. */
export function describeRequestFailure(
  failure: NodeJS.ErrnoException | undefined,
  openFilesLimit?: number,
): string {
  const error = rootCause(failure);
  switch (error?.code) {
    case 'EMFILE':
    case 'ENFILE':
      return `EMFILE: too many open files${openFilesLimit === undefined ? '' : ` (limit ${openFilesLimit})`}`;
    case 'ECONNREFUSED':
      return 'the loopback server refused the connection (it is not running, or restarting)';
    case undefined:
    case 'ECONNRESET':
    case 'ERR_HTTP2_STREAM_ERROR':
    case 'ERR_HTTP2_SESSION_ERROR':
    case 'ERR_HTTP2_GOAWAY_SESSION':
    case 'ERR_HTTP2_INVALID_SESSION':
    case 'ERR_HTTP2_STREAM_CANCEL':
      return 'the loopback server closed the connection before it answered';
    default:
      return `loopback request failed: ${error?.message}`;
  }
}

/** A stream cancelled because its connection failed carries the connection's error as its cause. */
function rootCause(error: NodeJS.ErrnoException | undefined): NodeJS.ErrnoException | undefined {
  let root = error;
  while (root?.cause instanceof Error) root = root.cause as NodeJS.ErrnoException;
  return root;
}

export function isDescriptorError(error: NodeJS.ErrnoException | undefined): boolean {
  const code = rootCause(error)?.code;
  return code === 'EMFILE' || code === 'ENFILE';
}
