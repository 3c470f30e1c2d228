// Random sequences of what a user and the system do to a running dashboard, in a real terminal: bursts of keys
// from the key table, resizes, and stops with continues from job control. After every few steps the dashboard must
// be running, on the alternate screen and laid out within the terminal; at the end `q` must give the terminal back
// with no process left. Longer sequences like these, explored by hand, found the stop that a quick continue left
// in place for good; the tests that reproduce that one are in e2e-suspend and e2e-first-frame.
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'vitest';
import { seededRandom } from './helpers/seeded-random.ts';
import { firstFullFrame } from './helpers/settled-frame.ts';
import {
  built,
  closingSessions,
  expectTerminalGivenBack,
  laidOutWithin,
  openIn,
  processState,
  requireTerminalInCi,
} from './helpers/terminal-tests.ts';
import { hasTmux } from './helpers/tmux.ts';
import { waitFor } from './helpers/wait-for.ts';

requireTerminalInCi();

const sessions = closingSessions();

// tmux's names for the dashboard's keys (the key table's), Ctrl-C and Ctrl-Z left out: they end or stop the run.
const keys = ['a', 'w', 'p', '1', '2', 'Tab', 'BTab', '+', '=', '-', '[', ']', 'g', 'Space', 't', '?'];
const moreKeys = ['PageUp', 'PageDown', 'c', 'Up', 'Down', 'j', 'k', 'Enter', 'Escape', 'r'];

describe.runIf(hasTmux && built)('random sequences of keys, resizes and job control', () => {
  it.each([
    [1, ['--workload', 'io-timer']],
    [2, ['--workload', 'mixed', '--gil', '--tasks-per-worker', '4']],
  ])(
    'keep the dashboard running and laid out, and quitting clean (seed %i)',
    async (seed, args) => {
      const random = seededRandom(seed);
      let columns = 110;
      let rows = 34;
      const session = openIn(sessions, args, { columns, rows });
      await firstFullFrame(session, 'the first frame');
      const pid = session.programPid() as number;
      const steps: string[] = [];
      for (let step = 0; step < 24; step++) {
        const roll = random();
        if (roll < 0.6) {
          const pool = [...keys, ...moreKeys];
          const burst = Array.from(
            { length: 1 + Math.floor(random() * 3) },
            () => pool[Math.floor(random() * pool.length)] as string,
          );
          steps.push(`keys ${burst.join(' ')}`);
          session.press(...burst);
        } else if (roll < 0.85) {
          columns = 70 + Math.floor(random() * 130);
          rows = 18 + Math.floor(random() * 40);
          steps.push(`resize ${columns}×${rows}`);
          session.resize(columns, rows);
        } else {
          const stoppedFor = 100 + Math.floor(random() * 400);
          steps.push(`stop, continue ${stoppedFor} ms later`);
          process.kill(pid, 'SIGTSTP');
          await delay(stoppedFor);
          process.kill(pid, 'SIGCONT');
        }
        await delay(Math.floor(random() * 250));
        if (step % 4 !== 3) continue;
        let last = '';
        await waitFor(
          () => {
            last = session.screen();
            return (
              processState(pid) !== 'T' &&
              session.paneFlag('alternate_on') === '1' &&
              laidOutWithin(last, columns, rows)
            );
          },
          { timeoutMs: 5000, what: `the dashboard running and laid out at ${columns}×${rows}` },
        ).catch((error: Error) => {
          throw new Error(`${error.message} after:\n${steps.join('\n')}\n--- screen ---\n${last}`);
        });
      }
      session.press('q');
      await expectTerminalGivenBack(session, 0);
    },
    90_000,
  );
});
