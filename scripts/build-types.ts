// Emits the declarations of the workload contract (source/workload-api.ts and the types it reaches) into
// dist/types, so a workload file can `import type { Workload } from 'concur-tui'`. One source of truth: the
// declarations come from source/engine/types.ts at each build, never from a copy.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
execFileSync(
  path.join(root, 'node_modules/.bin/tsc'),
  [
    '--ignoreConfig',
    '--declaration',
    '--emitDeclarationOnly',
    '--outDir',
    'dist/types',
    '--rootDir',
    '.',
    '--target',
    'es2023',
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--allowImportingTsExtensions',
    '--skipLibCheck',
    '--strict',
    '--types',
    'node',
    'source/workload-api.ts',
  ],
  { cwd: root, stdio: 'inherit' },
);
