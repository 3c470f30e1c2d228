import { it } from 'vitest';
import { Engine } from '../source/engine/engine.ts';
import { VersionedWorkload } from './helpers/versioned-workload.ts';
it('dbg', async () => {
  const file = new VersionedWorkload();
  file.open();
  const engine = new Engine({ workload: file.url, workloadFiles: [{ url: file.url, workload: await file.workload() }], concurrency: 3, threads: 2, sampleIntervalMs: 60000 });
  await engine.start();
  await new Promise((r) => setTimeout(r, 200));
  const steps = (process.env.STEPS ?? 'T,2,3,4,S,5,R,6').split(',');
  for (const st of steps) {
    if (st === 'T') file.saveBroken('throws'); else if (st === 'S') file.saveBroken('syntax'); else if (st === 'R') { engine.dispatch({ type: 'resetStatistics' }); continue; } else file.save(Number(st));
    engine.dispatch({ type: 'reloadWorkload' }); await engine.settled();
  }
  await new Promise((r) => setTimeout(r, 200));
  engine.dispatch({ type: 'switchModel', model: 'workers' });
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 300));
    const s = engine.snapshotNow();
    console.log(JSON.stringify(s.tasks.counts), s.tasks.recent.at(-1)?.error, s.notice?.message);
  }
  await engine.stop();
}, 20000);
