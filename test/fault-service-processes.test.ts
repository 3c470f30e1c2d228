// A process limit (`ulimit -u`, common in containers) low enough that the loopback server's process cannot
// start: the service says so in one line instead of an unhandled rejection with a stack trace.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

function runs(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// The limit counts every process and thread of the user and does not bind root: the script runs as nobody,
// which needs root to switch to. A non-root user's own processes would already be over a limit this low.
const isRoot = process.getuid?.() === 0;
const canDropToNobody =
  isRoot &&
  runs('prlimit', ['--version']) &&
  runs('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']);
const source = (file: string) => new URL(`../${file}`, import.meta.url).href;

async function asNobodyWithProcessLimit(limit: number, script: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    'setpriv',
    [
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      'prlimit',
      `--nproc=${limit}:${limit}`,
      process.execPath,
      '--input-type=module',
      '-e',
      script,
    ],
    { timeout: 30_000 },
  );
  return stdout.trim().split('\n').at(-1) ?? '';
}

describe.skipIf(!canDropToNobody)('under a process limit too low for the loopback server', () => {
  // 7: the spawn itself fails (EAGAIN); 8: the child starts but cannot create its threads and aborts.
  it.each([7, 8])(
    'preparing io-http rejects with one line naming the limit (ulimit -u %i)',
    async (limit) => {
      const script = `
      const { WorkloadServices } = await import(${JSON.stringify(source('source/engine/workload-services.ts'))});
      const { findWorkload } = await import(${JSON.stringify(source('workloads/index.ts'))});
      const services = new WorkloadServices();
      try {
        await services.prepare(findWorkload('io-http'));
        console.log(JSON.stringify({ started: true }));
      } catch (error) {
        console.log(JSON.stringify({ message: error.message }));
      }
      await services.close();
    `;
      const report = JSON.parse(await asNobodyWithProcessLimit(limit, script)) as { message?: string };
      expect(report.message).toMatch(/^loopback HTTP server could not start: .*ulimit -u is \d+/);
      expect(report.message).not.toContain('\n');
    },
  );

  it('the same prepare starts the server when the limit allows it (ulimit -u 64)', async () => {
    const script = `
      const { WorkloadServices } = await import(${JSON.stringify(source('source/engine/workload-services.ts'))});
      const { findWorkload } = await import(${JSON.stringify(source('workloads/index.ts'))});
      const services = new WorkloadServices();
      await services.prepare(findWorkload('io-http'));
      console.log(JSON.stringify({ started: services.context.loopback !== undefined }));
      await services.close();
    `;
    expect(JSON.parse(await asNobodyWithProcessLimit(64, script))).toEqual({ started: true });
  });
});

describe.runIf(!canDropToNobody)('process limits', () => {
  it.skip('need root (to run as nobody), setpriv and prlimit: not available here', () => {});
});
