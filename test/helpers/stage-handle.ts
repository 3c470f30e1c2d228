// A dashboard's handle for presenting tests: a fixed snapshot, and a presentation whose steps move on `next` and
// `previous` without an engine, so a test drives steps and sizes alone.
import type { EngineHandle } from '../../source/engine/engine-handle.ts';
import type { Snapshot } from '../../source/engine/types.ts';
import type { PresenterControls, PresenterState } from '../../source/present/presenter.ts';
import type { Script } from '../../source/present/script.ts';

/** A presentation of `script`'s steps: the state as the presenter shows it, no settings applied. */
export class StagedSteps implements PresenterControls {
  readonly #script: Script;
  readonly #listeners = new Set<() => void>();
  #state: PresenterState;

  constructor(script: Script) {
    this.#script = script;
    this.#state = this.#stateAt(0);
  }

  state(): PresenterState {
    return this.#state;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  next(): void {
    this.#go(Math.min(this.#script.steps.length - 1, this.#state.index + 1));
  }

  previous(): void {
    this.#go(Math.max(0, this.#state.index - 1));
  }

  #go(index: number): void {
    this.#state = this.#stateAt(index);
    for (const listener of this.#listeners) listener();
  }

  #stateAt(index: number): PresenterState {
    const step = this.#script.steps[index];
    if (!step) throw new Error(`no step ${index}`);
    return {
      title: this.#script.title,
      index,
      steps: this.#script.steps.length,
      caption: step.caption,
      ...(step.title === undefined ? {} : { stepTitle: step.title }),
      ...(step.panes === undefined ? {} : { panes: step.panes }),
      waiting: index + 1 >= this.#script.steps.length ? 'last step' : 'key',
      claims: step.claims.map((claim) => ({ text: claim.text })),
    };
  }
}

/** A handle that always shows `snapshot` and presents `steps`. */
export function stageHandle(snapshot: Snapshot, steps: PresenterControls): EngineHandle {
  return {
    latest: () => snapshot,
    subscribe: () => () => undefined,
    dispatch: () => undefined,
    workloads: [
      { name: 'cpu', kind: 'cpu', description: 'hashing' },
      { name: 'io-timer', kind: 'io', description: 'timers' },
    ],
    controls: { presenter: steps },
  };
}
