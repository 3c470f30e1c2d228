// The watcher over a temporary directory, saving as editors do: by rename, by truncate then write, by a touch
// that changes nothing, and by deleting the file before writing it again.
import { mkdtempSync, renameSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineAction } from '../source/engine/actions.ts';
import { type WorkloadWatch, watchWorkloadFile } from '../source/engine/workload-watch.ts';
import { waitFor } from './helpers/wait-for.ts';

const debounceMs = 30;
let directory: string;
let watch: WorkloadWatch | undefined;

afterEach(() => {
  watch?.stop();
  watch = undefined;
  rmSync(directory, { recursive: true, force: true });
});

/** A watched file and the actions the watcher dispatched, once the watcher read its first content. */
async function watched(): Promise<{ path: string; url: string; actions: EngineAction[] }> {
  directory = mkdtempSync(join(tmpdir(), 'concur-watch-'));
  const path = join(directory, 'task.js');
  writeFileSync(path, 'export default 1;\n');
  const url = pathToFileURL(path).href;
  const actions: EngineAction[] = [];
  watch = watchWorkloadFile({ dispatch: (action) => actions.push(action) }, url, { debounceMs });
  await watch.ready;
  return { path, url, actions };
}

/** Lets several debounce periods pass: the only way to see that nothing is dispatched. */
async function quietly(): Promise<void> {
  await delay(debounceMs * 8);
}

describe('watching a workload file', () => {
  it('reloads once after a save by rename over the file', async () => {
    const { path, url, actions } = await watched();
    const temporary = join(directory, '.task.js.swp');
    writeFileSync(temporary, 'export default 2;\n');
    renameSync(temporary, path);
    await waitFor(() => actions.length > 0, { what: 'a reload' });
    await quietly();
    expect(actions).toEqual([{ type: 'reloadWorkload', url }]);
  });

  it('reloads once after a truncate then several writes', async () => {
    const { path, url, actions } = await watched();
    truncateSync(path, 0);
    writeFileSync(path, 'export default ');
    writeFileSync(path, 'export default 3;\n');
    await waitFor(() => actions.length > 0, { what: 'a reload' });
    await quietly();
    expect(actions).toEqual([{ type: 'reloadWorkload', url }]);
  });

  it('does not reload on a touch or a save of the same content', async () => {
    const { path, actions } = await watched();
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
    writeFileSync(path, 'export default 1;\n');
    await quietly();
    expect(actions).toEqual([]);
  });

  it('survives the file being deleted, and reloads when it comes back changed', async () => {
    const { path, url, actions } = await watched();
    rmSync(path);
    await quietly();
    expect(actions).toEqual([]);
    writeFileSync(path, 'export default 4;\n');
    await waitFor(() => actions.length > 0, { what: 'a reload after re-creation' });
    await quietly();
    expect(actions).toEqual([{ type: 'reloadWorkload', url }]);
  });

  it('stops dispatching once stopped, and says so when the directory cannot be watched', async () => {
    const { path, actions } = await watched();
    watch?.stop();
    writeFileSync(path, 'export default 5;\n');
    await quietly();
    expect(actions).toEqual([]);
    const errors: string[] = [];
    const missing = pathToFileURL(join(directory, 'gone', 'task.js')).href;
    watchWorkloadFile({ dispatch: () => {} }, missing, { onError: (line) => errors.push(line) }).stop();
    expect(errors).toEqual([expect.stringMatching(/^cannot watch task\.js: /)]);
  });
});
