import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Piscina as OriginalPiscina } from 'piscina';
import { afterAll, expect, test } from 'vitest';
import { originalPiscina, Piscina } from '../source/bundle-swaps/piscina.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'piscina-swap-'));
const workerFile = path.join(folder, 'double.mjs');
writeFileSync(workerFile, 'export default (value) => value * 2;\n');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('the lazy Piscina loads the very class the package exports', () => {
  expect(originalPiscina()).toBe(OriginalPiscina);
});

test('the lazy Piscina constructs a real pool that runs tasks', async () => {
  const pool = new Piscina<number, number>({ filename: workerFile, minThreads: 1, maxThreads: 1 });
  try {
    expect(pool).toBeInstanceOf(OriginalPiscina);
    expect(pool).toBeInstanceOf(Piscina);
    expect(await pool.run(21)).toBe(42);
  } finally {
    await pool.destroy();
  }
});

test('the lazy Piscina forwards statics and the prototype to the original', () => {
  expect(Piscina.isWorkerThread).toBe(OriginalPiscina.isWorkerThread);
  expect(Piscina.version).toBe(OriginalPiscina.version);
  expect(Piscina.prototype).toBe(OriginalPiscina.prototype);
  expect('move' in Piscina).toBe('move' in OriginalPiscina);
});
