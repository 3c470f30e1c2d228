import { describe, expect, test } from 'vitest';
import { modelDescriptors } from '../source/engine/models/model-descriptors.ts';
import { allHints, footerHints, footerLine } from '../source/ui/footer-hints.ts';
import { keyTable } from '../source/ui/key-table.ts';
import { styleSpans } from '../source/ui/spans.ts';

/** Every model's key, in table order: the footer's first chips. */
const modelKeys = modelDescriptors().map((model) => model.key);

const echo = { key: '+', text: 'concurrency 512 → 1,000' };
const notice = { at: 0, level: 'error' as const, message: 'switch to io-http failed: the port is taken' };

function text(options: Parameters<typeof footerLine>[0]): string {
  return styleSpans(footerLine(options), false);
}

describe('footer hints', () => {
  test('the hints are the key table rows that have one, in table order', () => {
    const fromTable = keyTable(5).flatMap((row) =>
      row.footer && !row.footer.inHelp ? [row.footer.chip] : [],
    );
    expect(allHints(5).map((hint) => hint.keys)).toEqual(fromTable);
    expect(allHints(5).map((hint) => hint.keys)).toEqual([
      ...modelKeys,
      '1-5',
      '+/-',
      '[/]',
      'space',
      'r/s',
      't',
      '?',
      'q',
    ]);
  });

  test('a wide footer shows every key with its label', () => {
    expect(footerHints(200, 5).every((hint) => hint.withLabel)).toBe(true);
  });

  test('at 80 columns every key stays: labels go before keys do', () => {
    const hints = footerHints(79, 5);
    expect(hints.map((hint) => hint.keys)).toEqual([
      ...modelKeys,
      '1-5',
      '+/-',
      '[/]',
      'space',
      'r/s',
      't',
      '?',
      'q',
    ]);
    expect(hints.some((hint) => !hint.withLabel)).toBe(true);
  });

  test('a very narrow footer keeps the model keys, help and quit', () => {
    expect(footerHints(20, 5).map((hint) => hint.keys)).toEqual(['a', 'w', '?', 'q']);
  });

  test('the workload keys match the number of workloads', () => {
    expect(allHints(3).find((hint) => hint.label === 'workload')?.keys).toBe('1-3');
  });

  test('with the help open, the footer names its scroll and close keys', () => {
    expect(allHints(5, true).map((hint) => hint.keys)).toEqual(expect.arrayContaining(['↑/↓', 'esc']));
    expect(allHints(5, false).map((hint) => hint.keys)).not.toContain('esc');
  });
});

describe('footer line', () => {
  test.each([40, 60, 79, 99, 119, 139, 219])(
    'at %i columns the echo of the last key shows in full',
    (width) => {
      const line = text({ width, workloadCount: 5, echo });
      expect(line).toContain('+ ▸ concurrency 512 → 1,000');
      expect(line.length).toBeLessThanOrEqual(width);
      for (const key of [' ? ', ' q ']) expect(line).toContain(key);
      // From the full layout's 80 columns, the model keys stay in sight too.
      if (width >= 79) for (const key of [' a ', ' w ']) expect(line).toContain(key);
    },
  );

  test.each([79, 119])('at %i columns a notice shows beside the echo, cut to fit', (width) => {
    const line = text({ width, workloadCount: 5, echo, notice });
    expect(line).toContain('+ ▸ concurrency 512 → 1,000');
    expect(line).toContain('✖ switch to io-http failed');
    expect(line.length).toBeLessThanOrEqual(width);
  });

  test('a notice is coloured by its level', () => {
    const spans = footerLine({ width: 119, workloadCount: 5, notice: { ...notice, level: 'warning' } });
    expect(spans.find((span) => span.text.includes('switch to io-http'))).toMatchObject({ color: 'yellow' });
  });

  test('an echo of a key that hit a limit is a warning', () => {
    const spans = footerLine({
      width: 119,
      workloadCount: 5,
      echo: { key: '+', text: 'concurrency stays 100,000: the highest step', level: 'warning' },
    });
    expect(spans.find((span) => span.text.includes('highest step'))).toMatchObject({ color: 'yellow' });
  });
});
