// A talk's script: steps, each with a caption, the settings it applies (absolute, so a step re-applied gives the
// same run) and the claims its slide makes. Read from JSON or YAML; a script that is wrong names its step and field.

import { builtinWorkloads } from '../../workloads/index.ts';
import { modelNames } from '../engine/models/model-descriptors.ts';
import { schedulerLimits } from '../engine/scheduler.ts';
import type { ModelName } from '../engine/types.ts';
import { type Claim, ClaimError, parseClaim } from './claims.ts';

/** The panes a step may name: the dashboard's panes (`PaneName` in source/ui/layout.ts) and the scoreboard. */
export const scriptPaneNames = ['scoreboard', 'eventLoop', 'pool', 'tasks', 'cpu', 'lanes'] as const;
export type ScriptPane = (typeof scriptPaneNames)[number];

/** Longest step title: it is drawn in block letters, about four columns a letter. */
export const stepTitleLength = 12;

export type ScriptStep = {
  caption: string;
  /** A word or two drawn in block letters beside the caption (letters, digits, spaces and `-./+!?`). */
  title?: string;
  /** The only panes shown while the step is (the header and footer stay); all of them when absent. */
  panes?: ScriptPane[];
  workload?: string;
  model?: ModelName;
  /** Tasks in flight (closed loop); exclusive with `rate`. */
  concurrency?: number;
  /** Arrivals per second (open loop). */
  rate?: number;
  threads?: number;
  gil?: boolean;
  /** When to move on: once the row has counted a while after settling, after N seconds, or on a key. */
  advance: 'settled' | 'key' | { seconds: number };
  claims: Claim[];
};

export type Script = { title: string; steps: ScriptStep[] };

export class ScriptError extends Error {}

const knownFields = new Set([
  'caption',
  'title',
  'panes',
  'workload',
  'model',
  'concurrency',
  'rate',
  'threads',
  'gil',
  'advance',
  'claims',
]);

function wholeIn(value: unknown, low: number, high: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= low && value <= high;
}

function parseStep(raw: unknown, where: string): ScriptStep {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ScriptError(`${where} is not an object`);
  const step = raw as Record<string, unknown>;
  const unknown = Object.keys(step).find((key) => !knownFields.has(key));
  if (unknown !== undefined) {
    throw new ScriptError(`${where}: unknown field "${unknown}" (fields: ${[...knownFields].join(', ')})`);
  }
  if (typeof step.caption !== 'string' || step.caption.trim() === '')
    throw new ScriptError(`${where}: "caption" must be a non-empty string`);
  const parsed: ScriptStep = { caption: step.caption.trim(), advance: 'settled', claims: [] };
  if (step.title !== undefined) parsed.title = parseTitle(step.title, where);
  if (step.panes !== undefined) parsed.panes = parsePanes(step.panes, where);
  if (step.workload !== undefined) {
    const names = builtinWorkloads.map((workload) => workload.name);
    if (typeof step.workload !== 'string' || !names.includes(step.workload)) {
      throw new ScriptError(`${where}: "workload" must be one of ${names.join(', ')}`);
    }
    parsed.workload = step.workload;
  }
  if (step.model !== undefined) {
    const model = modelNames().find((name) => name === step.model);
    if (!model) throw new ScriptError(`${where}: "model" must be one of ${modelNames().join(', ')}`);
    parsed.model = model;
  }
  if (step.concurrency !== undefined && step.rate !== undefined)
    throw new ScriptError(`${where}: give "concurrency" or "rate", not both`);
  if (step.concurrency !== undefined) {
    if (!wholeIn(step.concurrency, 1, schedulerLimits.concurrency)) {
      throw new ScriptError(
        `${where}: "concurrency" must be a whole number from 1 to ${schedulerLimits.concurrency}`,
      );
    }
    parsed.concurrency = step.concurrency;
  }
  if (step.rate !== undefined) {
    if (typeof step.rate !== 'number' || !(step.rate >= 0.1 && step.rate <= schedulerLimits.rate)) {
      throw new ScriptError(`${where}: "rate" must be a number from 0.1 to ${schedulerLimits.rate}`);
    }
    parsed.rate = step.rate;
  }
  if (step.threads !== undefined) {
    if (!wholeIn(step.threads, 1, 64))
      throw new ScriptError(`${where}: "threads" must be a whole number from 1 to 64`);
    parsed.threads = step.threads;
  }
  if (step.gil !== undefined) {
    if (typeof step.gil !== 'boolean') throw new ScriptError(`${where}: "gil" must be true or false`);
    parsed.gil = step.gil;
  }
  parsed.advance = parseAdvance(step.advance, where);
  if (step.claims !== undefined) {
    if (!Array.isArray(step.claims) || step.claims.some((claim) => typeof claim !== 'string')) {
      throw new ScriptError(`${where}: "claims" must be a list of strings`);
    }
    parsed.claims = (step.claims as string[]).map((claim) => {
      try {
        return parseClaim(claim);
      } catch (error) {
        if (error instanceof ClaimError) throw new ScriptError(`${where}: ${error.message}`);
        throw error;
      }
    });
  }
  return parsed;
}

