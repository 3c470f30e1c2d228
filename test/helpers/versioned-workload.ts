// A workload file in a temporary directory whose every save says its version: each task appends
// `<id> <version> start` when it starts and `<id> <version> end` when it ends to a log, in whichever thread or
// process runs it, and waits while the gate file is absent. Tests save new versions and broken ones over it.

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Workload } from '../../source/engine/types.ts';

/** One task's start or end, with the version it ran and, at its start, the time (the engine's clock). */
export type LogLine = { id: number; version: number; at: 'start' | 'end'; time?: number };

export class VersionedWorkload {
  readonly directory = mkdtempSync(join(tmpdir(), 'concur-reload-'));
  readonly path = join(this.directory, 'task.mjs');
  readonly url = pathToFileURL(this.path).href;
  readonly #log = join(this.directory, 'log.txt');
  readonly #gate = join(this.directory, 'gate');

  constructor() {
    writeFileSync(this.#log, '');
    this.save(1);
  }

  /** The source of version `version`: `knobs` as given (default one knob `wait` 0…10). */
  source(version: number, knobs = '[{ name: "wait", min: 0, max: 10, default: 1, unit: "ms" }]'): string {
    return `import { appendFileSync, existsSync } from 'node:fs';
const log = ${JSON.stringify(this.#log)};
const gate = ${JSON.stringify(this.#gate)};
export default {
  name: 'versioned',
  kind: 'io',
  description: 'returns its version',
  knobs: ${knobs},
  async run(input) {
    appendFileSync(log, input.id + ' ${version} start ' + (performance.timeOrigin + performance.now()) + '\\n');
    while (!existsSync(gate)) await new Promise((resolve) => setTimeout(resolve, 2));
    appendFileSync(log, input.id + ' ${version} end\\n');
    return ${version};
  },
};
`;
  }

  save(version: number, knobs?: string): void {
    writeFileSync(this.path, this.source(version, knobs));
  }

  /**
   * A save that cannot load: a syntax error on line 3, an import that throws, or a default export that breaks
   * the contract (its `kind`) while its `run` would log version `-1`, so a task that ran it would show.
   */
  saveBroken(how: 'syntax' | 'throws' | 'contract' = 'syntax'): void {
    const sources = {
      syntax: 'export default {\n  name: "versioned",\n  run( {\n',
      throws: 'throw new Error("no config");\nexport default {};\n',
      contract: this.source(-1).replace("kind: 'io'", "kind: 'quantum'"),
    };
    writeFileSync(this.path, sources[how]);
  }

  /** What the workload's current file exports, for `EngineOptions.workloadFiles` (as the CLI would give it). */
  async workload(): Promise<Workload> {
    const module = (await import(`${this.url}?initial`)) as { default: Workload };
    return module.default;
  }

  open(): void {
    writeFileSync(this.#gate, '');
  }

  close(): void {
    rmSync(this.#gate, { force: true });
  }

  get opened(): boolean {
    return existsSync(this.#gate);
  }

  lines(): LogLine[] {
    return readFileSync(this.#log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [id, version, at, time] = line.split(' ');
        return {
          id: Number(id),
          version: Number(version),
          at: at as LogLine['at'],
          ...(time ? { time: Number(time) } : {}),
        };
      });
  }

  remove(): void {
    rmSync(this.directory, { recursive: true, force: true });
  }
}
