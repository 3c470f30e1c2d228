// Presenting a script live: the steps applied to the running engine one after another, each step's claims
// judged on every snapshot, and the step moved on as the script says (once settled and counted, after N
// seconds, or on a key). `next` and `previous` move at once; going back re-applies the step's settings.

import type { EngineHandle } from '../engine/engine-handle.ts';
import type { Snapshot } from '../engine/types.ts';
import { type ClaimVerdict, judgeClaim } from './claims.ts';
import type { Script, ScriptPane, ScriptStep } from './script.ts';
import { actionsFor, type BaseSettings, baseSettingsOf, rowsNow, settingsAt } from './step-settings.ts';

/** Where the talk stands: what the caption line shows. */
export type PresenterState = {
  title: string;
  /** 0-based. */
  index: number;
  steps: number;
  caption: string;
  /** The step's title, drawn in block letters; absent when the script gives none. */
  stepTitle?: string;
  /** The panes the step names, the only ones shown; absent for the whole dashboard. */
  panes?: readonly ScriptPane[];
  /** What the step waits for before it moves on by itself. */
  waiting: 'key' | 'settling' | 'counting' | 'timer' | 'last step';
  /** The step's claims as judged on the latest snapshot (absent before its row has counted). */
  claims: { text: string; verdict?: ClaimVerdict }[];
};

export type PresenterControls = {
  state(): PresenterState;
  subscribe(listener: () => void): () => void;
  next(): void;
  previous(): void;
};

export type PresenterOptions = {
  /** Seconds a row counts, after settling, before a "settled" step moves on. @default 4 */
  countSeconds?: number;
  /** The clock, ms (tests). @default performance.now */
  now?: () => number;
};

/** The engine as the presenter drives it: `snapshotNow` gives the settings a step starts from. */
export type PresentedEngine = Pick<EngineHandle, 'dispatch' | 'latest' | 'subscribe'> & {
  snapshotNow(): Snapshot;
};

export class Presenter implements PresenterControls {
  readonly #handle: PresentedEngine;
  readonly #script: Script;
  readonly #countMs: number;
  readonly #now: () => number;
  readonly #listeners = new Set<() => void>();
  #index = 0;
  /** A step is being set, or a move on is on its way (see `#onSnapshot`); `#stopped` once it has ended. */
  #moving = false;
  #stopped = false;
  /** When the step began, and what each row had counted then (a row the talk comes back to starts from there). */
  #stepBegunAt = 0;
  #countedBefore = new Map<string, number>();
  #state: PresenterState;
  readonly #unsubscribe: () => void;
  /** The engine's settings before the first step: what a step that does not set one goes back to. */
  readonly #base: BaseSettings;

  constructor(handle: PresentedEngine, script: Script, options: PresenterOptions = {}) {
    this.#handle = handle;
    this.#script = script;
    this.#countMs = (options.countSeconds ?? 4) * 1000;
    this.#now = options.now ?? (() => performance.now());
    this.#state = this.#judge(undefined);
    this.#base = baseSettingsOf(handle.snapshotNow());
    this.#go(0);
    this.#unsubscribe = handle.subscribe((snapshot) => this.#onSnapshot(snapshot));
  }

  state(): PresenterState {
    return this.#state;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  next(): void {
    if (this.#index + 1 < this.#script.steps.length) this.#go(this.#index + 1);
  }

  previous(): void {
    if (this.#index > 0) this.#go(this.#index - 1);
  }

  stop(): void {
    this.#stopped = true;
    this.#unsubscribe();
    this.#listeners.clear();
  }

  /** Applies step `index`'s settings (all of them, as in force at that step) and starts its wait. */
  #go(index: number): void {
    // The engine publishes to the presenter from inside `snapshotNow`: those calls wait for the step to be set.
    this.#moving = true;
    try {
      this.#index = index;
      this.#stepBegunAt = this.#now();
      // A step change is a change of settings: closing the window at it costs the measuring nothing.
      const settings = settingsAt(this.#script, index, this.#base);
      for (const action of actionsFor(settings, this.#handle.snapshotNow())) this.#handle.dispatch(action);
      const snapshot = this.#handle.snapshotNow();
      this.#countedBefore = new Map(snapshot.scoreboard.map((row) => [row.key, row.activeMs]));
      this.#publish(this.#judge(snapshot));
    } finally {
      this.#moving = false;
    }
  }

  #onSnapshot(snapshot: Snapshot): void {
    if (this.#moving) return;
    const state = this.#judge(snapshot);
    const step = this.#script.steps[this.#index] as ScriptStep;
    const last = this.#index + 1 >= this.#script.steps.length;
    const timerDone =
      typeof step.advance === 'object' && this.#now() - this.#stepBegunAt >= step.advance.seconds * 1000;
    const settledDone =
      step.advance === 'settled' && state.waiting === 'counting' && this.#counted(snapshot) >= this.#countMs;
    this.#publish(state);
    if (last || !(timerDone || settledDone)) return;
    // Not from inside the engine's publishing: moving on asks the engine for a snapshot of its own.
    this.#moving = true;
    setImmediate(() => {
      this.#moving = false;
      if (!this.#stopped && this.#index === state.index) this.#go(this.#index + 1);
    });
  }

  /** How long the running row has counted since the step began, ms. */
  #counted(snapshot: Snapshot): number {
    const { current } = rowsNow(snapshot);
    return current ? current.activeMs - (this.#countedBefore.get(current.key) ?? 0) : 0;
  }

  #judge(snapshot: Snapshot | undefined): PresenterState {
    const step = this.#script.steps[this.#index] as ScriptStep;
    const { current, atLoad } = snapshot ? rowsNow(snapshot) : { current: undefined, atLoad: [] };
    const counting = current?.phase === 'measuring' && snapshot !== undefined && this.#counted(snapshot) > 0;
    const waiting: PresenterState['waiting'] =
      this.#index + 1 >= this.#script.steps.length
        ? 'last step'
        : step.advance === 'key'
          ? 'key'
          : typeof step.advance === 'object'
            ? 'timer'
            : counting
              ? 'counting'
              : 'settling';
    return {
      title: this.#script.title,
      index: this.#index,
      steps: this.#script.steps.length,
      caption: step.caption,
      ...(step.title === undefined ? {} : { stepTitle: step.title }),
      ...(step.panes === undefined ? {} : { panes: step.panes }),
      waiting,
      claims: step.claims.map((claim) => ({
        text: claim.text,
        ...(counting && snapshot ? { verdict: judgeClaim(claim, atLoad, snapshot.model) } : {}),
      })),
    };
  }

  #publish(state: PresenterState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
}
