import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { processRuns } from './fixtures/process-alive.ts';
import { waitFor } from './helpers/wait-for.ts';

const runner = fileURLToPath(new URL('./fixtures/process-orphan-run.ts', import.meta.url));

/** Starts the runner (a process pool running a task that never yields and one that awaits) and reads its pids. */
async function startRunner(): Promise<{ runner: ChildProcess; pids: number[] }> {
  const child = spawn(process.execPath, [runner], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitFor(() => output.includes('\n'), { timeoutMs: 20_000, what: 'the runner to print its pids' });
  const { pids } = JSON.parse(output.split('\n')[0] as string) as { pids: number[] };
  return { runner: child, pids };
}

describe('no orphans: when the process that owns the pool dies, every child exits within 2 s', () => {
  const started: { runner: ChildProcess; pids: number[] }[] = [];

  afterEach(() => {
    for (const { runner, pids } of started.splice(0)) {
      runner.kill('SIGKILL');
      for (const pid of pids.filter(processRuns)) process.kill(pid, 'SIGKILL');
    }
  });

  it.each(['SIGKILL', 'SIGTERM', 'SIGHUP'] as const)(
    'after %s, even the child busy in a task that never yields',
    async (signal) => {
      const run = await startRunner();
      started.push(run);
      expect(run.pids).toHaveLength(2);
      expect(run.pids.every(processRuns)).toBe(true);
      const exited = new Promise<void>((resolve) => run.runner.once('exit', () => resolve()));
      run.runner.kill(signal);
      await exited;
      // The 2 s are the rule being tested, not a guess at how long a machine takes.
      await waitFor(() => !run.pids.some(processRuns), { timeoutMs: 2000, what: 'every child to exit' });
    },
  );
});
