// `concur-tui report run.ndjson -o report.md` on a real recording: the report's scoreboard is the recording's
// last, its charts valid and linked, and a bad recording or an unwritable output is one line with exit code 2.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../source/cli/run-command.ts';
import { Engine } from '../source/engine/engine.ts';
import type { Snapshot } from '../source/engine/types.ts';
import { readRecording } from '../source/record/read-recording.ts';
import { RecordingHandle } from '../source/record/recording-handle.ts';
import { expectReportedRows } from './helpers/report-rows.ts';
import { waitFor } from './helpers/wait-for.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'concur-tui-report-command-'));
const recordingFile = path.join(folder, 'talk run.ndjson');

beforeAll(async () => {
  const engine = new Engine({ workload: 'io-timer', knobs: { latency: 5 }, concurrency: 20, threads: 1 });
  const handle = new RecordingHandle(engine, { file: recordingFile, version: '0.0.0-test' });
  const published: Snapshot[] = [];
  engine.subscribe((snapshot) => published.push(snapshot));
  try {
    await engine.start();
    await waitFor(() => published.length >= 6, { what: 'six windows on async' });
    handle.dispatch({ type: 'switchModel', model: 'workers' });
    await waitFor(() => published.length >= 12, { what: 'six windows on workers' });
    await handle.close();
  } finally {
    await engine.stop();
  }
}, 30_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(argv, {
    version: '0.0.0',
    cwd: folder,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

describe('concur-tui report', () => {
  it('writes the recording as Markdown whose scoreboard is the one the recording ended with', async () => {
    const output = path.join(folder, 'report.md');
    const { code, stdout, stderr } = await run(['report', recordingFile, '-o', output]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^report written to .*report\.md with 3 charts beside it\n$/);
    const markdown = readFileSync(output, 'utf8');
    const recording = await readRecording(recordingFile);
    expectReportedRows(markdown, (recording.frames.at(-1) as Snapshot).scoreboard);
    expect(markdown).toMatch(/^# concur-tui recording: talk run\.ndjson$/m);
    expect(markdown).toMatch(/1 model switch\.$/m);
    const links = [...markdown.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => decodeURI(match[1] ?? ''));
    expect(links).toEqual(['report-lag.svg', 'report-throughput.svg', 'report-cpu.svg']);
    for (const link of links) {
      const svg = readFileSync(path.join(folder, link), 'utf8');
      expect(XMLValidator.validate(svg), link).toBe(true);
      expect(svg).toContain('→ workers');
    }
  }, 30_000);

  it('names the report after the recording when -o is left out', async () => {
    const { code } = await run(['report', recordingFile]);
    expect(code).toBe(0);
    expect(existsSync(path.join(folder, 'talk run.md'))).toBe(true);
  });

  it('follows a link to the file it names and writes the charts beside that file, so the links hold', async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'concur-tui-report-target-'));
    try {
      const real = path.join(elsewhere, 'out.md');
      writeFileSync(real, '');
      const link = path.join(folder, 'linked.md');
      symlinkSync(real, link);
      const { code, stdout } = await run(['report', recordingFile, '-o', link]);
      expect(code).toBe(0);
      expect(stdout).toBe(`report written to ${real} with 3 charts beside it\n`);
      expect(readFileSync(real, 'utf8')).toMatch(/!\[[^\]]*\]\(out-lag\.svg\)/);
      expect(existsSync(path.join(elsewhere, 'out-lag.svg'))).toBe(true);
      expect(existsSync(path.join(folder, 'linked-lag.svg'))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('writes -o /dev/stdout sent to a file as that file, and refuses it sent to a pipe or /dev/null', async () => {
    const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
    const shell = (redirect: string) =>
      spawnSync(
        'sh',
        ['-c', `"$0" "$1" report "$2" -o /dev/stdout ${redirect}`, process.execPath, cli, recordingFile],
        {
          cwd: folder,
          encoding: 'utf8',
        },
      );
    const out = path.join(folder, 'piped.md');
    const toFile = shell(`> '${out}'`);
    expect(toFile.status).toBe(0);
    // The line saying where is not written into the report, over its start.
    expect(toFile.stderr).toBe(`report written to ${out} with 3 charts beside it\n`);
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toMatch(/^# concur-tui recording: talk run\.ndjson\n/);
    expect(markdown).not.toContain('report written to');
    expect(existsSync(path.join(folder, 'piped-lag.svg'))).toBe(true);
    // Without a redirection, stdout is the pipe spawnSync reads.
    for (const redirect of ['', '> /dev/null']) {
      const refused = shell(redirect);
      expect(refused.status, redirect).toBe(2);
      expect(refused.stderr, redirect).toMatch(
        /^concur-tui: cannot write the report \/dev\/stdout: it is not a file /,
      );
    }
  });

  it('refuses a bad recording or an output it cannot write, in one line with exit code 2', async () => {
    const notRecording = path.join(folder, 'notes.ndjson');
    writeFileSync(notRecording, '{"hello": 1}\n');
    const cases: [string[], RegExp][] = [
      [
        ['report', path.join(folder, 'missing.ndjson')],
        /^concur-tui: cannot read .*missing\.ndjson: no such file\n$/,
      ],
      [['report', notRecording, '-o', path.join(folder, 'n.md')], /^concur-tui: notes\.ndjson line 1: .*\n$/],
      [
        ['report', recordingFile, '-o', path.join(folder, 'nowhere', 'r.md')],
        /^concur-tui: cannot write the report .*: no folder /,
      ],
      [['report'], /^concur-tui: report needs a recording/],
      [
        ['report', recordingFile, '--json'],
        /^concur-tui: report takes a recording and -o only, not --json\n$/,
      ],
      [['bench', '-o', 'x.md'], /^concur-tui: -o, --output is for report/],
    ];
    for (const [argv, says] of cases) {
      const { code, stderr } = await run(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr, argv.join(' ')).toMatch(says);
    }
  });
});
