// `c` with the code closed: show the running workload's code, over the help if that is open (the audience sees
// the code at once). With the code open, `c` and the other keys go through source-keys.ts first.

import type { Command, KeyRow } from '../key-types.ts';

const closeHelp: Command = { kind: 'view', action: { type: 'closeHelp' } };

/** The key table's `c`. */
export const openSourcePress: KeyRow['press'] = (_key, state) => ({
  commands: [...(state.helpOpen ? [closeHelp] : []), { kind: 'view', action: { type: 'openSource' } }],
  echo: { text: 'code of the running task' },
  state: { helpOpen: false },
});
