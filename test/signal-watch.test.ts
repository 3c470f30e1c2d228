import { describe, expect, it } from 'vitest';
import { SignalWatch } from '../source/engine/models/signal-watch.ts';

describe('SignalWatch', () => {
  it('calls back once when a watched signal aborts, however many tasks share it', () => {
    let calls = 0;
    const watch = new SignalWatch(() => calls++);
    const controller = new AbortController();
    for (let task = 0; task < 1000; task++) watch.watch(controller.signal);
    expect(watch.size).toBe(1);
    controller.abort();
    expect(calls).toBe(1);
  });

  it('stops listening once the last task of a signal is unwatched', () => {
    let calls = 0;
    const watch = new SignalWatch(() => calls++);
    const controller = new AbortController();
    watch.watch(controller.signal);
    watch.watch(controller.signal);
    watch.unwatch(controller.signal);
    expect(watch.size).toBe(1);
    watch.unwatch(controller.signal);
    expect(watch.size).toBe(0);
    controller.abort();
    expect(calls).toBe(0);
  });

  it('drops every listener on clear', () => {
    let calls = 0;
    const watch = new SignalWatch(() => calls++);
    const controllers = [new AbortController(), new AbortController()];
    for (const controller of controllers) watch.watch(controller.signal);
    watch.clear();
    for (const controller of controllers) controller.abort();
    expect(calls).toBe(0);
    expect(watch.size).toBe(0);
  });
});
