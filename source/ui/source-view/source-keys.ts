// The keys while the code overlay is open: `c` and `esc` close it; ↑/↓ (j/k), PgUp/PgDn, home/end scroll it;
// every other key does what it does without the overlay (live, replay or presentation), so a model or workload
// key acts with the code in view and the overlay follows the workload that runs. A key that would show
// something else (help, timeline, task detail) closes the overlay first, so its effect is seen.

import { inputOfName, type KeyFlags, keyNames } from '../key-bindings.ts';
import { keyLabel } from '../key-labels.ts';
import { keyTable } from '../key-table.ts';
import type { Command, KeyName } from '../key-types.ts';
import type { ViewAction } from '../view-state.ts';
import type { SourceWindow } from './source-lines.ts';

/** The code in view: the workload it is of (`workloadKey`) and the window on it; unset while there is no text. */
export type SourceScroll = { workload: string; window: SourceWindow } | undefined;

const view = (action: ViewAction): Command => ({ kind: 'view', action });
const echo = (key: KeyName, text: string, level?: 'warning'): Command =>
  view({ type: 'echo', echo: { key: keyLabel(key), text, ...(level ? { level } : {}) } });

/** How far a scroll key moves, in lines, given a page. */
function scrollBy(name: KeyName, page: number): number | undefined {
  switch (name) {
    case 'up':
    case 'k':
      return -1;
    case 'down':
    case 'j':
      return 1;
    case 'pageup':
      return -Math.max(1, page - 1);
    case 'pagedown':
      return Math.max(1, page - 1);
    case 'home':
      return Number.NEGATIVE_INFINITY;
    case 'end':
      return Number.POSITIVE_INFINITY;
    default:
      return undefined;
  }
}

export type SourceKeysContext = {
  workloadCount: number;
  /** The code in view, for the scroll keys. */
  scroll: SourceScroll;
};

/** The commands for one `useInput` call while the code is open; keys it does not take go to `others`. */
export function sourceCommandsFor<Other extends { kind: string }>(
  input: string,
  key: KeyFlags,
  context: SourceKeysContext,
  others: (input: string, key: KeyFlags) => Other[],
): (Command | Other)[] {
  const rows = keyTable(context.workloadCount);
  const commands: (Command | Other)[] = [];
  let open = true;
  let top = context.scroll?.window.top;
  for (const name of keyNames(input, key)) {
    if (open && (name === 'c' || name === 'esc')) {
      commands.push(view({ type: 'closeSource' }), echo(name, 'code closed'));
      open = false;
      continue;
    }
    const by = open ? scrollBy(name, context.scroll?.window.page ?? 1) : undefined;
    if (by !== undefined) {
      const scroll = context.scroll;
      if (!scroll || top === undefined) {
        commands.push(echo(name, 'no code to scroll', 'warning'));
        continue;
      }
      const { maxTop, page, lineCount } = scroll.window;
      const next = Math.min(maxTop, Math.max(0, top + by));
      if (next === top) {
        const where =
          maxTop === 0 ? 'all the code is in view' : by < 0 ? 'top of the file' : 'end of the file';
        commands.push(echo(name, where));
        continue;
      }
      top = next;
      commands.push(
        view({ type: 'scrollSource', workload: scroll.workload, top }),
        echo(name, `lines ${top + 1}–${Math.min(lineCount, top + page)} of ${lineCount}`),
      );
      continue;
    }
    const row = rows.find((candidate) => candidate.keys.includes(name));
    if (open && row && !row.engine && row.id !== 'quit') {
      commands.push(view({ type: 'closeSource' }));
      open = false;
    }
    const [single, flags] = inputOfName(name);
    const delegated = others(single, flags);
    commands.push(...delegated);
    if (delegated.some((command) => command.kind === 'quit')) break;
    if (delegated.some((command) => command.kind === 'view' && isOpenSource(command))) open = true;
  }
  return commands;
}

function isOpenSource(command: { kind: string }): boolean {
  const { action } = command as { action?: ViewAction };
  return command.kind === 'view' && action?.type === 'openSource';
}
