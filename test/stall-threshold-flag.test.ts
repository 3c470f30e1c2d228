import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../source/cli/parse-args.ts';
import { Engine } from '../source/engine/engine.ts';

function usageErrorOf(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`${JSON.stringify(argv)} was accepted`);
}

describe('--stall-threshold', () => {
  it('sets the stall threshold of the dashboard and of bench, in ms', () => {
    expect(parseCommandLine(['--stall-threshold', '50'])).toMatchObject({ stallThresholdMs: 50 });
    expect(parseCommandLine(['bench', '--stall-threshold=12.5'])).toMatchObject({ stallThresholdMs: 12.5 });
  });

  it('leaves the engine its default when absent', () => {
    expect(parseCommandLine([])).not.toHaveProperty('stallThresholdMs');
  });

  it.each(['0', '-5', 'x', '1e3', '60001', ''])('refuses %j in one line naming the range', (value) => {
    const message = usageErrorOf(['--stall-threshold', value]);
    expect(message).toMatch(/^--stall-threshold (takes a number from 1 to 60000 ms|needs a value)/);
    expect(message).not.toContain('\n');
  });

  it('reaches the engine, whose snapshots carry the threshold with the stalls', async () => {
    const command = parseCommandLine(['--stall-threshold', '35', '--paused']);
    if (command.command !== 'dashboard') throw new Error('expected the dashboard');
    const { color: _color, watch: _watch, command: _command, ...options } = command;
    const engine = new Engine(options);
    try {
      await engine.start();
      expect(engine.snapshotNow().stalls?.thresholdMs).toBe(35);
    } finally {
      await engine.stop();
    }
  });
});
