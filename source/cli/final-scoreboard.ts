// The scoreboard printed on the normal screen after the dashboard closes, so the results stay in the
// terminal: plain text in the bench report's shape, one table per load.

import { describeSettings } from '../bench/describe-config.ts';
import { formatRowGroup } from '../bench/format-rows.ts';
import type { ScoreboardRow, Snapshot } from '../engine/types.ts';
import { formatElapsed } from '../ui/format.ts';

/** Rows that counted something: a configuration that never measured has nothing to report. */
function counted(row: ScoreboardRow): boolean {
  return row.activeMs > 0 || row.finished > 0 || row.failed > 0;
}

/** Groups rows by the load they were measured at; the group of the current configuration comes first. */
export function groupByLoad(rows: readonly ScoreboardRow[]): ScoreboardRow[][] {
  const groups = new Map<string, ScoreboardRow[]>();
  for (const row of rows) {
    groups.set(row.loadKey, [...(groups.get(row.loadKey) ?? []), row]);
  }
  const isCurrent = (group: ScoreboardRow[]) => group.some((row) => row.phase !== 'past');
  return [...groups.values()].sort((a, b) => Number(isCurrent(b)) - Number(isCurrent(a)));
}

/**
 * The final scoreboard as text, or undefined when no configuration measured anything. `width`: the terminal's
 * columns, within which each table leaves out what matters least rather than wrap. @default no limit
 */
export function formatFinalScoreboard(
  snapshot: Snapshot,
  width = Number.POSITIVE_INFINITY,
): string | undefined {
  const rows = snapshot.scoreboard.filter(counted);
  if (rows.length === 0) return undefined;
  const { logicalCores, cpuModel } = snapshot.machine;
  const lines = [
    `concur-tui scoreboard · ${formatElapsed(snapshot.at - snapshot.startedAt)} · ${logicalCores} cores (${cpuModel})`,
  ];
  for (const group of groupByLoad(rows)) {
    const [first] = group;
    if (first) lines.push('', describeSettings(first.config), ...formatRowGroup(group, width));
  }
  return `${lines.join('\n')}\n`;
}
