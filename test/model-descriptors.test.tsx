// The descriptor table is the only place a model is named: a model added to it shows in the keys, the footer,
// the help, `--help`, the CLI's flags, the header, the pool pane and the scoreboard, with no view edited.
import { render } from 'ink-testing-library';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { formatRowGroup } from '../source/bench/format-rows.ts';
import { helpText } from '../source/cli/help.ts';
import { parseCommandLine } from '../source/cli/parse-args.ts';
import { Engine } from '../source/engine/engine.ts';
import {
  modelDescriptors,
  modelNames,
  registerModel,
  reservedKeys,
} from '../source/engine/models/model-descriptors.ts';
import { usesThreads } from '../source/engine/run-config.ts';
import type { PoolSample, Snapshot } from '../source/engine/types.ts';
import { allHints, footerHints } from '../source/ui/footer-hints.ts';
import { helpLines, keyLines } from '../source/ui/help-overlay.tsx';
import { commandsFor } from '../source/ui/key-bindings.ts';
import { keyTable } from '../source/ui/key-table.ts';
import { besideLetters } from '../source/ui/panes/header.tsx';
import { PoolPane } from '../source/ui/panes/pane-boxes.tsx';
import { scoreboardLines } from '../source/ui/scoreboard-lines.ts';
import { scoreboardView } from '../source/ui/scoreboard-model.ts';
import { currentSettings } from '../source/ui/scoreboard-settings.ts';
import { scoreboardVerdict } from '../source/ui/scoreboard-verdict.ts';
import { modelColor, modelPalette } from '../source/ui/theme.ts';
import { ThemeContext } from '../source/ui/theme-context.ts';
import { builtinWorkloads } from '../workloads/index.ts';
import { crewDescriptor, crewName, relayDescriptor, relayName } from './fixtures/relay-model.ts';
import { scoreboardRow } from './fixtures/scoreboard-rows.ts';
import { workersBusy } from './fixtures/snapshots.ts';
import { waitFor } from './helpers/wait-for.ts';

const workloadCount = builtinWorkloads.length;
/** The models of the table before a test adds any. */
const builtins = modelNames();
const workloads = builtinWorkloads.map(({ name, kind, description }) => ({ name, kind, description }));

function read(node: ReactNode): string {
  const { lastFrame } = render(<ThemeContext value={{ color: false }}>{node}</ThemeContext>);
  return lastFrame() ?? '';
}

function text(lines: { text: string }[][]): string {
  return lines.map((line) => line.map((span) => span.text).join('')).join('\n');
}

/** Whether a task finished on `model` among the engine's most recent tasks. */
function doneOn(engine: Engine, model: string): boolean {
  return engine.snapshotNow().tasks.recent.some((task) => task.state === 'done' && task.model === model);
}

describe('the built-in table', () => {
  test('names and keys are unique, and a model takes a reserved key only if it is reserved for it', () => {
    const models = modelDescriptors();
    expect(new Set(models.map((model) => model.name)).size).toBe(models.length);
    expect(new Set(models.map((model) => model.key)).size).toBe(models.length);
    for (const model of models) expect(reservedKeys[model.key] ?? model.name).toBe(model.name);
  });

  test('a reserved key (p for processes, g for the GIL switch) is bound by no row but its own', () => {
    const rows = keyTable(9);
    const bound = rows.flatMap((row) => row.keys);
    expect(new Set(bound).size).toBe(bound.length);
    for (const [key, owner] of Object.entries(reservedKeys)) {
      for (const row of rows.filter((candidate) => candidate.keys.includes(key))) expect(row.id).toBe(owner);
    }
  });

  test('every model has a colour in the theme, and its pool size counts in its configuration exactly when it has a pool', () => {
    for (const model of modelDescriptors()) {
      expect(modelPalette[model.colour]).toBeDefined();
      expect(usesThreads(model.name as never)).toBe(model.pool !== undefined);
    }
  });

  test('a model cannot take a name, a key or a reserved key another has', () => {
    expect(() => registerModel({ ...relayDescriptor, name: 'async' })).toThrow(/exists/);
    expect(() => registerModel({ ...relayDescriptor, key: 'w' })).toThrow(/workers/);
    // Reserved for processes, or taken by it once it is in the table.
    expect(() => registerModel({ ...relayDescriptor, key: 'p' })).toThrow(/processes/);
    expect(() => registerModel({ ...relayDescriptor, key: 'g' })).toThrow(/reserved for gil/);
    expect(modelNames()).toEqual(builtins);
  });
});

