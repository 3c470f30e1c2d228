// The built-in workloads' code, as `c` shows it from the package: the build embeds each file of workloads/ as
// written (scripts/embed-workload-sources.ts), since the package ships only dist/.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { workloadSourcesDefine } from '../scripts/embed-workload-sources.ts';
import { builtinWorkloads } from '../workloads/index.ts';

const root = path.resolve(import.meta.dirname, '..');

type BuiltinSources = typeof import('../source/workload-source/builtin-sources.ts');

/** The module that serves the texts, bundled as the build bundles it, in a folder far from workloads/. */
async function bundled(): Promise<BuiltinSources> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'concur-tui-sources-'));
  await build({
    entryPoints: [path.join(root, 'source/workload-source/builtin-sources.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outdir,
    define: workloadSourcesDefine(path.join(root, 'workloads')),
    logLevel: 'silent',
  });
  return import(pathToFileURL(path.join(outdir, 'builtin-sources.js')).href);
}

describe('the built-in workloads embedded in the bundle', () => {
  test('every built-in is embedded exactly as its file in workloads/ reads, comments included', async () => {
    const module = await bundled();
    // Bundled, the texts come from the bundle, never from a disk that the package does not ship.
    expect(module.embeddedSources()).toBeDefined();
    for (const workload of builtinWorkloads) {
      const file = readFileSync(path.join(root, 'workloads', `${workload.name}.ts`), 'utf8');
      expect(module.builtinSource(workload.name), workload.name).toBe(file);
      expect(file).toMatch(/\brun\(/);
      expect(file).toMatch(/\/\/|\/\*\*/);
    }
  });

  test('a name that is no built-in has no code, bundled or not', async () => {
    const module = await bundled();
    for (const name of ['task', 'index', '../package', 'constructor', '__proto__']) {
      expect(module.builtinSource(name), name).toBeUndefined();
    }
    const source = await import('../source/workload-source/builtin-sources.ts');
    for (const name of ['task', 'index', '../package', 'constructor'])
      expect(source.builtinSource(name), name).toBeUndefined();
  });

  test.skipIf(!existsSync(path.join(root, 'dist/main.js')))(
    'the shipped bundle (npm run build) holds the comments of every built-in',
    () => {
      const bundle = readdirSync(path.join(root, 'dist'))
        .filter((file) => file.endsWith('.js'))
        .map((file) => readFileSync(path.join(root, 'dist', file), 'utf8'))
        .join('\n');
      for (const workload of builtinWorkloads) {
        const file = readFileSync(path.join(root, 'workloads', `${workload.name}.ts`), 'utf8');
        // Its longest comment line with nothing a string literal would escape (quotes, backslashes, non-ASCII):
        // code comments never reach a bundle, so it is there as text.
        const comment = file
          .split('\n')
          .filter((line) => /^\s*(\/\/|\*)/.test(line) && /^[ -~]*$/.test(line) && !/['"`\\]/.test(line))
          .sort((a, b) => b.length - a.length)[0];
        expect(comment, workload.name).toBeDefined();
        expect(bundle, workload.name).toContain((comment as string).trim());
      }
    },
  );
});
