// A quit that works while a task holds the event loop. A task that never gives the loop back (a workload file with
// an endless loop, a long synchronous call) holds the dashboard with it: no key is read, no frame drawn, no signal
// handled, and q, Ctrl-C and SIGTERM all wait for the task, forever if it never ends, with the terminal left in raw
// mode on the alternate screen. The guard is a thread of its own that watches the loop's heartbeat; while the loop
// is held it reads the keys itself (held-loop.ts), hands them to the loop for when it is free, and on a quit key
// gives the terminal back and ends the process if the loop has not come back a moment later.
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { type HeldLoopOptions, heldLoopDefaults } from './held-loop.ts';
import { type GuardData, guardSlots } from './quit-guard-state.ts';

// Source runs as .ts (tests, type stripping); the bundle in dist/ holds quit-guard-worker.js beside this code.
const workerFile = new URL(
  `./quit-guard-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
  import.meta.url,
);

/**
 * How often the main loop beats, ms; the guard looks twice as often. A paused dashboard's CPU with the guard (and its
 * scoreboard made every second) was within the spread of its runs without (4 runs each of 20 s); with a beat every
 * 50 ms it was 0.5–2 % of a core more.
 */
const beatEveryMs = 100;

/** How often what the guard prints after a quit (the final scoreboard) is made afresh, ms. */
const partingEveryMs = 1000;

export type QuitGuardOptions = {
  /** Where the keys the guard read while the loop was held go back to. */
  stdin: Pick<NodeJS.ReadStream, 'unshift'>;
  /** @default heldLoopDefaults */
  held?: HeldLoopOptions;
  /** The terminal's descriptors, as the guard reads and writes them. @default 0, 1, 2 */
  fds?: { stdin: number; stdout: number; stderr: number };
  /** The worker file to run. @default quit-guard-worker beside this module */
  workerFile?: URL;
  /**
   * What to print once the guard has given the terminal back (the final scoreboard), asked for now and every
   * second: a held loop cannot be asked then. @default nothing
   */
  parting?: () => string | undefined;
};

/** Posts `make()` to `port` now and every `partingEveryMs` when it changed; the timer keeps no process alive. */
function sayEverySecond(make: () => string | undefined, port: MessagePort): NodeJS.Timeout {
  let said: string | undefined;
  const say = () => {
    const text = make();
    if (text === said) return;
    said = text;
    port.postMessage(text);
  };
  say();
  return setInterval(say, partingEveryMs).unref();
}

export type QuitGuard = {
  /** Ends the guard: before the dashboard gives the terminal back on its own. */
  stop(): Promise<void>;
};

/**
 * Starts the guard; undefined when no thread can be started (a process limit): the dashboard runs without it. The
 * main thread's part is a heartbeat every 100 ms.
 */
export function startQuitGuard(options: QuitGuardOptions): QuitGuard | undefined {
  const shared = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
  const state = new Int32Array(shared);
  const fds = options.fds ?? { stdin: 0, stdout: 1, stderr: 2 };
  const partings = options.parting ? new MessageChannel() : undefined;
  const data: GuardData = {
    state: shared,
    ...(partings ? { parting: partings.port2 } : {}),
    pollMs: beatEveryMs / 2,
    stdinFd: fds.stdin,
    stdoutFd: fds.stdout,
    stderrFd: fds.stderr,
    options: options.held ?? heldLoopDefaults,
  };
  let worker: Worker;
  try {
    // It holds a few small buffers: a small heap is plenty.
    worker = new Worker(options.workerFile ?? workerFile, {
      workerData: data,
      transferList: partings ? [partings.port2] : [],
      resourceLimits: { maxOldGenerationSizeMb: 16 },
      stdout: false,
      stderr: false,
    });
  } catch {
    partings?.port1.close();
    return undefined;
  }
  // Without the guard the dashboard runs as before: never crash for it.
  worker.on('error', () => {});
  worker.on('message', (keys: Uint8Array) => options.stdin.unshift(Buffer.from(keys)));
  // Neither the thread nor the heartbeat may keep a quitting process alive.
  worker.unref();
  const heartbeat = setInterval(() => Atomics.add(state, guardSlots.beat, 1), beatEveryMs);
  heartbeat.unref();
  const parting = partings && options.parting ? sayEverySecond(options.parting, partings.port1) : undefined;
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        clearInterval(heartbeat);
        clearInterval(parting);
        partings?.port1.close();
        Atomics.store(state, guardSlots.stop, 1);
        Atomics.notify(state, guardSlots.stop);
        await worker.terminate().catch(() => undefined);
      })();
      return stopping;
    },
  };
}
