import { useMemo } from 'react';
import type { EngineHandle } from '../engine/engine-handle.ts';
import { Dashboard } from './dashboard.tsx';
import { layoutFor, type TerminalSize } from './layout.ts';
import { ThemeContext } from './theme-context.ts';

export type AppProps = {
  handle: EngineHandle;
  /** Whether to paint colours; false for NO_COLOR / --no-color. @default true */
  color?: boolean;
  /** Called on `q` or Ctrl-C. */
  onQuit: () => void;
  /** Called on Ctrl-Z: hand the terminal back and stop. @default none (Ctrl-Z does nothing) */
  onSuspend?: () => void;
  /** The terminal's size; whoever renders the app follows resizes (see terminal-lifecycle.ts). */
  size: TerminalSize;
};

/** The root: picks the layout for the terminal's size and hands everything else to the dashboard. */
export function App({ handle, color = true, onQuit, onSuspend, size }: AppProps) {
  const theme = useMemo(() => ({ color }), [color]);
  return (
    <ThemeContext value={theme}>
      <Dashboard handle={handle} layout={layoutFor(size)} size={size} onQuit={onQuit} onSuspend={onSuspend} />
    </ThemeContext>
  );
}
