import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../source/cli/run-command.ts';
import type { EngineHandle } from '../source/engine/engine-handle.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { parseRecording } from '../source/record/read-recording.ts';
import { RecordingHandle } from '../source/record/recording-handle.ts';
import { openRecordingPath } from '../source/record/recording-writer.ts';
import { recordedRun } from './helpers/recorded-run.ts';
import { waitFor } from './helpers/wait-for.ts';

const cli = path.resolve(import.meta.dirname, '../dist/cli.js');

/** A stand-in engine that publishes the given snapshots when told, and counts the actions it gets. */
function fakeEngine() {
  const listeners = new Set<(snapshot: Snapshot) => void>();
  let latest: Snapshot | undefined;
  const actions: unknown[] = [];
  const engine: EngineHandle = {
    latest: () => latest,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch: (action) => actions.push(action),
    workloads: [],
  };
  const publish = (snapshot: Snapshot) => {
    latest = snapshot;
    for (const listener of listeners) listener(snapshot);
  };
  return { engine, publish, actions, listeners };
}

const capture = () => {
  let text = '';
  return { write: (chunk: string) => (text += chunk), text: () => text };
};

describe('the recording file', () => {
  it('is checked by opening it: an unwritable path is one line naming the path and why', () => {
    expect(openRecordingPath('/no/such/folder/run.ndjson')).toEqual({
      failure: 'cannot record to /no/such/folder/run.ndjson: its folder does not exist',
    });
    expect(openRecordingPath(tmpdir())).toEqual({
      failure: expect.stringMatching(/^cannot record to .*: it is a folder$/),
    });
    // /proc is there, and answers ENOENT to a new file: `s` pressed in a dashboard started from /proc.
    expect(openRecordingPath('/proc/run.ndjson')).toEqual({
      failure: 'cannot record to /proc/run.ndjson: its folder does not take new files',
    });
  });

  it('records into a named pipe whose reader came first, which reads it whole; one without a reader is one line', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'concur-tui-pipe-'));
    const pipe = path.join(folder, 'run.pipe');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    // No reader: opening it to write would wait for one, holding the thread that asked.
    expect(openRecordingPath(pipe)).toEqual({
      failure: `cannot record to ${pipe}: no program reads this pipe (start its reader first)`,
    });
    const chunks: Buffer[] = [];
    const reader = createReadStream(pipe);
    reader.on('data', (chunk) => chunks.push(chunk as Buffer));
    const ended = new Promise<void>((resolve) => reader.on('end', () => resolve()));
    // The reader's open runs on libuv's thread pool: until it has begun, there is still no reader.
    let opened = openRecordingPath(pipe);
    await waitFor(
      () => {
        if (!('fd' in opened)) opened = openRecordingPath(pipe);
        return 'fd' in opened;
      },
      { timeoutMs: 5000, what: 'the reader to open the pipe' },
    );
    const { engine, publish } = fakeEngine();
    const handle = new RecordingHandle(engine, { file: pipe, ...(opened as { fd: number }) });
    const run = recordedRun(3, 20);
    for (const snapshot of run) publish(snapshot);
    await handle.close();
    await ended;
    // The recording, whole: the check's own open did not end the reader's input before it.
    const recording = parseRecording(Buffer.concat(chunks).toString('utf8'), pipe);
    expect(recording.frames.length).toBe(run.length);
    rmSync(folder, { recursive: true, force: true });
  });

  it('makes --record with an unwritable path exit 2 with one line, before the dashboard starts', async () => {
    const stderr = capture();
    const stdout = capture();
    const code = await runCommand(['--record', '/no/such/folder/run.ndjson'], {
      version: '1',
      stderr,
      stdout,
    });
    expect(code).toBe(2);
    expect(stderr.text()).toBe(
      'concur-tui: cannot record to /no/such/folder/run.ndjson: its folder does not exist\n',
    );
    expect(stdout.text()).toBe('');
  });

  it.runIf(existsSync(cli))(
    'makes --record to a named pipe no program reads exit 2 with one line, where the start used to wait for good',
    async () => {
      const folder = mkdtempSync(path.join(tmpdir(), 'concur-tui-pipe-'));
      const pipe = path.join(folder, 'nobody-reads');
      expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
      const started = spawnSync(process.execPath, [cli, '--record', pipe], {
        encoding: 'utf8',
        timeout: 10_000,
      });
      rmSync(folder, { recursive: true, force: true });
      expect(started.error).toBeUndefined();
      expect(started.stderr).toBe(
        `concur-tui: cannot record to ${pipe}: no program reads this pipe (start its reader first)\n`,
      );
      expect(started.status).toBe(2);
      // ENXIO is also /dev/tty's answer in a process with no terminal of its own (detached: a new session).
      const noTerminal = spawn(process.execPath, [cli, '--record', '/dev/tty'], {
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 10_000,
      });
      let stderr = '';
      noTerminal.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const code = await new Promise((resolve) => noTerminal.on('close', resolve));
      expect(stderr).toMatch(/^concur-tui: cannot record to \/dev\/tty: ENXIO/);
      expect(code).toBe(2);
    },
  );

  it('stops recording on a full disk (/dev/full) with a notice, while snapshots and actions go on', async () => {
    if (!existsSync('/dev/full')) return;
    const { engine, publish, actions } = fakeEngine();
    const handle = new RecordingHandle(engine, { file: '/dev/full' });
    const shown: Snapshot[] = [];
    handle.subscribe((snapshot) => shown.push(snapshot));
    const run = recordedRun(1, 20);
    publish(run[0] as Snapshot);
    await waitFor(() => handle.writer?.failure !== undefined, { what: 'the write to fail' });
    expect(handle.writer?.failure).toMatch(/^recording stopped: \/dev\/full: no space left on the disk/);
    for (const snapshot of run.slice(1)) publish(snapshot);
    handle.dispatch({ type: 'togglePause' });
    expect(shown.length).toBe(run.length);
    expect(actions).toEqual([{ type: 'togglePause' }]);
    expect(shown.at(-1)?.notice).toMatchObject({
      level: 'error',
      message: expect.stringMatching(/no space left.*the run goes on/),
    });
    // Closing a failed recording is quick and harmless.
    const closing = performance.now();
    await handle.close();
    expect(performance.now() - closing).toBeLessThan(1000);
  });

  it('closes within the one-second quit budget, with every queued window written', async () => {
    const { engine, publish } = fakeEngine();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'concur-tui-writer-')), 'run.ndjson');
    const handle = new RecordingHandle(engine, { file });
    const run = recordedRun(2, 50);
    for (const snapshot of run) publish(snapshot);
    // Queued, not yet written: the listener never writes on the publishing turn.
    expect(readFileSync(file, 'utf8')).toBe('');
    const closing = performance.now();
    await handle.close();
    // The budget for quitting; the close itself takes a few ms.
    expect(performance.now() - closing).toBeLessThan(1000);
    const windows = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .filter((line) => line.includes('"kind":"window"'));
    expect(windows.length).toBe(run.length);
  });
});
