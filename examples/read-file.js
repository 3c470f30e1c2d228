// Reads a file with fs.promises.readFile (default) or readFileSync (--sync 1). The file is written once to the
// system's temporary folder and then comes from the page cache, so this measures the calls, not the disk.
// readFile reads in chunks on libuv's thread pool; readFileSync copies on the calling thread.
// concur-tui --workload ./examples/read-file.js
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The path of a file of `kilobytes`, written once per machine (whichever thread or process comes first). */
function fileOf(kilobytes) {
  const path = join(tmpdir(), `concur-tui-example-${kilobytes}k.bin`);
  if (!existsSync(path) || statSync(path).size !== kilobytes * 1024) {
    const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(temporary, Buffer.alloc(kilobytes * 1024, 'concur-tui '));
    // A rename is atomic: a thread reading the file never sees it half written.
    renameSync(temporary, path);
  }
  return path;
}

const paths = new Map();

function pathOf(kilobytes) {
  let path = paths.get(kilobytes);
  if (path === undefined) {
    path = fileOf(kilobytes);
    paths.set(kilobytes, path);
  }
  return path;
}

/** @type {import('concur-tui').Workload} */
export default {
  name: 'read-file',
  kind: 'io',
  description: 'Reads a cached file: readFile runs on libuv threads, readFileSync (--sync 1) on the caller',
  knobs: [
    {
      name: 'size',
      description: 'Size of the file each task reads',
      unit: 'KB',
      default: 4096,
      min: 1,
      max: 262_144,
    },
    {
      name: 'sync',
      description: '1 uses readFileSync (blocks its thread), 0 the asynchronous readFile',
      unit: '',
      default: 0,
      min: 0,
      max: 1,
    },
  ],
  run(input) {
    const path = pathOf(input.knobs.size);
    if (input.knobs.sync >= 1) return readFileSync(path).length;
    return readFile(path).then((contents) => contents.length);
  },
};
