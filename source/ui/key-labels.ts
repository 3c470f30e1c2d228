// How the docs write keys (`↑`, `PgUp`, `Ctrl-C`) and back: the help, `--help`, the README and the footer's
// echoes spell a key the same way.

import type { KeyName, KeyRow } from './key-types.ts';

/** How the docs write a key name. */
const labels: Record<string, string> = {
  space: 'space',
  tab: 'tab',
  'shift-tab': 'shift-tab',
  esc: 'esc',
  'ctrl-c': 'Ctrl-C',
  up: '↑',
  down: '↓',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  enter: 'enter',
};

export function keyLabel(key: KeyName): string {
  return labels[key] ?? key;
}

/** The key names, in order, of the docs' spelling of keys (`keyLabel`'s inverse). */
export function keyNameOfLabel(label: string): KeyName | undefined {
  const entry = Object.entries(labels).find(([, written]) => written === label);
  return entry ? entry[0] : label.length === 1 ? label.toLowerCase() : undefined;
}

/** The keys of a row as the docs write them: `1`…`5` for a run of digits, the others one by one. */
export function rowKeyLabels(row: KeyRow): string[] {
  const digits = row.keys.filter((key) => /^[1-9]$/.test(key));
  const others = row.keys.filter((key) => !/^[1-9]$/.test(key)).map(keyLabel);
  if (digits.length === 0) return others;
  const range = digits.length === 1 ? digits[0] : `${digits[0]}…${digits.at(-1)}`;
  return [range as string, ...others];
}
