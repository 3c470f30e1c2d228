import { useWindowSize } from 'ink';
import { useMemo } from 'react';
import type { EngineHandle } from '../engine/engine-handle.ts';
import { Dashboard } from './dashboard.tsx';
import { layoutFor, type TerminalSize } from './layout.ts';
import { ThemeContext } from './theme.ts';

export type AppProps = {
  handle: EngineHandle;
  /** Whether to paint colours; false for NO_COLOR / --no-color. @default true */
  color?: boolean;
  /** Called on `q` or Ctrl-C. */
  onQuit: () => void;
  /** Called on Ctrl-Z: hand the terminal back and stop. @default none (Ctrl-Z does nothing) */
  onSuspend?: () => void;
  /** A fixed terminal size instead of the real one (tests). @default the terminal's size, updated on resize */
  size?: TerminalSize;
};

/** The root: picks the layout for the terminal's size and hands everything else to the dashboard. */
export function App({ handle, color = true, onQuit, onSuspend, size }: AppProps) {
  const windowSize = useWindowSize();
  const terminal = size ?? windowSize;
  const theme = useMemo(() => ({ color }), [color]);
  return (
    <ThemeContext value={theme}>
      <Dashboard
        handle={handle}
        layout={layoutFor(terminal)}
        size={terminal}
        onQuit={onQuit}
        onSuspend={onSuspend}
      />
    </ThemeContext>
  );
}
