// The terminal's size as the dashboard lays itself out for it: what Node's stream holds, and what the kernel says
// after a stop, when no SIGWINCH came to update the stream.

import type { TerminalSize } from './layout.ts';

/** The size Ink assumes when a stream does not know its own. */
export function sizeOf(stream: Pick<NodeJS.WriteStream, 'columns' | 'rows'>): TerminalSize {
  return { columns: stream.columns || 80, rows: stream.rows || 24 };
}

/** The part of a TTY stream's native handle that asks the kernel for the window's size (TIOCGWINSZ). */
type WindowSizeHandle = { getWindowSize?(size: [number, number]): number };

/**
 * Reads the terminal's size again and sets it on the stream, as Node does on SIGWINCH; whether it changed. The
 * kernel sends SIGWINCH only to the terminal's foreground group: a terminal resized while the process was stopped
 * (Ctrl-Z, then `fg`) sends it none, and the stream would go on holding the old size, the frame laid out for it
 * and wrapped by the terminal. Node's public `getWindowSize()` returns the size it holds, so the kernel is asked
 * through the stream's handle, as Node itself does on SIGWINCH. The caller emits 'resize' when its listeners may act
 * on it.
 */
export function readTerminalSize(stream: Pick<NodeJS.WriteStream, 'columns' | 'rows'>): boolean {
  const handle = (stream as { _handle?: WindowSizeHandle })._handle;
  const size: [number, number] = [0, 0];
  try {
    // Non-zero: an error (not a terminal any more, hung up); the size it had is as good as any.
    if (handle?.getWindowSize?.(size) !== 0) return false;
  } catch {
    return false;
  }
  const [columns, rows] = size;
  if (!columns || !rows || (columns === stream.columns && rows === stream.rows)) return false;
  Object.assign(stream, { columns, rows });
  return true;
}
