import { describe, expect, test } from 'vitest';
import { helpText } from '../source/cli/help.ts';
import { rowKeyLabels } from '../source/ui/key-labels.ts';
import { keyTable } from '../source/ui/key-table.ts';
import { builtinWorkloads } from '../workloads/index.ts';

const keysSection = (() => {
  const text = helpText();
  const start = text.indexOf('Keys (dashboard');
  return text.slice(start, text.indexOf('\n\n', start));
})();

describe('--help keys', () => {
  test('every row of the key table is listed with its keys and what it does', () => {
    const flat = keysSection.replace(/\s+/g, ' ');
    for (const row of keyTable(builtinWorkloads.length)) {
      expect(flat).toContain(`${rowKeyLabels(row).join(', ')} `);
      expect(flat).toContain(row.does);
    }
  });

  test('it says letters work in either case', () => {
    expect(keysSection).toContain('letters work in either case');
  });

  test('the keys fit an 80-column terminal', () => {
    for (const line of keysSection.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});
