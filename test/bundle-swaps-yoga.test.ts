import { expect, test } from 'vitest';
import Yoga, { withoutFetch } from '../source/bundle-swaps/yoga-layout.ts';

test('Yoga loads without fetch and lays out a node', () => {
  const node = Yoga.Node.create();
  node.setWidth(120);
  node.setHeight(40);
  node.calculateLayout(undefined, undefined, Yoga.DIRECTION_LTR);
  expect(node.getComputedWidth()).toBe(120);
  node.free();
});

test('withoutFetch hides fetch only while the loader runs, then puts the same fetch back', () => {
  const before = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  const seen = withoutFetch(() => typeof globalThis.fetch);
  expect(seen).toBe('undefined');
  expect(Object.getOwnPropertyDescriptor(globalThis, 'fetch')).toEqual(before);
  expect(typeof globalThis.fetch).toBe('function');
});

test('withoutFetch puts fetch back when the loader throws', () => {
  expect(() =>
    withoutFetch(() => {
      throw new Error('loader failed');
    }),
  ).toThrow('loader failed');
  expect(typeof globalThis.fetch).toBe('function');
});

// Last in this file: a non-configurable global cannot be put back, and each test file runs in a worker of its own.
test('withoutFetch leaves a fetch that cannot be redefined alone and still loads', () => {
  const fixed = () => 'fixed';
  Object.defineProperty(globalThis, 'fetch', { value: fixed, configurable: false, writable: false });
  expect(withoutFetch(() => globalThis.fetch as unknown)).toBe(fixed);
});
