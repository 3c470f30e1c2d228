// The report's charts: valid SVG (checked by an XML parser) whatever the data, every point inside the plot, and
// axis tops a reader can divide in their head.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type ChartSeries, lineChartSvg, niceCeiling } from '../source/report/svg-chart.ts';
import { seededRandom as random } from './helpers/seeded-random.ts';

const awkward = ['a & b', '<script>', 'quote "x"', "it's", 'ünïcødé ✓', '', '   '];

function randomSeries(next: () => number): ChartSeries[] {
  return Array.from({ length: Math.floor(next() * 4) }, (_, index) => {
    let at = 0;
    return {
      name: awkward[Math.floor(next() * awkward.length)] ?? `s${index}`,
      colour: '#123456',
      points: Array.from({ length: Math.floor(next() * 40) }, () => {
        at += next() * 2;
        const roll = next();
        const value =
          roll < 0.1
            ? Number.NaN
            : roll < 0.15
              ? Number.POSITIVE_INFINITY
              : roll < 0.2
                ? -next()
                : next() ** 3 * 10 ** Math.floor(next() * 7);
        return [at, value] as const;
      }),
    };
  });
}

/** Every number in the path data, as [x, y] pairs. */
/** A chart of one flat series from 0 to `endS` seconds. */
function flatChart(endS: number): Parameters<typeof lineChartSvg>[0] {
  const points: [number, number][] = [
    [0, 1],
    [endS, 1],
  ];
  return { title: 't', unit: '', series: [{ name: 'a', colour: '#000000', points }] };
}

function pathPoints(svg: string): [number, number][] {
  return [...svg.matchAll(/ d="([^"]*)"/g)].flatMap((match) =>
    [...(match[1] ?? '').matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map(
      (point) => [Number(point[1]), Number(point[2])] as [number, number],
    ),
  );
}

describe('line charts as SVG', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`is well-formed XML with every point in the plot (seed ${seed})`, () => {
      const next = random(seed);
      const width = 300 + Math.floor(next() * 700);
      const height = 150 + Math.floor(next() * 300);
      const markers = Array.from({ length: Math.floor(next() * 3) }, () => ({
        at: next() * 60,
        label: awkward[Math.floor(next() * awkward.length)] ?? '',
      }));
      const svg = lineChartSvg({
        title: 'lag & <p99>',
        unit: 'ms',
        series: randomSeries(next),
        markers,
        width,
        height,
      });
      expect(XMLValidator.validate(svg)).toBe(true);
      const root = new XMLParser({ ignoreAttributes: false }).parse(svg).svg;
      expect(root['@_xmlns']).toBe('http://www.w3.org/2000/svg');
      expect(root.title).toBe('lag & <p99>');
      for (const [x, y] of pathPoints(svg)) {
        expect(x).toBeGreaterThanOrEqual(64);
        expect(x).toBeLessThanOrEqual(width - 16);
        expect(y).toBeGreaterThanOrEqual(34);
        expect(y).toBeLessThanOrEqual(height - 34);
      }
    });
  }

  it('breaks a line where a value is missing, rather than drawing through the gap', () => {
    const svg = lineChartSvg({
      title: 't',
      unit: '',
      series: [
        {
          name: 's',
          colour: '#000',
          points: [
            [0, 1],
            [1, 2],
            [2, Number.NaN],
            [3, 2],
            [4, 1],
          ],
        },
      ],
    });
    expect(svg.match(/<path /g)).toHaveLength(2);
  });

  it('ends the time axis at the first tick past the data, with at most six evenly spaced labels', () => {
    const next = random(7);
    for (let index = 0; index < 300; index++) {
      // Under a second of data still reads on a one-second axis.
      const end = Math.max(1, next() * 10 ** (Math.floor(next() * 5) - 1) + 0.01);
      const svg = lineChartSvg({
        title: 't',
        unit: '/s',
        series: [
          {
            name: 'a',
            colour: '#000000',
            points: [
              [0, 1],
              [end, 2],
            ],
          },
        ],
      });
      const ticks = [...svg.matchAll(/>([\d.,]+) s<\/text>/g)].map((match) =>
        Number((match[1] ?? '').replaceAll(',', '')),
      );
      expect(ticks[0]).toBe(0);
      expect(ticks.length, `ticks ${ticks.join(' ')} for ${end} s`).toBeGreaterThanOrEqual(3);
      expect(ticks.length, `ticks ${ticks.join(' ')} for ${end} s`).toBeLessThanOrEqual(6);
      const top = ticks.at(-1) as number;
      const step = ticks[1] as number;
      // Labels are rounded to what they need: compare with a tolerance of their rounding.
      expect(top, `ticks ${ticks.join(' ')} for ${end} s`).toBeGreaterThanOrEqual(end * 0.99 - 0.01);
      expect(top - end, `ticks ${ticks.join(' ')} for ${end} s`).toBeLessThan(step * 1.01 + 0.01);
    }
    // The two-minute recording that read on a 200 s axis.
    const twoMinutes = lineChartSvg(flatChart(121));
    expect([...twoMinutes.matchAll(/>([\d.]+) s<\/text>/g)].map((match) => match[1])).toEqual([
      '0',
      '25',
      '50',
      '75',
      '100',
      '125',
    ]);
  });

  it('labels markers close together on a second row, and leaves out only a label with no room on either', () => {
    const labels = (svg: string) => [...svg.matchAll(/<text x="[\d.]+" y="(\d+)" fill="#444444">([^<]*)</g)];
    const chart = (ats: number[]) =>
      lineChartSvg({
        ...flatChart(120),
        markers: ats.map((at, index) => ({ at, label: `→ marker ${index}` })),
      });
    const apart = chart([10, 60]);
    expect(apart.match(/stroke-dasharray/g)).toHaveLength(2);
    expect(new Set(labels(apart).map((label) => label[1]))).toEqual(new Set(['30']));
    const close = chart([10, 12, 14]);
    expect(close.match(/stroke-dasharray/g)).toHaveLength(3);
    expect(labels(close).map((label) => [label[1], label[2]])).toEqual([
      ['30', '→ marker 0'],
      ['44', '→ marker 1'],
    ]);
    // The plot starts under the second row: no point above it.
    for (const [, y] of pathPoints(close)) expect(y).toBeGreaterThanOrEqual(48);
  });

  it('labels the y axis from 0 to a top of 1, 2, 2.5 or 5 × 10ⁿ at or above the largest value', () => {
    const next = random(99);
    for (let index = 0; index < 500; index++) {
      const value = next() * 10 ** (Math.floor(next() * 12) - 4);
      const top = niceCeiling(value);
      expect(top).toBeGreaterThanOrEqual(value);
      expect(top / value).toBeLessThanOrEqual(2.0000001);
      const mantissa = top / 10 ** Math.floor(Math.log10(top) + 1e-12);
      expect([1, 2, 2.5, 5]).toContainEqual(Number(mantissa.toPrecision(6)));
    }
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(Number.NaN)).toBe(1);
  });
});
