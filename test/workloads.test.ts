import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from '../source/engine/loopback/http-server.ts';
import { createLoopbackCounters, maxLatencyMs } from '../source/engine/loopback/loopback-context.ts';
import type { TaskContext, TaskInput, Workload } from '../source/engine/types.ts';
import { builtinWorkloads, findWorkload, loadWorkload, resolveKnobs } from '../workloads/index.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).href;

function workload(name: string): Workload {
  const found = findWorkload(name);
  if (!found) throw new Error(`no built-in workload ${name}`);
  return found;
}

function input(of: Workload, knobs: Record<string, number> = {}, context: TaskContext = {}): TaskInput {
  return { id: 1, knobs: resolveKnobs(of, knobs), context };
}

function contextOf(server: LoopbackServer): TaskContext {
  return {
    httpPort: server.port,
    loopback: {
      port: server.port,
      secret: server.secret,
      connectionBudget: 4,
      counters: createLoopbackCounters(),
    },
  };
}

describe('built-in workloads', () => {
  let server: LoopbackServer;

  beforeAll(async () => {
    server = await startLoopbackServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('are listed in key order and found by name', () => {
    expect(builtinWorkloads.map((each) => each.name)).toEqual([
      'cpu',
      'io-http',
      'io-timer',
      'blocking',
      'mixed',
    ]);
    expect(findWorkload('mixed')?.kind).toBe('mixed');
    expect(findWorkload('nope')).toBeUndefined();
  });

  it('each declare a one-line description and knobs whose defaults are in range', () => {
    for (const each of builtinWorkloads) {
      expect(each.description).not.toMatch(/\n/);
      for (const knob of each.knobs) {
        expect(knob.min).toBeLessThanOrEqual(knob.default);
        expect(knob.default).toBeLessThanOrEqual(knob.max);
        expect(knob.description.length).toBeGreaterThan(0);
      }
    }
    expect(builtinWorkloads.filter((each) => each.needsHttpServer).map((each) => each.name)).toEqual([
      'io-http',
      'mixed',
    ]);
  });

  it('cpu returns the same checksum for the same size', () => {
    const cpu = workload('cpu');
    expect(cpu.run(input(cpu, { size: 1 }))).toBe(2941611589);
    expect(cpu.run(input(cpu, { size: 50 }))).toBe(2620099229);
  });

  it('io-timer waits its latency and returns it', async () => {
    const ioTimer = workload('io-timer');
    const started = performance.now();
    await expect(ioTimer.run(input(ioTimer, { latency: 20 }))).resolves.toBe(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
  });

  it('blocking holds its thread for its latency and returns it', () => {
    const blocking = workload('blocking');
    const started = performance.now();
    expect(blocking.run(input(blocking, { latency: 20 }))).toBe(20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
  });

  it('io-http asks the loopback server for its latency and returns the status and body length', async () => {
    const ioHttp = workload('io-http');
    const started = performance.now();
    const result = await ioHttp.run(input(ioHttp, { latency: 20 }, contextOf(server)));
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
    expect(result).toEqual({ status: 200, bytes: '{"ok":true,"latency":20}'.length });
  });

  it('io-http and mixed fail clearly without the loopback server', async () => {
    for (const name of ['io-http', 'mixed']) {
      const each = workload(name);
      await expect(async () => each.run(input(each))).rejects.toThrow(
        `${name} needs the loopback HTTP server`,
      );
    }
  });

  it('io-http fails when the server does not answer 200', async () => {
    const ioHttp = workload('io-http');
    const badLatency: TaskInput = { id: 1, knobs: { latency: -1 }, context: contextOf(server) };
    await expect(async () => ioHttp.run(badLatency)).rejects.toThrow('loopback server answered 400');
    const context = contextOf(server);
    const loopback = context.loopback as NonNullable<TaskContext['loopback']>;
    const wrongSecret = input(ioHttp, { latency: 1 }, { loopback: { ...loopback, secret: 'f'.repeat(32) } });
    await expect(async () => ioHttp.run(wrongSecret)).rejects.toThrow('loopback server answered 403');
  });

  it('io-http’s latency knob goes exactly as far as the server accepts', async () => {
    const ioHttp = workload('io-http');
    const knob = ioHttp.knobs.find((each) => each.name === 'latency');
    expect(knob?.max).toBe(maxLatencyMs);
    const tooLong: TaskInput = { id: 1, knobs: { latency: maxLatencyMs + 1 }, context: contextOf(server) };
    await expect(async () => ioHttp.run(tooLong)).rejects.toThrow('loopback server answered 400');
  });

  it('mixed hashes the response into the same digest every time', async () => {
    const mixed = workload('mixed');
    const first = await mixed.run(input(mixed, { latency: 1, size: 100 }, contextOf(server)));
    const second = await mixed.run(input(mixed, { latency: 1, size: 100 }, contextOf(server)));
    expect(first).toEqual({ status: 200, digest: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(second).toEqual(first);
  });
});

describe('resolveKnobs', () => {
  it('fills in the defaults', () => {
    expect(resolveKnobs(workload('mixed'), {})).toEqual({ latency: 20, size: 10_000, chunk: 0 });
  });

  it('takes overrides and ignores knobs the workload does not have', () => {
    expect(resolveKnobs(workload('io-timer'), { latency: 5, size: 3 })).toEqual({ latency: 5, retain: 0 });
  });

  it('names the knob and its range when a value is out of range or not finite', () => {
    expect(() => resolveKnobs(workload('io-timer'), { latency: 60_001 })).toThrow(
      'io-timer: knob "latency" must be between 0 and 60000 ms, got 60001',
    );
    expect(() => resolveKnobs(workload('cpu'), { size: Number.NaN })).toThrow(
      'knob "size" must be between 1 and',
    );
    expect(() => resolveKnobs(workload('blocking'), { latency: Number.POSITIVE_INFINITY })).toThrow(
      'knob "latency"',
    );
  });
});

describe('loadWorkload', () => {
  it('returns a built-in by name', async () => {
    await expect(loadWorkload('cpu')).resolves.toBe(findWorkload('cpu'));
  });

  it('imports a workload file from a file: URL once', async () => {
    const echo = await loadWorkload(fixture('echo-workload.ts'));
    expect(echo.name).toBe('echo');
    expect(echo.run({ id: 3, knobs: resolveKnobs(echo, {}), context: {} })).toEqual({ id: 3, value: 7 });
    await expect(loadWorkload(fixture('echo-workload.ts'))).resolves.toBe(echo);
  });

  it('says what is wrong with a file that is not a workload', async () => {
    await expect(loadWorkload(fixture('bad-workload.ts'))).rejects.toThrow(
      /bad-workload\.ts is not a workload: its default export has no `run` function/,
    );
  });

  it('says when a file cannot be loaded', async () => {
    await expect(loadWorkload(fixture('missing-workload.ts'))).rejects.toThrow(
      /cannot load workload file .*missing/,
    );
  });

  it('rejects a name that is neither built in nor a file: URL', async () => {
    await expect(loadWorkload('nope')).rejects.toThrow('unknown workload "nope" (choose from cpu, io-http');
  });
});
