// Compresses a buffer with zlib: gzip (default) runs on libuv's thread pool, gzipSync (--sync 1) on the caller.
// concur-tui --workload ./examples/gzip.js
import { gzip, gzipSync } from 'node:zlib';

/** Text that compresses like a log file: repetitive lines with changing numbers. */
function logLines(kilobytes) {
  const lines = [];
  let length = 0;
  for (let line = 0; length < kilobytes * 1024; line++) {
    const text = `2026-12-01T12:${String(line % 60).padStart(2, '0')}:00Z GET /api/orders/${(line * 7919) % 100_000} 200 ${line % 997} ms\n`;
    lines.push(text);
    length += text.length;
  }
  return Buffer.from(lines.join(''));
}

const inputs = new Map();

function inputOf(kilobytes) {
  let buffer = inputs.get(kilobytes);
  if (buffer === undefined) {
    buffer = logLines(kilobytes);
    inputs.set(kilobytes, buffer);
  }
  return buffer;
}

/** @type {import('concur-tui').Workload} */
export default {
  name: 'gzip',
  kind: 'cpu',
  description: 'zlib compression: gzip runs on libuv threads, gzipSync (--sync 1) on the calling thread',
  knobs: [
    {
      name: 'size',
      description: 'Kilobytes of log text each task compresses',
      unit: 'KB',
      default: 1024,
      min: 1,
      max: 65_536,
    },
    {
      name: 'sync',
      description: '1 uses gzipSync (blocks its thread), 0 the asynchronous gzip',
      unit: '',
      default: 0,
      min: 0,
      max: 1,
    },
  ],
  run(input) {
    const buffer = inputOf(input.knobs.size);
    if (input.knobs.sync >= 1) return gzipSync(buffer).length;
    return new Promise((resolve, reject) => {
      gzip(buffer, (error, compressed) => {
        if (error) reject(error);
        else resolve(compressed.length);
      });
    });
  },
};
