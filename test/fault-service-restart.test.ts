// The loopback server's process dies under a running workload (killed, crashed, out of memory): the requests
// in flight on it fail with the reason, a new server takes over on the same port, and the sample says so.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import { requestLoopback } from '../source/engine/loopback/http-client.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { WorkloadServices } from '../source/engine/workload-services.ts';
import { findWorkload } from '../workloads/index.ts';
import { waitFor } from './helpers/wait-for.ts';

const ioHttp = findWorkload('io-http');
if (!ioHttp) throw new Error('no io-http workload');

describe('a loopback server that dies', () => {
  let services: WorkloadServices | undefined;

  afterEach(async () => {
    await services?.close();
  });

  it('is restarted on the same port; requests in flight fail with the reason, later ones are answered', async () => {
    services = new WorkloadServices();
    expect(services.sample()).toEqual({});
    await services.prepare(ioHttp);
    const loopback = services.context.loopback;
    if (!loopback) throw new Error('no loopback context');
    const first = services.loopbackPid as number;
    expect(services.sample().http).toEqual({
      onWire: 0,
      waitingForSocket: 0,
      socketBudget: services.httpBudget.connections,
      restarts: 0,
    });

    expect((await requestLoopback(loopback, 0)).status).toBe(200);
    const inFlight = Array.from({ length: 20 }, () =>
      requestLoopback(loopback, 10_000).then(
        () => 'answered',
        (error: Error) => error.message,
      ),
    );
    // Answered only after the server has read the 20 requests sent before it on the same connection.
    expect((await requestLoopback(loopback, 0)).status).toBe(200);
    expect(services.sample().http?.onWire).toBe(20);
    process.kill(first, 'SIGKILL');

    const outcomes = await Promise.all(inFlight);
    expect(new Set(outcomes)).toEqual(
      new Set(['the loopback server closed the connection before it answered']),
    );
    await waitFor(() => services?.sample().http?.restarts === 1, { what: 'the restart' });
    const http = services.sample().http;
    expect(http?.lastError).toMatch(/^loopback server killed by SIGKILL; restarted/);
    expect(services.loopbackPid).not.toBe(first);
    expect(services.context.loopback?.port).toBe(loopback.port);
    expect((await requestLoopback(loopback, 1)).status).toBe(200);
  });
});

describe('an engine running io-http when its server dies', () => {
  let engine: Engine | undefined;

  afterEach(async () => {
    await engine?.stop();
  });

  it('fails the tasks that were waiting on it with the reason, restarts it and keeps finishing tasks', async () => {
    engine = new Engine({
      workload: 'io-http',
      concurrency: 10,
      knobs: { latency: 5000 },
      sampleIntervalMs: 50,
    });
    await engine.start();
    const latest = () => engine?.snapshotNow() as Snapshot;
    await waitFor(() => latest().services.http?.onWire === 10, { what: 'ten requests on the wire' });
    const pid = findLoopbackChild();
    process.kill(pid, 'SIGKILL');
    await waitFor(() => latest().tasks.counts.failed >= 10, { what: 'the tasks in flight to fail' });
    const failures = latest().tasks.recent.filter((task) => task.state === 'failed');
    // Closed mid-request, or (a request whose connection was still opening) refused: either way, why.
    for (const failure of failures)
      expect(failure.error).toMatch(/^the loopback server (closed|refused) the connection/);
    await waitFor(() => latest().services.http?.restarts === 1, { what: 'the restart' });
    expect(latest().services.http?.lastError).toContain('killed by SIGKILL');
    // Tasks submitted since are answered (after their 5 s); the first of them may have met the restart gap.
    await waitFor(() => latest().tasks.counts.done > 0, { timeoutMs: 15_000, what: 'tasks done after it' });
  });
});

/** The loopback server's pid: the child of this process whose title says so. */
function findLoopbackChild(): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (parent === process.pid && cmdline.includes('concur-tui loopback server')) return Number(entry);
    } catch {
      // Gone while we looked.
    }
  }
  throw new Error('no loopback server process found');
}
