// Another local process attacks the loopback server: a pipelining flood, a stream flood from one that knows
// the secret, and a flood of idle connections. The server must stay bounded in memory and answer its own
// run normally once the attacker has gone. Everything stays on 127.0.0.1 and ends within seconds.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLoopbackClient, requestLoopback } from '../source/engine/loopback/http-client.ts';
import { type LoopbackServer, startLoopbackServer } from '../source/engine/loopback/http-server.ts';
import { createLoopbackCounters, type LoopbackContext } from '../source/engine/loopback/loopback-context.ts';

const megabyte = 1024 * 1024;

/** Runs `script` (an ES module body) in another process and resolves with the JSON it prints last. */
function attack<Report>(script: string, env: Record<string, string>): Promise<Report> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const last = output.trim().split('\n').at(-1) ?? '';
      if (code === 0) resolve(JSON.parse(last) as Report);
      else reject(new Error(`attacker exited with ${code}: ${output}`));
    });
  });
}

// 300,000 pipelined HTTP/1.1 requests asking for the longest latency, as fast as the socket takes them.
const pipeliningFlood = `
import net from 'node:net';
const socket = net.connect(Number(process.env.PORT), '127.0.0.1');
const request = Buffer.from('GET /?latency=60000 HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n');
const batch = Buffer.concat(Array.from({ length: 1000 }, () => request));
let written = 0;
const started = performance.now();
socket.on('error', () => {});
socket.on('connect', function write() {
  while (written < 300_000) {
    written += 1000;
    if (!socket.write(batch)) return socket.once('drain', write);
  }
});
socket.on('close', () => {
  console.log(JSON.stringify({ written, closedAfterMs: Math.round(performance.now() - started) }));
});
setTimeout(() => { console.log(JSON.stringify({ written, closedAfterMs: null })); process.exit(0); }, 20_000).unref();
`;

// An attacker that knows the secret: many connections, each opening as many long streams as it may, held.
const streamFlood = `
import http2 from 'node:http2';
const sessions = [];
let refused = 0;
let opened = 0;
for (let s = 0; s < 8; s++) {
  const session = http2.connect('http://127.0.0.1:' + process.env.PORT);
  session.on('error', () => {});
  sessions.push(session);
  for (let i = 0; i < 3000; i++) {
    const stream = session.request({ ':path': '/?latency=60000', 'x-concur-key': process.env.SECRET }, { endStream: true });
    opened++;
    stream.on('error', () => { refused++; });
  }
}
process.stdout.write(JSON.stringify({ opened }) + '\\n');
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
`;

// Connections that connect and then say nothing at all.
const idleFlood = `
import net from 'node:net';
const count = Number(process.env.COUNT);
let connected = 0, closedByServer = 0, failed = 0;
const started = performance.now();
for (let i = 0; i < count; i++) {
  const socket = net.connect(Number(process.env.PORT), '127.0.0.1');
  // Reading, so that the server's FIN is seen.
  socket.resume();
  socket.on('connect', () => connected++);
  socket.on('error', () => failed++);
  socket.on('close', () => {
    closedByServer++;
    if (closedByServer === count) {
      console.log(JSON.stringify({ connected, failed, closedByServer, lastClosedAfterMs: Math.round(performance.now() - started) }));
      process.exit(0);
    }
  });
}
setTimeout(() => { console.log(JSON.stringify({ connected, failed, closedByServer, lastClosedAfterMs: null })); process.exit(0); }, 20_000).unref();
`;

describe('the loopback server under attack from another local process', () => {
  let server: LoopbackServer;
  let context: LoopbackContext;

  beforeAll(async () => {
    server = await startLoopbackServer({ unprovenConnectionMs: 1000 });
    context = {
      port: server.port,
      secret: server.secret,
      connectionBudget: 8,
      counters: createLoopbackCounters(),
    };
  });

  afterAll(async () => {
    closeLoopbackClient();
    await server.close();
  });

  /** The run's own requests: all answered, none much later than asked. */
  async function expectNormalService(): Promise<void> {
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 500 }, () => requestLoopback(context, 50)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  }

  it('closes a connection that pipelines 300,000 requests instead of holding them', async () => {
    const before = await server.stats();
    const report = await attack<{ written: number; closedAfterMs: number | null }>(pipeliningFlood, {
      PORT: String(server.port),
    });
    expect(report.closedAfterMs).not.toBeNull();
    const after = await server.stats();
    expect(after.pending).toBe(0);
    expect(after.rssBytes - before.rssBytes).toBeLessThan(100 * megabyte);
    await expectNormalService();
  });

  it('bounds the streams of an attacker that knows the secret, and frees them when it leaves', async () => {
    const before = await server.stats();
    const attacker = spawn(process.execPath, ['--input-type=module', '-e', streamFlood], {
      env: { ...process.env, PORT: String(server.port), SECRET: server.secret },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let peak = 0;
    // 8 connections × 3,000 streams asked; each connection may hold 1,000.
    for (const deadline = performance.now() + 20_000; performance.now() < deadline; ) {
      const { pending } = await server.stats();
      peak = Math.max(peak, pending);
      if (pending >= 8000) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(peak).toBeLessThanOrEqual(8000);
    const during = await server.stats();
    expect(during.rssBytes - before.rssBytes).toBeLessThan(200 * megabyte);
    attacker.stdin.end();
    await new Promise((resolve) => attacker.once('exit', resolve));
    for (const deadline = performance.now() + 10_000; performance.now() < deadline; ) {
      if ((await server.stats()).pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await server.stats()).pending).toBe(0);
    await expectNormalService();
  });

  it('closes connections that never send a request', async () => {
    const report = await attack<{
      connected: number;
      closedByServer: number;
      lastClosedAfterMs: number | null;
    }>(idleFlood, { PORT: String(server.port), COUNT: '2000' });
    expect(report.closedByServer).toBe(2000);
    expect(report.lastClosedAfterMs).not.toBeNull();
    expect((await server.stats()).connections).toBeLessThanOrEqual(8);
    await expectNormalService();
  });
});
