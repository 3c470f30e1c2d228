// Reads the numbers a user reads off the dashboard, from a captured terminal screen: the header's settings, the
// scoreboard (its title, rows, verdict and earlier settings), the EVENT LOOP, TASKS and WORKER POOL panes.
// Numbers keep the units the screen prints them with ("7,120/s", "486 ms", "5.9 s", "0:07").

import { modelNames } from '../../source/engine/models/model-descriptors.ts';
import type { ModelName } from '../../source/engine/types.ts';

/** "7,120/s" → 7120, "38.4/s" → 38.4, "1.2 k/s" → 1200; undefined for "—" or anything else. */
export function parseRate(text: string): number | undefined {
  const match = /^(\d[\d,]*(?:\.\d+)?) ?(k|M)?\/s$/.exec(text.trim());
  if (!match) return undefined;
  const scale = match[2] === 'k' ? 1e3 : match[2] === 'M' ? 1e6 : 1;
  return parseCount(match[1] as string) * scale;
}

const msPer: Record<string, number> = { ms: 1, s: 1000, min: 60_000 };

/** "0.42 ms" → 0.42, "486 ms" → 486, "5.9 s" → 5900, "2.0 min" → 120000; undefined for "—". */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d[\d,]*(?:\.\d+)?) (ms|s|min)$/.exec(text.trim());
  return match ? parseCount(match[1] as string) * (msPer[match[2] as string] as number) : undefined;
}

/** "0:07" → 7000, "12:34" → 754000, "1:02:03" → 3723000 (milliseconds). */
export function parseElapsed(text: string): number | undefined {
  if (!/^\d+(?::\d\d){1,2}$/.test(text.trim())) return undefined;
  return (
    text
      .trim()
      .split(':')
      .reduce((total, part) => total * 60 + Number(part), 0) * 1000
  );
}

/** "1,000" → 1000, "0.07" → 0.07. */
export function parseCount(text: string): number {
  return Number(text.replaceAll(',', ''));
}

/** One line of the scoreboard: a model at the current settings, or an earlier configuration. */
export type BoardRow = {
  model: ModelName;
  /** Marked ▶: the model running now. */
  running: boolean;
  /** Has numbers (neither settling nor "not run at these settings"). */
  counting: boolean;
  /** Has numbers and no note that leaves it out of the comparison ("…, not compared"). */
  compared: boolean;
  /** Tasks done per second. */
  throughput?: number;
  failureRate?: number;
  /** Milliseconds, undefined when the screen shows "—". */
  latencyP99?: number;
  lagP99?: number;
  cores?: number;
  /** How long the row has been measured, in milliseconds (whole seconds on screen). */
  ranMs?: number;
  /** The columns whose best this row is (★). */
  stars: string[];
  /** What follows the columns: a note ("settling: …", "⚠ overlapping") or, for an earlier row, its difference. */
  rest: string;
  /** The whole line, for messages. */
  line: string;
};

export type Scoreboard = {
  workload: string;
  /** "N in flight" of the title; undefined with an open loop. */
  inFlight?: number;
  /** Everything the title says about the settings, e.g. "io-http · 1,000 in flight · 2 worker threads · latency 50 ms". */
  settings: string;
  /** The rows above the verdict: one per model, at the settings of the title. */
  current: BoardRow[];
  /** The verdict's first line, without "⇒ ". */
  verdict?: string;
  /** The rows under "earlier settings, not compared". */
  earlier: BoardRow[];
  /** How many more earlier rows did not fit ("… N more"). */
  earlierHidden: number;
};

export type DashboardScreen = {
  /** The header's settings: "cpu · concurrency 8 · pool 2". */
  header?: { workload: string; concurrency?: number; pool: number };
  scoreboard?: Scoreboard;
  /** The EVENT LOOP pane: lag in milliseconds and ELU as a share 0…1. */
  eventLoop?: { lagP50: number; lagP99: number; lagMax: number; utilization?: number };
  /** The TASKS pane: counts and the current rate (undefined when it shows "—/s"). */
  tasks?: { done: number; running: number; queued: number; rate?: number };
  /** The WORKER POOL pane's busy threads, when it shows them. */
  pool?: { busy: number; threads: number; queue?: number };
  text: string;
};

/** Column titles as the scoreboard's header line prints them, in the field each fills. */
const columnFields = {
  throughput: 'throughput',
  failed: 'failureRate',
  'latency p99': 'latencyP99',
  'lag p99': 'lagP99',
  cores: 'cores',
  ran: 'ranMs',
} as const;
type ColumnTitle = keyof typeof columnFields;

/** A cell's value: a rate, a duration, cores, an elapsed time or "—", with its ★ if it has one. */
const cellPattern =
  /^\s*(—|\d[\d,]*(?:\.\d+)? ?[kM]?\/s|\d[\d,]*(?:\.\d+)? (?:ms|s|min)|\d+(?::\d\d){1,2}|\d+\.\d)( ★)?/;

function strip(line: string): string {
  // The frame of a framed pane, and the rule of an unframed title.
  return line
    .replace(/^║ ?/, '')
    .replace(/\s*║\s*$/, '')
    .trimEnd();
}

function columnsOf(header: string): ColumnTitle[] {
  const titles = Object.keys(columnFields) as ColumnTitle[];
  return titles
    .map((title) => ({ title, at: header.search(new RegExp(`(^|\\s)${title}(\\s|$)`)) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ title }) => title);
}

