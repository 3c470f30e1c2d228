// The scoreboard's settings in words: the settings running now, what sets an earlier row apart from them, and
// a row that is settling.

import { findWorkload } from '../../workloads/index.ts';
import { anyPoolSizeText, findModel, poolSizeText } from '../engine/models/model-descriptors.ts';
import type { KnobSpec, ModelName, RunConfig, ScoreboardRow } from '../engine/types.ts';
import { formatCount, formatMs, formatRate } from './format.ts';
import { type CurrentSettings, threadingFor } from './scoreboard-settings.ts';
import { threadingDifference } from './threading-words.ts';

export function settlingText(model: ModelName, settling: { tasksFromBefore: number; forMs: number }): string {
  const tasks = settling.tasksFromBefore;
  return `${model} settling: ${formatCount(tasks)} task${tasks === 1 ? '' : 's'} from before still running, ${formatMs(settling.forMs)}`;
}

function knobText(workload: string, name: string, value: number, specs?: readonly KnobSpec[]): string {
  const unit = (specs ?? findWorkload(workload)?.knobs)?.find((knob) => knob.name === name)?.unit;
  return `${name} ${formatCount(value)}${unit ? ` ${unit}` : ''}`;
}

/** How much load: "1,000 in flight" (closed loop) or "100/s arriving" (open loop). */
export function loadText(mode: RunConfig['mode'], load: number): string {
  return mode === 'closed' ? `${formatCount(load)} in flight` : `${formatRate(load)} arriving`;
}

/** The settings in words: "io-http · 1,000 in flight · 2 worker threads · latency 50 ms". */
export function settingsText(settings: CurrentSettings): string {
  return [
    settings.workload,
    loadText(settings.mode, settings.load),
    anyPoolSizeText(settings.threads),
    ...Object.keys(settings.knobs)
      .sort()
      .map((name) => knobText(settings.workload, name, settings.knobs[name] as number, settings.knobSpecs)),
    ...(settings.payloadKb ? [`payload ${formatCount(settings.payloadKb)} KB`] : []),
  ].join(' · ');
}

/** What sets an earlier row apart from the current settings, in words: "cpu · 8 in flight". */
export function differenceText(row: ScoreboardRow, settings: CurrentSettings): string {
  const { config } = row;
  const parts: string[] = [];
  if (config.workload !== settings.workload) parts.push(config.workload);
  // The same workload file before (or after) a reload: its code version tells the rows apart.
  else if (config.codeVersion !== settings.codeVersion) parts.push(`v${config.codeVersion ?? 1}`);
  if (config.mode !== settings.mode || config.load !== settings.load)
    parts.push(loadText(config.mode, config.load));
  if (config.threads !== undefined && config.threads !== settings.threads) {
    const pool = findModel(config.model)?.pool;
    parts.push(pool ? poolSizeText(pool, config.threads) : anyPoolSizeText(config.threads));
  }
  parts.push(...threadingDifference(config, threadingFor(settings, config.model)));
  const knobNames = Object.keys(config.knobs).sort();
  for (const name of knobNames) {
    const value = config.knobs[name] as number;
    if (config.workload !== settings.workload || settings.knobs[name] !== value) {
      const specs = config.workload === settings.workload ? settings.knobSpecs : undefined;
      parts.push(knobText(config.workload, name, value, specs));
    }
  }
  return parts.join(' · ');
}
