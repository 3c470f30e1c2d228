import { stepConcurrency } from './engine-options.ts';
import type { SchedulerSettings } from './types.ts';

export type SchedulerHooks = {
  /** Submits one task now; `at` is the clock's reading of now. */
  submit(at: number): void;
  /** Tasks submitted and not settled. */
  inFlight(): number;
  /** Clock in ms. */
  now(): number;
};

export type SchedulerOptions = {
  /** How often the open loop wakes to submit the arrivals due, ms. @default 10 */
  arrivalTickMs?: number;
  /** The open loop stops submitting while this many tasks are in flight, so an overloaded run stays bounded in memory. @default 200000 */
  maxInFlight?: number;
};

/** Upper bounds for the live knobs: beyond these the demo says nothing new and memory grows for no reason. */
export const schedulerLimits = { concurrency: 200_000, rate: 1_000_000 } as const;

/**
 * Decides when tasks are submitted: a closed loop keeps `concurrency` tasks in flight,
 * an open loop submits `rate` tasks per second whatever happens to them.
 */
export class Scheduler {
  #settings: SchedulerSettings;
  readonly #hooks: SchedulerHooks;
  readonly #arrivalTickMs: number;
  readonly #maxInFlight: number;
  #running = false;
  #arrivalTimer: NodeJS.Timeout | undefined;
  #lastArrivalAt = 0;
  #arrivalCredit = 0;
  /** Above zero while a change is being made: nothing is submitted until it is complete. */
  #held = 0;

  constructor(settings: SchedulerSettings, hooks: SchedulerHooks, options: SchedulerOptions = {}) {
    this.#settings = { ...settings };
    this.#hooks = hooks;
    this.#arrivalTickMs = options.arrivalTickMs ?? 10;
    this.#maxInFlight = options.maxInFlight ?? 200_000;
  }

  get settings(): SchedulerSettings {
    return { ...this.#settings };
  }

  /** Whether tasks are submitted: from `start()` until `stop()`. */
  get started(): boolean {
    return this.#running;
  }

  start(): void {
    this.#running = true;
    this.#apply();
  }

  stop(): void {
    this.#running = false;
    this.#stopArrivals();
  }

  /**
   * Runs `change` with submission held, then applies the settings it left: a change that cancels or moves tasks
   * must not see the closed loop refill in the middle of it, under the old settings.
   */
  withheld(change: () => void): void {
    this.#held++;
    try {
      change();
    } finally {
      this.#held--;
    }
    this.#apply();
  }

  /**
   * Call whenever a task settles: the closed loop replaces it. `at`, when the caller has just read the clock
   * (a task that ended on this thread), is now: its replacement is submitted then, without a read of its own.
   */
  taskSettled(at?: number): void {
    if (this.#running && this.#settings.mode === 'closed' && !this.#settings.paused) this.#fill(at);
  }

  setConcurrency(concurrency: number): void {
    this.#settings.concurrency = clamp(Math.round(concurrency), 1, schedulerLimits.concurrency);
    this.#apply();
  }

  setRate(rate: number): void {
    this.#settings.rate = clamp(rate, 0.1, schedulerLimits.rate);
    this.#apply();
  }

  /** `+`/`-`: one step up or down the ladder of whatever drives the load, tasks in flight or arrivals per second. */
  stepLoad(delta: number): void {
    const { mode, concurrency, rate } = this.#settings;
    if (mode === 'open') this.setRate(stepConcurrency(rate, delta, schedulerLimits.rate));
    else this.setConcurrency(stepConcurrency(concurrency, delta, schedulerLimits.concurrency));
  }

  setMode(mode: SchedulerSettings['mode']): void {
    this.#settings.mode = mode;
    this.#apply();
  }

  setPaused(paused: boolean): void {
    this.#settings.paused = paused;
    this.#apply();
  }

  #apply(): void {
    if (this.#held > 0) return;
    if (!this.#running || this.#settings.paused) {
      this.#stopArrivals();
      return;
    }
    if (this.#settings.mode === 'closed') {
      this.#stopArrivals();
      this.#fill();
    } else if (!this.#arrivalTimer) {
      this.#lastArrivalAt = this.#hooks.now();
      this.#arrivalCredit = 0;
      this.#arrivalTimer = setInterval(() => this.#arrive(), this.#arrivalTickMs);
    }
  }

  #fill(at?: number): void {
    if (this.#held > 0) return;
    const missing = this.#settings.concurrency - this.#hooks.inFlight();
    if (missing <= 0) return;
    const now = at ?? this.#hooks.now();
    for (let i = 0; i < missing; i++) this.#hooks.submit(now);
  }

  #arrive(): void {
    if (this.#held > 0) return;
    const now = this.#hooks.now();
    this.#arrivalCredit += ((now - this.#lastArrivalAt) * this.#settings.rate) / 1000;
    this.#lastArrivalAt = now;
    const due = Math.floor(this.#arrivalCredit);
    this.#arrivalCredit -= due;
    const room = this.#maxInFlight - this.#hooks.inFlight();
    for (let i = 0; i < Math.min(due, room); i++) this.#hooks.submit(now);
  }

  #stopArrivals(): void {
    if (this.#arrivalTimer) clearInterval(this.#arrivalTimer);
    this.#arrivalTimer = undefined;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
