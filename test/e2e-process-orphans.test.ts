import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { built, closingSessions, requireTerminalInCi } from './helpers/terminal-tests.ts';
import { hasTmux, TerminalSession } from './helpers/tmux.ts';
import { waitFor } from './helpers/wait-for.ts';

// The processes model forks child processes. However the dashboard ends (q, or killed with SIGKILL so it can
// run no cleanup at all), none of them may outlive it by more than 2 s: each child notices its parent is gone.

requireTerminalInCi();

const sessions = closingSessions();

const orphanBoundMs = 2000;

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The dashboard and the pool processes it forked, once both pool processes run a `cpu` task. */
async function dashboardWithProcesses(): Promise<{
  session: TerminalSession;
  dashboard: number;
  children: number[];
}> {
  const session = new TerminalSession(['--workload', 'cpu', '--model', 'processes', '--threads', '2'], {
    columns: 120,
    rows: 40,
  });
  sessions.push(session);
  // Both rows of the pool pane show a task: both processes are up and computing.
  await session.waitForScreen(/p1 .*#\d+[\s\S]*p2 .*#\d+/, 'two busy pool processes', 30_000);
  const pids = session.processes();
  const dashboard = pids.find((pid) => !pids.includes(parentOf(pid) ?? -1));
  if (dashboard === undefined) throw new Error(`no dashboard among ${pids.join(', ')}`);
  const children = pids.filter((pid) => parentOf(pid) === dashboard);
  expect(children.length).toBeGreaterThanOrEqual(2);
  return { session, dashboard, children };
}

/** Milliseconds until none of `pids` is alive (a zombie counts as gone: it runs nothing), failing past 10 s. */
async function goneAfter(pids: number[], since: number): Promise<number> {
  const alive = (pid: number) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    } catch {
      return false;
    }
  };
  await waitFor(() => pids.every((pid) => !alive(pid)), {
    timeoutMs: 10_000,
    what: 'the pool processes to exit',
  });
  return performance.now() - since;
}

describe.skipIf(!hasTmux || !built)('no pool process outlives the dashboard', () => {
  it('on q, every pool process has exited within 2 s', async () => {
    const { session, children } = await dashboardWithProcesses();
    const pressedAt = performance.now();
    session.press('q');
    expect(await goneAfter(children, pressedAt)).toBeLessThan(orphanBoundMs);
  }, 60_000);

  it('with a pool process stopped from outside (kill -STOP), q still ends the dashboard and its pool within a second', async () => {
    // The stopped process acted on neither the pool's kill message nor SIGTERM, and was killed only half a second
    // after the half second given to running tasks: the dashboard exited after 1.06–1.07 s (4 of 4).
    const { session, dashboard, children } = await dashboardWithProcesses();
    process.kill(children[0] as number, 'SIGSTOP');
    const pressedAt = performance.now();
    session.press('q');
    expect(await goneAfter([dashboard, ...children], pressedAt)).toBeLessThan(1000);
    expect(await session.waitForExit()).toBe(0);
  }, 60_000);

  it('when the dashboard is killed with SIGKILL mid-task, every pool process has exited within 2 s', async () => {
    const { dashboard, children } = await dashboardWithProcesses();
    const killedAt = performance.now();
    process.kill(dashboard, 'SIGKILL');
    expect(await goneAfter(children, killedAt)).toBeLessThan(orphanBoundMs);
  }, 60_000);
});