function parseTitle(title: unknown, where: string): string {
  const text = typeof title === 'string' ? title.trim() : '';
  if (text === '' || Array.from(text).length > stepTitleLength || !/^[a-z0-9 .\-/+!?]+$/i.test(text)) {
    throw new ScriptError(
      `${where}: "title" must be 1 to ${stepTitleLength} letters, digits, spaces or -./+!? (it is drawn in block letters)`,
    );
  }
  return text;
}

function parsePanes(panes: unknown, where: string): ScriptPane[] {
  const names: readonly string[] = scriptPaneNames;
  const wrong = Array.isArray(panes)
    ? panes.find((pane) => typeof pane !== 'string' || !names.includes(pane))
    : undefined;
  if (!Array.isArray(panes) || panes.length === 0 || wrong !== undefined) {
    const what = wrong === undefined ? '' : ` (not ${JSON.stringify(wrong)})`;
    throw new ScriptError(`${where}: "panes" must be a non-empty list of ${names.join(', ')}${what}`);
  }
  return [...new Set(panes as ScriptPane[])];
}

function parseAdvance(advance: unknown, where: string): ScriptStep['advance'] {
  if (advance === undefined || advance === 'settled' || advance === 'key') return advance ?? 'settled';
  const seconds = (advance as { seconds?: unknown } | null)?.seconds;
  if (typeof advance === 'object' && typeof seconds === 'number' && seconds > 0 && seconds <= 600)
    return { seconds };
  throw new ScriptError(`${where}: "advance" must be "settled", "key" or { "seconds": 1–600 }`);
}

/** Reads a script's JSON text; `name` (the file) starts every error. */
export function parseScript(text: string, name: string): Script {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ScriptError(`${name} is not JSON: ${(error as Error).message}`);
  }
  return scriptOf(raw, name);
}

/** Reads a script's YAML text (loaded on use: only YAML scripts pay for the parser). */
export async function parseYamlScript(text: string, name: string): Promise<Script> {
  const loaded = await import('yaml');
  // A CommonJS package: Node gives its exports by name and as `default`, the bundle as `default` only.
  const { parse, YAMLParseError } = loaded.default ?? loaded;
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const line = error.linePos?.[0].line;
    throw new ScriptError(
      `${name} is not YAML${line === undefined ? '' : ` (line ${line})`}: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
    );
  }
  return scriptOf(raw, name);
}

/** A script from its parsed value (JSON or YAML alike). */
export function scriptOf(raw: unknown, name: string): Script {
  const script = raw as { title?: unknown; steps?: unknown };
  if (typeof raw !== 'object' || raw === null || !Array.isArray(script.steps) || script.steps.length === 0) {
    throw new ScriptError(`${name}: a script is an object with a non-empty "steps" list`);
  }
  const steps = script.steps.map((step, index) => parseStep(step, `${name}: step ${index + 1}`));
  // The loop's kind is set when the run starts: a script keeps the one its first load setting chose.
  const byRate =
    steps.find((step) => step.concurrency !== undefined || step.rate !== undefined)?.rate !== undefined;
  const mixed = steps.findIndex((step) => (byRate ? step.concurrency : step.rate) !== undefined);
  if (mixed >= 0) {
    throw new ScriptError(
      `${name}: step ${mixed + 1}: this script runs ${byRate ? 'an open loop (it sets "rate")' : 'a closed loop (it sets "concurrency")'}, so it sets ${byRate ? '"rate"' : '"concurrency"'} throughout`,
    );
  }
  const first = steps[0] as ScriptStep;
  if (first.workload === undefined || first.model === undefined) {
    throw new ScriptError(
      `${name}: step 1 must set "workload" and "model" (every later step starts from the one before)`,
    );
  }
  return { title: typeof script.title === 'string' ? script.title : name, steps };
}
