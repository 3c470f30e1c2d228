// `bench --report`: a real bench's results as Markdown with SVG charts, the numbers the same as the bench's own
// table, every chart valid and linked, and a path that cannot be written refused before the bench runs.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBenchTable } from '../source/bench/format-bench.ts';
import { type BenchResult, runBench } from '../source/bench/run-bench.ts';
import { runCommand } from '../source/cli/run-command.ts';
import { benchReport } from '../source/report/bench-report.ts';
import { writeBenchReport } from '../source/report/write-report.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'concur-tui-report-'));
let result: BenchResult;

beforeAll(async () => {
  result = await runBench({
    workload: 'cpu',
    knobs: { size: 2000 },
    models: ['async', 'workers'],
    threads: 2,
    concurrency: 4,
    duration: 1.5,
    warmup: 0.5,
    sweep: { threads: [1, 2] },
  });
}, 60_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The cells of a Markdown table's body rows. */
function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| model') && !line.startsWith('| ---'))
    .map((line) => line.slice(2, -2).split(' | '));
}

describe('the bench report', () => {
  it('holds the numbers the bench printed, model by model', () => {
    const { markdown } = benchReport(result, 'report.md');
    const table = formatBenchTable(result);
    const rows = tableRows(markdown);
    expect(rows.map((cells) => cells[0])).toEqual(['async', 'workers (2 threads)']);
    for (const cells of rows) {
      // The same row in the printed table: the model, then the same numbers in the same order.
      const printed = table.split('\n').find((line) => line.startsWith(cells[0] as string));
      expect(printed, `no printed row for ${cells[0]}`).toBeDefined();
      const numbers = cells.slice(1).filter((cell) => cell !== '');
      expect(
        printed
          ?.slice((cells[0] as string).length)
          .trim()
          .split(/\s{2,}/),
      ).toEqual(numbers);
    }
    expect(markdown).toContain(`**${result.verdict.line}**`);
    expect(markdown).toMatch(/workers \(2 threads\) vs async: throughput [\d.]+× (higher|lower)/);
    // Computing on the loop is what async cpu is told; the report keeps the advice that fired.
    const fired = (result.courses ?? []).flatMap((course) => course.advice.map((advice) => advice.rule));
    if (fired.length > 0) expect(markdown).not.toContain('None fired.');
  });

  it('charts every model over its run in valid SVG, one point per window', () => {
    const { charts } = benchReport(result, 'report.md');
    expect(charts.map((chart) => chart.name)).toEqual([
      'report-lag.svg',
      'report-throughput.svg',
      'report-cpu-async.svg',
      'report-cpu-workers.svg',
    ]);
    for (const chart of charts) expect(XMLValidator.validate(chart.content), chart.name).toBe(true);
    const lag = charts[0]?.content ?? '';
    const windows = (result.courses ?? []).reduce((sum, course) => sum + course.history.length, 0);
    expect(windows).toBeGreaterThan(4);
    expect([...lag.matchAll(/[ML][\d.]+ [\d.]+/g)]).toHaveLength(windows);
    expect(lag).toContain('measured from here');
  });

  it('writes the Markdown and the charts it links to', async () => {
    const file = path.join(folder, 'run report.md');
    expect(await writeBenchReport(result, file)).toEqual({
      written: true,
      line: expect.stringMatching(/^report written to .* with 4 charts beside it$/),
    });
    const markdown = readFileSync(file, 'utf8');
    const links = [...markdown.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => decodeURI(match[1] ?? ''));
    expect(links).toHaveLength(4);
    for (const link of links) expect(existsSync(path.join(folder, link)), link).toBe(true);
  });

  it('refuses a path it cannot write, in one line with exit code 2, before running anything', async () => {
    const readOnly = path.join(folder, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    const cases = [
      [
        path.join(folder, 'no-such-folder', 'r.md'),
        /^concur-tui: cannot write the report .*: no folder .*\n$/,
      ],
      [folder, /^concur-tui: cannot write the report .*: it is a folder\n$/],
      // Its charts would go beside it: /dev/stdout-lag.svg.
      ['/dev/stdout', /^concur-tui: cannot write the report \/dev\/stdout: it is not a file .*\n$/],
      ['/dev/null', /^concur-tui: cannot write the report \/dev\/null: it is not a file .*\n$/],
      ...(process.getuid?.() === 0
        ? []
        : [[path.join(readOnly, 'r.md'), /: .* is not writable\n$/] as const]),
    ] as const;
    for (const [file, says] of cases) {
      let stderr = '';
      const startedAt = performance.now();
      const code = await runCommand(['bench', '--report', file], {
        version: '0.0.0',
        stdout: { write: () => true },
        stderr: { write: (text: string) => (stderr += text) },
      });
      expect(code).toBe(2);
      expect(stderr).toMatch(says);
      // Before the bench: a bench of every model takes many seconds.
      expect(performance.now() - startedAt).toBeLessThan(2000);
    }
  });

  it('refuses --report /dev/stdout when stdout is a file: the table goes there, and would land over the report', () => {
    const out = path.join(folder, 'table-and-report.md');
    const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
    const startedAt = performance.now();
    const bench = spawnSync(
      'sh',
      ['-c', `"$0" "$1" bench -w io-timer --report /dev/stdout > '${out}'`, process.execPath, cli],
      {
        encoding: 'utf8',
      },
    );
    expect(bench.status).toBe(2);
    expect(bench.stderr).toBe(
      "concur-tui: cannot write the report /dev/stdout: the bench's table goes there (stdout); give the report a file of its own\n",
    );
    expect(readFileSync(out, 'utf8')).toBe('');
    expect(performance.now() - startedAt).toBeLessThan(5000);
  });

  it('fails the command with exit code 1 when the report cannot be written after the bench ran', async () => {
    const gone = path.join(folder, 'removed-while-running');
    mkdirSync(gone);
    let stderr = '';
    const code = await runCommand(
      [
        'bench',
        '-w',
        'io-timer',
        '--models',
        'async',
        '-d',
        '0.3',
        '--warmup',
        '0',
        '--sweep',
        'threads=1',
      ].concat(['--report', path.join(gone, 'r.md')]),
      {
        version: '0.0.0',
        stdout: { write: () => true },
        stderr: {
          write: (text: string) => {
            // The path was checked; the bench starts: the folder goes while it runs.
            if (text.startsWith('running')) rmSync(gone, { recursive: true });
            stderr += text;
            return true;
          },
        },
      },
    );
    expect(stderr).toMatch(/concur-tui: could not write the report .*r\.md: ENOENT/);
    expect(code).toBe(1);
  }, 30_000);
});
