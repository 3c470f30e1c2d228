// The theme as a React context: what the components read; the colours themselves are in theme.ts.

import { createContext, useContext } from 'react';
import type { Theme } from './theme.ts';

export const ThemeContext = createContext<Theme>({ color: true });

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