function rowOf(line: string, columns: readonly ColumnTitle[]): BoardRow | undefined {
  const match = /^([▶❚])?\s*([A-Z]+)( ⚠)?(?=\s|$)(.*)$/.exec(line.trimStart());
  if (!match) return undefined;
  const [, mark, name, , after] = match;
  const model = (name ?? '').toLowerCase() as ModelName;
  if (!modelNames().includes(model)) return undefined;
  const row: BoardRow = {
    model,
    running: mark === '▶',
    counting: false,
    compared: false,
    stars: [],
    rest: '',
    line,
  };
  let rest = after ?? '';
  const values: Partial<Record<ColumnTitle, string>> = {};
  for (const title of columns) {
    const cell = cellPattern.exec(rest);
    if (!cell) break;
    values[title] = cell[1] as string;
    if (cell[2]) row.stars.push(title);
    rest = rest.slice(cell[0].length);
  }
  row.rest = rest.trim();
  if (values.throughput === undefined) return row;
  row.counting = true;
  row.compared = !/not compared/.test(row.rest);
  row.throughput = parseRate(values.throughput);
  if (values.failed !== undefined) row.failureRate = parseRate(values.failed);
  if (values['latency p99'] !== undefined) row.latencyP99 = parseDuration(values['latency p99']);
  if (values['lag p99'] !== undefined) row.lagP99 = parseDuration(values['lag p99']);
  if (values.cores !== undefined && values.cores !== '—') row.cores = Number(values.cores);
  if (values.ran !== undefined) row.ranMs = parseElapsed(values.ran);
  return row;
}

function scoreboardOf(lines: readonly string[]): Scoreboard | undefined {
  const titleAt = lines.findIndex((line) => /SCOREBOARD {2}/.test(line));
  if (titleAt < 0) return undefined;
  const title = /SCOREBOARD {2}(.+?)(?: ─+)?$/.exec(strip(lines[titleAt] as string).replace(/^─ /, ''));
  const settings = (title?.[1] ?? '').trim();
  const inFlight = /(?:^| · )(\d[\d,]*) in flight(?: · |$)/.exec(settings);
  const board: Scoreboard = {
    workload: settings.split(' · ')[0] ?? '',
    inFlight: inFlight ? parseCount(inFlight[1] as string) : undefined,
    settings,
    current: [],
    earlier: [],
    earlierHidden: 0,
  };
  let columns: ColumnTitle[] = [];
  let section: 'current' | 'earlier' = 'current';
  const framed = (lines[titleAt] as string).startsWith('║');
  for (const raw of lines.slice(titleAt + 1)) {
    // A framed pane ends at its frame; an unframed one where the next pane's title starts.
    if (framed ? !raw.startsWith('║') : /^ \S/.test(raw)) break;
    const line = strip(raw);
    if (/^model\s+throughput/.test(line)) {
      columns = columnsOf(line);
      continue;
    }
    const verdict = /^⇒ (.*)$/.exec(line);
    if (verdict) {
      board.verdict ??= (verdict[1] as string).trim();
      continue;
    }
    if (line.startsWith('earlier settings, not compared')) {
      section = 'earlier';
      continue;
    }
    const more = /^\s*… (\d[\d,]*) more/.exec(line);
    if (more) {
      board.earlierHidden = parseCount(more[1] as string);
      continue;
    }
    const row = columns.length > 0 ? rowOf(line, columns) : undefined;
    if (!row) continue;
    // Earlier settings are never compared, whatever they show.
    if (section === 'earlier') row.compared = false;
    board[section].push(row);
  }
  return board;
}

/** Parses a screen of the dashboard as `tmux capture-pane -p` prints it. */
export function parseDashboard(text: string): DashboardScreen {
  const lines = text.split('\n');
  const screen: DashboardScreen = { text };
  const header = /(\S+)(?: \(\w+\))? · (?:concurrency (\d[\d,]*)|rate [^·]+) · pool (\d+) · ⏱/.exec(text);
  if (header) {
    screen.header = {
      workload: header[1] as string,
      concurrency: header[2] ? parseCount(header[2]) : undefined,
      pool: Number(header[3]),
    };
  }
  screen.scoreboard = scoreboardOf(lines);
  const lag = /lag ms\s+p50 ([\d,.]+)\s+p99 ([\d,.]+)\s+max ([\d,.]+)/.exec(text);
  if (lag) {
    const elu = /ELU (\d+)%/.exec(text);
    screen.eventLoop = {
      lagP50: parseCount(lag[1] as string),
      lagP99: parseCount(lag[2] as string),
      lagMax: parseCount(lag[3] as string),
      utilization: elu ? Number(elu[1]) / 100 : undefined,
    };
  }
  const done = /✓ (\d[\d,]*) done/.exec(text);
  const running = /▶ (\d[\d,]*) running/.exec(text);
  const queued = /· (\d[\d,]*) queued/.exec(text);
  if (done && running && queued) {
    const rate = /^(\d[\d,]*(?:\.\d+)? ?[kM]?\/s) {3}latency p50/m.exec(text);
    screen.tasks = {
      done: parseCount(done[1] as string),
      running: parseCount(running[1] as string),
      queued: parseCount(queued[1] as string),
      rate: rate ? parseRate(rate[1] as string) : undefined,
    };
  }
  const busy = /busy (\d+)\/(\d+)/.exec(text);
  if (busy) {
    const queue = /\bqueue (\d[\d,]*)/.exec(text);
    screen.pool = {
      busy: Number(busy[1]),
      threads: Number(busy[2]),
      queue: queue ? parseCount(queue[1] as string) : undefined,
    };
  }
  return screen;
}
