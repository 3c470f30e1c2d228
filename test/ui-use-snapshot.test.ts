import { describe, expect, it } from 'vitest';
import { shouldDraw } from '../source/ui/use-snapshot.ts';
import { paused, workersBusy } from './fixtures/snapshots.ts';

const later = (snapshot: typeof paused, ms: number) => ({ ...snapshot, at: snapshot.at + ms });

describe('which snapshots the dashboard draws', () => {
  it('draws every snapshot while the workload runs', () => {
    expect(shouldDraw(workersBusy, later(workersBusy, 250), 1000)).toBe(true);
  });

  it('draws one frame a second while paused, to keep its own cost out of the picture', () => {
    expect(shouldDraw(paused, later(paused, 250), 1000)).toBe(false);
    expect(shouldDraw(paused, later(paused, 999), 1000)).toBe(false);
    expect(shouldDraw(paused, later(paused, 1000), 1000)).toBe(true);
  });

  it('draws a pause or a resume at once', () => {
    expect(shouldDraw(workersBusy, later(paused, 10), 1000)).toBe(true);
    expect(shouldDraw(paused, later(workersBusy, 10), 1000)).toBe(true);
  });

  it('draws the first snapshot it sees', () => {
    expect(shouldDraw(undefined, paused, 1000)).toBe(true);
  });
});
