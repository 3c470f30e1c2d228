// A process limit (`ulimit -u`, common in containers) low enough that the loopback server's process cannot
// start: the service says so in one line instead of an unhandled rejection with a stack trace.
import { describe, expect, it } from 'vitest';
import { cannotLimitProcesses, runAsNobodyWithProcessLimit } from './helpers/fault-env.ts';

const canDropToNobody = cannotLimitProcesses() === undefined;
const source = (file: string) => new URL(`../${file}`, import.meta.url).href;

async function asNobodyWithProcessLimit(limit: number, script: string): Promise<string> {
  const stdout = await runAsNobodyWithProcessLimit(limit, ['--input-type=module', '-e', script]);
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
