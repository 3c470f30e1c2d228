// The fake terminal both render harnesses draw into: our dashboard and plain Ink (its floor) see the same
// stdout and stdin, so a frame costs each of them the same terminal work (none).

import { EventEmitter } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';

/** A terminal that records when the last bytes were written. */
export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly columns: number;
  readonly rows: number;
  lastWriteAt = 0;
  bytes = 0;

  constructor(columns: number, rows: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
    this.lastWriteAt = performance.now();
    this.bytes += chunk.length;
    const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }
}

/** Keys never come: raw mode is "on" so the dashboard listens for keys as it does in a terminal. */
export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  setRawMode(): this {
    return this;
  }
  setEncoding(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  read(): null {
    return null;
  }
}

/** More than the dashboard's 100 ms frame interval (maxFps 10), so every frame is drawn at once, not deferred. */
export const frameSpacingMs = 110;

/** What one harness run prints: per-frame wall time and CPU time, ms. */
export type FrameTimes = { frames: number[]; cpuMs: number[]; missed: number; bytesPerFrame: number };

/**
 * Times `count` frames: `draw(index)` starts frame `index` (1…count-1, frame 0 is drawn before); the frame is
 * timed from that call to its last write. The first `warmup` frames are drawn but not timed; `afterFrame`
 * runs after each timed one (e.g. to read what Ink drew).
 */
export async function timeFrames(
  stdout: FakeStdout,
  count: number,
  warmup: number,
  draw: (index: number) => void,
  hooks: { onTimingStarts?: () => Promise<void>; afterFrame?: () => void } = {},
): Promise<FrameTimes> {
  const frames: number[] = [];
  const cpuMs: number[] = [];
  let missed = 0;
  let bytes = 0;
  await delay(500);
  for (let index = 1; index < count; index++) {
    await delay(frameSpacingMs);
    const bytesBefore = stdout.bytes;
    const cpuBefore = process.cpuUsage();
    const drawnAt = performance.now();
    draw(index);
    // React renders a store update in a microtask and Ink writes the frame synchronously after the commit, so
    // by the next macrotask the frame is out.
    await new Promise((resolve) => setImmediate(resolve));
    const cpu = process.cpuUsage(cpuBefore);
    if (index < warmup) continue;
    if (index === warmup) await hooks.onTimingStarts?.();
    if (stdout.bytes === bytesBefore) {
      missed++;
      continue;
    }
    frames.push(stdout.lastWriteAt - drawnAt);
    cpuMs.push((cpu.user + cpu.system) / 1000);
    bytes += stdout.bytes - bytesBefore;
    hooks.afterFrame?.();
  }
  return { frames, cpuMs, missed, bytesPerFrame: bytes / Math.max(1, frames.length) };
}
