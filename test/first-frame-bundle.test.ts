import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { expect, test } from 'vitest';
import { bundleOptions } from '../scripts/bundle-options.ts';

const root = path.resolve(import.meta.dirname, '..');

/** Every source file an output needs before it runs: its own and those of the outputs it imports statically. */
function staticInputs(metafile: Metafile, output: string, seen = new Set<string>()): Set<string> {
  if (seen.has(output)) return new Set();
  seen.add(output);
  const entry = metafile.outputs[output];
  const inputs = new Set(Object.keys(entry?.inputs ?? {}));
  for (const imported of entry?.imports ?? []) {
    if (imported.kind !== 'import-statement' || imported.external) continue;
    for (const input of staticInputs(metafile, imported.path, seen)) inputs.add(input);
  }
  return inputs;
}

// The first frame is drawn before Ink, React and Yoga load (source/ui/first-frame.ts): one static import of
// any of them on the way to it (a pane that imports a component, say) would load them all before the frame.
test('the dashboard command reaches its first frame without loading Ink, React, Yoga or poolifier', async () => {
  const result = await build({
    ...bundleOptions,
    entryPoints: { main: 'source/cli/main.ts' },
    outdir: path.join(root, '.bench-tmp', 'first-frame-check'),
    absWorkingDir: root,
    write: false,
    metafile: true,
  });
  const { metafile } = result;
  const command = Object.entries(metafile.outputs).find(
    ([, output]) => output.entryPoint === 'source/cli/dashboard-command.ts',
  );
  expect(command).toBeDefined();
  const inputs = [...staticInputs(metafile, (command as [string, Metafile['outputs'][string]])[0])];
  expect(inputs).toContain('source/ui/first-frame.ts');
  expect(inputs).toContain('source/ui/panes/cpu-pane.tsx');
  const heavy = inputs.filter((input) =>
    /node_modules\/(ink|react|react-reconciler|yoga-layout|poolifier)\//.test(input),
  );
  expect(heavy).toEqual([]);
  // Ink itself is still bundled, for after the first frame.
  expect(Object.keys(metafile.inputs).some((input) => input.startsWith('node_modules/ink/'))).toBe(true);
}, 60_000);

// The first Intl object of a process loads ICU data: 12 ms for a Segmenter, 14-19 ms for a NumberFormat, and
// string-width builds one at load. Made at module level on the way to the first frame, they were a fifth of it.
test.runIf(existsSync(path.join(root, 'dist', 'main.js')))(
  'the built dashboard command and the modules it imports build no Intl object while they load',
  () => {
    const command = readdirSync(path.join(root, 'dist')).find((file) =>
      /^dashboard-command-.*\.js$/.test(file),
    );
    expect(command).toBeDefined();
    const counting = `
      const made = [];
      for (const name of ['Segmenter', 'NumberFormat', 'DateTimeFormat', 'Collator', 'PluralRules', 'ListFormat']) {
        const Original = Intl[name];
        Intl[name] = new Proxy(Original, { construct(target, args) { made.push(name); return Reflect.construct(target, args); } });
      }
      await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist', command as string)).href)});
      process.stdout.write(JSON.stringify(made));
    `;
    const made = execFileSync(process.execPath, ['--input-type=module', '-e', counting], {
      encoding: 'utf8',
    });
    expect(JSON.parse(made)).toEqual([]);
  },
);