describe('a model added to the table', () => {
  let removers: (() => void)[] = [];
  beforeEach(() => {
    removers = [registerModel(relayDescriptor), registerModel(crewDescriptor)];
  });
  afterEach(() => {
    for (const remove of removers) remove();
  });

  test('has a key that switches to it, a footer chip kept with the other models, and a help line', () => {
    expect(keyTable(workloadCount).find((row) => row.id === relayName)?.keys).toEqual(['x']);
    expect(commandsFor('x', {}, { helpOpen: false, workloads, currentWorkload: 'cpu' })).toContainEqual({
      kind: 'engine',
      action: { type: 'switchModel', model: relayName },
    });
    expect(allHints(workloadCount).map((hint) => hint.keys)).toEqual(
      expect.arrayContaining(['a', 'w', 'x', 'k']),
    );
    // At a width where only the essentials and the models fit, every model's key is still there.
    const narrow = footerHints(40, workloadCount).map((hint) => hint.keys);
    expect(narrow).toEqual(expect.arrayContaining(['a', 'w', 'x', 'k', '?', 'q']));
    expect(keyLines(workloadCount, 100).join('\n')).toContain('switch to relay: every task relayed');
    expect(text(helpLines({ width: 100, height: 80, workloadCount }))).toContain(
      'RELAY relays every task through the main event loop',
    );
  });

  test('is a choice of --model and --models, and listed by --help', () => {
    expect(parseCommandLine(['--model', 'relay'])).toMatchObject({ command: 'dashboard', model: relayName });
    expect(parseCommandLine(['bench', '--models', 'crew,relay,async'])).toMatchObject({
      models: [crewName, relayName, 'async'],
    });
    expect(() => parseCommandLine(['--model', 'ghost'])).toThrow([...builtins, 'relay', 'crew'].join(', '));
    expect(helpText()).toMatch(/^ {2}relay +x +relays every task through the main event loop$/m);
    expect(helpText()).toContain(`one of ${[...builtins, 'relay', 'crew'].join(', ')}`);
  });

  test('has its colour and its line in the header', () => {
    expect(modelColor(relayName)).toBe(modelPalette.spare);
    const header = text(besideLetters({ ...workersBusy, model: crewName }, 80, 3));
    expect(header).toContain('parallel: a crew of 4');
  });

  test('shows its own pool, titled and labelled its way, and none while another model runs', () => {
    const pool = workersBusy.pools.workers as PoolSample;
    const crew: Snapshot = { ...workersBusy, model: crewName, pools: { [crewName]: pool } };
    const pane = read(<PoolPane snapshot={crew} width={60} height={10} />);
    expect(pane).toContain('CREW POOL');
    expect(pane).toContain('4 crew threads');
    expect(pane).toMatch(/^c1 /m);
    const idle = read(
      <PoolPane snapshot={{ ...crew, model: relayName, pools: {} }} width={60} height={10} />,
    );
    expect(idle).toContain('pool idle');
    expect(idle).toContain('relays every task');
    expect(idle).toContain('k (crew)');
  });

  test('shows both pools while one finishes tasks from before a switch', () => {
    const pool = workersBusy.pools.workers as PoolSample;
    const both: Snapshot = { ...workersBusy, model: crewName, pools: { workers: pool, [crewName]: pool } };
    const pane = read(<PoolPane snapshot={both} width={60} height={16} />);
    expect(pane.indexOf('CREW POOL')).toBeLessThan(pane.indexOf('WORKER POOL'));
    expect(pane).toMatch(/finishing 4 tasks started before the switch to crew/);
  });

  test('takes a row of the scoreboard, compared with every other model at the same settings', () => {
    const settings = { load: 8, threads: 4, knobs: { size: 200_000 } };
    const rows = [
      scoreboardRow('async', 'cpu', settings, { throughput: 50, phase: 'past' }),
      scoreboardRow('workers', 'cpu', settings, { throughput: 100, phase: 'past' }),
      scoreboardRow(crewName, 'cpu', settings, { throughput: 190, phase: 'past' }),
      scoreboardRow(relayName, 'cpu', settings, { throughput: 49, phase: 'measuring' }),
    ];
    const snapshot: Snapshot = { ...workersBusy, model: relayName, scoreboard: rows };
    const view = scoreboardView(rows, currentSettings(snapshot));
    expect(view.entries.map((entry) => entry.model)).toEqual([...builtins, relayName, crewName]);
    const verdict = scoreboardVerdict(view, relayName);
    expect(verdict).toMatchObject({ winner: crewName, versus: 'workers', ratio: 1.9 });
    expect(verdict.headline).toBe("crew 1.9× workers' throughput, 3.8× async's, 3.9× relay's");
    const board = text(scoreboardLines(snapshot, 110, 14, false, true));
    expect(board).toMatch(/▶ RELAY/);
    expect(board).toMatch(/CREW +190\/s ★/);
    // Several models have a pool now: the shared size names each kind once.
    expect(board).toContain('cpu · 8 in flight · 4 threads or processes ·');
  });

  test('ties with the best without hiding how far both lead the rest', () => {
    const settings = { load: 8, threads: 4, knobs: { size: 200_000 } };
    const rows = [
      scoreboardRow('async', 'cpu', settings, { throughput: 50, phase: 'past' }),
      scoreboardRow('workers', 'cpu', settings, { throughput: 97, phase: 'past' }),
      scoreboardRow(crewName, 'cpu', settings, { throughput: 100, phase: 'measuring' }),
    ];
    const snapshot: Snapshot = { ...workersBusy, model: crewName, scoreboard: rows };
    const verdict = scoreboardVerdict(scoreboardView(rows, currentSettings(snapshot)), crewName);
    expect(verdict).toMatchObject({ leaders: [crewName, 'workers'], versus: 'async', ratio: 2 });
    expect(verdict.winner).toBeUndefined();
    expect(verdict.headline).toBe("crew and workers about equal (within 5 %), 2.0× async's throughput");
    const board = text(scoreboardLines(snapshot, 110, 14, false, true));
    expect(board).toContain('crew ≈ workers throughput');
    // A tie is no win: no throughput star.
    expect(board).not.toMatch(/\/s ★/);
  });

  test("is compared in the bench and final-scoreboard text, in its pool's words", () => {
    const settings = { load: 8, threads: 4, knobs: { size: 200_000 } };
    const rows = [
      scoreboardRow('async', 'cpu', settings, { throughput: 50 }),
      scoreboardRow(relayName, 'cpu', settings, { throughput: 49 }),
      scoreboardRow(crewName, 'cpu', settings, { throughput: 190 }),
    ];
    const lines = formatRowGroup(rows).join('\n');
    expect(lines).toMatch(/^relay vs async: throughput about the same/m);
    expect(lines).toMatch(/^crew \(4 threads\) vs async: throughput 3\.8× higher/m);
  });

  test('runs in the engine: created on first use, its pool sampled beside the others, its size in its configuration', async () => {
    const engine = new Engine({
      workload: 'io-timer',
      knobs: { latency: 2 },
      model: crewName,
      threads: 1,
      concurrency: 4,
      sampleIntervalMs: 3_600_000,
    });
    try {
      await engine.start();
      await waitFor(() => (engine.snapshotNow().pools[crewName]?.threads ?? 0) === 1, {
        what: 'the crew pool',
      });
      const first = engine.snapshotNow();
      expect(Object.keys(first.pools)).toEqual([crewName]);
      expect(first.scoreboard.find((row) => row.phase !== 'past')?.config).toMatchObject({
        model: crewName,
        threads: 1,
      });
      await waitFor(() => doneOn(engine, crewName), { what: 'a task done on the crew pool' });
      engine.dispatch({ type: 'switchModel', model: 'workers' });
      await waitFor(() => engine.snapshotNow().pools.workers?.threads === 1, { what: 'the worker pool' });
      await waitFor(() => doneOn(engine, 'workers'), { what: 'a task done on workers' });
      expect(Object.keys(engine.snapshotNow().pools).sort()).toEqual([crewName, 'workers']);
    } finally {
      await engine.stop();
    }
  });
});
