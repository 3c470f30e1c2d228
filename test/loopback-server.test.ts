import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from '../source/engine/loopback/http-server.ts';

describe('the loopback HTTP server', () => {
  let server: LoopbackServer;

  beforeAll(async () => {
    server = await startLoopbackServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('listens on an ephemeral port of 127.0.0.1', () => {
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers after the latency asked in the URL with a small JSON body', async () => {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${server.port}/?latency=30`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true, latency: 30 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
  });

  it('answers at once when no latency is asked', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(await response.json()).toEqual({ ok: true, latency: 0 });
  });

  it('refuses a malformed latency with 400', async () => {
    for (const query of ['?latency=abc', '?latency=-5', '?latency=']) {
      const response = await fetch(`http://127.0.0.1:${server.port}/${query}`);
      await response.text();
      expect(response.status).toBe(400);
    }
  });

  it('waits for many requests at once instead of one after another', async () => {
    const started = performance.now();
    const responses = await Promise.all(
      Array.from({ length: 200 }, () =>
        fetch(`http://127.0.0.1:${server.port}/?latency=100`).then((r) => r.text()),
      ),
    );
    expect(responses).toHaveLength(200);
    // One after another would take 20 s.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('sustains a few thousand requests per second', async () => {
    const total = 4000;
    let sent = 0;
    const client = async () => {
      while (sent < total) {
        sent++;
        const response = await fetch(`http://127.0.0.1:${server.port}/?latency=0`);
        await response.text();
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: 32 }, client));
    const perSecond = total / ((performance.now() - started) / 1000);
    expect(perSecond).toBeGreaterThan(1000);
  });

  it('stops answering once closed, and closing twice is harmless', async () => {
    const other = await startLoopbackServer();
    const response = await fetch(`http://127.0.0.1:${other.port}/`);
    await response.text();
    await other.close();
    await other.close();
    await expect(fetch(`http://127.0.0.1:${other.port}/`)).rejects.toThrow();
  });

  it('does not keep a process alive when the caller forgets to close it', async () => {
    const launcher = new URL('../source/engine/loopback/http-server.ts', import.meta.url).href;
    const script = `const { startLoopbackServer } = await import(${JSON.stringify(launcher)});
      const { port } = await startLoopbackServer();
      console.log(port);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      timeout: 20_000,
    });
    expect(Number(stdout)).toBeGreaterThan(0);
  });
});
