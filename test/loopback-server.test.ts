import { execFile, spawn } from 'node:child_process';
import { connect, type OutgoingHttpHeaders } from 'node:http2';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLoopbackClient, requestLoopback } from '../source/engine/loopback/http-client.ts';
import { type LoopbackServer, startLoopbackServer } from '../source/engine/loopback/http-server.ts';
import {
  createLoopbackCounters,
  type LoopbackContext,
  secretHeader,
} from '../source/engine/loopback/loopback-context.ts';
import { parseLatency, sameSecret } from '../source/engine/loopback/request-rules.ts';
import { waitFor } from './helpers/wait-for.ts';

function contextOf(server: LoopbackServer): LoopbackContext {
  return {
    port: server.port,
    secret: server.secret,
    connectionBudget: 4,
    counters: createLoopbackCounters(),
  };
}

/** One request on a fresh HTTP/2 connection of its own; reports whether the server then closed it. */
function rawRequest(
  port: number,
  headers: OutgoingHttpHeaders,
): Promise<{ status: number; body: string; connectionClosed: boolean }> {
  return new Promise((resolve, reject) => {
    const session = connect(`http://127.0.0.1:${port}`);
    session.on('error', () => {});
    let status = 0;
    let body = '';
    let closedBeforeAnswer = false;
    const sessionClosed = new Promise<void>((closed) => session.once('close', closed));
    session.once('goaway', () => {
      closedBeforeAnswer = true;
    });
    const stream = session.request(headers, { endStream: headers[':method'] !== 'POST' });
    if (headers[':method'] === 'POST') stream.end('body');
    stream.setEncoding('utf8');
    stream.on('response', (response) => {
      status = Number(response[':status']);
    });
    stream.on('data', (chunk: string) => {
      body += chunk;
    });
    stream.on('error', reject);
    stream.on('close', async () => {
      // Give the server a moment to say goodbye; a connection it keeps stays open until we close it.
      const closed = await Promise.race([
        sessionClosed.then(() => true),
        new Promise<boolean>((done) => setTimeout(() => done(closedBeforeAnswer), 500)),
      ]);
      session.destroy();
      resolve({ status, body, connectionClosed: closed });
    });
  });
}

describe('request rules', () => {
  it('reads the latency from the path, refusing malformed and too long ones', () => {
    expect(parseLatency('/?latency=50')).toBe(50);
    expect(parseLatency('/?a=1&latency=0')).toBe(0);
    expect(parseLatency('/')).toBe(0);
    expect(parseLatency('/?latency=60000')).toBe(60_000);
    for (const bad of ['/?latency=60001', '/?latency=-5', '/?latency=abc', '/?latency=', '/?latency=1e400']) {
      expect(parseLatency(bad)).toBeNaN();
    }
  });

  it('accepts only the exact secret', () => {
    expect(sameSecret('abcd', 'abcd')).toBe(true);
    expect(sameSecret('abce', 'abcd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret(undefined, 'abcd')).toBe(false);
    expect(sameSecret(['abcd'], 'abcd')).toBe(false);
  });
});

describe('the loopback HTTP server', () => {
  let server: LoopbackServer;
  let context: LoopbackContext;

  beforeAll(async () => {
    server = await startLoopbackServer();
    context = contextOf(server);
  });

  afterAll(async () => {
    closeLoopbackClient();
    await server.close();
  });

  it('runs in a process of its own, listening on an ephemeral port of 127.0.0.1', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.pid).not.toBe(process.pid);
    expect(server.secret).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers after the latency asked with a small JSON body', async () => {
    const started = performance.now();
    const answer = await requestLoopback(context, 30);
    expect(answer).toEqual({ status: 200, body: '{"ok":true,"latency":30}' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
  });

  it('answers at once when no latency is asked', async () => {
    const answer = await rawRequest(server.port, { ':path': '/', [secretHeader]: server.secret });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true, latency: 0 });
  });

  it('refuses a malformed or too long latency with 400 and keeps the connection', async () => {
    for (const query of ['?latency=abc', '?latency=-5', '?latency=', '?latency=60001']) {
      const answer = await rawRequest(server.port, { ':path': `/${query}`, [secretHeader]: server.secret });
      expect(answer.status).toBe(400);
      expect(answer.connectionClosed).toBe(false);
    }
  });

  it('refuses a request without the run’s secret with 403 and closes the connection', async () => {
    for (const headers of [{ ':path': '/?latency=1' }, { ':path': '/', [secretHeader]: 'f'.repeat(32) }]) {
      const answer = await rawRequest(server.port, headers);
      expect(answer.status).toBe(403);
      expect(answer.connectionClosed).toBe(true);
    }
  });

  it('answers only GET', async () => {
    const answer = await rawRequest(server.port, {
      ':method': 'POST',
      ':path': '/',
      [secretHeader]: server.secret,
    });
    expect(answer.status).toBe(405);
  });

  it('waits for many requests at once instead of one after another', async () => {
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 2000 }, () => requestLoopback(context, 100)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    // One after another would take 200 s.
    expect(performance.now() - started).toBeLessThan(20_000);
    expect((await server.stats()).pending).toBe(0);
  });

  it('stops answering once closed, and closing twice is harmless', async () => {
    const other = await startLoopbackServer();
    const otherContext = contextOf(other);
    expect((await requestLoopback(otherContext, 0)).status).toBe(200);
    await other.close();
    await other.close();
    expect(await other.exited).toBe('killed by SIGTERM');
    await expect(requestLoopback(otherContext, 0)).rejects.toThrow(/loopback server/);
  });

  it('does not keep a process alive when the caller forgets to close it', async () => {
    const launcher = new URL('../source/engine/loopback/http-server.ts', import.meta.url).href;
    const script = `const { startLoopbackServer } = await import(${JSON.stringify(launcher)});
      const { port } = await startLoopbackServer();
      console.log(port);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { timeout: 20_000 });
    expect(Number(stdout)).toBeGreaterThan(0);
  });

  it('ends when the process that started it is killed with SIGKILL', async () => {
    const launcher = new URL('../source/engine/loopback/http-server.ts', import.meta.url).href;
    const script = `const { startLoopbackServer } = await import(${JSON.stringify(launcher)});
      const { pid } = await startLoopbackServer();
      console.log(pid);
      setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const serverPid = await new Promise<number>((resolve) => {
      parent.stdout.setEncoding('utf8');
      parent.stdout.once('data', (line: string) => resolve(Number(line)));
    });
    expect(isRunning(serverPid)).toBe(true);
    parent.kill('SIGKILL');
    await waitFor(() => !isRunning(serverPid), { what: 'the orphaned server to exit' });
  });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
