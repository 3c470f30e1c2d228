// A reading that throws (EMFILE from process.memoryUsage, /proc gone, a service in trouble) must not end the
// process it watches, nor the dashboard: the last good reading stands in, and the failure is told to `failed`.

/** `read()`, or `lastGood` when it throws (the error goes to `failed`). */
export function readOrKeep<Reading>(
  read: () => Reading,
  lastGood: Reading,
  failed: (error: unknown) => void,
): Reading {
  try {
    return read();
  } catch (error) {
    failed(error);
    return lastGood;
  }
}
