// The built binary as a process: which Node it runs on, how it ends, and what it does with a closed or full
// stdout. The failure modes are a SyntaxError on old Node, a stack trace on a closed pipe, and a prompt that
// comes back 15-60 s late, so the time bounds below are loose on purpose.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Script } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { hasTmux, TerminalSession } from './helpers/tmux.ts';

const cli = path.resolve(import.meta.dirname, '../dist/cli.js');
const built = existsSync(cli);

/** A Node older than `engines` on this machine's PATH, if there is one (the repo brings its own, newer one). */
const oldNode = (() => {
  const found = spawnSync('which', ['-a', 'node'], { encoding: 'utf8' }).stdout ?? '';
  return found
    .split('\n')
    .filter((candidate) => candidate !== '' && !candidate.includes('node_modules'))
    .find((candidate) => {
      const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout ?? '';
      return Number(/^v(\d+)/.exec(version)?.[1] ?? 99) < 22;
    });
})();

type Ended = { code: number | null; stdout: string; stderr: string; wallMs: number };

/** Runs the binary; `closeStdout` closes the reading end of its stdout pipe before it writes anything. */
function run(args: string[], options: { closeStdout?: boolean; stdoutFd?: number } = {}): Promise<Ended> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, ...args], {
    stdio: ['ignore', options.stdoutFd ?? 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  if (options.closeStdout) child.stdout?.destroy();
  else child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr, wallMs: performance.now() - started }));
  });
}

const benchArgs = ['bench', '--models', 'async', '--duration', '0.2', '--warmup', '0'];

describe.runIf(built)('the entry', () => {
  it('parses as a plain script, so an old Node reaches its version check', () => {
    const source = readFileSync(cli, 'utf8');
    expect(source).toMatch(/^#!\/usr\/bin\/env -S (GLIBC_TUNABLES=\S+ )?node --max-semi-space-size=\d+\n/);
    expect(() => new Script(source.replace(/^#!.*\n/, ''))).not.toThrow();
    expect(source).not.toMatch(/\?\.|\?\?|import\.meta|^\s*import\s/m);
  });

  it('runs the command line on the Node that engines asks for', () => {
    expect(packageJson.engines.node).toBe('>=22');
    expect(execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' })).toBe(
      `${packageJson.version}\n`,
    );
  });

  it.runIf(oldNode)('says in one line which Node it needs on an old one, and exits 1', () => {
    const result = spawnSync(oldNode as string, [cli, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^concur-tui needs Node\.js 22 or newer; this is Node\.js \d+\.\d+\.\d+ \(.+\)\n$/,
    );
  });

  it.runIf(oldNode)('does the same through its shebang with the old Node first on PATH', () => {
    const result = spawnSync(cli, ['--help'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${path.dirname(oldNode as string)}:${process.env.PATH}` },
    });
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).toMatch(/needs Node\.js 22 or newer/);
  });
});

describe.runIf(built)('a closed or full stdout', () => {
  it.each([
    ['--help', ['--help']],
    ['bench', benchArgs],
    ['bench --json', [...benchArgs, '--json']],
  ])('%s into a closed pipe ends quietly with exit 0', async (_name, args) => {
    const ended = await run(args, { closeStdout: true });
    expect(ended.code).toBe(0);
    expect(ended.stderr).not.toMatch(/Error|EPIPE|\n\s+at /);
  });

  it.runIf(existsSync('/dev/full')).each([
    ['--help', ['--help']],
    ['bench --json', [...benchArgs, '--json']],
  ])('%s into a full device says so in one line and exits 1', async (_name, args) => {
    const ended = await run(args, { stdoutFd: openSync('/dev/full', 'w') });
    expect(ended.code).toBe(1);
    expect(ended.stderr).toMatch(/(^|\n)concur-tui: cannot write the output: ENOSPC[^\n]*\n$/);
    expect(ended.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.runIf(built)('bench wall time', () => {
  it('matches what bench reports even when tasks wait on 15 s timers', async () => {
    const ended = await run([
      'bench',
      ...['-w', 'io-timer', '--latency', '15000', '--models', 'async', '--duration', '0.5', '--warmup', '0'],
    ]);
    expect(ended.code).toBe(0);
    const reported = Number(/finished in ([\d.]+) s/.exec(ended.stdout)?.[1]);
    expect(reported).toBeGreaterThan(0.4);
    expect(ended.wallMs).toBeLessThan(reported * 1000 + 3000);
    expect(ended.wallMs).toBeLessThan(8000);
  });
});

describe.runIf(built && hasTmux)('quitting the dashboard', () => {
  const sessions: TerminalSession[] = [];
  afterEach(() => {
    for (const session of sessions.splice(0)) {
      for (const pid of session.processes()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      session.close();
    }
  });

  it.each([
    ['q', (session: TerminalSession) => session.press('q'), 0],
    ['SIGTERM', (session: TerminalSession) => process.kill(session.programPid() as number, 'SIGTERM'), 143],
  ])(
    'on %s exits within seconds while tasks wait on 60 s timers, and leaves the scoreboard in the terminal',
    async (_name, quit, code) => {
      const session = new TerminalSession(['-w', 'io-timer', '--latency', '60000'], {
        columns: 120,
        rows: 40,
      });
      sessions.push(session);
      // Quit once tasks wait on their timers (the first frame comes before any task starts).
      await session.waitForScreen(/▶ [1-9][\d,]* running/, 'tasks waiting on their timers');
      const started = performance.now();
      quit(session);
      expect(await session.waitForExit(5000)).toBe(code);
      expect(performance.now() - started).toBeLessThan(4000);
      expect(session.paneFlag('alternate_on')).toBe('0');
      const screen = session.screen();
      expect(screen).toMatch(/^concur-tui scoreboard · \d+:\d\d · /m);
      // The settings as the engine reports the configuration (knobs and load come from its scoreboard row).
      expect(screen).toMatch(/^io-timer( \(latency [\d,]+ ms, retain \d+ KB\))? · concurrency [\d,]+$/m);
      expect(screen).toMatch(/^async +\d[\d,.]*\/s +\d[\d,.]*\/s +— +— /m);
    },
  );
});
