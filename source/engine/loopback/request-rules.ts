// What the loopback server accepts in a request, as pure functions.
import { maxLatencyMs } from './loopback-context.ts';

const latencyParameter = /[?&]latency=([^&]*)/;

/** Latency (ms) asked for in a request path, e.g. `/?latency=50`; 0 when absent, NaN when malformed or too long. */
export function parseLatency(path: string | undefined): number {
  const match = latencyParameter.exec(path ?? '');
  if (match === null) return 0;
  const latency = Number(match[1]);
  return match[1] === '' || !Number.isFinite(latency) || latency < 0 || latency > maxLatencyMs
    ? Number.NaN
    : latency;
}

/** Compares in time independent of where the strings differ, so the secret cannot be guessed byte by byte. */
export function sameSecret(given: unknown, secret: string): boolean {
  if (typeof given !== 'string' || given.length !== secret.length) return false;
  let difference = 0;
  for (let index = 0; index < secret.length; index++) {
    difference |= given.charCodeAt(index) ^ secret.charCodeAt(index);
  }
  return difference === 0;
}
